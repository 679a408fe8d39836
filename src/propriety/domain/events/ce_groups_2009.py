"""Events only pack ``ce-groups-2009`` reacts to. Shared events live in :mod:`propriety.domain.events.core`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from propriety.domain.events.base import Event, Id, PersonId

# --- equal access to the Chief Executive and Directors (ce-groups-2009/1.access) -----------------


class MemberAccessRefused(Event):
    """A senior officer declined a councillor's request to see them (ce-groups-2009/1.access).

    Every councillor is equally entitled to see the Chief Executive and the Directors, so a refusal
    with no other time or other senior officer offered is a breach.
    """

    type: Literal["MemberAccessRefused"] = "MemberAccessRefused"
    member: PersonId = Field(description="the councillor who asked to see the officer")
    officer: PersonId = Field(description="the Chief Executive or Director asked")
    request: Id | None = Field(default=None, description="the request, if it has a reference")
    reason: str = ""
    alternative_offered: bool = Field(
        default=False, description="another time, or another senior officer, was offered instead"
    )


# --- standing meetings and briefings (ce-groups-2009/2.2-2.4) -------------------------------------


class WeeklyMeetingHeld(Event):
    """The Chief Executive's weekly meeting with the Leader and Deputy Leader took place (2.2)."""

    type: Literal["WeeklyMeetingHeld"] = "WeeklyMeetingHeld"
    meeting: Id
    attended_by: list[PersonId] = Field(default_factory=list)


class LiaisonMeetingHeld(Event):
    """The cycle's liaison meeting for Group Leaders took place (ce-groups-2009/2.3)."""

    type: Literal["LiaisonMeetingHeld"] = "LiaisonMeetingHeld"
    meeting: Id
    invited: list[PersonId] = Field(
        default_factory=list, description="the Group Leaders invited; leave empty when every one of them was"
    )
    chaired_by: PersonId | None = Field(default=None, description="the chair, e.g. the Mayor")
    items: list[str] = Field(default_factory=list, description="the briefing items covered")


class IndividualBriefingOffered(Event):
    """The Chief Executive offered a Group Leader this cycle's one-to-one briefing (ce-groups-2009/2.4)."""

    type: Literal["IndividualBriefingOffered"] = "IndividualBriefingOffered"
    leader: PersonId
    by: PersonId
    group: Id | None = Field(default=None, description="the leader's group; found from the organisation if left out")


class IndividualBriefingHeld(Event):
    """A one-to-one cycle briefing with a Group Leader took place; its notes stay in the Management Team (2.4)."""

    type: Literal["IndividualBriefingHeld"] = "IndividualBriefingHeld"
    briefing: Id
    leader: PersonId
    by: PersonId
    group: Id | None = Field(default=None, description="the leader's group; found from the organisation if left out")


# --- press releases and VIP visits (ce-groups-2009/2.6, 2.7) --------------------------------------


class PressReleaseIssued(Event):
    """The council issued a media release (ce-groups-2009/2.6)."""

    type: Literal["PressReleaseIssued"] = "PressReleaseIssued"
    release: Id
    by: PersonId
    subject: str = ""
    on_website: bool = Field(default=True, description="councillors can read it on the council website from issue")


class VisitPlanned(Event):
    """A visit to the council was arranged (ce-groups-2009/2.7)."""

    type: Literal["VisitPlanned"] = "VisitPlanned"
    visit: Id
    visitor: str = Field(default="", description="who is visiting")
    visitor_kind: Literal["ministerial", "vip", "other"] = "vip"
    visit_date: date


class CrossPartyInvolvementConsidered(Event):
    """The Chief Executive recorded whether a Ministerial or VIP visit should involve every party (2.7)."""

    type: Literal["CrossPartyInvolvementConsidered"] = "CrossPartyInvolvementConsidered"
    visit: Id
    by: PersonId
    cross_party: bool = Field(description="whether all parties are to be involved")
    reason: str = ""


# --- members at conferences and courses (ce-groups-2009/4.1-4.4) ----------------------------------

MemberKind = Literal["executive", "scrutiny", "other"]
DecidedUnder = Literal["executive", "committee", "delegated-powers", "own-approval"]


class ConferenceAttendanceRequested(Event):
    """A councillor proposes to attend an unscheduled meeting, conference, seminar or course (4.1-4.4)."""

    type: Literal["ConferenceAttendanceRequested"] = "ConferenceAttendanceRequested"
    request: Id
    member: PersonId
    event: str = Field(min_length=1, description="the conference, seminar, course or meeting")
    event_date: date
    cost: Decimal | None = Field(default=None, ge=0)
    member_kind: MemberKind = Field(
        default="other", description="executive: an Executive Member; scrutiny: attending as a Scrutiny Member"
    )
    next_meeting_date: date | None = Field(
        default=None, description="when the Executive or committee that would decide next meets"
    )
    body: Id | None = Field(default=None, description="the committee that would decide, if not the Executive")


class GroupLeadersConsulted(Event):
    """The Head of Governance consulted the Group Leaders on an urgent attendance request (4.2)."""

    type: Literal["GroupLeadersConsulted"] = "GroupLeadersConsulted"
    request: Id
    by: PersonId
    leaders: list[PersonId] = Field(
        default_factory=list, description="the Group Leaders consulted; leave empty when every one of them was"
    )


class ConferenceNoticeGiven(Event):
    """An Executive Member told the Head of Governance in advance of their attendance (4.4)."""

    type: Literal["ConferenceNoticeGiven"] = "ConferenceNoticeGiven"
    request: Id
    member: PersonId


class BudgetConfirmed(Event):
    """The Head of Governance checked the budget for an attendance (4.3, 4.4)."""

    type: Literal["BudgetConfirmed"] = "BudgetConfirmed"
    request: Id
    by: PersonId
    sufficient: bool = True


class ConferenceAttendanceDecided(Event):
    """Whether the member goes was decided, and under what authority (4.1-4.4)."""

    type: Literal["ConferenceAttendanceDecided"] = "ConferenceAttendanceDecided"
    request: Id
    by: PersonId
    decided_under: DecidedUnder
    approved: bool = True


EVENTS: tuple[type[Event], ...] = (
    MemberAccessRefused,
    WeeklyMeetingHeld,
    LiaisonMeetingHeld,
    IndividualBriefingOffered,
    IndividualBriefingHeld,
    PressReleaseIssued,
    VisitPlanned,
    CrossPartyInvolvementConsidered,
    ConferenceAttendanceRequested,
    GroupLeadersConsulted,
    ConferenceNoticeGiven,
    BudgetConfirmed,
    ConferenceAttendanceDecided,
)
