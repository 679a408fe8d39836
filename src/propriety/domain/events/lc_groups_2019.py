"""Events only pack ``lc-groups-2019`` reacts to. Shared events live in :mod:`propriety.domain.events.core`.

London Councils is a joint body: its Members are councillors of the member authorities, sitting in
party groups, and each group has one or more Political Advisers (PAs). These events record the
dealings the protocol governs between the PAs, the groups and the rest of the organisation.

A few fields take a second spelling on input (``from`` for ``sender``, ``with`` for ``attendees``,
``kind`` for ``meeting_kind``, ``contact`` for ``enquiry``, ``adviser`` for ``advisers``), because the
natural word is a Python keyword or reads better in a log; the log always stores the first spelling.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import AliasChoices, AwareDatetime, Field, field_validator

from propriety.domain.events.base import Event, Id, PersonId

MeetingKind = Literal["member-body", "internal-officer", "single-party", "external", "pre-meeting"]
"""What sort of meeting: a London Councils member body (internal.3), a formal internal officer meeting
(internal.6), a meeting of one party's members only (internal.5), a member-level meeting or event with
external organisations (internal.4), or the members' pre-meeting before one (internal.4)."""

ResourceKind = Literal["room-booking", "support-service", "papers", "communications", "information", "other"]
"""The core resources internal.7 names (room bookings, support services, papers, the communications and
public affairs resource), a request for information, or anything else."""

DocumentKind = Literal["member-body-report", "published-document", "circular", "member-authority-information"]
"""What internal.9 opens to PAs: member body reports, published documents, circulars, and information
released to member authorities."""


def _as_list(value: Any) -> Any:
    """Accept one person id where a list of them is expected."""
    return [value] if isinstance(value, str) else value


# --- roles (roles.1) ---------------------------------------------------------------------------


class AdviserAssigned(Event):
    """A Political Adviser was attached to a party group (lc-groups-2019/roles.1)."""

    type: Literal["AdviserAssigned"] = "AdviserAssigned"
    adviser: PersonId
    group: Id
    appointed_by: PersonId | None = Field(default=None, description="who made the appointment")
    reports_to: PersonId | None = Field(default=None, description="the post's line manager")


# --- internal relationships (internal.1 - internal.9) ------------------------------------------


class CorrespondenceSent(Event):
    """Correspondence went to councillors; to all of a group's councillors, its PAs are copied
    (lc-groups-2019/internal.1)."""

    type: Literal["CorrespondenceSent"] = "CorrespondenceSent"
    correspondence: Id | None = None
    sender: PersonId = Field(
        validation_alias=AliasChoices("sender", "from", "by"), description="who sent it ('from' or 'by' also accepted)"
    )
    to: list[PersonId] = Field(default_factory=list, description="the people it was addressed to")
    to_all_members_of_group: bool | Id | None = Field(
        default=None,
        description="the group whose councillors it went to, all of them; true: every group of the "
        "councillors in 'to'; left out: worked out from 'to'",
    )
    routine: bool = False
    confidential_staffing: bool = Field(default=False, description="it concerns confidential staffing matters")
    copied_to: list[PersonId] = Field(default_factory=list, description="who was sent a copy")
    subject: str = ""


class SubstitutionRequested(Event):
    """A substitute was sought for a Member at a meeting (lc-groups-2019/internal.2)."""

    type: Literal["SubstitutionRequested"] = "SubstitutionRequested"
    request: Id
    member: PersonId = Field(description="the Member who needs a substitute")
    body: Id | None = None
    meeting: Id | None = None
    requested_by: PersonId
    addressed_to: PersonId | None = None
    substitute: PersonId | None = None


class SubstitutionArranged(Event):
    """A substitute was arranged for a Member (lc-groups-2019/internal.2)."""

    type: Literal["SubstitutionArranged"] = "SubstitutionArranged"
    request: Id | None = None
    member: PersonId
    substitute: PersonId
    body: Id | None = None
    meeting: Id | None = None
    arranged_by: PersonId


class MeetingScheduled(Event):
    """A meeting was arranged (lc-groups-2019/internal.3, internal.4, internal.5)."""

    type: Literal["MeetingScheduled"] = "MeetingScheduled"
    meeting: Id
    kind: MeetingKind
    body: Id | None = Field(default=None, description="the member body, for a member-body meeting")
    starts_at: AwareDatetime
    members: list[PersonId] = Field(default_factory=list, description="the Members taking part")
    parties: list[Id] = Field(default_factory=list, description="party groups (ids or party names) involved")
    notified: list[PersonId] = Field(default_factory=list, description="people already told of it")
    confidential_staffing: bool = False
    political: bool | None = Field(default=None, description="whether it is a political meeting; unknown if left out")
    organised_by: PersonId | None = None
    external_organisations: list[str] = Field(default_factory=list)


class MeetingNoticeSent(Event):
    """People were told of a meeting (settles the notices of internal.3 and internal.4)."""

    type: Literal["MeetingNoticeSent"] = "MeetingNoticeSent"
    meeting: Id
    by: PersonId
    to: list[PersonId] = Field(min_length=1)


class AdviserAttendanceRequested(Event):
    """May this Political Adviser attend this meeting? (lc-groups-2019/internal.3, internal.4, internal.6)"""

    type: Literal["AdviserAttendanceRequested"] = "AdviserAttendanceRequested"
    adviser: PersonId
    meeting: Id | None = None
    meeting_kind: MeetingKind = Field(
        validation_alias=AliasChoices("meeting_kind", "kind"), description="the sort of meeting ('kind' also accepted)"
    )
    body: Id | None = None
    confidential_staffing: bool = False
    invited: bool = False
    invited_by: PersonId | None = None


class ResourceRequested(Event):
    """A Political Adviser asked for support, information or use of a core resource (internal.7)."""

    type: Literal["ResourceRequested"] = "ResourceRequested"
    request: Id
    adviser: PersonId
    resource: ResourceKind
    addressed_to: PersonId | None = None
    details: str = ""


class ResourceDecided(Event):
    """A Political Adviser's request was granted or refused (internal.7)."""

    type: Literal["ResourceDecided"] = "ResourceDecided"
    request: Id
    by: PersonId
    granted: bool
    reason: str = Field(default="", description="why, if refused: what made it impracticable")


class ResourceDisputed(Event):
    """A dispute over a Political Adviser's access to resources was put to the Chief Executive (internal.7)."""

    type: Literal["ResourceDisputed"] = "ResourceDisputed"
    request: Id
    raised_by: PersonId
    matter: str = ""


class ResourceDisputeSettled(Event):
    """The Chief Executive settled a dispute over access to resources (internal.7)."""

    type: Literal["ResourceDisputeSettled"] = "ResourceDisputeSettled"
    request: Id
    by: PersonId
    outcome: str = Field(min_length=1)


class PublicationIssued(Event):
    """The Communications Team published material on behalf of London Councils (internal.8)."""

    type: Literal["PublicationIssued"] = "PublicationIssued"
    publication: Id
    by: PersonId
    title: str = ""
    supplied_to: list[PersonId] = Field(default_factory=list, description="PAs given it at the same time")


class PublicationSupplied(Event):
    """A publication was sent to Political Advisers (settles internal.8)."""

    type: Literal["PublicationSupplied"] = "PublicationSupplied"
    publication: Id
    by: PersonId
    to: list[PersonId] = Field(min_length=1)


class DocumentPublished(Event):
    """A member body report, published document, circular or release to member authorities (internal.9)."""

    type: Literal["DocumentPublished"] = "DocumentPublished"
    document: Id
    kind: DocumentKind
    by: PersonId | None = None
    body: Id | None = None
    confidential_staffing: bool = False
    released_to: list[PersonId] = Field(default_factory=list)
    title: str = ""


# --- outside relationships (outside, outside.1 - outside.3) ------------------------------------


class OutsideRepresentativeMet(Event):
    """Members or officers met an Outside Representative of a political party (lc-groups-2019/outside)."""

    type: Literal["OutsideRepresentativeMet"] = "OutsideRepresentativeMet"
    meeting: Id
    representative: PersonId
    party: str | None = Field(default=None, description="the representative's party, if not in the organisation")
    attendees: list[PersonId] = Field(
        default_factory=list,
        validation_alias=AliasChoices("attendees", "with"),
        description="the Members and officers who met them ('with' also accepted)",
    )
    ministerial: bool = Field(default=False, description="an MP or peer met in their ministerial role")
    official_level: bool = False
    political: bool = False
    organised_through_adviser: bool = False
    organised_by: PersonId | None = None


class OutsideRepresentativeContacted(Event):
    """An Outside Representative of a party got in touch first (lc-groups-2019/outside.1)."""

    type: Literal["OutsideRepresentativeContacted"] = "OutsideRepresentativeContacted"
    enquiry: Id = Field(
        validation_alias=AliasChoices("enquiry", "contact"), description="the contact's id ('contact' also accepted)"
    )
    representative: PersonId
    party: str | None = None
    contacted: PersonId | None = Field(default=None, description="the Member or officer approached")
    summary: str = ""


class AdviserInformed(Event):
    """The relevant Political Adviser was told of a contact and brought into the reply (outside.1)."""

    type: Literal["AdviserInformed"] = "AdviserInformed"
    enquiry: Id = Field(
        validation_alias=AliasChoices("enquiry", "contact"), description="the contact's id ('contact' also accepted)"
    )
    by: PersonId | None = None
    advisers: list[PersonId] = Field(
        min_length=1,
        validation_alias=AliasChoices("advisers", "adviser"),
        description="the Political Adviser(s) told ('adviser', one id, also accepted)",
    )
    involved: bool = Field(default=True, description="whether the PA is involved in deciding the response")

    @field_validator("advisers", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _as_list(value)


class OutsideBriefingSent(Event):
    """A briefing went to Outside Representatives of political parties (lc-groups-2019/outside.2)."""

    type: Literal["OutsideBriefingSent"] = "OutsideBriefingSent"
    briefing: Id
    by: PersonId
    to: list[PersonId] = Field(default_factory=list)
    non_political: bool = True
    copied_to: list[PersonId] = Field(default_factory=list)


class MaterialPrepared(Event):
    """Material was prepared for one or more Outside Representatives (lc-groups-2019/outside.3)."""

    type: Literal["MaterialPrepared"] = "MaterialPrepared"
    material: Id
    prepared_by: PersonId
    for_representatives: list[PersonId] = Field(default_factory=list)
    party: str | None = Field(default=None, description="their party, if not in the organisation")
    only_for_that_party: bool = Field(default=True, description="it will go to that party's representatives only")
    distribute_on: date | None = None


class MaterialReviewed(Event):
    """The relevant Political Adviser had the material to review and comment on (outside.3)."""

    type: Literal["MaterialReviewed"] = "MaterialReviewed"
    material: Id
    by: PersonId
    comments: str = ""


class MaterialDistributed(Event):
    """Material was sent out (outside.3)."""

    type: Literal["MaterialDistributed"] = "MaterialDistributed"
    material: Id
    by: PersonId
    to: list[PersonId] = Field(default_factory=list)


# --- the groups' budgets (budget) -------------------------------------------------------------


class BudgetAllocated(Event):
    """A party group was given its budget for a year (lc-groups-2019/budget)."""

    type: Literal["BudgetAllocated"] = "BudgetAllocated"
    group: Id
    amount: Decimal = Field(ge=0)
    year: int | None = Field(default=None, description="the budget year; the event's year if left out")
    by: PersonId | None = None


class BudgetSpent(Event):
    """Money was spent from a party group's budget (lc-groups-2019/budget)."""

    type: Literal["BudgetSpent"] = "BudgetSpent"
    spend: Id
    group: Id
    amount: Decimal = Field(gt=0)
    purpose: str = ""
    approved_by: PersonId | None = None
    year: int | None = Field(default=None, description="the budget year; the latest one recorded if left out")


EVENTS: tuple[type[Event], ...] = (
    AdviserAssigned,
    CorrespondenceSent,
    SubstitutionRequested,
    SubstitutionArranged,
    MeetingScheduled,
    MeetingNoticeSent,
    AdviserAttendanceRequested,
    ResourceRequested,
    ResourceDecided,
    ResourceDisputed,
    ResourceDisputeSettled,
    PublicationIssued,
    PublicationSupplied,
    DocumentPublished,
    OutsideRepresentativeMet,
    OutsideRepresentativeContacted,
    AdviserInformed,
    OutsideBriefingSent,
    MaterialPrepared,
    MaterialReviewed,
    MaterialDistributed,
    BudgetAllocated,
    BudgetSpent,
)
