"""Parity between party groups: what one group is given, every other group is offered.

Shared by ce-groups-2009/2.1 and islington-2006/4.5(b). The engine keeps, per clause and
matter, which groups have been briefed, offered or already owed an offer, so that an offer
to a second group neither obliges a fresh offer back to the first nor revives a duty that
was settled or waived. A matter first briefed as routine stays outside the duty (``exempt``).
"""

from __future__ import annotations

from collections.abc import Iterator

from propriety.domain.effects import Effect, Obligation, Remember, on
from propriety.domain.events import BriefingGiven, BriefingOffered
from propriety.protocols.common import name
from propriety.protocols.registry import RuleContext


def offer_to_other_groups(
    e: BriefingGiven | BriefingOffered,
    ctx: RuleContext,
    *,
    clause: str,
    days: int,
    why: str,
    exempt: bool = False,
) -> Iterator[Effect]:
    """Open a duty to offer the briefing on ``e.matter`` to each group not yet reached or owed."""
    reached = [e.group] if isinstance(e, BriefingOffered) else list(e.groups)
    case_key = f"parity:{clause}:{e.matter}"
    case = ctx.ledger.case(case_key) or {}
    known = set(case.get("reached", ()))
    known.update(reached)
    if exempt or case.get("exempt"):
        yield Remember(case_key, (("reached", tuple(sorted(known))), ("exempt", True)))
        return
    due = ctx.calendar.due_date(e.at, days)
    # A confidential briefing's matter must be named for the offer to mean anything, but which
    # group had it is that group's business (ce-groups-2009/1.minority, islington-2006/4.2(c)).
    confidential = getattr(e, "confidential", False)
    briefed = "another group" if confidential else ", ".join(_group_names(ctx, reached))
    for group in ctx.org.groups():
        gid = group.id
        if gid in known:
            continue
        known.add(gid)
        yield Obligation(
            key=f"{clause}:{e.matter}:{gid}",
            holder=e.by,
            duty=f"Offer the briefing on {e.matter} to {group.name}",
            due=due,
            clauses=(clause,),
            reason=f"{name(ctx.org, e.by)} briefed {briefed} on {e.matter}. {why}",
            fulfilled_by=(
                on("BriefingOffered", group=gid, matter=e.matter),
                on("BriefingGiven", groups=gid, matter=e.matter),
            ),
            subject=e.matter,
            beneficiary=ctx.org.group_leader(gid, ctx.on),
        )
    yield Remember(case_key, (("reached", tuple(sorted(known))),))


def _group_names(ctx: RuleContext, gids: list[str]) -> list[str]:
    out = []
    for gid in gids:
        try:
            out.append(ctx.org.group(gid).name)
        except LookupError:
            out.append(gid)
    return out
