"""Complaints: formal complaints between members and officers, routed by the rules.

A complaint is lodged here (in writing, by the signed-in person) and the rules route it: who
handles it, under which clause, and the handler's duty to reply in writing within 5 working
days (lc-member-officer-2019/13.*, islington-2006/5.1, 5.2). The handler acknowledges it,
records an investigation and the outcome, and tells people the outcome; the complainant may
take it to the Chief Executive.

Need to know: a complaint outside the viewer's audience is a 404 and appears in no list or
count, and the complainant is shown as "Withheld" to anyone from whom the rules withhold it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from propriety.domain.events import (
    ComplaintAcknowledged,
    ComplaintEscalated,
    ComplaintInvestigated,
    ComplaintLodged,
    ComplaintOutcomeRecorded,
    Event,
)
from propriety.domain.organisation import Role
from propriety.engine.engine import Engine, build_parameters
from propriety.entrypoints.web.deps import CsrfChecked, CurrentViewer, UnitOfWork, Viewer
from propriety.entrypoints.web.forms import build_event, new_id, record
from propriety.entrypoints.web.routes.requests import _record_context
from propriety.entrypoints.web.templating import render, templates
from propriety.protocols.catalogue import Clause, pack_info
from propriety.protocols.lc_member_officer_2019 import ESCALATION_ROUTES
from propriety.service_layer.records import Record

router = APIRouter(tags=["complaints"], include_in_schema=False)

QUESTION = "formal-complaint"
SUMMARY_LIMIT = 2000
TEXT_LIMIT = 1000
KIND_WORDS = {
    "W": "workflow",
    "O": "duty",
    "N": "notice",
    "D": "decision",
    "P": "prohibition",
    "V": "visibility",
    "R": "register",
    "G": "guidance",
}


# ----------------------------------------------------------------------------------------------
# What a complaint record says: route, handler, acknowledgement duty, state
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Complaint:
    """One complaint as the viewer may see it."""

    record: Record
    about: str | None
    complainant: str | None  # None when withheld from the viewer
    withheld: bool
    summary: str
    clauses: tuple[str, ...]
    handlers: tuple[str, ...]
    acknowledgement: dict[str, Any] | None
    state: str
    state_colour: str

    @property
    def case(self) -> str:
        return self.record.case

    @property
    def ref(self) -> str:
        return self.record.case.split(":", 1)[1]


def _route(r: Record, viewer: Viewer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The clauses that routed the complaint and whom it was referred to, from the decisions on it."""
    clauses: dict[str, None] = {}
    handlers: dict[str, None] = {}
    for d in viewer.me.decisions(r.case):
        if d["question"] != QUESTION or d["event_id"] != r.first.id:
            continue
        clauses.update(dict.fromkeys(d["clauses"]))
        handlers.update(dict.fromkeys(d["refer_to"]))
    return tuple(clauses), tuple(handlers)


def _acknowledgement(r: Record, obligations: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The handler's duty to reply in writing (5 working days), if the rules opened one."""
    return next(
        (o for o in obligations if o["opened_by"] == r.first.id and str(o["key"]).endswith(":acknowledge")),
        None,
    )


def _fully_acknowledged(r: Record) -> bool:
    return any(
        isinstance(e, ComplaintAcknowledged) and e.in_writing and e.intended_action and e.expected_time
        for e in r.events
    )


def _state(r: Record) -> tuple[str, str]:
    """A short label for where the complaint has got to, and the tag colour for it."""
    types = {e.type for e in r.events}
    if getattr(r.first, "in_writing", True) is False and len(r.events) == 1:
        return "Not made in writing", "grey"
    if "ComplaintEscalated" in types:
        return "Referred to the Chief Executive", "purple"
    if "ComplaintOutcomeCommunicated" in types:
        return "Outcome given", "green"
    if "ComplaintOutcomeRecorded" in types:
        return "Outcome recorded", "turquoise"
    if "ComplaintInvestigated" in types:
        return "Being investigated", "blue"
    if _fully_acknowledged(r):
        return "Acknowledged", "blue"
    return "Waiting for a reply", "yellow"


def summarise(r: Record, viewer: Viewer, obligations: list[dict[str, Any]] | None = None) -> Complaint:
    """A complaint record as the viewer may see it, with the complainant withheld where the rules say.

    ``obligations`` are the viewer's (``viewer.me.obligations()``), passed in when summarising many.
    """
    first = r.first
    hidden = viewer.view.hidden_fields(viewer.person, r.case)
    complainant = getattr(first, "complainant", None)
    withheld = "complainant" in hidden
    clauses, handlers = _route(r, viewer)
    ack = _acknowledgement(r, viewer.me.obligations() if obligations is None else obligations)
    if ack is not None and ack["holder"] and ack["holder"] not in handlers:
        handlers = (*handlers, ack["holder"])
    state, colour = _state(r)
    return Complaint(
        record=r,
        about=None if "about" in hidden else getattr(first, "about", None),
        complainant=None if withheld else complainant,
        withheld=withheld,
        summary="" if "summary" in hidden else str(getattr(first, "summary", "") or ""),
        clauses=clauses,
        handlers=handlers,
        acknowledgement=ack,
        state=state,
        state_colour=colour,
    )


def complaint_actions(r: Record, viewer: Viewer) -> list[str]:
    """Which complaint forms this person may use on this record now (used by the record page)."""
    first = r.first
    if not isinstance(first, ComplaintLodged) or not first.in_writing:
        return []  # a complaint not made in writing goes no further until it is (13.*)
    found = summarise(r, viewer)
    outcome = any(isinstance(e, ComplaintOutcomeRecorded) for e in r.events)
    acts: list[str] = []
    if viewer.person in found.handlers and viewer.person not in (first.complainant, first.about):
        if not _fully_acknowledged(r):
            acts.append("acknowledge")
        if outcome:
            acts.append("communicate")
        else:
            acts += ["investigate", "outcome"]
    escalated = any(isinstance(e, ComplaintEscalated) for e in r.events)
    if (
        viewer.person == first.complainant
        and outcome
        and not escalated
        and set(found.clauses).intersection(ESCALATION_ROUTES)
    ):
        acts.append("escalate")
    return acts


# ----------------------------------------------------------------------------------------------
# The list and the "Make a complaint" form
# ----------------------------------------------------------------------------------------------


@router.get("/complaints", response_class=HTMLResponse)
def complaints_list(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    obligations = viewer.me.obligations()
    rows = [summarise(r, viewer, obligations) for r in viewer.me.records("complaint")]
    return render(request, "complaints.html", viewer, "complaints", title="Complaints", rows=rows)


def _people_to_complain_about(viewer: Viewer) -> list[tuple[str, str]]:
    """The other side: officers and staff for a councillor, councillors for everyone else."""
    org, on = viewer.context.org, date.today()
    if org.is_councillor(viewer.person, on):
        people = [p for p in org.people() if org.is_member_of_staff(p.id, on)]
    else:
        people = [p for p in org.people() if org.is_councillor(p.id, on)]
    return sorted(((p.id, p.name) for p in people if p.id != viewer.person), key=lambda x: x[1])


def _grounds_catalogue(viewer: Viewer) -> list[tuple[str, str, list[tuple[Clause, str]]]]:
    """The adopted packs' clauses, guidance included, as (pack id, pack title, [(clause, kinds)])."""
    out = []
    for pack in viewer.context.profile.packs:
        info = pack_info(pack)
        clauses = [(c, ", ".join(KIND_WORDS.get(k, k) for k in c.kinds)) for c in info.clauses]
        out.append((pack, info.title, clauses))
    return out


def _acknowledgement_days(viewer: Viewer) -> int | None:
    if "lc-member-officer-2019" not in viewer.context.profile.packs:
        return None
    try:
        params = build_parameters(viewer.context.profile)
        return int(params.value("lc-member-officer-2019", "complaint.acknowledgement_working_days", date.today()))
    except (LookupError, TypeError, ValueError):
        return None


def _new_form(
    request: Request, viewer: Viewer, errors: dict[str, str], values: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    return render(
        request,
        "complaints_new.html",
        viewer,
        "complaints",
        title="Make a complaint",
        people=_people_to_complain_about(viewer),
        packs=_grounds_catalogue(viewer),
        days=_acknowledgement_days(viewer),
        confidential="lc-member-officer-2019" in viewer.context.profile.packs,
        errors=errors,
        values=values,
        status_code=status_code,
    )


@router.get("/complaints/new", response_class=HTMLResponse)
def new_complaint(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    return _new_form(request, viewer, {}, {"grounds": []})


@router.post("/complaints/new", dependencies=[CsrfChecked])
async def submit_complaint(request: Request, viewer: CurrentViewer, uow: UnitOfWork) -> Response:
    form = await request.form()
    about = str(form.get("about") or "")
    summary = str(form.get("summary") or "").strip()
    grounds = [str(g) for g in form.getlist("grounds")]
    values = {"about": about, "summary": summary, "grounds": grounds}
    errors: dict[str, str] = {}
    if about not in {pid for pid, _ in _people_to_complain_about(viewer)}:
        errors["about"] = "Choose who the complaint is about"
    allowed = {c.id for _, _, clauses in _grounds_catalogue(viewer) for c, _ in clauses}
    if any(g not in allowed for g in grounds):
        errors["grounds"] = "Choose grounds only from the clauses listed"
    if not summary:
        errors["summary"] = "Say briefly what the complaint is about"
    elif len(summary) > SUMMARY_LIMIT:
        errors["summary"] = f"The summary must be {SUMMARY_LIMIT} characters or fewer"
    event = None
    if not errors:
        data = {
            "type": "ComplaintLodged",
            "complaint": new_id("CMP"),
            "complainant": viewer.person,
            "about": about,
            "in_writing": True,
            "grounds": list(dict.fromkeys(grounds)),
            "summary": summary,
            # The complainant field already says who made it, and is withheld from the person
            # complained about; "recorded by" would repeat the name where it is not withheld.
            "recorded_by": None,
        }
        event, errors = build_event(viewer, data)
        handler = _addressee(viewer, event) if event is not None else None
        if event is not None and handler is not None:
            event, errors = build_event(viewer, {**data, "id": event.id, "addressed_to": handler})
    if errors or event is None:
        return _new_form(request, viewer, errors, values, status_code=400)
    record(viewer, uow, event)
    assert isinstance(event, ComplaintLodged)
    return RedirectResponse(f"/records/complaint:{event.complaint}", status_code=303)


def _addressee(viewer: Viewer, event: Event) -> str | None:
    """The one person the rules refer the complaint to, so the complaint is sent (addressed) to them.

    Asked of the rules as a "may I?" question before anything is stored. Being addressed, the handler
    is named in the complaint, so they can see it even where no rule sets the complaint's audience.
    """
    verdict = Engine(viewer.context.profile, viewer.context.org).decide(event)
    referred = {p for d in verdict.decisions if d.question == QUESTION for p in d.refer_to}
    return referred.pop() if len(referred) == 1 else None


# ----------------------------------------------------------------------------------------------
# Acting on a complaint: acknowledge, investigate, outcome, communicate, escalate
# ----------------------------------------------------------------------------------------------


def _complaint(case: str, viewer: Viewer, action: str) -> tuple[Record, ComplaintLodged]:
    found = viewer.me.record(case)
    if found is None or found.kind != "complaint":
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    if action not in complaint_actions(found, viewer):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "You cannot do that on this complaint.")
    first = found.first
    assert isinstance(first, ComplaintLodged)
    return found, first


def communicate_choices(r: Record, viewer: Viewer) -> list[tuple[str, str]]:
    """Whom the handler may tell the outcome: the people with a part in the complaint."""
    first = r.first
    if not isinstance(first, ComplaintLodged):
        return []
    org, on = viewer.context.org, date.today()
    people: dict[str, str] = {}

    def add(pid: str | None, why: str) -> None:
        if pid and pid != viewer.person and pid not in people:
            people[pid] = f"{org.person(pid).name} ({why})"

    add(first.complainant, "made the complaint")
    add(first.about, "the complaint is about them")
    group = org.group_of(first.about, on) if org.is_councillor(first.about, on) else None
    if group:
        add(org.group_leader(group, on), f"Leader of {org.group(group).name}")
    add(org.chief_executive(on), "Chief Executive")
    add(org.chair_of_body(on), "Chair")
    add(org.complaints_monitoring_officer(on), "monitors complaints")
    for e in r.events:
        if isinstance(e, ComplaintInvestigated):
            add(e.investigator, "investigator")
    return list(people.items())


def investigator_choices(r: Record, viewer: Viewer) -> list[tuple[str, str]]:
    """Officers, and any independent person, other than the two sides of the complaint."""
    first = r.first
    org, on = viewer.context.org, date.today()
    parties = {getattr(first, "complainant", None), getattr(first, "about", None)}
    independent = set(org.holders(Role.INDEPENDENT_PERSON, on))
    people = [p for p in org.people() if (org.is_officer(p.id, on) or p.id in independent) and p.id not in parties]
    return sorted(((p.id, p.name) for p in people), key=lambda x: x[1])


def complaint_forms(r: Record, viewer: Viewer) -> dict[str, Any]:
    """What record.html needs for a complaint: its route and duty, and the choices on its forms."""
    first = r.first
    org, on = viewer.context.org, date.today()
    about = getattr(first, "about", None)
    return {
        "complaint": summarise(r, viewer),
        "days": _acknowledgement_days(viewer),
        "investigators": investigator_choices(r, viewer),
        "recipients": communicate_choices(r, viewer),
        "about_councillor": bool(about) and org.is_councillor(str(about), on),
    }


# record.html is rendered by the generic record page; it asks for these when the record is a complaint.
templates.env.globals["complaint_forms"] = complaint_forms


def complaint_error(
    request: Request, case: str, viewer: Viewer, errors: dict[str, str], values: dict[str, Any]
) -> HTMLResponse:
    context = {**_record_context(case, viewer), "errors": errors, "values": values, "status_code": 400}
    return render(request, "record.html", viewer, "complaints", **context)


def _record_and_return(viewer: Viewer, uow: Any, case: str, data: dict[str, Any]) -> Response | dict[str, str]:
    event, errors = build_event(viewer, data)
    if event is None:
        return errors
    record(viewer, uow, event)
    return RedirectResponse(f"/records/{case}", status_code=303)


def _done(
    request: Request, case: str, viewer: Viewer, uow: Any, data: dict[str, Any], values: dict[str, Any]
) -> Response:
    result = _record_and_return(viewer, uow, case, data)
    if isinstance(result, dict):
        return complaint_error(request, case, viewer, result, values)
    return result


@router.post("/records/{case}/acknowledge", dependencies=[CsrfChecked])
def acknowledge_complaint(
    request: Request,
    case: str,
    viewer: CurrentViewer,
    uow: UnitOfWork,
    intended_action: Annotated[str, Form()] = "",
    expected_time: Annotated[str, Form()] = "",
) -> Response:
    _, first = _complaint(case, viewer, "acknowledge")
    values = {"intended_action": intended_action, "expected_time": expected_time}
    errors = {}
    if not intended_action.strip():
        errors["intended_action"] = "Say what you intend to do about the complaint"
    elif len(intended_action) > TEXT_LIMIT:
        errors["intended_action"] = f"What you intend to do must be {TEXT_LIMIT} characters or fewer"
    if not expected_time.strip():
        errors["expected_time"] = "Say roughly how long it will take"
    elif len(expected_time) > TEXT_LIMIT:
        errors["expected_time"] = f"How long it will take must be {TEXT_LIMIT} characters or fewer"
    if errors:
        return complaint_error(request, case, viewer, errors, values)
    data = {
        "type": "ComplaintAcknowledged",
        "complaint": first.complaint,
        "by": viewer.person,
        "in_writing": True,
        "intended_action": intended_action.strip(),
        "expected_time": expected_time.strip(),
    }
    return _done(request, case, viewer, uow, data, values)


@router.post("/records/{case}/investigate", dependencies=[CsrfChecked])
def record_investigation(
    request: Request,
    case: str,
    viewer: CurrentViewer,
    uow: UnitOfWork,
    investigator: Annotated[str, Form()] = "",
    finding: Annotated[str, Form()] = "",
) -> Response:
    found, first = _complaint(case, viewer, "investigate")
    values = {"investigator": investigator, "finding": finding}
    errors = {}
    if investigator not in {pid for pid, _ in investigator_choices(found, viewer)}:
        errors["investigator"] = "Choose who is investigating"
    if len(finding) > SUMMARY_LIMIT:
        errors["finding"] = f"The finding must be {SUMMARY_LIMIT} characters or fewer"
    if errors:
        return complaint_error(request, case, viewer, errors, values)
    data = {
        "type": "ComplaintInvestigated",
        "complaint": first.complaint,
        "investigator": investigator,
        "finding": finding.strip(),
    }
    return _done(request, case, viewer, uow, data, values)


@router.post("/records/{case}/outcome", dependencies=[CsrfChecked])
def record_outcome(
    request: Request,
    case: str,
    viewer: CurrentViewer,
    uow: UnitOfWork,
    outcome: Annotated[str, Form()] = "",
    to_monitoring_officer: Annotated[str, Form()] = "",
) -> Response:
    _, first = _complaint(case, viewer, "outcome")
    values = {"outcome": outcome, "to_monitoring_officer": to_monitoring_officer}
    errors = {}
    if not outcome.strip():
        errors["outcome"] = "Say what the outcome of the complaint is"
    elif len(outcome) > SUMMARY_LIMIT:
        errors["outcome"] = f"The outcome must be {SUMMARY_LIMIT} characters or fewer"
    if errors:
        return complaint_error(request, case, viewer, errors, values)
    data = {
        "type": "ComplaintOutcomeRecorded",
        "complaint": first.complaint,
        "by": viewer.person,
        "outcome": outcome.strip(),
        "formal_complaint_to_monitoring_officer": to_monitoring_officer == "yes",
    }
    return _done(request, case, viewer, uow, data, values)


@router.post("/records/{case}/communicate", dependencies=[CsrfChecked])
def communicate_outcome(
    request: Request,
    case: str,
    viewer: CurrentViewer,
    uow: UnitOfWork,
    to: Annotated[str, Form()] = "",
    detail: Annotated[str, Form()] = "outcome-only",
) -> Response:
    found, first = _complaint(case, viewer, "communicate")
    values = {"to": to, "detail": detail}
    errors = {}
    if to not in {pid for pid, _ in communicate_choices(found, viewer)}:
        errors["to"] = "Choose who you told the outcome"
    if detail not in ("outcome-only", "full"):
        errors["detail"] = "Say whether you gave the outcome only or the detail of the investigation too"
    if errors:
        return complaint_error(request, case, viewer, errors, values)
    data = {
        "type": "ComplaintOutcomeCommunicated",
        "complaint": first.complaint,
        "by": viewer.person,
        "to": to,
        "detail": detail,
    }
    return _done(request, case, viewer, uow, data, values)


@router.post("/records/{case}/escalate", dependencies=[CsrfChecked])
def escalate_complaint(request: Request, case: str, viewer: CurrentViewer, uow: UnitOfWork) -> Response:
    _, first = _complaint(case, viewer, "escalate")
    data = {"type": "ComplaintEscalated", "complaint": first.complaint, "by": viewer.person, "recorded_by": None}
    return _done(request, case, viewer, uow, data, {})


__all__ = [
    "Complaint",
    "communicate_choices",
    "complaint_actions",
    "complaint_forms",
    "investigator_choices",
    "router",
    "summarise",
]
