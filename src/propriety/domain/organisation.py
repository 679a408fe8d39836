"""The organisation model: who holds which post or role in an authority, and when.

Protocol rules ask questions of it ("who are the Group Leaders today?", "is this officer a Chief
Officer?", "who is this officer's Director?") and never touch a database. Every query takes the date
it is asked about, because posts change hands: a Group Leader replaced mid-year is the leader for
events before the change and not after.

Clauses it serves directly:

* islington-2006/1.3 — who counts as a Chief Officer (:meth:`Organisation.is_chief_officer`);
* lc-member-officer-2019/5.restricted — politically restricted posts, designated ones and senior posts
  (:meth:`Organisation.is_politically_restricted`);
* lc-groups-2019/roles.1–roles.4 and budget — Political Advisers attached to one party group, and each
  group's budget (:meth:`Organisation.advisers`, :class:`PartyGroup`);
* lc-member-officer-2019/13.* and islington-2006/5.2 — complaint routing by line management
  (:meth:`Organisation.line_manager`, :meth:`Organisation.director_of`).

Pure domain: no I/O. ``propriety.adapters.orgfile`` reads an organisation from YAML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Literal, TypeVar

PersonKind = Literal["member", "officer", "adviser", "external"]
BodyKind = Literal["committee", "member-body", "executive", "joint-board", "council", "sub-committee", "panel"]
RestrictionCriterion = Literal["advice", "media", "senior"]
RepresentativeKind = Literal["mp", "mep", "gla-member", "peer"]
ScopeField = Literal["group", "body", "ward", "directorate", "portfolio", "party", "representative_kind"]


class Role(StrEnum):
    """A post or role a person can hold. Scoped roles name their scope in :data:`ROLE_SCOPE`."""

    # Members (elected councillors).
    COUNCILLOR = "councillor"
    GROUP_MEMBER = "group-member"
    GROUP_LEADER = "group-leader"
    DEPUTY_GROUP_LEADER = "deputy-group-leader"
    GROUP_SECRETARY = "group-secretary"
    LEADER_OF_COUNCIL = "leader-of-council"
    DEPUTY_LEADER_OF_COUNCIL = "deputy-leader-of-council"
    EXECUTIVE_MEMBER = "executive-member"
    COMMITTEE_CHAIR = "committee-chair"
    COMMITTEE_VICE_CHAIR = "committee-vice-chair"
    COMMITTEE_MEMBER = "committee-member"
    MAYOR = "mayor"
    DEPUTY_MAYOR = "deputy-mayor"
    WARD_COUNCILLOR = "ward-councillor"
    OPPOSITION_PORTFOLIO_LEAD = "opposition-portfolio-lead"
    CHAIR_OF_BODY = "chair-of-body"
    ELECTED_OFFICER = "elected-officer"
    # Officers (paid staff).
    CHIEF_EXECUTIVE = "chief-executive"
    DEPUTY_CHIEF_EXECUTIVE = "deputy-chief-executive"
    DIRECTOR = "director"
    ASSISTANT_DIRECTOR = "assistant-director"
    HEAD_OF_SERVICE = "head-of-service"
    OFFICER = "officer"
    MONITORING_OFFICER = "monitoring-officer"
    CHIEF_FINANCE_OFFICER = "chief-finance-officer"
    HEAD_OF_GOVERNANCE = "head-of-governance"
    HEAD_OF_DEMOCRATIC_SERVICES = "head-of-democratic-services"
    MEDIA_OFFICE = "media-office"
    COMMUNICATIONS_TEAM = "communications-team"
    COMPLAINTS_MONITORING_OFFICER = "complaints-monitoring-officer"
    MANAGEMENT_TEAM = "management-team"
    CORPORATE_MANAGEMENT_BOARD = "corporate-management-board"
    HR = "hr"
    # Political group staff.
    POLITICAL_ADVISER = "political-adviser"
    HEAD_OF_GROUP_OFFICE = "head-of-group-office"
    # People from outside the authority.
    OUTSIDE_REPRESENTATIVE = "outside-representative"
    INDEPENDENT_PERSON = "independent-person"


_GROUP: tuple[ScopeField, ...] = ("group",)
_BODY: tuple[ScopeField, ...] = ("body",)
_DIRECTORATE: tuple[ScopeField, ...] = ("directorate",)
_PORTFOLIO: tuple[ScopeField, ...] = ("portfolio",)

#: The scope fields an appointment to each role must carry (empty: the role is authority-wide).
ROLE_SCOPE: Mapping[Role, tuple[ScopeField, ...]] = MappingProxyType(
    {
        **{role: () for role in Role},
        Role.GROUP_MEMBER: _GROUP,
        Role.GROUP_LEADER: _GROUP,
        Role.DEPUTY_GROUP_LEADER: _GROUP,
        Role.GROUP_SECRETARY: _GROUP,
        Role.EXECUTIVE_MEMBER: _PORTFOLIO,
        Role.COMMITTEE_CHAIR: _BODY,
        Role.COMMITTEE_VICE_CHAIR: _BODY,
        Role.COMMITTEE_MEMBER: _BODY,
        Role.WARD_COUNCILLOR: ("ward",),
        Role.OPPOSITION_PORTFOLIO_LEAD: _PORTFOLIO,
        Role.DIRECTOR: _DIRECTORATE,
        Role.ASSISTANT_DIRECTOR: _DIRECTORATE,
        Role.HEAD_OF_SERVICE: _DIRECTORATE,
        Role.OFFICER: _DIRECTORATE,
        Role.POLITICAL_ADVISER: _GROUP,
        Role.HEAD_OF_GROUP_OFFICE: _GROUP,
        Role.OUTSIDE_REPRESENTATIVE: ("party", "representative_kind"),
    }
)

#: Roles only an elected member may hold.
MEMBER_ROLES = frozenset(
    {
        Role.COUNCILLOR,
        Role.GROUP_MEMBER,
        Role.GROUP_LEADER,
        Role.DEPUTY_GROUP_LEADER,
        Role.GROUP_SECRETARY,
        Role.LEADER_OF_COUNCIL,
        Role.DEPUTY_LEADER_OF_COUNCIL,
        Role.EXECUTIVE_MEMBER,
        Role.COMMITTEE_CHAIR,
        Role.COMMITTEE_VICE_CHAIR,
        Role.COMMITTEE_MEMBER,
        Role.MAYOR,
        Role.DEPUTY_MAYOR,
        Role.WARD_COUNCILLOR,
        Role.OPPOSITION_PORTFOLIO_LEAD,
        Role.CHAIR_OF_BODY,
        Role.ELECTED_OFFICER,
    }
)
#: Posts held by paid officers of the authority.
OFFICER_ROLES = frozenset(
    {
        Role.CHIEF_EXECUTIVE,
        Role.DEPUTY_CHIEF_EXECUTIVE,
        Role.DIRECTOR,
        Role.ASSISTANT_DIRECTOR,
        Role.HEAD_OF_SERVICE,
        Role.OFFICER,
        Role.MONITORING_OFFICER,
        Role.CHIEF_FINANCE_OFFICER,
        Role.HEAD_OF_GOVERNANCE,
        Role.HEAD_OF_DEMOCRATIC_SERVICES,
        Role.MEDIA_OFFICE,
        Role.COMMUNICATIONS_TEAM,
        Role.COMPLAINTS_MONITORING_OFFICER,
        Role.MANAGEMENT_TEAM,
        Role.CORPORATE_MANAGEMENT_BOARD,
        Role.HR,
    }
)
ADVISER_ROLES = frozenset({Role.POLITICAL_ADVISER, Role.HEAD_OF_GROUP_OFFICE})
GROUP_MEMBERSHIP_ROLES = (
    Role.GROUP_MEMBER,
    Role.GROUP_LEADER,
    Role.DEPUTY_GROUP_LEADER,
    Role.GROUP_SECRETARY,
)
#: Senior posts politically restricted without designation (lc-member-officer-2019/5.restricted (c)).
SENIOR_ROLES = frozenset(
    {
        Role.CHIEF_EXECUTIVE,
        Role.DEPUTY_CHIEF_EXECUTIVE,
        Role.DIRECTOR,
        Role.ASSISTANT_DIRECTOR,
        Role.MONITORING_OFFICER,
        Role.CHIEF_FINANCE_OFFICER,
    }
)

_MEMBER: frozenset[PersonKind] = frozenset({"member"})
#: Which kinds of person may hold each role. Co-opted outsiders may sit on committees; an MP or peer
#: may also be a councillor elsewhere, so outside representatives may be members or external.
ROLE_PERSON_KINDS: Mapping[Role, frozenset[PersonKind]] = MappingProxyType(
    {
        **{role: _MEMBER for role in MEMBER_ROLES},
        **{role: frozenset({"officer"}) for role in OFFICER_ROLES},
        Role.COMMITTEE_MEMBER: frozenset({"member", "external"}),
        Role.POLITICAL_ADVISER: frozenset({"adviser"}),
        Role.HEAD_OF_GROUP_OFFICE: frozenset({"adviser", "officer"}),
        Role.OUTSIDE_REPRESENTATIVE: frozenset({"external", "member"}),
        Role.INDEPENDENT_PERSON: frozenset({"external"}),
    }
)


class UnknownReference(LookupError):
    """A query named a person, group, body, ward, directorate or role the organisation does not hold."""

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(f"unknown {kind} {id!r}")
        self.kind = kind
        self.id = id


@dataclass(frozen=True, slots=True)
class Authority:
    id: str
    name: str
    kind: str
    timezone: str = "Europe/London"


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    kind: PersonKind
    party: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Appointment:
    """One person holding one role, from ``start`` to ``end`` inclusive (``end`` None: still held)."""

    person: str
    role: Role
    start: date
    end: date | None = None
    group: str | None = None
    body: str | None = None
    ward: str | None = None
    directorate: str | None = None
    portfolio: str | None = None
    reports_to: str | None = None
    representative_kind: RepresentativeKind | None = None
    party: str | None = None

    def active_on(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Budget:
    """A party group's yearly budget, managed by its Political Adviser (lc-groups-2019/budget)."""

    amount: Decimal
    year: int
    currency: str = "GBP"


@dataclass(frozen=True, slots=True)
class PartyGroup:
    id: str
    name: str
    party: str
    budget: Budget | None = None


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    name: str
    kind: BodyKind


@dataclass(frozen=True, slots=True)
class Ward:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Directorate:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class RestrictedPost:
    """A post designated politically restricted (lc-member-officer-2019/5.restricted (a)-(c))."""

    id: str
    title: str
    holder: str | None
    criterion: RestrictionCriterion
    start: date
    end: date | None = None

    def active_on(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


_Entity = TypeVar("_Entity", Person, PartyGroup, Body, Ward, Directorate, RestrictedPost)
_T = TypeVar("_T")


def _by_id(items: Iterable[_Entity], kind: str) -> dict[str, _Entity]:
    index: dict[str, _Entity] = {}
    for item in items:
        if item.id in index:
            raise ValueError(f"duplicate {kind} id {item.id!r}")
        index[item.id] = item
    return dict(sorted(index.items()))


class Organisation:
    """Queries over an authority's people and appointments, as at a given date.

    Lists come back as tuples sorted by person id, so rules and their tests are deterministic. A query
    answering with one person (``group_leader``, ``chief_executive``...) picks, if two appointments
    overlap on that date, the one that started last (then the lower person id). Passing an id the
    organisation does not hold raises :class:`UnknownReference`; so does building one with an
    appointment for an unknown person. Two entities of one kind with the same id raise ValueError.
    """

    __slots__ = (
        "_appointments",
        "_bodies",
        "_by_person",
        "_by_role",
        "_by_role_scope",
        "_directorates",
        "_groups",
        "_people",
        "_restricted",
        "_wards",
        "authority",
    )

    def __init__(
        self,
        authority: Authority,
        *,
        people: Iterable[Person] = (),
        appointments: Iterable[Appointment] = (),
        groups: Iterable[PartyGroup] = (),
        bodies: Iterable[Body] = (),
        wards: Iterable[Ward] = (),
        directorates: Iterable[Directorate] = (),
        restricted_posts: Iterable[RestrictedPost] = (),
    ) -> None:
        self.authority = authority
        self._people = _by_id(people, "person")
        self._groups = _by_id(groups, "group")
        self._bodies = _by_id(bodies, "body")
        self._wards = _by_id(wards, "ward")
        self._directorates = _by_id(directorates, "directorate")
        self._restricted = tuple(_by_id(restricted_posts, "restricted post").values())
        self._appointments = tuple(appointments)
        by_person: dict[str, list[Appointment]] = {pid: [] for pid in self._people}
        by_role: dict[Role, list[Appointment]] = {role: [] for role in Role}
        by_role_scope: dict[tuple[Role, str], list[Appointment]] = {}
        for appt in self._appointments:
            self._person(appt.person)
            by_person[appt.person].append(appt)
            by_role[appt.role].append(appt)
            scope = ROLE_SCOPE[appt.role]
            if scope and (value := getattr(appt, scope[0])) is not None:
                by_role_scope.setdefault((appt.role, value), []).append(appt)
        self._by_person = {k: tuple(v) for k, v in by_person.items()}
        self._by_role = {k: tuple(v) for k, v in by_role.items()}
        self._by_role_scope = {k: tuple(v) for k, v in by_role_scope.items()}

    # -- entities ---------------------------------------------------------------------------------

    def person(self, pid: str) -> Person:
        return self._person(pid)

    def people(self) -> tuple[Person, ...]:
        return tuple(self._people.values())

    def group(self, gid: str) -> PartyGroup:
        return _get(self._groups, "group", gid)

    def groups(self) -> tuple[PartyGroup, ...]:
        return tuple(self._groups.values())

    def body(self, bid: str) -> Body:
        return _get(self._bodies, "body", bid)

    def bodies(self) -> tuple[Body, ...]:
        return tuple(self._bodies.values())

    def ward(self, wid: str) -> Ward:
        return _get(self._wards, "ward", wid)

    def wards(self) -> tuple[Ward, ...]:
        return tuple(self._wards.values())

    def directorate(self, did: str) -> Directorate:
        return _get(self._directorates, "directorate", did)

    def directorates(self) -> tuple[Directorate, ...]:
        return tuple(self._directorates.values())

    def restricted_posts(self) -> tuple[RestrictedPost, ...]:
        return self._restricted

    def appointments(self) -> tuple[Appointment, ...]:
        """Every appointment, past, present and future, in the order given."""
        return self._appointments

    # -- roles --------------------------------------------------------------------------------------

    def appointments_of(self, pid: str, on: date) -> tuple[Appointment, ...]:
        self._person(pid)
        return tuple(a for a in self._by_person[pid] if a.active_on(on))

    def has_role(
        self,
        pid: str,
        role: Role | str,
        on: date,
        *,
        group: str | None = None,
        body: str | None = None,
        ward: str | None = None,
        directorate: str | None = None,
        portfolio: str | None = None,
    ) -> bool:
        """Whether ``pid`` holds ``role`` on ``on``; a scope argument left as None matches any scope."""
        self._person(pid)
        wanted = self._role(role)
        self._check_scope(group, body, ward, directorate)
        return any(
            a.role is wanted and a.active_on(on) and _in_scope(a, group, body, ward, directorate, portfolio)
            for a in self._by_person[pid]
        )

    def holders(
        self,
        role: Role | str,
        on: date,
        *,
        group: str | None = None,
        body: str | None = None,
        ward: str | None = None,
        directorate: str | None = None,
        portfolio: str | None = None,
    ) -> tuple[str, ...]:
        """The people holding ``role`` on ``on`` (within the given scope), sorted by id."""
        matches = self._matching(self._role(role), on, group, body, ward, directorate, portfolio)
        return tuple(sorted({a.person for a in matches}))

    def is_councillor(self, pid: str, on: date) -> bool:
        return self.has_role(pid, Role.COUNCILLOR, on)

    def is_officer(self, pid: str, on: date) -> bool:
        """A person of kind officer holding at least one officer post on ``on``."""
        return self._person(pid).kind == "officer" and self._holds_any(pid, OFFICER_ROLES, on)

    def is_member_of_staff(self, pid: str, on: date) -> bool:
        """An officer, or a Political Adviser / group office head in post on ``on``."""
        if self.is_officer(pid, on):
            return True
        return self._person(pid).kind == "adviser" and self._holds_any(pid, ADVISER_ROLES, on)

    # -- party groups (lc-groups-2019, officers-groups, ce-groups-2009) ----------------------------

    def group_of(self, pid: str, on: date) -> str | None:
        """The party group of a councillor (by any group role) or of a Political Adviser."""
        self._person(pid)
        roles = {*GROUP_MEMBERSHIP_ROLES, Role.POLITICAL_ADVISER}
        found = [a for a in self._by_person[pid] if a.role in roles and a.active_on(on)]
        return _latest(found).group if found else None

    def group_members(self, gid: str, on: date) -> tuple[str, ...]:
        """Councillors in the group, its leader, deputy and secretary included."""
        self.group(gid)
        members: set[str] = set()
        for role in GROUP_MEMBERSHIP_ROLES:
            members.update(self.holders(role, on, group=gid))
        return tuple(sorted(members))

    def group_leader(self, gid: str, on: date) -> str | None:
        return self._single(Role.GROUP_LEADER, on, group=self.group(gid).id)

    def group_secretary(self, gid: str, on: date) -> str | None:
        return self._single(Role.GROUP_SECRETARY, on, group=self.group(gid).id)

    def group_leaders(self, on: date) -> tuple[str, ...]:
        """The leaders of every party group on ``on``."""
        return self.holders(Role.GROUP_LEADER, on)

    def advisers(self, gid: str, on: date) -> tuple[str, ...]:
        """The group's Political Advisers (lc-groups-2019/roles.1-roles.4)."""
        return self.holders(Role.POLITICAL_ADVISER, on, group=gid)

    def all_advisers(self, on: date) -> tuple[str, ...]:
        return self.holders(Role.POLITICAL_ADVISER, on)

    # -- wards, bodies, portfolios -------------------------------------------------------------------

    def ward_councillors(self, wid: str, on: date) -> tuple[str, ...]:
        """Every councillor for the ward, of every party (islington-2006/4.4(b))."""
        return self.holders(Role.WARD_COUNCILLOR, on, ward=wid)

    def wards_of(self, pid: str, on: date) -> tuple[str, ...]:
        return tuple(sorted({a.ward for a in self._active(pid, Role.WARD_COUNCILLOR, on) if a.ward}))

    def body_chair(self, bid: str, on: date) -> str | None:
        return self._single(Role.COMMITTEE_CHAIR, on, body=self.body(bid).id)

    def body_vice_chair(self, bid: str, on: date) -> str | None:
        return self._single(Role.COMMITTEE_VICE_CHAIR, on, body=self.body(bid).id)

    def body_members(self, bid: str, on: date) -> tuple[str, ...]:
        """Members of the body, its chair and vice-chair included."""
        roles = (Role.COMMITTEE_MEMBER, Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR)
        return tuple(sorted({pid for role in roles for pid in self.holders(role, on, body=bid)}))

    def executive_member_for(self, portfolio: str, on: date) -> str | None:
        return self._single(Role.EXECUTIVE_MEMBER, on, portfolio=portfolio)

    # -- statutory and corporate posts ------------------------------------------------------------

    def chief_executive(self, on: date) -> str | None:
        """The Head of Paid Service."""
        return self._single(Role.CHIEF_EXECUTIVE, on)

    def monitoring_officer(self, on: date) -> str | None:
        return self._single(Role.MONITORING_OFFICER, on)

    def head_of_governance(self, on: date) -> str | None:
        return self._single(Role.HEAD_OF_GOVERNANCE, on)

    def media_office(self, on: date) -> tuple[str, ...]:
        """The officers of the media office (islington-2006/7.3(a))."""
        return self.holders(Role.MEDIA_OFFICE, on)

    def complaints_monitoring_officer(self, on: date) -> str | None:
        """The officer the CE nominated to monitor complaints (lc-member-officer-2019/13.monitoring)."""
        return self._single(Role.COMPLAINTS_MONITORING_OFFICER, on)

    def chair_of_body(self, on: date) -> str | None:
        """The Chair of the authority itself (e.g. of a joint body such as London Councils)."""
        return self._single(Role.CHAIR_OF_BODY, on)

    def outside_representatives(self, party: str, on: date) -> tuple[str, ...]:
        """A party's MPs, MEPs, GLA members and peers (lc-groups-2019/outside)."""
        found = self._matching(Role.OUTSIDE_REPRESENTATIVE, on, None, None, None, None, None)
        return tuple(sorted({a.person for a in found if a.party == party}))

    # -- line management (lc-member-officer-2019/13, islington-2006/1.3 and 5.2) -------------------

    def line_manager(self, pid: str, on: date) -> str | None:
        """Whom ``pid`` reports to on ``on``: the ``reports_to`` of their current post.

        With several current posts naming a line manager, the most recently started one counts.
        """
        self._person(pid)
        found = [a for a in self._by_person[pid] if a.reports_to is not None and a.active_on(on)]
        return _latest(found).reports_to if found else None

    def director_of(self, pid: str, on: date) -> str | None:
        """The first Director above ``pid`` in the line-management chain, or None.

        The search starts at the line manager, so a Director's own ``director_of`` is the Director
        above them, if any — not themselves. A chain that reaches the Chief Executive (or ends, or
        loops) without passing a Director gives None.
        """
        seen = {pid}
        current = self.line_manager(pid, on)
        while current is not None and current not in seen:
            if self.has_role(current, Role.DIRECTOR, on):
                return current
            if self.has_role(current, Role.CHIEF_EXECUTIVE, on):
                return None
            seen.add(current)
            current = self.line_manager(current, on)
        return None

    def is_chief_officer(self, pid: str, on: date) -> bool:
        """islington-2006/1.3: the Chief Executive, Directors, Assistant Directors, and other officers
        reporting directly to a Director."""
        if not self.is_officer(pid, on):
            return False
        senior = (Role.CHIEF_EXECUTIVE, Role.DIRECTOR, Role.ASSISTANT_DIRECTOR)
        if self._holds_any(pid, senior, on):
            return True
        manager = self.line_manager(pid, on)
        return manager is not None and self.has_role(manager, Role.DIRECTOR, on)

    def is_politically_restricted(self, pid: str, on: date) -> bool:
        """lc-member-officer-2019/5.restricted: holds a designated restricted post on ``on``, or a senior
        post (the senior-appointment criterion (c): the head of paid service and chief officers of either kind)."""
        self._person(pid)
        if any(p.holder == pid and p.active_on(on) for p in self._restricted):
            return True
        return self._holds_any(pid, SENIOR_ROLES, on)

    # -- helpers ------------------------------------------------------------------------------------

    def _person(self, pid: str) -> Person:
        return _get(self._people, "person", pid)

    def _role(self, role: Role | str) -> Role:
        try:
            return Role(role)
        except ValueError:
            raise UnknownReference("role", str(role)) from None

    def _check_scope(self, group: str | None, body: str | None, ward: str | None, directorate: str | None) -> None:
        for kind, index, value in (
            ("group", self._groups, group),
            ("body", self._bodies, body),
            ("ward", self._wards, ward),
            ("directorate", self._directorates, directorate),
        ):
            if value is not None and value not in index:
                raise UnknownReference(kind, value)

    def _holds_any(self, pid: str, roles: Iterable[Role], on: date) -> bool:
        wanted = frozenset(roles)
        return any(a.role in wanted and a.active_on(on) for a in self._by_person[pid])

    def _active(self, pid: str, role: Role, on: date) -> list[Appointment]:
        self._person(pid)
        return [a for a in self._by_person[pid] if a.role is role and a.active_on(on)]

    def _matching(
        self,
        role: Role,
        on: date,
        group: str | None,
        body: str | None,
        ward: str | None,
        directorate: str | None,
        portfolio: str | None,
    ) -> list[Appointment]:
        self._check_scope(group, body, ward, directorate)
        candidates = self._by_role[role]
        scope = ROLE_SCOPE[role]
        if scope:
            # Narrow by the role's own scope when the caller gave it: the common case in rules.
            key = {
                "group": group,
                "body": body,
                "ward": ward,
                "directorate": directorate,
                "portfolio": portfolio,
            }
            value = key.get(scope[0])
            if value is not None:
                candidates = self._by_role_scope.get((role, value), ())
        return [a for a in candidates if a.active_on(on) and _in_scope(a, group, body, ward, directorate, portfolio)]

    def _single(
        self,
        role: Role,
        on: date,
        *,
        group: str | None = None,
        body: str | None = None,
        portfolio: str | None = None,
    ) -> str | None:
        found = self._matching(role, on, group, body, None, None, portfolio)
        return _latest(found).person if found else None


def _get(index: Mapping[str, _T], kind: str, key: str) -> _T:
    try:
        return index[key]
    except KeyError:
        raise UnknownReference(kind, key) from None


def _in_scope(
    appt: Appointment,
    group: str | None,
    body: str | None,
    ward: str | None,
    directorate: str | None,
    portfolio: str | None,
) -> bool:
    return (
        (group is None or appt.group == group)
        and (body is None or appt.body == body)
        and (ward is None or appt.ward == ward)
        and (directorate is None or appt.directorate == directorate)
        and (portfolio is None or appt.portfolio == portfolio)
    )


def _latest(appointments: list[Appointment]) -> Appointment:
    """The appointment that started last; on a tie, the lower person id (deterministic)."""
    return min(appointments, key=lambda a: (-a.start.toordinal(), a.person))
