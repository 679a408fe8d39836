"""Events only pack ``lc-member-officer-2019`` reacts to. Shared events live in :mod:`propriety.domain.events.core`."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from propriety.domain.events.base import ClauseId, Event, Id, PersonId

# --- politically restricted posts (5.restricted) ------------------------------------------------

PoliticalActivity = Literal[
    "stand-for-election",
    "party-office",
    "election-agent",
    "canvass",
    "speak-publicly-on-party-politics",
    "party-membership",
]
"""Kinds of political activity a person may propose to take up (lc-member-officer-2019/5.restricted)."""


class PostDesignatedRestricted(Event):
    """A post was entered in the register of politically restricted posts (lc-member-officer-2019/5.restricted)."""

    type: Literal["PostDesignatedRestricted"] = "PostDesignatedRestricted"
    post: Id
    title: str = ""
    holder: PersonId | None = Field(default=None, description="who holds the post now, if anyone")
    criterion: Literal["advice", "media", "senior"] = Field(
        description="regular advice to a member body, regular speaking to the media, or a senior appointment"
    )
    until: date | None = Field(default=None, description="the last day the designation applies, if it ends")


class PoliticalActivityProposed(Event):
    """Someone asks whether they may take up a political activity (lc-member-officer-2019/5.restricted)."""

    type: Literal["PoliticalActivityProposed"] = "PoliticalActivityProposed"
    person: PersonId
    activity: PoliticalActivity


# --- members and the recruitment of officers (8) ------------------------------------------------


class RecruitmentPanelProposed(Event):
    """A member is proposed to help recruit an officer (lc-member-officer-2019/8)."""

    type: Literal["RecruitmentPanelProposed"] = "RecruitmentPanelProposed"
    member: PersonId
    post: Literal["chief-executive", "director", "political-adviser", "other"]
    vacancy: Id | None = None


# --- relationships and interests (9) -------------------------------------------------------------


class RelationshipDeclared(Event):
    """A member or officer disclosed a close relationship with someone on the other side (lc-member-officer-2019/9)."""

    type: Literal["RelationshipDeclared"] = "RelationshipDeclared"
    person: PersonId = Field(description="who made the declaration")
    with_person: PersonId
    kind: Literal["personal", "family", "business"]
    declared_to: PersonId


class DesignatedContactNamed(Event):
    """A party group named one of its members to receive relationship declarations (lc-member-officer-2019/9)."""

    type: Literal["DesignatedContactNamed"] = "DesignatedContactNamed"
    group: Id
    member: PersonId
    named_by: PersonId | None = None


class InterestRegistered(Event):
    """A member or officer registered a personal interest (lc-member-officer-2019/9)."""

    type: Literal["InterestRegistered"] = "InterestRegistered"
    person: PersonId
    interest: Literal["financial", "non-financial"]
    description: str = ""
    with_person: PersonId | None = Field(default=None, description="the person a relationship interest concerns")


# --- correspondence (12.member-officer) --------------------------------------------------------


class MemberCorrespondenceCopied(Event):
    """An officer copied (or asks whether to copy) a member's correspondence to others
    (lc-member-officer-2019/12.member-officer)."""

    type: Literal["MemberCorrespondenceCopied"] = "MemberCorrespondenceCopied"
    correspondence: Id
    officer: PersonId
    author: PersonId = Field(description="the member who wrote the correspondence")
    copied_to: list[PersonId] = Field(min_length=1)
    author_told: bool = False
    author_consented: bool = False


# --- undue influence (7.undue-influence) ---------------------------------------------------------


class UndueInfluenceAttempted(Event):
    """A member was seen to put improper pressure on an officer (lc-member-officer-2019/7.undue-influence)."""

    type: Literal["UndueInfluenceAttempted"] = "UndueInfluenceAttempted"
    case: Id
    member: PersonId
    officer: PersonId
    matter: str = ""


class UndueInfluenceReported(Event):
    """An officer reported a member's attempt at improper influence (lc-member-officer-2019/7.undue-influence)."""

    type: Literal["UndueInfluenceReported"] = "UndueInfluenceReported"
    case: Id
    officer: PersonId
    member: PersonId
    to: PersonId = Field(description="whom the officer reported it to (their director)")
    matter: str = ""


class UndueInfluenceForwarded(Event):
    """A director passed an undue-influence report on to the Chief Executive
    (lc-member-officer-2019/7.undue-influence)."""

    type: Literal["UndueInfluenceForwarded"] = "UndueInfluenceForwarded"
    case: Id
    by: PersonId
    to: PersonId | None = Field(default=None, description="whom it was passed to; left out, the Chief Executive")


class UndueInfluenceInvestigated(Event):
    """The Chief Executive investigated (or closed) an undue-influence report
    (lc-member-officer-2019/7.undue-influence)."""

    type: Literal["UndueInfluenceInvestigated"] = "UndueInfluenceInvestigated"
    case: Id
    by: PersonId
    finding: str = ""


# --- complaints (7.complaints, 13.*, 14) ---------------------------------------------------------


class EnquiryRaised(Event):
    """A member raised an enquiry with an officer; ``complaint_about`` marks one that is in substance a
    complaint about someone's conduct (lc-member-officer-2019/7.complaints)."""

    type: Literal["EnquiryRaised"] = "EnquiryRaised"
    enquiry: Id
    member: PersonId
    to: PersonId
    subject: str = ""
    complaint_about: PersonId | None = None


class DisciplinePressed(Event):
    """A member insisted on, or tried to influence the level of, an officer's discipline
    (lc-member-officer-2019/13.member-about-officer, 13.member-about-director)."""

    type: Literal["DisciplinePressed"] = "DisciplinePressed"
    complaint: Id | None = None
    by: PersonId
    about: PersonId | None = Field(default=None, description="the officer concerned, if no complaint is named")
    pressure: Literal["insisted-on-discipline", "influenced-level"] = "insisted-on-discipline"


class ComplaintsMonitorNominated(Event):
    """An officer was nominated to monitor complaints (lc-member-officer-2019/13.monitoring)."""

    type: Literal["ComplaintsMonitorNominated"] = "ComplaintsMonitorNominated"
    officer: PersonId
    by: PersonId


class BreachReported(Event):
    """Someone reported a breach of the protocol, naming the clauses breached (lc-member-officer-2019/14)."""

    type: Literal["BreachReported"] = "BreachReported"
    breach: Id
    reporter: PersonId
    about: PersonId
    grounds: list[ClauseId] = Field(min_length=1)
    in_writing: bool = True
    summary: str = ""


EVENTS: tuple[type[Event], ...] = (
    PostDesignatedRestricted,
    PoliticalActivityProposed,
    RecruitmentPanelProposed,
    RelationshipDeclared,
    DesignatedContactNamed,
    InterestRegistered,
    MemberCorrespondenceCopied,
    UndueInfluenceAttempted,
    UndueInfluenceReported,
    UndueInfluenceForwarded,
    UndueInfluenceInvestigated,
    EnquiryRaised,
    DisciplinePressed,
    ComplaintsMonitorNominated,
    BreachReported,
)
