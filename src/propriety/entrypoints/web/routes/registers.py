"""Registers: relationships and interests, politically restricted posts, and party group budgets.

* Relationships and interests (lc-member-officer-2019/9): a person declares a close personal,
  family or business relationship with someone on the other side (officers to the Chief
  Executive, members to their Group Leader). The list is need-to-know: a person sees the
  declarations that name them, and the governance officers see all of them.
* Politically restricted posts (lc-member-officer-2019/5.restricted): public within the authority.
* Group budgets (lc-groups-2019/budget): each group's budget, the spends the viewer may see,
  and what is left; only where the authority adopts lc-groups-2019.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from propriety.domain.events import Event
from propriety.domain.events.lc_groups_2019 import BudgetAllocated, BudgetSpent
from propriety.domain.events.lc_member_officer_2019 import (
    DesignatedContactNamed,
    InterestRegistered,
    PostDesignatedRestricted,
    RelationshipDeclared,
)
from propriety.domain.organisation import SENIOR_ROLES, Appointment
from propriety.entrypoints.web.deps import CsrfChecked, CurrentViewer, UnitOfWork, Viewer
from propriety.entrypoints.web.forms import build_event, record
from propriety.entrypoints.web.templating import render

router = APIRouter(tags=["registers"], include_in_schema=False)

MEMBER_OFFICER = "lc-member-officer-2019"
GROUPS = "lc-groups-2019"
RELATIONSHIP_KINDS = (
    ("personal", "Personal", "A close friendship or other personal relationship"),
    ("family", "Family", "A relative, partner or someone in your household"),
    ("business", "Business", "A business relationship, such as a shared company or contract"),
)
CRITERIA = {
    "advice": "Gives advice regularly to a committee or member body",
    "media": "Speaks regularly to journalists or broadcasters for the authority",
    "senior": "A senior post",
}


# ----------------------------------------------------------------------------------------------
# Relationships and interests (9)
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    case: str
    event: Event
    hidden: frozenset[str]
    problems: tuple[str, ...]

    def shown(self, name: str) -> Any:
        return None if name in self.hidden else getattr(self.event, name, None)

    def withheld(self, name: str) -> bool:
        return name in self.hidden


def _problems(viewer: Viewer) -> dict[str, list[str]]:
    """Breaches the viewer may see, by the event they arose from."""
    found: dict[str, list[str]] = {}
    for v in viewer.me.violations():
        if v.get("event_id"):
            found.setdefault(str(v["event_id"]), []).append(str(v["reason"]))
    return found


def declarations(viewer: Viewer) -> list[Declaration]:
    """Relationship declarations and registered interests the viewer may see, newest first."""
    problems = _problems(viewer)
    out = []
    for r in viewer.me.records():
        for e in r.events:
            if isinstance(e, RelationshipDeclared | InterestRegistered):
                hidden = frozenset(viewer.view.hidden_fields(viewer.person, r.case))
                out.append(Declaration(r.case, e, hidden, tuple(problems.get(e.id, ()))))
    return out


def _other_side(viewer: Viewer) -> list[tuple[str, str]]:
    """Officers and staff for a councillor; councillors for everyone else (9 is about members and officers)."""
    org, on = viewer.context.org, date.today()
    if org.is_councillor(viewer.person, on):
        people = [p for p in org.people() if org.is_member_of_staff(p.id, on)]
    else:
        people = [p for p in org.people() if org.is_councillor(p.id, on)]
    return sorted(((p.id, p.name) for p in people if p.id != viewer.person), key=lambda x: x[1])


def _everyone_else(viewer: Viewer) -> list[tuple[str, str]]:
    org = viewer.context.org
    return sorted(((p.id, p.name) for p in org.people() if p.id != viewer.person), key=lambda x: x[1])


def _designated_contact(viewer: Viewer, group: str) -> str | None:
    """The member the group named to receive declarations, from records the viewer may see."""
    named = None
    for r in viewer.me.records("event"):
        e = r.first
        if isinstance(e, DesignatedContactNamed) and e.group == group and (named is None or e.at >= named.at):
            named = e
    return named.member if named else None


def recipient(viewer: Viewer) -> tuple[str | None, str]:
    """Whom the viewer should declare to (the default on the form), and why."""
    org, on = viewer.context.org, date.today()
    me = viewer.person
    if org.is_councillor(me, on):
        group = org.group_of(me, on)
        if group is None:
            return None, "You are not in a party group, so the protocol names nobody for you to declare to."
        leader = org.group_leader(group, on)
        designated = _designated_contact(viewer, group)
        group_name = org.group(group).name
        if leader and leader != me:
            return leader, f"Members declare to the Leader of their group ({group_name})."
        if designated and designated != me:
            return designated, f"As Leader of {group_name}, you declare to the member the group designated."
        return None, (
            f"As Leader of {group_name}, with no member designated by the group, you have nobody named to declare "
            "to. Choose who you are declaring to."
        )
    ce = org.chief_executive(on)
    if me == ce:
        chair = org.chair_of_body(on)
        return chair, "The Chief Executive declares to the Chair."
    return ce, "Officers declare to the Chief Executive."


def _relationship_form(
    request: Request, viewer: Viewer, errors: dict[str, str], values: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    default, why = recipient(viewer)
    if "declared_to" not in values:
        values = {**values, "declared_to": default or ""}
    return render(
        request,
        "registers_relationship_new.html",
        viewer,
        "registers",
        title="Declare a close relationship",
        people=_other_side(viewer),
        recipients=_everyone_else(viewer),
        why=why,
        kinds=RELATIONSHIP_KINDS,
        errors=errors,
        values=values,
        status_code=status_code,
    )


def _adopts(viewer: Viewer, pack: str) -> bool:
    return pack in viewer.context.profile.packs


@router.get("/registers/relationships/new", response_class=HTMLResponse)
def new_relationship(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    if not _adopts(viewer, MEMBER_OFFICER):
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return _relationship_form(request, viewer, {}, {})


@router.post("/registers/relationships/new", dependencies=[CsrfChecked])
async def declare_relationship(request: Request, viewer: CurrentViewer, uow: UnitOfWork) -> Response:
    if not _adopts(viewer, MEMBER_OFFICER):
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in ("with_person", "kind", "declared_to")}
    errors: dict[str, str] = {}
    if values["with_person"] not in {pid for pid, _ in _other_side(viewer)}:
        errors["with_person"] = "Choose who you have the relationship with"
    if values["kind"] not in {k for k, _, _ in RELATIONSHIP_KINDS}:
        errors["kind"] = "Say whether the relationship is personal, family or business"
    if values["declared_to"] not in {pid for pid, _ in _everyone_else(viewer)}:
        errors["declared_to"] = "Choose who you are declaring the relationship to"
    event = None
    if not errors:
        event, errors = build_event(
            viewer,
            {
                "type": "RelationshipDeclared",
                "person": viewer.person,
                "with_person": values["with_person"],
                "kind": values["kind"],
                "declared_to": values["declared_to"],
            },
        )
    if errors or event is None:
        return _relationship_form(request, viewer, errors, values, status_code=400)
    record(viewer, uow, event)
    return RedirectResponse("/registers?declared=1#relationships", status_code=303)


# ----------------------------------------------------------------------------------------------
# Politically restricted posts (5.restricted)
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestrictedRow:
    title: str
    holder: str | None
    why: str
    start: date | None = None
    end: date | None = None
    source: str = "organisation"


def restricted_posts(viewer: Viewer) -> list[RestrictedRow]:
    """The designated posts in force, senior posts (restricted by law), and posts entered in the log."""
    org, on = viewer.context.org, date.today()
    rows = [
        RestrictedRow(p.title, p.holder, CRITERIA.get(p.criterion, p.criterion), p.start, p.end)
        for p in org.restricted_posts()
        if p.active_on(on)
    ]
    designated = {row.holder for row in rows}
    for r in viewer.me.records():
        for e in r.events:
            if isinstance(e, PostDesignatedRestricted) and (e.until is None or e.until >= on):
                rows.append(
                    RestrictedRow(
                        e.title or e.post, e.holder, CRITERIA.get(e.criterion, e.criterion), None, e.until, "register"
                    )
                )
                designated.add(e.holder)
    senior = []
    for person in org.people():
        if person.id in designated or not org.is_politically_restricted(person.id, on):
            continue
        posts = [a for a in org.appointments_of(person.id, on) if a.role in SENIOR_ROLES]
        title = "; ".join(_post_words(viewer, a) for a in posts) or "Senior post"
        senior.append(RestrictedRow(title, person.id, CRITERIA["senior"], source="senior"))
    return rows + sorted(senior, key=lambda row: row.title)


def _post_words(viewer: Viewer, post: Appointment) -> str:
    words = str(post.role.value).replace("-", " ").capitalize()
    if post.directorate:
        with contextlib.suppress(LookupError):
            words += f", {viewer.context.org.directorate(post.directorate).name}"
    return words


# ----------------------------------------------------------------------------------------------
# Group budgets (lc-groups-2019/budget)
# ----------------------------------------------------------------------------------------------


@dataclass
class BudgetYear:
    year: int
    allocated: Decimal | None = None
    source: str = ""
    spends: list[tuple[BudgetSpent, tuple[str, ...]]] = field(default_factory=list)

    @property
    def spent(self) -> Decimal:
        return sum((s.amount for s, _ in self.spends), Decimal("0"))

    @property
    def remaining(self) -> Decimal | None:
        return None if self.allocated is None else self.allocated - self.spent


@dataclass
class GroupBudget:
    group: str
    name: str
    advisers: tuple[str, ...]
    years: list[BudgetYear]


def budgets(viewer: Viewer) -> list[GroupBudget] | None:
    """Each group's budget by year, from the organisation and the records the viewer may see."""
    if not _adopts(viewer, GROUPS):
        return None
    org, on = viewer.context.org, date.today()
    problems = _problems(viewer)
    events = sorted(
        (e for r in viewer.me.records() for e in r.events if isinstance(e, BudgetAllocated | BudgetSpent)),
        key=lambda e: e.at,
    )
    out = []
    for group in org.groups():
        years: dict[int, BudgetYear] = {}
        latest: int | None = None
        if group.budget is not None:
            years[group.budget.year] = BudgetYear(group.budget.year, group.budget.amount, "The organisation's records")
            latest = group.budget.year
        for e in events:
            if e.group != group.id:
                continue
            if isinstance(e, BudgetAllocated):
                year = e.year if e.year is not None else e.at.year
                entry = years.setdefault(year, BudgetYear(year))
                entry.allocated = e.amount
                entry.source = f"Allocated on {e.at.day} {e.at:%B %Y}"
                latest = year
            else:
                year = e.year if e.year is not None else (latest if latest is not None else e.at.year)
                years.setdefault(year, BudgetYear(year)).spends.append((e, tuple(problems.get(e.id, ()))))
        out.append(
            GroupBudget(
                group.id,
                group.name,
                org.advisers(group.id, on),
                sorted(years.values(), key=lambda y: y.year, reverse=True),
            )
        )
    return out


def money(amount: Decimal | None) -> str:
    return "" if amount is None else f"£{amount:,.2f}"


# ----------------------------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------------------------


@router.get("/registers", response_class=HTMLResponse)
def registers(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    member_officer = _adopts(viewer, MEMBER_OFFICER)
    governance = viewer.person in viewer.view.governance(date.today())
    return render(
        request,
        "registers.html",
        viewer,
        "registers",
        title="Registers",
        member_officer=member_officer,
        declarations=declarations(viewer) if member_officer else [],
        restricted=restricted_posts(viewer) if member_officer else [],
        budgets=budgets(viewer),
        governance=governance,
        declared=request.query_params.get("declared") == "1",
        money=money,
    )


__all__ = ["budgets", "declarations", "recipient", "restricted_posts", "router"]
