"""Pack ``ce-groups-2009``: the Chief Executive, Directors and political groups (December 2009)."""

from __future__ import annotations

from collections.abc import Iterator

from propriety.domain.effects import Effect
from propriety.domain.events import BriefingGiven, BriefingOffered
from propriety.protocols.parity import offer_to_other_groups
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("ce-groups-2009")


@pack.rule(on=(BriefingGiven, BriefingOffered), clauses=["ce-groups-2009/2.1"])
def information_for_one_group_offered_to_all(e: BriefingGiven | BriefingOffered, ctx: RuleContext) -> Iterator[Effect]:
    """Information given to one group, unless routine or trivial, is offered to every group."""
    if isinstance(e, BriefingGiven) and e.routine:
        return
    yield from offer_to_other_groups(
        e,
        ctx,
        clause="ce-groups-2009/2.1",
        days=ctx.param("briefing_parity.offer_working_days"),
        why="Information that is not routine or trivial, given to one group, must be offered to all groups.",
    )
