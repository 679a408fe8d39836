"""The facts Propriety records: one class per kind of event, named in the past tense.

Every event carries ``id``, ``type``, ``at`` (ISO 8601 with offset), and optionally the
``authority`` it belongs to and who ``recorded_by``. The JSON Lines interchange form and
its JSON Schema (``propriety schema events``) are generated from these classes, so the
classes are the single description of the log.

A "may I?" question is one of these events that is run through the rules and never stored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

Id = Annotated[str, Field(min_length=1, max_length=128)]
PersonId = Annotated[str, Field(min_length=1, max_length=128, description="a person's id in the organisation")]
ClauseId = Annotated[str, Field(pattern=r"^[a-z0-9-]+/\S+$", description="a clause id, e.g. islington-2006/4.1(b)")]

OthersPresent = Literal[
    "elected-member-of-another-authority",
    "party-member",
    "member-of-public",
    "council-staff",
]
"""Who else is at a group meeting besides the group's own councillors and the officer asked.

The packs draw the line in different places (officers-groups/9: non-councillors;
islington-2006/4.5(c): non-council members; ce-groups-2009/2.5: neither members nor staff;
lc-member-officer-2019/6.non-members: not elected members of any local authority), so the
event records who they are and each rule decides.
"""


class Event(BaseModel):
    """Fields every event has."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: Id
    type: str
    at: AwareDatetime = Field(description="when it happened, ISO 8601 with offset")
    authority: str | None = Field(default=None, description="the authority the event belongs to")
    recorded_by: PersonId | None = None


# --- requests for information (islington-2006/4.1, ce-groups-2009/3.1) -----------------------


class InformationRequested(Event):
    """A councillor asked a chief officer for factual information (islington-2006/4.1(b))."""

    type: Literal["InformationRequested"] = "InformationRequested"
    request: Id
    member: PersonId
    asked: PersonId = Field(description="the chief officer asked")
    subject: str = ""
    in_confidence: bool = False


class InformationProvided(Event):
    """The information asked for was supplied (islington-2006/4.1(b), 4.1(c); ce-groups-2009/3.1)."""

    type: Literal["InformationProvided"] = "InformationProvided"
    request: Id
    by: PersonId
    to: PersonId | None = None
    written: bool = True
    current_policy_or_statistics: bool = False


class InformationDelayExplained(Event):
    """A written explanation of why the answer will be late, with a new date (islington-2006/4.1(b))."""

    type: Literal["InformationDelayExplained"] = "InformationDelayExplained"
    request: Id
    by: PersonId
    reason: str = Field(min_length=1)
    new_date: date
    written: bool = True


# --- officers at group meetings (officers-groups/2-13, islington-2006/4.5, lc 6.*, ce 2.5) ---


class AttendanceRequested(Event):
    """A group asked for an officer to attend its meeting."""

    type: Literal["AttendanceRequested"] = "AttendanceRequested"
    request: Id
    group: Id
    requested_by: PersonId
    addressed_to: PersonId | None = None
    in_writing: bool = True
    matter: str = ""
    meeting_at: AwareDatetime | None = None
    sensitive: bool = False
    others_present: list[OthersPresent] = Field(default_factory=list)
    officer: PersonId | None = Field(default=None, description="a particular officer, if one is named")


class AttendanceDecided(Event):
    """Whoever the request went to decided it (officers-groups/4, 9)."""

    type: Literal["AttendanceDecided"] = "AttendanceDecided"
    request: Id
    decided_by: PersonId
    approved: bool
    officer: PersonId | None = None
    in_writing: bool = True
    copied_to: list[PersonId] = Field(default_factory=list)


# --- briefings (ce-groups-2009/2.1, 2.5; islington-2006/4.5(a)-(b)) ------------------------


class BriefingGiven(Event):
    """Officers briefed one or more party groups."""

    type: Literal["BriefingGiven"] = "BriefingGiven"
    briefing: Id
    groups: list[Id] = Field(min_length=1)
    by: PersonId
    matter: Id
    routine: bool = False
    confidential: bool = False


class BriefingOffered(Event):
    """A briefing on a matter was offered to a group (settles the parity duty)."""

    type: Literal["BriefingOffered"] = "BriefingOffered"
    group: Id
    by: PersonId
    matter: Id


# --- complaints (lc-member-officer-2019/13.*) -------------------------------------------


class ComplaintLodged(Event):
    """A formal complaint by a member or officer about the other."""

    type: Literal["ComplaintLodged"] = "ComplaintLodged"
    complaint: Id
    complainant: PersonId
    about: PersonId
    in_writing: bool = True
    addressed_to: PersonId | None = None
    grounds: list[ClauseId] = Field(default_factory=list)
    summary: str = ""


class ComplaintAcknowledged(Event):
    """The handler's written response: receipt, intended action and time it will take."""

    type: Literal["ComplaintAcknowledged"] = "ComplaintAcknowledged"
    complaint: Id
    by: PersonId
    in_writing: bool = True
    intended_action: str = ""
    expected_time: str = ""


# --- any obligation ---------------------------------------------------------------------


class ObligationWaived(Event):
    """Someone with the standing to do so waived an open duty, saying why."""

    type: Literal["ObligationWaived"] = "ObligationWaived"
    obligation: str = Field(min_length=1, description="the obligation's key")
    by: PersonId
    reason: str = Field(min_length=1)


EVENT_CLASSES: tuple[type[Event], ...] = (
    InformationRequested,
    InformationProvided,
    InformationDelayExplained,
    AttendanceRequested,
    AttendanceDecided,
    BriefingGiven,
    BriefingOffered,
    ComplaintLodged,
    ComplaintAcknowledged,
    ObligationWaived,
)

AnyEvent = Annotated[
    InformationRequested
    | InformationProvided
    | InformationDelayExplained
    | AttendanceRequested
    | AttendanceDecided
    | BriefingGiven
    | BriefingOffered
    | ComplaintLodged
    | ComplaintAcknowledged
    | ObligationWaived,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[AnyEvent] = TypeAdapter(AnyEvent)
EVENT_TYPES: dict[str, type[Event]] = {cls.model_fields["type"].default: cls for cls in EVENT_CLASSES}


def parse_event(data: dict[str, Any]) -> Event:
    """Validate one event given as a mapping; raises pydantic.ValidationError."""
    event: Event = EVENT_ADAPTER.validate_python(data)
    return event


def parse_event_json(line: str | bytes) -> Event:
    """Validate one JSON Lines row."""
    event: Event = EVENT_ADAPTER.validate_json(line)
    return event


def event_json_schema() -> dict[str, Any]:
    """The published JSON Schema of one line of the event log."""
    schema = EVENT_ADAPTER.json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Propriety event"
    schema["description"] = "One line of a Propriety event log (JSON Lines)."
    return schema


def event_record(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready mapping (the form the log stores), without empty defaults."""
    return event.model_dump(mode="json", exclude_none=True)


def local_date(at: datetime, tz: Any) -> date:
    """The calendar date of ``at`` in the authority's time zone."""
    return at.astimezone(tz).date()
