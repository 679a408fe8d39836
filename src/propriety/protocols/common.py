"""Small helpers the packs share: resolving people and wording reasons."""

from __future__ import annotations

from collections.abc import Iterable

from propriety.domain.organisation import Organisation

NOT_COUNCIL_MEMBERS = frozenset({"elected-member-of-another-authority", "party-member", "member-of-public"})
"""People at a group meeting who are not members of this council (council staff excepted)."""

NOT_MEMBERS_OR_STAFF = NOT_COUNCIL_MEMBERS
"""People neither members of the council nor in its service (ce-groups-2009/2.5)."""

NOT_ELECTED_ANYWHERE = frozenset({"party-member", "member-of-public"})
"""People who are not elected members of any local authority (lc-member-officer-2019/6.non-members)."""


def name(org: Organisation, pid: str | None) -> str:
    """A person's name for a reason a councillor will read; the id if unknown."""
    if pid is None:
        return "nobody"
    try:
        return org.person(pid).name
    except LookupError:
        return pid


def names(org: Organisation, pids: Iterable[str]) -> str:
    listed = [name(org, p) for p in pids]
    if not listed:
        return "nobody"
    if len(listed) == 1:
        return listed[0]
    return ", ".join(listed[:-1]) + " and " + listed[-1]
