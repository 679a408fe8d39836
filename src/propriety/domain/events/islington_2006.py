"""Events only pack ``islington-2006`` reacts to. Shared events live in :mod:`propriety.domain.events.core`."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from propriety.domain.events.base import Event, Id, PersonId

# --- information requests (4.1(b)) ------------------------------------------------------------


class InformationRequestDeclined(Event):
    """A chief officer declined a councillor's factual information request (islington-2006/4.1(b)).

    ``no-legal-right``: the councillor has no legal right to the information, so the request need not
    be met. ``formal-foi-request-required``: the officer insisted on a formal Freedom of Information
    request, which the protocol says a councillor need not make. ``other``: any other ground.
    """

    type: Literal["InformationRequestDeclined"] = "InformationRequestDeclined"
    request: Id
    by: PersonId
    ground: Literal["no-legal-right", "formal-foi-request-required", "other"] = "other"
    reason: str = ""
    written: bool = True


# --- briefings (4.2(a)-(c)) -------------------------------------------------------------------


class JointBoardMeetingHeld(Event):
    """The monthly private "Joint Board" of the Corporate Management Board and the Executive met
    (islington-2006/4.2(a)); its agenda and reports are for the Executive and CMB only."""

    type: Literal["JointBoardMeetingHeld"] = "JointBoardMeetingHeld"
    meeting: Id
    officers_present: list[PersonId] = Field(
        default_factory=list, description="officers a chief officer nominated to attend, besides CMB"
    )
    agenda: str = ""


class PortfolioBriefingHeld(Event):
    """An informal briefing by officers of an Executive member or an opposition portfolio lead
    (islington-2006/4.2(a), 4.2(b)); its content stays between the officers and that councillor's group
    (4.2(c))."""

    type: Literal["PortfolioBriefingHeld"] = "PortfolioBriefingHeld"
    briefing: Id
    member: PersonId = Field(description="the portfolio holder or opposition portfolio lead briefed")
    officers: list[PersonId] = Field(min_length=1)
    request: Id | None = Field(default=None, description="the OppositionBriefingRequested it answers, if any")
    portfolio: str | None = None
    matter: str = ""


class OppositionBriefingRequested(Event):
    """An opposition portfolio lead asked the relevant chief officer for a briefing on service issues
    (islington-2006/4.2(b))."""

    type: Literal["OppositionBriefingRequested"] = "OppositionBriefingRequested"
    request: Id
    requested_by: PersonId
    addressed_to: PersonId | None = Field(default=None, description="the chief officer asked")
    portfolio: str | None = None
    matter: str = ""


class OppositionBriefingArranged(Event):
    """The chief officer made themselves available: a briefing for the opposition lead was fixed
    (islington-2006/4.2(b))."""

    type: Literal["OppositionBriefingArranged"] = "OppositionBriefingArranged"
    request: Id
    by: PersonId
    meeting_at: AwareDatetime | None = None


class OppositionJointMeetingRequested(Event):
    """The Leader of the Opposition asked the Chief Executive to bring the opposition portfolio leads
    together with the Corporate Management Board to be briefed on the published Executive agenda
    (islington-2006/4.2(b))."""

    type: Literal["OppositionJointMeetingRequested"] = "OppositionJointMeetingRequested"
    request: Id = "joint-meeting"
    requested_by: PersonId
    meeting_at: AwareDatetime
    standing: bool = Field(default=False, description="such meetings are prearranged on a standing basis")
    executive_agenda_published: bool = Field(
        default=True, description="the meeting follows publication of the Executive agenda it is about"
    )


# --- news and ward matters (4.3(a), 4.4) ------------------------------------------------------


class SignificantEventOccurred(Event):
    """Something happened in the borough with a significant impact on the council or its residents
    (islington-2006/4.3(a))."""

    type: Literal["SignificantEventOccurred"] = "SignificantEventOccurred"
    occurrence: Id
    summary: str = ""


class LeadersInformed(Event):
    """Group leaders were told of a significant event (settles islington-2006/4.3(a) for each of them)."""

    type: Literal["LeadersInformed"] = "LeadersInformed"
    occurrence: Id
    leaders: list[PersonId] = Field(min_length=1)
    by: PersonId | None = None


class WardMatterAnnounced(Event):
    """A matter affecting one ward arose (islington-2006/4.4(a)): a public consultation event, a
    proposed change to a service sited there, a proposed traffic management order, a proposed
    anti-social behaviour dispersal order, or a specific incident."""

    type: Literal["WardMatterAnnounced"] = "WardMatterAnnounced"
    matter: Id = "ward-matter"
    ward: Id
    kind: Literal["consultation", "service-change", "traffic-order", "dispersal-order", "incident", "other"]
    significant: bool = Field(default=True, description="for a traffic order: whether it is a significant one")
    by: PersonId | None = None
    summary: str = ""


class PublicEventPlanned(Event):
    """A public event (an opening, a festival...) is to be held in a ward (islington-2006/4.4(b))."""

    type: Literal["PublicEventPlanned"] = "PublicEventPlanned"
    event: Id
    ward: Id
    held_on: date | None = None
    name: str = ""


class WardInvitationsSent(Event):
    """Invitations to a public event in a ward went out (islington-2006/4.4(b))."""

    type: Literal["WardInvitationsSent"] = "WardInvitationsSent"
    event: Id
    invited: list[PersonId] = Field(default_factory=list)
    ward: Id | None = Field(default=None, description="needed only if the PublicEventPlanned was not recorded")
    by: PersonId | None = None


# --- when things go wrong (5.1, 5.2) ----------------------------------------------------------


class OfficerConcernRaised(Event):
    """An officer whose working relationship with a councillor has broken down or become strained took
    it up by one of the routes the protocol offers (islington-2006/5.1)."""

    type: Literal["OfficerConcernRaised"] = "OfficerConcernRaised"
    concern: Id
    officer: PersonId
    about: PersonId = Field(description="the councillor concerned")
    route: Literal["conciliation", "chief-executive", "whistleblowing", "standards"]
    summary: str = ""


class DisciplinaryActionProposed(Event):
    """Disciplinary action against an officer is proposed (islington-2006/5.2)."""

    type: Literal["DisciplinaryActionProposed"] = "DisciplinaryActionProposed"
    case: Id = "disciplinary"
    subject: PersonId = Field(description="the officer who would be disciplined")
    proposed_by: PersonId | None = None
    independent_person_report: bool = Field(
        default=False, description="a designated independent person's report recommends this action"
    )
    action: str = ""


# --- media and publicity (6.3, 7.2-7.7) --------------------------------------------------------


class MediaStatementProposed(Event):
    """Someone asks whether they may speak to, or write for, the media (islington-2006/6.3, 7.3(a))."""

    type: Literal["MediaStatementProposed"] = "MediaStatementProposed"
    statement: Id | None = None
    person: PersonId
    union_representative: bool = False
    union_matter: bool = Field(default=False, description="a matter in which they or their union have an interest")
    media_office_consulted: bool = False
    subject: str = ""


class MediaOfficeConsulted(Event):
    """An officer consulted the media office before media contact or publication (islington-2006/7.3(a))."""

    type: Literal["MediaOfficeConsulted"] = "MediaOfficeConsulted"
    statement: Id
    person: PersonId
    consulted: PersonId | None = Field(default=None, description="the media officer consulted")


class MediaStatementMade(Event):
    """Someone spoke to the media, or issued material for publication on the council's behalf
    (islington-2006/6.3, 7.3(a))."""

    type: Literal["MediaStatementMade"] = "MediaStatementMade"
    statement: Id
    person: PersonId
    union_representative: bool = False
    union_matter: bool = False
    media_office_consulted: bool = False
    subject: str = ""


class MediaEnquiryReceived(Event):
    """A media enquiry reached the council; someone must speak for the council (islington-2006/7.3(b))."""

    type: Literal["MediaEnquiryReceived"] = "MediaEnquiryReceived"
    enquiry: Id = "enquiry"
    topic_kind: Literal["policy", "controversial", "technical", "operational"]
    subject: str = ""
    portfolio: str | None = None
    body: Id | None = Field(default=None, description="the committee the enquiry is about, if any")
    officer: PersonId | None = Field(default=None, description="the officer responsible for the subject")
    directorate: Id | None = None


class MediaInterviewRequested(Event):
    """The media asked the media office for an interview or comment from a councillor, an opposition
    group or the ward councillors (islington-2006/7.5, 7.6-opposition-ward)."""

    type: Literal["MediaInterviewRequested"] = "MediaInterviewRequested"
    request: Id = "interview"
    member: PersonId | None = Field(default=None, description="the councillor asked for, if one is named")
    group: Id | None = Field(default=None, description="the group asked for, if no councillor is named")
    ward: Id | None = Field(default=None, description="the ward, when the story has a local focus")
    portfolio: str | None = None
    executive_decision: bool = Field(default=False, description="about a matter the Executive has decided")
    subject: str = ""


class NoticeOfElectionPublished(Event):
    """The notice of a local or general election was published: extra care with publicity until the
    poll (islington-2006/7.2)."""

    type: Literal["NoticeOfElectionPublished"] = "NoticeOfElectionPublished"
    election: Id = "election"
    poll_date: date
    kind: Literal["local", "general", "by-election", "other"] = "local"


class PublicityProposed(Event):
    """The council proposes publicity or media material (islington-2006/7.2, 7.5)."""

    type: Literal["PublicityProposed"] = "PublicityProposed"
    publicity: Id = "publicity"
    subject: str = ""
    promotes_party: bool = Field(
        default=False,
        description="could affect support for a party, or promotes or opposes a view identifiable with one party",
    )
    promotes_individual_councillor: bool = False
    featured: list[PersonId] = Field(default_factory=list, description="councillors the publicity features")
    on_agreed_policy: bool = Field(default=True, description="represents the council and its agreed policy")
    portfolio: str | None = None
    body: Id | None = None
    part_of_campaign: bool = Field(
        default=False, description="part of a wider campaign that could look designed to affect support for a party"
    )


class CommitteeMediaMaterialProposed(Event):
    """The media office proposes material about a committee's work (islington-2006/7.6-committees)."""

    type: Literal["CommitteeMediaMaterialProposed"] = "CommitteeMediaMaterialProposed"
    material: Id
    body: Id
    quoted: list[PersonId] = Field(default_factory=list)
    featured: list[PersonId] = Field(default_factory=list)
    discloses_member_disagreement: bool = False


class QuoteApprovedByChair(Event):
    """A committee chair approved the quotes in, and the final text of, media material about the
    committee (islington-2006/7.6-committees)."""

    type: Literal["QuoteApprovedByChair"] = "QuoteApprovedByChair"
    material: Id
    body: Id
    approved_by: PersonId


class CommitteeMediaMaterialIssued(Event):
    """The media office issued material about a committee's work (islington-2006/7.6-committees)."""

    type: Literal["CommitteeMediaMaterialIssued"] = "CommitteeMediaMaterialIssued"
    material: Id
    body: Id
    quoted: list[PersonId] = Field(default_factory=list)
    featured: list[PersonId] = Field(default_factory=list)
    discloses_member_disagreement: bool = False


class ExternalPublicationIssued(Event):
    """A publication went outside the council naming contacts (islington-2006/7.7)."""

    type: Literal["ExternalPublicationIssued"] = "ExternalPublicationIssued"
    publication: Id
    contacts: list[PersonId] = Field(default_factory=list)
    group: Id | None = None


class PoliticalOfficeFacilitiesUsed(Event):
    """A political group office's facilities were used (islington-2006/7.7)."""

    type: Literal["PoliticalOfficeFacilitiesUsed"] = "PoliticalOfficeFacilitiesUsed"
    use: Id = "use"
    group: Id
    used_by: PersonId | None = Field(default=None, description="who used them, if in the organisation")
    user_kind: Literal["council-member", "party-member", "member-of-public", "other"] | None = Field(
        default=None, description="who used them, when they are not in the organisation"
    )
    purpose: Literal["council-business", "campaigning", "other"] = "other"
    allowed_by: PersonId | None = None


# --- council resources (8.2, 8.6, 8.8) ---------------------------------------------------------


class ResourceUseProposed(Event):
    """A councillor proposes to use council resources (stationery, staff, communications, transport)
    for a purpose (islington-2006/8.2, 8.6)."""

    type: Literal["ResourceUseProposed"] = "ResourceUseProposed"
    use: Id = "use"
    member: PersonId
    purpose: Literal[
        "council-duty",
        "casework",
        "committee",
        "chair",
        "external-body-representative",
        "party-political",
        "personal-publicity",
        "other",
    ]
    resource: str = ""
    conducive_to_council_functions: bool = Field(
        default=False,
        description="for party-political use: can reasonably be regarded as helping discharge the council's "
        "or the office's functions (the members' code exception)",
    )


class CircularLetterProposed(Event):
    """A councillor proposes a circular letter (islington-2006/8.8)."""

    type: Literal["CircularLetterProposed"] = "CircularLetterProposed"
    letter: Id
    member: PersonId
    uses_council_resources: bool = Field(default=True, description="in its production or its distribution")
    justification: str = ""


class CircularLetterCleared(Event):
    """A circular letter from a councillor was cleared, after a full justification or a detailed
    briefing (islington-2006/8.8)."""

    type: Literal["CircularLetterCleared"] = "CircularLetterCleared"
    letter: Id
    cleared_by: PersonId
    justification_received: bool = True


class CircularLetterSent(Event):
    """A councillor's circular letter went out (islington-2006/8.8)."""

    type: Literal["CircularLetterSent"] = "CircularLetterSent"
    letter: Id
    member: PersonId
    uses_council_resources: bool = True


EVENTS: tuple[type[Event], ...] = (
    InformationRequestDeclined,
    JointBoardMeetingHeld,
    PortfolioBriefingHeld,
    OppositionBriefingRequested,
    OppositionBriefingArranged,
    OppositionJointMeetingRequested,
    SignificantEventOccurred,
    LeadersInformed,
    WardMatterAnnounced,
    PublicEventPlanned,
    WardInvitationsSent,
    OfficerConcernRaised,
    DisciplinaryActionProposed,
    MediaStatementProposed,
    MediaOfficeConsulted,
    MediaStatementMade,
    MediaEnquiryReceived,
    MediaInterviewRequested,
    NoticeOfElectionPublished,
    PublicityProposed,
    CommitteeMediaMaterialProposed,
    QuoteApprovedByChair,
    CommitteeMediaMaterialIssued,
    ExternalPublicationIssued,
    PoliticalOfficeFacilitiesUsed,
    ResourceUseProposed,
    CircularLetterProposed,
    CircularLetterCleared,
    CircularLetterSent,
)
