"""The parity report: for each matter, what each party group was offered and given, and when.

Serves ce-groups-2009/2.1 and islington-2006/4.5(b) (a briefing for one group is offered to
all), officers-groups/13 and lc-member-officer-2019/6.requests (groups served alike). A gap
is a group that was neither briefed nor offered a briefing on a matter another group had.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from propriety.domain.events import BriefingGiven, BriefingOffered, BriefingRequested, Event


@dataclass
class GroupParity:
    """One group's history on one matter: first request, offer and briefing dates."""

    requested: date | None = None
    offered: date | None = None
    given: date | None = None

    @property
    def reached(self) -> bool:
        return self.offered is not None or self.given is not None


@dataclass
class MatterParity:
    matter: str
    groups: dict[str, GroupParity] = field(default_factory=dict)

    def gaps(self) -> list[str]:
        """Groups left out while at least one other group was briefed."""
        if not any(g.given for g in self.groups.values()):
            return []
        return sorted(gid for gid, g in self.groups.items() if not g.reached)


def _first(current: date | None, new: date) -> date:
    return new if current is None or new < current else current


def parity_report(events: Iterable[Event], group_ids: Iterable[str], tz: object) -> list[MatterParity]:
    """Build the matrix from the briefing events in a log, for the given groups."""
    from zoneinfo import ZoneInfo

    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(str(tz))
    groups = list(group_ids)
    matters: dict[str, MatterParity] = {}

    def cell(matter: str, group: str) -> GroupParity:
        row = matters.setdefault(matter, MatterParity(matter, {g: GroupParity() for g in groups}))
        return row.groups.setdefault(group, GroupParity())

    for e in events:
        day = e.at.astimezone(zone).date()
        if isinstance(e, BriefingGiven) and not e.routine:
            for g in e.groups:
                c = cell(e.matter, g)
                c.given = _first(c.given, day)
        elif isinstance(e, BriefingOffered):
            c = cell(e.matter, e.group)
            c.offered = _first(c.offered, day)
        elif isinstance(e, BriefingRequested):
            c = cell(e.matter, e.group)
            c.requested = _first(c.requested, day)
    return [matters[m] for m in sorted(matters)]
