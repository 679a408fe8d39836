"""The JSON API under /api: the same services and need-to-know filter as the pages.

Authenticate with ``Authorization: Bearer <token>``; tokens come from ``propriety users token``.
A record outside the caller's audience is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, status
from pydantic import BaseModel, ValidationError

from propriety.adapters.store import DuplicateEvent
from propriety.domain.events import parse_event
from propriety.engine.engine import Engine
from propriety.entrypoints.web.deps import ApiViewer, UnitOfWork
from propriety.service_layer.checking import decision_dict, notification_dict
from propriety.service_layer.services import record_in

router = APIRouter(prefix="/api", tags=["api"])


class Me(BaseModel):
    person: str
    name: str
    authority: str
    roles: list[str]


class ObligationPublic(BaseModel):
    key: str
    holder: str | None
    duty: str
    due: str
    state: str
    overdue: bool
    clauses: list[str]
    reason: str
    beneficiary: str | None = None


class ViolationPublic(BaseModel):
    key: str
    clauses: list[str]
    reason: str
    responsible: str | None


class NotificationPublic(BaseModel):
    key: str
    recipients: list[str]
    about: str
    clauses: list[str]
    reason: str


class RecordSummary(BaseModel):
    case: str
    kind: str
    opened: str
    events: int


class RecordPublic(RecordSummary):
    timeline: list[dict[str, Any]]
    obligations: list[ObligationPublic]
    decisions: list[dict[str, Any]]


class DecisionPublic(BaseModel):
    question: str
    outcome: str
    clauses: list[str]
    reason: str
    refer_to: list[str]
    conditions: list[str]


class Verdict(BaseModel):
    decisions: list[DecisionPublic]
    would_notify: list[NotificationPublic]
    would_oblige: list[dict[str, Any]]


@router.get("/me", response_model=Me)
def me(viewer: ApiViewer) -> Me:
    from datetime import date

    roles = sorted({a.role.value for a in viewer.context.org.appointments_of(viewer.person, date.today())})
    return Me(person=viewer.person, name=viewer.name, authority=viewer.context.authority, roles=roles)


@router.get("/obligations", response_model=list[ObligationPublic])
def obligations(
    viewer: ApiViewer, state: Annotated[str | None, Query(description="active, fulfilled, violated...")] = None
) -> list[dict[str, Any]]:
    return [o for o in viewer.me.obligations() if state is None or o["state"] == state]


@router.get("/violations", response_model=list[ViolationPublic])
def violations(viewer: ApiViewer) -> list[dict[str, Any]]:
    return viewer.me.violations()


@router.get("/notifications", response_model=list[NotificationPublic])
def notifications(viewer: ApiViewer) -> list[dict[str, Any]]:
    return viewer.me.notices_to_me()


@router.get("/records", response_model=list[RecordSummary])
def records(viewer: ApiViewer, kind: str | None = None) -> list[RecordSummary]:
    return [
        RecordSummary(case=r.case, kind=r.kind, opened=r.first.at.isoformat(), events=len(r.events))
        for r in viewer.me.records(kind)
    ]


@router.get("/records/{case}", response_model=RecordPublic, responses={404: {"description": "No such record"}})
def record(case: str, viewer: ApiViewer) -> RecordPublic:
    found = viewer.me.record(case)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such record.")
    timeline = [viewer.me.event_fields(case, e) for e in found.events]
    ids = {e.id for e in found.events}
    return RecordPublic(
        case=found.case,
        kind=found.kind,
        opened=found.first.at.isoformat(),
        events=len(found.events),
        timeline=timeline,
        obligations=[ObligationPublic(**o) for o in viewer.me.obligations() if o["opened_by"] in ids],
        decisions=viewer.me.decisions(case),
    )


def _proposed(viewer: ApiViewer, data: dict[str, Any], stored: bool) -> Any:
    from datetime import UTC, datetime

    from propriety.entrypoints.web.forms import new_id

    body = {"id": new_id("api" if stored else "hypothetical"), "at": datetime.now(UTC).isoformat(), **data}
    body["authority"] = viewer.context.authority
    body["recorded_by"] = viewer.person
    try:
        return parse_event(body)
    except ValidationError as exc:
        raise HTTPException(
            422,
            [
                {"field": ".".join(str(p) for p in e["loc"][1:]) or "type", "problem": e["msg"]}
                for e in exc.errors(include_url=False)
            ],
        ) from None


@router.post("/decide", response_model=Verdict)
def decide(
    viewer: ApiViewer, event: Annotated[dict[str, Any], Body(examples=[{"type": "AttendanceRequested"}])]
) -> Verdict:
    """Ask "may I?": the proposed event is run through the rules and never stored."""
    proposed = _proposed(viewer, event, stored=False)
    verdict = Engine(viewer.context.profile, viewer.context.org).decide(proposed)
    out = verdict.outcomes
    return Verdict(
        decisions=[DecisionPublic(**decision_dict(d, None)) for d in verdict.decisions],
        would_notify=[NotificationPublic(**notification_dict(n, "")) for n in out.notifications],
        would_oblige=[
            {
                "holder": o.holder,
                "duty": o.duty,
                "due": o.due.isoformat(),
                "clauses": list(o.clauses),
                "reason": o.reason,
            }
            for o in out.obligations
        ],
    )


@router.post("/events", status_code=status.HTTP_201_CREATED)
def record_event(viewer: ApiViewer, uow: UnitOfWork, event: Annotated[dict[str, Any], Body()]) -> dict[str, str]:
    """Record a fact, as the caller. It is appended to the log and the ledger rebuilt, in one transaction."""
    stored = _proposed(viewer, event, stored=True)
    try:
        record_in(uow, viewer.context.org, viewer.context.profile, [stored])
    except DuplicateEvent:
        raise HTTPException(status.HTTP_409_CONFLICT, "An event with this id is already recorded.") from None
    uow.commit()
    return {"id": stored.id, "type": stored.type}
