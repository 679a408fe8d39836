"""May I?: guided questions for common situations, answered by the same rules, never stored.

Each question is a short form that becomes a proposed event; the engine's hypothetical
(:meth:`~propriety.engine.engine.Engine.decide`) answers it with a decision, reasons and
citations, and says what acting would set in motion. A question whose rules belong only to
packs this authority has not adopted is answered plainly: its protocols do not govern it.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse

from propriety.domain.effects import RESTRICTIVENESS, Outcome
from propriety.domain.events import EVENT_TYPES
from propriety.engine.engine import Engine
from propriety.entrypoints.web.deps import CsrfChecked, CurrentViewer, Viewer
from propriety.entrypoints.web.forms import build_event
from propriety.entrypoints.web.templating import render
from propriety.protocols import packs_by_id
from propriety.protocols.catalogue import pack_info
from propriety.service_layer.checking import decision_dict, notification_dict

router = APIRouter(tags=["may-i"], include_in_schema=False)

Options = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Field:
    """One question on the form.

    ``kind`` is one of: ``person``, ``officer``, ``member``, ``group`` (a drop-down of the
    organisation's people or groups); ``yesno``; ``choice`` (radios from ``options``, usually
    the values of the event field's ``Literal`` type, see :func:`literal_options`); ``many``
    (checkboxes from ``options``, or from people of kind ``of``); ``text``; ``date`` (day,
    month, year). A field named ``at`` sets when the proposed act would happen.
    """

    name: str
    label: str
    kind: str
    hint: str = ""
    options: Options = ()
    required: bool = True
    default: str = ""  # for yesno: the answer taken when none is given ("yes" or "no")
    of: str = ""  # for many: fill the options with people of this kind (member, officer, person)
    error: str = ""  # what to tell someone who leaves a required field empty


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    event_type: str
    fields: tuple[Field, ...]
    fixed: dict[str, Any] = field(default_factory=dict)
    me_as: str | None = None  # the event field the asking person fills
    who: str = ""  # who usually asks, shown beside the title


def literal_options(event_type: str, name: str, labels: dict[str, str]) -> Options:
    """The allowed values of an event field typed as a ``Literal``, each with a plain-English label.

    Read from the event class itself, so the form offers exactly the values the event accepts;
    a value without a label in ``labels`` is shown as its words.
    """
    cls = EVENT_TYPES.get(event_type)
    if cls is None or name not in cls.model_fields:
        return ()
    annotation: Any = cls.model_fields[name].annotation
    if typing.get_origin(annotation) is not typing.Literal:
        annotation = next((a for a in typing.get_args(annotation) if typing.get_origin(a) is typing.Literal), None)
    values = typing.get_args(annotation) if annotation is not None else ()
    return tuple((str(v), labels.get(str(v), str(v).replace("-", " ").capitalize())) for v in values)


OTHERS = (
    ("party-member", "Party members who are not councillors"),
    ("member-of-public", "Members of the public"),
    ("elected-member-of-another-authority", "Councillors of another council"),
    ("council-staff", "Council staff, such as a political adviser"),
)

WHEN = Field("at", "When would this happen?", "date", "Leave blank for today. For example, 27 3 2027.", required=False)

POSTS = literal_options(
    "RecruitmentPanelProposed",
    "post",
    {
        "chief-executive": "The Chief Executive",
        "director": "A Director",
        "political-adviser": "A Political Adviser",
        "other": "Any other post",
    },
)

ACTIVITIES = literal_options(
    "PoliticalActivityProposed",
    "activity",
    {
        "stand-for-election": "Stand for election as a councillor",
        "party-office": "Hold office in a political party",
        "election-agent": "Act as an election agent",
        "canvass": "Canvass at an election",
        "speak-publicly-on-party-politics": "Speak or write in public on party political controversy",
        "party-membership": "Be an ordinary member of a political party",
    },
)

PURPOSES = literal_options(
    "ResourceUseProposed",
    "purpose",
    {
        "council-duty": "My duties as a councillor",
        "casework": "Casework for constituents",
        "committee": "Work on a committee, sub-committee or working party",
        "chair": "My role as chair of a committee",
        "external-body-representative": "Representing the council on an outside body",
        "party-political": "Party political work",
        "personal-publicity": "Publicity for me as a councillor",
        "other": "Something else",
    },
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
            Field(
                "others_present", "Who else will be there?", "many", "Select all that apply.", OTHERS, required=False
            ),
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
        who="For officers",
    ),
    Question(
        "copy-member-letter",
        "May I copy a councillor's letter to another councillor?",
        "MemberCorrespondenceCopied",
        (
            Field(
                "author",
                "Which councillor wrote the letter or email?",
                "member",
                error="Choose the councillor who wrote the letter",
            ),
            Field(
                "copied_to",
                "Which councillors would you copy it to?",
                "many",
                "Select every councillor who would get a copy.",
                of="member",
                error="Choose at least one councillor you would copy it to",
            ),
            Field("author_told", "Have you told the councillor who wrote it what you intend to do with it?", "yesno"),
            Field("author_consented", "Have they agreed to it being copied?", "yesno"),
        ),
        fixed={"correspondence": "may-i"},
        me_as="officer",
        who="For officers",
    ),
    Question(
        "speak-to-press",
        "May I speak to the press or write for publication?",
        "MediaStatementProposed",
        (
            Field(
                "subject",
                "What is it about?",
                "text",
                "Optional. A few words, for example library closures.",
                required=False,
            ),
            Field("union_representative", "Are you speaking as a trade union representative?", "yesno"),
            Field("union_matter", "Is it a matter in which you or your union have an interest?", "yesno"),
            Field("media_office_consulted", "Have you already consulted the media office?", "yesno"),
        ),
        me_as="person",
        who="For officers",
    ),
    Question(
        "send-circular-letter",
        "May I send a circular letter?",
        "CircularLetterProposed",
        (
            Field(
                "uses_council_resources",
                "Would council stationery, staff, postage or distribution be used?",
                "yesno",
                "In producing the letter or in sending it out.",
                default="yes",
            ),
            Field(
                "justification",
                "Why should it go out over your signature?",
                "text",
                "Optional. The case you would make for the letter.",
                required=False,
            ),
        ),
        fixed={"letter": "may-i"},
        me_as="member",
        who="For councillors",
    ),
    Question(
        "recruitment-panel",
        "May I sit on a recruitment panel?",
        "RecruitmentPanelProposed",
        (
            Field("post", "Which post is being filled?", "choice", options=POSTS, error="Choose the post being filled"),
            Field("vacancy", "Vacancy reference", "text", "Optional.", required=False),
            WHEN,
        ),
        me_as="member",
        who="For councillors",
    ),
    Question(
        "political-activity",
        "May I take part in political activity?",
        "PoliticalActivityProposed",
        (
            Field(
                "activity",
                "What would you do?",
                "choice",
                "The rules differ for people in politically restricted posts.",
                options=ACTIVITIES,
                error="Choose what you would do",
            ),
            WHEN,
        ),
        me_as="person",
        who="For officers and political advisers",
    ),
    Question(
        "use-council-resources",
        "May I use council resources for this?",
        "ResourceUseProposed",
        (
            Field("purpose", "What is it for?", "choice", options=PURPOSES, error="Choose what the resources are for"),
            Field(
                "resource",
                "Which resources?",
                "text",
                "Optional. For example, stationery, staff time, telephones or transport.",
                required=False,
            ),
            Field(
                "conducive_to_council_functions",
                "Would it help the council, or your office, carry out its functions?",
                "yesno",
                "This matters only for party political work.",
            ),
        ),
        me_as="member",
        who="For councillors",
    ),
]


def available(viewer: Viewer) -> list[Question]:
    """The questions whose events exist in this installation."""
    return [q for q in QUESTIONS if q.event_type in EVENT_TYPES]


@dataclass(frozen=True)
class Coverage:
    """Which clauses answer a question: in the packs the authority adopted, and in the others."""

    adopted: tuple[str, ...]
    elsewhere: tuple[str, ...]
    other_packs: tuple[tuple[str, str], ...]  # (pack id, title) of packs not adopted that answer it

    @property
    def governed(self) -> bool:
        return bool(self.adopted)


def coverage(viewer: Viewer, q: Question) -> Coverage:
    adopted_packs = set(viewer.context.profile.packs)
    adopted: dict[str, None] = {}
    elsewhere: dict[str, None] = {}
    packs: dict[str, None] = {}
    for pack in packs_by_id().values():
        for rule in pack.rules:
            if q.event_type not in rule.on:
                continue
            if pack.id in adopted_packs:
                adopted.update(dict.fromkeys(rule.clauses))
            else:
                elsewhere.update(dict.fromkeys(rule.clauses))
                packs[pack.id] = None
    return Coverage(tuple(adopted), tuple(elsewhere), tuple((p, pack_info(p).title) for p in packs))


def _people(viewer: Viewer, kind: str) -> Options:
    org, on = viewer.context.org, date.today()
    people = sorted(org.people(), key=lambda p: p.name)
    if kind == "officer":
        return tuple((p.id, p.name) for p in people if org.is_officer(p.id, on))
    if kind == "member":
        return tuple((p.id, p.name) for p in people if org.is_councillor(p.id, on))
    return tuple((p.id, p.name) for p in people)


def _options(viewer: Viewer, f: Field) -> Options:
    if f.kind == "group":
        return tuple((g.id, g.name) for g in viewer.context.org.groups())
    if f.kind in ("officer", "member", "person"):
        return _people(viewer, f.kind)
    if f.kind == "many" and f.of:
        return tuple(o for o in _people(viewer, f.of) if o[0] != viewer.person)
    return f.options


def _question(key: str, viewer: Viewer) -> Question:
    found = next((q for q in available(viewer) if q.key == key), None)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    return found


def _missing(f: Field) -> str:
    return f.error or f"Answer this question: {f.label[:1].lower()}{f.label[1:].rstrip('?')}"


def _read_date(viewer: Viewer, f: Field, form: Any) -> tuple[dict[str, str], str | None, str | None]:
    """The day/month/year parts as typed, the moment they mean (noon, local time), and any error."""
    parts = {p: str(form.get(f"{f.name}-{p}", "")).strip() for p in ("day", "month", "year")}
    if not any(parts.values()):
        return parts, None, _missing(f) if f.required else None
    try:
        when = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return parts, None, "The date must be a real date, for example 27 3 2027"
    tz = ZoneInfo(viewer.context.profile.calendar.timezone)
    return parts, datetime.combine(when, time(12), tz).isoformat(), None


def _read(viewer: Viewer, q: Question, form: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """The proposed event's fields, the answers as given (to show again), and errors by field."""
    data: dict[str, Any] = {"type": q.event_type, **q.fixed}
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in q.fields:
        if f.kind == "many":
            chosen = [str(v) for v in form.getlist(f.name)]
            allowed = {v for v, _ in _options(viewer, f)}
            data[f.name] = values[f.name] = [v for v in chosen if v in allowed]
            if f.required and not data[f.name]:
                errors[f.name] = _missing(f)
            continue
        if f.kind == "date":
            values[f.name], moment, problem = _read_date(viewer, f, form)
            if problem:
                errors[f.name] = problem
            elif moment:
                data[f.name] = moment
            continue
        raw = str(form.get(f.name, "")).strip()
        if f.kind == "yesno":
            raw = raw if raw in ("yes", "no") else (f.default or "no")
            values[f.name] = raw
            data[f.name] = raw == "yes"
            continue
        values[f.name] = raw
        if not raw:
            if f.required:
                errors[f.name] = _missing(f)
            continue
        if f.kind in ("choice", "group", "officer", "member", "person") and raw not in {
            v for v, _ in _options(viewer, f)
        }:
            errors[f.name] = _missing(f)
            continue
        data[f.name] = [raw] if f.name == "groups" else raw
    if q.me_as:
        data[q.me_as] = viewer.person
    return data, values, errors


def _page(
    request: Request,
    viewer: Viewer,
    q: Question,
    *,
    errors: dict[str, str],
    values: dict[str, Any],
    answer: dict[str, Any] | None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "may_i_question.html",
        viewer,
        "may-i",
        title=q.title,
        q=q,
        options={f.name: _options(viewer, f) for f in q.fields},
        coverage=coverage(viewer, q),
        errors=errors,
        values=values,
        answer=answer,
        status_code=status_code,
    )


@router.get("/may-i", response_class=HTMLResponse)
def may_i(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    questions = [(q, coverage(viewer, q)) for q in available(viewer)]
    return render(request, "may_i.html", viewer, "may-i", title="May I?", questions=questions)


@router.get("/may-i/{key}", response_class=HTMLResponse)
def question_form(request: Request, key: str, viewer: CurrentViewer) -> HTMLResponse:
    q = _question(key, viewer)
    return _page(request, viewer, q, errors={}, values={}, answer=None)


@router.post("/may-i/{key}", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def answer(request: Request, key: str, viewer: CurrentViewer) -> HTMLResponse:
    q = _question(key, viewer)
    data, values, errors = _read(viewer, q, await request.form())
    event = None
    if not errors:
        event, errors = build_event(viewer, data)
    if errors or event is None:
        return _page(request, viewer, q, errors=errors, values=values, answer=None, status_code=400)
    verdict = Engine(viewer.context.profile, viewer.context.org).decide(event)
    decisions = [decision_dict(d, None) for d in verdict.decisions]
    worst = max((Outcome(d["outcome"]) for d in decisions), key=RESTRICTIVENESS.__getitem__, default=None)
    result = {
        "outcome": worst.value if worst else None,
        "decisions": decisions,
        "notify": [notification_dict(n, "") for n in verdict.outcomes.notifications],
        "oblige": [
            {"holder": o.holder, "duty": o.duty, "due": o.due.isoformat(), "clauses": list(o.clauses)}
            for o in verdict.outcomes.obligations
        ],
        "breaches": [{"reason": v.reason, "clauses": list(v.clauses)} for v in verdict.outcomes.violations],
        "asked_at": datetime.now(UTC),
    }
    return _page(request, viewer, q, errors={}, values=values, answer=result)
