"""Requests: information requests, officers at group meetings, briefings and reports for groups.

Each can be submitted, routed, decided and recorded here, with its state and deadline shown.
Every record page is need-to-know: outside its audience it does not exist (404).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from propriety.domain.events import Event, InformationRequested
from propriety.domain.organisation import Role
from propriety.entrypoints.web.deps import CsrfChecked, CurrentViewer, UnitOfWork, Viewer
from propriety.entrypoints.web.forms import build_event, new_id, record
from propriety.entrypoints.web.templating import long_date, render
from propriety.service_layer.records import WITHHELD, Record

router = APIRouter(tags=["requests"], include_in_schema=False)
REQUEST_KINDS = ("information", "attendance", "briefing", "report")


def _words(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower().capitalize()


def describe(event: Event, viewer: Viewer, case: str) -> dict[str, Any]:
    """An event as label/value rows for a timeline, with withheld fields and people hidden."""
    org = viewer.context.org
    people = {p.id: p.name for p in org.people()}
    groups = {g.id: g.name for g in org.groups()}
    rows = []
    for name, value in viewer.me.event_fields(case, event).items():
        if name in ("id", "type", "at", "authority") or value in (None, "", [], False):
            continue
        values = value if isinstance(value, list) else [value]
        shown = [_shown(v, people, groups, viewer) for v in values]
        rows.append((name.replace("_", " ").capitalize(), ", ".join(shown) if value is not True else "Yes"))
    return {"title": _words(event.type), "at": event.at, "rows": rows}


def _shown(value: Any, people: dict[str, str], groups: dict[str, str], viewer: Viewer) -> str:
    """A field value in words: names for ids, local times for timestamps, plain words for codes."""
    if value == WITHHELD:
        return "Withheld: you do not need to know this"
    if not isinstance(value, str):
        return str(value)
    if value in people:
        return people[value]
    if value in groups:
        return groups[value]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})", value):
        local = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(
            ZoneInfo(viewer.context.profile.calendar.timezone)
        )
        return long_date(local)
    if re.fullmatch(r"[a-z]+(-[a-z]+)+", value):
        return value.replace("-", " ")
    return value


def chief_officers(viewer: Viewer) -> list[tuple[str, str]]:
    org, on = viewer.context.org, date.today()
    return sorted(((p.id, p.name) for p in org.people() if org.is_chief_officer(p.id, on)), key=lambda x: x[1])


@router.get("/requests", response_class=HTMLResponse)
def requests_list(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    records = [r for r in viewer.me.records() if r.kind in REQUEST_KINDS]
    due = {o["opened_by"]: o for o in viewer.me.obligations()}
    rows = [(r, next((due[e.id] for e in r.events if e.id in due), None)) for r in records]
    return render(request, "requests.html", viewer, "requests", title="Requests", rows=rows)


@router.get("/requests/information/new", response_class=HTMLResponse)
def new_information_request(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    return render(
        request,
        "information_new.html",
        viewer,
        "requests",
        title="Ask for information",
        officers=chief_officers(viewer),
        errors={},
        values={},
    )


@router.post("/requests/information/new", dependencies=[CsrfChecked])
def submit_information_request(
    request: Request,
    viewer: CurrentViewer,
    uow: UnitOfWork,
    asked: Annotated[str, Form()] = "",
    subject: Annotated[str, Form()] = "",
    in_confidence: Annotated[str, Form()] = "",
) -> Response:
    values = {"asked": asked, "subject": subject, "in_confidence": in_confidence}
    errors = {}
    if not asked:
        errors["asked"] = "Choose the chief officer you are asking"
    if not subject.strip():
        errors["subject"] = "Say what information you need"
    event = None
    if not errors:
        request_id = new_id("IR")
        event, errors = build_event(
            viewer,
            {
                "type": "InformationRequested",
                "request": request_id,
                "member": viewer.person,
                "asked": asked,
                "subject": subject.strip(),
                "in_confidence": in_confidence == "yes",
            },
        )
    if errors or event is None:
        return render(
            request,
            "information_new.html",
            viewer,
            "requests",
            title="Ask for information",
            officers=chief_officers(viewer),
            errors=errors,
            values=values,
            status_code=400,
        )
    record(viewer, uow, event)
    return RedirectResponse(f"/records/information:{event.request}", status_code=303)  # type: ignore[attr-defined]


def _record_context(case: str, viewer: Viewer) -> dict[str, Any]:
    found = viewer.me.record(case)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    ids = {e.id for e in found.events}
    return {
        "title": _record_title(found),
        "record": found,
        "timeline": [describe(e, viewer, case) for e in found.events],
        "obligations": [o for o in viewer.me.obligations() if o["opened_by"] in ids],
        "decisions": viewer.me.decisions(case),
        "actions": _actions(found, viewer),
        "leaders": viewer.context.org.group_leaders(date.today()),
        "officers": _officers(viewer),
        "errors": {},
    }


@router.get("/records/{case}", response_class=HTMLResponse)
def record_page(request: Request, case: str, viewer: CurrentViewer) -> HTMLResponse:
    context = _record_context(case, viewer)
    section = "complaints" if context["record"].kind == "complaint" else "requests"
    return render(request, "record.html", viewer, section, **context)


def _record_title(r: Record) -> str:
    titles = {
        "information": "Information request",
        "attendance": "Officer at a group meeting",
        "briefing": "Briefing",
        "report": "Report for a group",
        "complaint": "Complaint",
    }
    return f"{titles.get(r.kind, _words(r.first.type))} {r.case.split(':', 1)[1]}"


def _actions(r: Record, viewer: Viewer) -> list[str]:
    """Which forms this person may use on this record now."""
    first = r.first
    acts = []
    answered = any(e.type == "InformationProvided" for e in r.events)
    if r.kind == "information" and viewer.person == getattr(first, "asked", None) and not answered:
        acts += ["provide", "explain"]
    if r.kind == "attendance" and not any(e.type == "AttendanceDecided" for e in r.events):
        on = date.today()
        org = viewer.context.org
        if viewer.person == getattr(first, "addressed_to", None) or org.has_role(
            viewer.person, Role.CHIEF_EXECUTIVE, on
        ):
            acts.append("decide")
    if r.kind == "complaint":
        from propriety.entrypoints.web.routes.complaints import complaint_actions

        acts += complaint_actions(r, viewer)
    return acts


@router.post("/records/{case}/provide", dependencies=[CsrfChecked])
def provide_information(case: str, viewer: CurrentViewer, uow: UnitOfWork) -> Response:
    first = _own(case, viewer, "provide").first
    assert isinstance(first, InformationRequested)
    event, errors = build_event(
        viewer,
        {"type": "InformationProvided", "request": first.request, "by": viewer.person, "to": first.member},
    )
    if event is None:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "; ".join(errors.values()))
    record(viewer, uow, event)
    return RedirectResponse(f"/records/{case}", status_code=303)


@router.post("/records/{case}/explain", dependencies=[CsrfChecked])
def explain_delay(
    request: Request,
    case: str,
    viewer: CurrentViewer,
    uow: UnitOfWork,
    reason: Annotated[str, Form()] = "",
    new_date: Annotated[str, Form()] = "",
) -> Response:
    found = _own(case, viewer, "explain")
    errors = {}
    if not reason.strip():
        errors["reason"] = "Say why the answer will be late"
    try:
        when = date.fromisoformat(new_date)
        if when <= date.today():
            errors["new_date"] = "The new date must be in the future"
    except ValueError:
        errors["new_date"] = "Enter the new date as a real date, for example 2027-01-15"
    if errors:
        return record_error(request, case, viewer, errors)
    event, errors = build_event(
        viewer,
        {
            "type": "InformationDelayExplained",
            "request": found.first.request,  # type: ignore[attr-defined]
            "by": viewer.person,
            "reason": reason.strip(),
            "new_date": new_date,
            "written": True,
        },
    )
    if event is None:
        return record_error(request, case, viewer, errors)
    record(viewer, uow, event)
    return RedirectResponse(f"/records/{case}", status_code=303)


@router.post("/records/{case}/decide", dependencies=[CsrfChecked])
async def decide_attendance(request: Request, case: str, viewer: CurrentViewer, uow: UnitOfWork) -> Response:
    found = _own(case, viewer, "decide")
    form = await request.form()
    approved = form.get("approved")
    if approved not in ("yes", "no"):
        return record_error(request, case, viewer, {"approved": "Say whether you approve the request"})
    event, errors = build_event(
        viewer,
        {
            "type": "AttendanceDecided",
            "request": found.first.request,  # type: ignore[attr-defined]
            "decided_by": viewer.person,
            "approved": approved == "yes",
            "officer": form.get("officer") or None,
            "in_writing": True,
            "copied_to": [str(v) for v in form.getlist("copied_to")],
        },
    )
    if event is None:
        return record_error(request, case, viewer, errors)
    record(viewer, uow, event)
    return RedirectResponse(f"/records/{case}", status_code=303)


def _own(case: str, viewer: Viewer, action: str) -> Record:
    found = viewer.me.record(case)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    if action not in _actions(found, viewer):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "You cannot do that on this record.")
    return found


def record_error(request: Request, case: str, viewer: Viewer, errors: dict[str, str]) -> HTMLResponse:
    context = {**_record_context(case, viewer), "errors": errors, "status_code": 400}
    return render(request, "record.html", viewer, "requests", **context)


@router.get("/requests/attendance/new", response_class=HTMLResponse)
def new_attendance_request(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    return render(
        request,
        "attendance_new.html",
        viewer,
        "requests",
        title="Ask for an officer at a group meeting",
        errors={},
        values={},
        people=_officers(viewer),
    )


def _officers(viewer: Viewer) -> list[tuple[str, str]]:
    org, on = viewer.context.org, date.today()
    return sorted(((p.id, p.name) for p in org.people() if org.is_officer(p.id, on)), key=lambda x: x[1])


@router.post("/requests/attendance/new", dependencies=[CsrfChecked])
async def submit_attendance_request(request: Request, viewer: CurrentViewer, uow: UnitOfWork) -> Response:
    form = await request.form()
    group = viewer.context.org.group_of(viewer.person, date.today())
    values = {k: form.get(k) for k in ("addressed_to", "matter", "sensitive")}
    errors = {}
    if group is None:
        errors["matter"] = "Only a member of a party group can ask for an officer at the group's meeting"
    if not str(form.get("matter", "")).strip():
        errors["matter"] = "Say what the meeting will discuss"
    if not form.get("addressed_to"):
        errors["addressed_to"] = "Choose who you are asking"
    event = None
    if not errors:
        event, errors = build_event(
            viewer,
            {
                "type": "AttendanceRequested",
                "request": new_id("AR"),
                "group": group,
                "requested_by": viewer.person,
                "addressed_to": form.get("addressed_to"),
                "in_writing": True,
                "matter": str(form.get("matter")).strip(),
                "sensitive": form.get("sensitive") == "yes",
                "others_present": [str(v) for v in form.getlist("others_present")],
            },
        )
    if errors or event is None:
        return render(
            request,
            "attendance_new.html",
            viewer,
            "requests",
            title="Ask for an officer at a group meeting",
            errors=errors,
            values=values,
            people=_officers(viewer),
            status_code=400,
        )
    record(viewer, uow, event)
    return RedirectResponse(f"/records/attendance:{event.request}", status_code=303)  # type: ignore[attr-defined]
