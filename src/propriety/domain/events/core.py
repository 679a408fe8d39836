"""Events several packs share: information requests, group meetings, briefings, complaints."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from propriety.domain.events.base import ClauseId, Event, Id, OthersPresent, PersonId

# --- requests for information (islington-2006/4.1, ce-groups-2009/3.1) -----------------------


class InformationRequested(Event):
    """A councillor asked a chief officer for factual information (islington-2006/4.1(b))."""

    type: Literal["InformationRequested"] = "InformationRequested"
    request: Id
    member: PersonId
    asked: PersonId = Field(description="the chief officer asked")
    subject: str = ""
    in_confidence: bool = False
    portfolio: str | None = Field(default=None, description="the executive portfolio the subject falls under")
    body: Id | None = Field(default=None, description="the committee the subject falls under")


class InformationProvided(Event):
    """The information asked for was supplied (islington-2006/4.1(b), 4.1(c); ce-groups-2009/3.1)."""

    type: Literal["InformationProvided"] = "InformationProvided"
    request: Id
    by: PersonId
    to: PersonId | None = None
    written: bool = True
    current_policy_or_statistics: bool = False
    copied_to: list[PersonId] = Field(default_factory=list)


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


class BriefingRequested(Event):
    """A group (through its leader) asked for a briefing (ce-groups-2009/2.5, islington-2006/4.5(a))."""

    type: Literal["BriefingRequested"] = "BriefingRequested"
    request: Id
    group: Id
    requested_by: PersonId
    addressed_to: PersonId | None = None
    matter: Id
    confidential: bool = True


class InvitationAccepted(Event):
    """An officer accepted a group's invitation to attend its meeting on a matter (officers-groups/13)."""

    type: Literal["InvitationAccepted"] = "InvitationAccepted"
    officer: PersonId
    group: Id
    matter: Id


class InvitationDeclined(Event):
    """An officer declined a group's invitation to attend its meeting on a matter (officers-groups/13)."""

    type: Literal["InvitationDeclined"] = "InvitationDeclined"
    officer: PersonId
    group: Id
    matter: Id
    reason: str = ""


class GroupMeetingHeld(Event):
    """A party group met with officers present (confidentiality: officers-groups/11, lc 6.*, ce 1.minority)."""

    type: Literal["GroupMeetingHeld"] = "GroupMeetingHeld"
    meeting: Id
    group: Id
    officers_present: list[PersonId] = Field(default_factory=list)
    others_present: list[OthersPresent] = Field(default_factory=list)
    matter: str = ""
    party_business_discussed_with_officers_present: bool = False
    notes: str = ""


class DiscussionRelayed(Event):
    """Someone passed on what was said at a group meeting or a confidential briefing."""

    type: Literal["DiscussionRelayed"] = "DiscussionRelayed"
    meeting: Id = Field(description="the GroupMeetingHeld meeting or the briefing whose content was passed on")
    by: PersonId
    to: list[PersonId] = Field(min_length=1)
    consent_by: PersonId | None = Field(default=None, description="the group leader who consented, if anyone")


class DifficultyRaised(Event):
    """A difficulty or uncertainty about officers and groups raised with the Chief Executive."""

    type: Literal["DifficultyRaised"] = "DifficultyRaised"
    case: Id
    raised_by: PersonId
    raised_with: PersonId | None = None
    group: Id | None = None
    matter: str = ""


class GroupReportRequested(Event):
    """A group leader asked for a report for the group (islington-2006/4.1(d))."""

    type: Literal["GroupReportRequested"] = "GroupReportRequested"
    request: Id
    group: Id
    requested_by: PersonId
    addressed_to: PersonId
    matter: str = ""
    seeks_confidential_personal_information: bool = False
    cost_or_nature_unreasonable: bool = False


class GroupReportProvided(Event):
    """A report or written advice given to a political group (islington-2006/4.1(e), 4.5(d))."""

    type: Literal["GroupReportProvided"] = "GroupReportProvided"
    request: Id | None = None
    group: Id
    by: PersonId
    contains_recommendation: bool = False
    contains_political_implications: bool = False


# --- complaints (lc-member-officer-2019/13.*, islington-2006/5.*) ------------------------


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


class ComplaintInvestigated(Event):
    """An investigator was assigned to, or reported on, a complaint."""

    type: Literal["ComplaintInvestigated"] = "ComplaintInvestigated"
    complaint: Id
    investigator: PersonId
    finding: str = ""


class WitnessInterviewed(Event):
    """A witness gave evidence; they are told only what they need to know (13.confidentiality)."""

    type: Literal["WitnessInterviewed"] = "WitnessInterviewed"
    complaint: Id
    witness: PersonId
    by: PersonId
    told_complainant_identity: bool = False


class ComplaintOutcomeRecorded(Event):
    """The handler recorded the outcome of a complaint."""

    type: Literal["ComplaintOutcomeRecorded"] = "ComplaintOutcomeRecorded"
    complaint: Id
    by: PersonId
    outcome: str = Field(min_length=1)
    formal_complaint_to_monitoring_officer: bool = False


class ComplaintOutcomeCommunicated(Event):
    """Someone was told the outcome of a complaint, with or without the detail."""

    type: Literal["ComplaintOutcomeCommunicated"] = "ComplaintOutcomeCommunicated"
    complaint: Id
    by: PersonId
    to: PersonId
    detail: Literal["outcome-only", "full"] = "outcome-only"


class ComplaintEscalated(Event):
    """A dissatisfied party took the complaint to the Chief Executive for an independent look."""

    type: Literal["ComplaintEscalated"] = "ComplaintEscalated"
    complaint: Id
    by: PersonId
    to: PersonId | None = None


# --- any obligation ---------------------------------------------------------------------


class ObligationWaived(Event):
    """Someone with the standing to do so waived an open duty, saying why."""

    type: Literal["ObligationWaived"] = "ObligationWaived"
    obligation: str = Field(min_length=1, description="the obligation's key")
    by: PersonId
    reason: str = Field(min_length=1)


EVENTS: tuple[type[Event], ...] = (
    InformationRequested,
    InformationProvided,
    InformationDelayExplained,
    AttendanceRequested,
    AttendanceDecided,
    BriefingGiven,
    BriefingOffered,
    BriefingRequested,
    InvitationAccepted,
    InvitationDeclined,
    GroupMeetingHeld,
    DiscussionRelayed,
    DifficultyRaised,
    GroupReportRequested,
    GroupReportProvided,
    ComplaintLodged,
    ComplaintAcknowledged,
    ComplaintInvestigated,
    WitnessInterviewed,
    ComplaintOutcomeRecorded,
    ComplaintOutcomeCommunicated,
    ComplaintEscalated,
    ObligationWaived,
)
