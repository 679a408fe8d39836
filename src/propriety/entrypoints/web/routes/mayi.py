"""May I?: guided questions for common situations, answered by the same rules, never stored.

Each question is a short form that becomes a proposed event; the engine's hypothetical
(:meth:`~propriety.engine.engine.Engine.decide`) answers it with a decision, reasons and
citations, and says what acting would set in motion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse

from propriety.domain.events import EVENT_TYPES
from propriety.engine.engine import Engine
from propriety.entrypoints.web.deps import CsrfChecked, CurrentViewer, Viewer
from propriety.entrypoints.web.forms import build_event
from propriety.entrypoints.web.templating import render
from propriety.service_layer.checking import decision_dict, notification_dict

router = APIRouter(tags=["may-i"], include_in_schema=False)


@dataclass(frozen=True)
class Field:
    """One question on the form: a person, a group, a yes/no, a choice or free text."""

    name: str
    label: str
    kind: str  # person | officer | member | group | yesno | choice | many | text | date
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    event_type: str
    fields: tuple[Field, ...]
    fixed: dict[str, Any] = field(default_factory=dict)
    me_as: str | None = None  # the event field the asking person fills


OTHERS = (
    ("party-member", "Party members who are not councillors"),
    ("member-of-public", "Members of the public"),
    ("elected-member-of-another-authority", "Councillors of another council"),
    ("council-staff", "Council staff, such as a political adviser"),
)

QUESTIONS: list[Question] = [
    Question(
        "attend-group-meeting",
        "May an officer attend a group's meeting?",
        "AttendanceRequested",
        (
            Field("group", "Which group is meeting?", "group"),
            Field("requested_by", "Who is asking for the officer?", "member"),
            Field("addressed_to", "Who is the request addressed to?", "officer"),
            Field("in_writing", "Is the request in writing?", "yesno"),
            Field("sensitive", "Is the matter sensitive?", "yesno"),
            Field("others_present", "Who else will be there?", "many", "Select all that apply.", OTHERS),
        ),
        fixed={"request": "may-i", "matter": "the meeting"},
    ),
    Question(
        "brief-a-group",
        "May I brief one group on a matter?",
        "BriefingGiven",
        (
            Field("groups", "Which group would you brief?", "group"),
            Field("matter", "What is the matter?", "text", "A short name, for example budget-2027."),
            Field("routine", "Is it routine or trivial information?", "yesno"),
        ),
        fixed={"briefing": "may-i"},
        me_as="by",
    ),
]


def available(viewer: Viewer) -> list[Question]:
    """The questions whose events exist in this installation."""
    return [q for q in QUESTIONS if q.event_type in EVENT_TYPES]


def _options(viewer: Viewer, f: Field) -> tuple[tuple[str, str], ...]:
    org, on = viewer.context.org, date.today()
    if f.kind == "group":
        return tuple((g.id, g.name) for g in org.groups())
    people = sorted(org.people(), key=lambda p: p.name)
    if f.kind == "officer":
        return tuple((p.id, p.name) for p in people if org.is_officer(p.id, on))
    if f.kind == "member":
        return tuple((p.id, p.name) for p in people if org.is_councillor(p.id, on))
    if f.kind == "person":
        return tuple((p.id, p.name) for p in people)
    return f.options


def _question(key: str, viewer: Viewer) -> Question:
    found = next((q for q in available(viewer) if q.key == key), None)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return found


@router.get("/may-i", response_class=HTMLResponse)
def may_i(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    return render(request, "may_i.html", viewer, "may-i", title="May I?", questions=available(viewer))


@router.get("/may-i/{key}", response_class=HTMLResponse)
def question_form(request: Request, key: str, viewer: CurrentViewer) -> HTMLResponse:
    q = _question(key, viewer)
    return render(
        request,
        "may_i_question.html",
        viewer,
        "may-i",
        title=q.title,
        q=q,
        options={f.name: _options(viewer, f) for f in q.fields},
        errors={},
        values={},
        answer=None,
    )


@router.post("/may-i/{key}", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def answer(request: Request, key: str, viewer: CurrentViewer) -> HTMLResponse:
    q = _question(key, viewer)
    form = await request.form()
    data: dict[str, Any] = {"type": q.event_type, **q.fixed}
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in q.fields:
        if f.kind == "many":
            data[f.name] = values[f.name] = [str(v) for v in form.getlist(f.name)]
            continue
        raw = str(form.get(f.name, "")).strip()
        values[f.name] = raw
        if f.kind == "yesno":
            data[f.name] = raw == "yes"
        elif not raw:
            errors[f.name] = f"Answer this question: {f.label.lower()}"
        else:
            data[f.name] = [raw] if f.name == "groups" else raw
    if q.me_as:
        data[q.me_as] = viewer.person
    event = None
    if not errors:
        event, errors = build_event(viewer, data)
    if errors or event is None:
        return render(
            request,
            "may_i_question.html",
            viewer,
            "may-i",
            title=q.title,
            q=q,
            options={f.name: _options(viewer, f) for f in q.fields},
            errors=errors,
            values=values,
            answer=None,
            status_code=400,
        )
    verdict = Engine(viewer.context.profile, viewer.context.org).decide(event)
    result = {
        "decisions": [decision_dict(d, None) for d in verdict.decisions],
        "notify": [notification_dict(n, "") for n in verdict.outcomes.notifications],
        "oblige": [
            {"holder": o.holder, "duty": o.duty, "due": o.due.isoformat(), "clauses": list(o.clauses)}
            for o in verdict.outcomes.obligations
        ],
        "asked_at": datetime.now(UTC),
    }
    return render(
        request,
        "may_i_question.html",
        viewer,
        "may-i",
        title=q.title,
        q=q,
        options={f.name: _options(viewer, f) for f in q.fields},
        errors={},
        values=values,
        answer=result,
    )
