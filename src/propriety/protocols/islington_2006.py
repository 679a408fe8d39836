"""Pack ``islington-2006``: Islington's protocol on member/officer relations (October 2006)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from propriety.domain.effects import (
    Audience,
    Decision,
    Effect,
    Notification,
    Obligation,
    ObligationState,
    Outcome,
    Remember,
    Settle,
    Violation,
    on,
)
from propriety.domain.events import (
    AttendanceRequested,
    BriefingGiven,
    BriefingOffered,
    BriefingRequested,
    ComplaintLodged,
    DiscussionRelayed,
    GroupReportProvided,
    GroupReportRequested,
    InformationDelayExplained,
    InformationProvided,
    InformationRequested,
)
from propriety.domain.events.islington_2006 import (
    CircularLetterCleared,
    CircularLetterProposed,
    CircularLetterSent,
    CommitteeMediaMaterialIssued,
    CommitteeMediaMaterialProposed,
    DisciplinaryActionProposed,
    ExternalPublicationIssued,
    InformationRequestDeclined,
    JointBoardMeetingHeld,
    MediaEnquiryReceived,
    MediaInterviewRequested,
    MediaOfficeConsulted,
    MediaStatementMade,
    MediaStatementProposed,
    NoticeOfElectionPublished,
    OfficerConcernRaised,
    OppositionBriefingRequested,
    OppositionJointMeetingRequested,
    PoliticalOfficeFacilitiesUsed,
    PortfolioBriefingHeld,
    PublicEventPlanned,
    PublicityProposed,
    QuoteApprovedByChair,
    ResourceUseProposed,
    SignificantEventOccurred,
    WardInvitationsSent,
    WardMatterAnnounced,
)
from propriety.domain.organisation import Organisation, Role
from propriety.protocols.common import NOT_COUNCIL_MEMBERS, name, names
from propriety.protocols.parity import offer_to_other_groups
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("islington-2006")

P = "islington-2006/"
ATTEND = "officer-attends-group-meeting"
INFORMATION = "information-request"
GROUP_REPORT = "group-report"
GROUP_BRIEFING = "group-briefing"
JOINT_MEETING = "joint-opposition-meeting"
COMPLAINT = "formal-complaint"
DISCIPLINE = "disciplinary-action"
OFFICER_CONCERN = "officer-concern"
MEDIA = "officer-speaks-to-media"
SPOKESPERSON = "media-spokesperson"
INTERVIEW = "media-interview"
PUBLICITY = "publicity"
COMMITTEE_MEDIA = "committee-media-material"
RESOURCES = "use-of-council-resources"
CIRCULAR = "circular-letter"


# --- who is who (1.1, 1.3) ------------------------------------------------------------------------


def _known(org: Organisation, pid: str | None) -> bool:
    if pid is None:
        return False
    try:
        org.person(pid)
    except LookupError:
        return False
    return True


def _is_officer(org: Organisation, pid: str | None, on_: date) -> bool:
    return _known(org, pid) and org.is_officer(str(pid), on_)


def _is_councillor(org: Organisation, pid: str | None, on_: date) -> bool:
    return _known(org, pid) and org.is_councillor(str(pid), on_)


def _has(
    org: Organisation,
    pid: str | None,
    role: Role,
    on_: date,
    *,
    group: str | None = None,
    portfolio: str | None = None,
) -> bool:
    if not _known(org, pid):
        return False
    try:
        return org.has_role(str(pid), role, on_, group=group, portfolio=portfolio)
    except LookupError:  # an unknown group
        return False


def chief_officer_for(org: Organisation, pid: str | None, on_: date) -> str | None:
    """islington-2006/1.3: the Chief Officer a request to ``pid`` belongs with.

    A Chief Officer answers for themselves; any other officer's request goes up their line of
    management to the first Chief Officer (the Chief Executive if the chain gives none). Someone who is
    not an officer has no Chief Officer: None.
    """
    if not _is_officer(org, pid, on_):
        return None
    assert pid is not None
    if org.is_chief_officer(pid, on_):
        return pid
    seen = {pid}
    current = org.line_manager(pid, on_)
    while current is not None and current not in seen and _known(org, current):
        if org.is_chief_officer(current, on_):
            return current
        seen.add(current)
        current = org.line_manager(current, on_)
    return org.chief_executive(on_)


def upholders_for(org: Organisation, about: str, on_: date) -> tuple[tuple[str, ...], bool]:
    """islington-2006/1.1: who is responsible for seeing that ``about`` keeps to the protocol, and whether
    that is a Group Leader.

    A councillor: their Group Leader. A Group Leader, or a councillor in no group: the Chief Executive
    and the Monitoring Officer (our reading). An officer: the Chief Executive and the Monitoring Officer
    (neither is asked to uphold the protocol against themselves).
    """
    if not _known(org, about):
        return ((), False)
    if org.is_councillor(about, on_):
        group = org.group_of(about, on_)
        leader = org.group_leader(group, on_) if group else None
        if leader and leader != about:
            return ((leader,), True)
    ce, mo = org.chief_executive(on_), org.monitoring_officer(on_)
    return (tuple(sorted({p for p in (ce, mo) if p and p != about})), False)


def executive(org: Organisation, on_: date) -> set[str]:
    """The Executive: its members, with the Leader and Deputy Leader of the Council."""
    people = set(org.holders(Role.EXECUTIVE_MEMBER, on_))
    people.update(org.holders(Role.LEADER_OF_COUNCIL, on_))
    people.update(org.holders(Role.DEPUTY_LEADER_OF_COUNCIL, on_))
    return people


def administration_group(org: Organisation, on_: date) -> str | None:
    """The group of the Leader of the Council; every other group is in opposition."""
    leaders = org.holders(Role.LEADER_OF_COUNCIL, on_)
    return org.group_of(leaders[0], on_) if leaders else None


def in_opposition(org: Organisation, pid: str | None, on_: date) -> bool:
    if not _is_councillor(org, pid, on_):
        return False
    assert pid is not None
    group = org.group_of(pid, on_)
    return group is not None and group != administration_group(org, on_)


def _group_name(org: Organisation, gid: str | None) -> str:
    if gid is None:
        return "no group"
    try:
        return org.group(gid).name
    except LookupError:
        return gid


def _group_members(org: Organisation, gid: str, on_: date) -> tuple[str, ...]:
    try:
        return org.group_members(gid, on_)
    except LookupError:
        return ()


# --- 4.1(b), 4.1(c): requests for written information ---------------------------------------------


def _information_case(request: str) -> str:
    return f"islington-2006/information:{request}"


@pack.rule(on=InformationRequested, clauses=[P + "1.3"], question=INFORMATION)
def information_requests_go_to_chief_officers(e: InformationRequested, ctx: RuleContext) -> Iterator[Effect]:
    """A factual request goes to the relevant Chief Officer; one put to another officer belongs with
    the Chief Officer above them, who then owes the answer."""
    org = ctx.org
    if _known(org, e.asked) and org.is_chief_officer(e.asked, ctx.on):
        return
    chief = chief_officer_for(org, e.asked, ctx.on)
    if chief is not None:
        reason = (
            f"{name(org, e.asked)} is not a Chief Officer (the Chief Executive, a Director, an Assistant "
            f"Director or an officer reporting straight to a Director). The request belongs with "
            f"{name(org, chief)}, who owes the answer."
        )
    else:
        chief = org.chief_executive(ctx.on)
        reason = (
            f"{name(org, e.asked)} is not an officer of the council. Requests for factual information about "
            f"a service go to the relevant Chief Officer; the Chief Executive can say who that is."
        )
    yield Decision(
        question=INFORMATION,
        outcome=Outcome.REFER,
        clauses=(P + "1.3",),
        reason=reason,
        refer_to=(chief,) if chief else (),
    )


@pack.rule(on=InformationRequested, clauses=[P + "4.1(b)"])
def information_request_answered_in_working_days(e: InformationRequested, ctx: RuleContext) -> Iterator[Effect]:
    """A councillor's factual request is answered within the period, or the delay explained in writing."""
    holder = chief_officer_for(ctx.org, e.asked, ctx.on)
    if holder is None:
        return  # not put to an officer: see 1.3
    answer_days = ctx.param("information_request.working_days")
    explain_days = ctx.param("information_request.explanation_working_days")
    due = ctx.calendar.due_date(e.at, answer_days)
    explain_due = ctx.calendar.due_date(e.at, explain_days)
    explanation = "in that time" if explain_days == answer_days else f"within {explain_days} working days"
    yield Obligation(
        key=f"islington-2006/4.1(b):{e.request}:respond",
        holder=holder,
        duty=(
            f"Answer {name(ctx.org, e.member)}'s request for information"
            f"{' on ' + e.subject if e.subject else ''}, or write explaining the delay and giving a new date"
        ),
        due=due,
        clauses=(P + "4.1(b)",),
        reason=(
            f"A councillor's request for factual information must be met within {answer_days} working "
            f"days of receipt (no formal Freedom of Information request is needed), or a written "
            f"explanation with a new timescale sent {explanation}."
        ),
        fulfilled_by=(
            on("InformationProvided", request=e.request),
            on("InformationDelayExplained", request=e.request, written=True),
        ),
        subject=e.request,
        beneficiary=e.member,
    )
    yield Remember(
        _information_case(e.request),
        (
            ("member", e.member),
            ("asked", holder),
            ("subject", e.subject),
            ("portfolio", e.portfolio),
            ("due", due.isoformat()),
            ("explain_due", explain_due.isoformat()),
        ),
    )


@pack.rule(on=InformationDelayExplained, clauses=[P + "4.1(b)"])
def information_delay_sets_new_date(e: InformationDelayExplained, ctx: RuleContext) -> Iterator[Effect]:
    """A written explanation settles the first duty and opens a new one due on the date it gives."""
    if not e.written:
        return
    case = ctx.ledger.case(_information_case(e.request)) or {}
    member = case.get("member")
    explain_due = case.get("explain_due")
    due = case.get("due")
    if explain_due and due and explain_due < ctx.on.isoformat() <= due:
        # Only possible where an authority allows less time to explain than to answer; past the
        # answer's own deadline the missed duty is already recorded.
        yield Violation(
            key=f"islington-2006/4.1(b):{e.request}:explained-late",
            clauses=(P + "4.1(b)",),
            reason=f"The written explanation of the delay came after {explain_due}, the last day for it.",
            responsible=e.by,
        )
    yield Obligation(
        key=f"islington-2006/4.1(b):{e.request}:by-new-date",
        holder=e.by,
        duty=f"Provide the information {name(ctx.org, member) + ' asked for' if member else 'requested'} "
        f"by the new date given in the written explanation",
        due=e.new_date,
        clauses=(P + "4.1(b)",),
        reason=f"The officer explained the delay in writing ({e.reason}) and set a new date, "
        f"{e.new_date.isoformat()}; the information is now owed by then.",
        fulfilled_by=(on("InformationProvided", request=e.request),),
        subject=e.request,
        beneficiary=member,
    )


@pack.rule(on=InformationRequestDeclined, clauses=[P + "4.1(b)"])
def information_request_declined_only_without_legal_right(
    e: InformationRequestDeclined, ctx: RuleContext
) -> Iterator[Effect]:
    """A request need be met only where the councillor is legally entitled to what they ask for, and a
    councillor is never made to put in a formal Freedom of Information request."""
    case = ctx.ledger.case(_information_case(e.request))
    if e.ground == "formal-foi-request-required":
        yield Violation(
            key=f"islington-2006/4.1(b):{e.request}:foi-demanded",
            clauses=(P + "4.1(b)",),
            reason="A councillor asking for factual information need not make a formal Freedom of Information "
            "request; the request must be dealt with as it stands.",
            responsible=e.by,
        )
        return
    if e.ground == "no-legal-right":
        why = "The councillor has no legal right to this information, so the request need not be met" + (
            f": {e.reason}." if e.reason else "."
        )
        for what in ("respond", "by-new-date"):
            yield Settle(f"islington-2006/4.1(b):{e.request}:{what}", ObligationState.DISCHARGED, why, e.by)
        if case is not None:
            yield Remember(_information_case(e.request), forget=True)


@pack.rule(on=InformationProvided, clauses=[P + "4.1(c)"])
def policy_and_statistics_copied_to_executive_member(e: InformationProvided, ctx: RuleContext) -> Iterator[Effect]:
    """Written information on current council policy, or statistics about council services, given to a
    councillor is copied to the Executive member for the portfolio it concerns."""
    case = ctx.ledger.case(_information_case(e.request))
    if case is not None:
        yield Remember(_information_case(e.request), forget=True)
    if not (e.written and e.current_policy_or_statistics) or case is None or not case.get("portfolio"):
        return
    org = ctx.org
    portfolio = str(case["portfolio"])
    member = e.to or case.get("member")
    holder = org.executive_member_for(portfolio, ctx.on)
    if holder is None or holder == member:
        return
    yield Notification(
        key=f"islington-2006/4.1(c):{e.request}",
        recipients=(holder,),
        about=f"Information given to {name(org, member)}{' on ' + str(case['subject']) if case.get('subject') else ''}",
        clauses=(P + "4.1(c)",),
        reason=f"Written information on current council policy or service statistics is copied to the "
        f"Executive member for {portfolio}, {name(org, holder)}.",
    )
    if holder not in e.copied_to:
        yield Violation(
            key=f"islington-2006/4.1(c):{e.request}",
            clauses=(P + "4.1(c)",),
            reason=f"The written information was not copied to {name(org, holder)}, the Executive member "
            f"for {portfolio}.",
            responsible=e.by,
        )


# --- 4.1(d), 4.1(e), 4.5(d): reports and advice for political groups ------------------------------


def _may_ask_for_group(org: Organisation, pid: str, group: str, on_: date) -> bool:
    """The Leader of the Council, or the leader of the group concerned (4.1(d), 4.5(a))."""
    return _has(org, pid, Role.LEADER_OF_COUNCIL, on_) or _has(org, pid, Role.GROUP_LEADER, on_, group=group)


@pack.rule(on=GroupReportRequested, clauses=[P + "4.1(d)", P + "4.1(e)"], question=GROUP_REPORT)
def group_report_requests_reasonable(e: GroupReportRequested, ctx: RuleContext) -> Iterator[Effect]:
    """Group leaders may ask for reports for their group; no confidential casework or personal details;
    a request the officer thinks unreasonable in cost or nature goes to the Chief Executive."""
    org = ctx.org
    ce = org.chief_executive(ctx.on)
    if not _may_ask_for_group(org, e.requested_by, e.group, ctx.on):
        leader = org.group_leader(e.group, ctx.on) if e.group in {g.id for g in org.groups()} else None
        yield Decision(
            question=GROUP_REPORT,
            outcome=Outcome.DENY,
            clauses=(P + "4.1(d)",),
            reason=f"Only the Leader of the Council or a group's leader may ask officers for a report for the "
            f"group; {name(org, e.requested_by)} is neither.",
            conditions=(f"Ask through the group leader, {name(org, leader)}.",) if leader else (),
        )
        return
    if e.seeks_confidential_personal_information:
        yield Decision(
            question=GROUP_REPORT,
            outcome=Outcome.DENY,
            clauses=(P + "4.1(d)",),
            reason="A report for a group may not contain confidential information such as casework or the "
            "personal details of people applying for services.",
        )
        return
    if e.cost_or_nature_unreasonable:
        yield Decision(
            question=GROUP_REPORT,
            outcome=Outcome.REFER,
            clauses=(P + "4.1(d)",),
            reason="The officer considers the cost or the nature of the request unreasonable, so the Chief "
            "Executive decides whether it is met.",
            refer_to=(ce,) if ce else (),
            conditions=(
                f"The Chief Executive consults the group leaders where necessary "
                f"({names(org, org.group_leaders(ctx.on))}).",
            ),
        )
        return
    yield Decision(
        question=GROUP_REPORT,
        outcome=Outcome.PERMIT,
        clauses=(P + "4.1(d)", P + "4.1(e)"),
        reason="A group leader's reasonable request for a report on council matters is met wherever possible, "
        "subject to any overriding legal requirement.",
        conditions=(
            "The report gives the material facts and the options with their merits and demerits for the "
            "council (islington-2006/4.1(e)).",
            "No political implications and no recommendation to the group (islington-2006/4.1(e)).",
        ),
    )


def _briefing_request_case(request: str) -> str:
    return f"islington-2006/briefing-request:{request}"


@pack.rule(on=GroupReportProvided, clauses=[P + "4.1(e)", P + "4.5(d)"])
def group_reports_give_facts_and_options_only(e: GroupReportProvided, ctx: RuleContext) -> Iterator[Effect]:
    """A report (4.1(e)) or advice following a briefing request (4.5(d)) to a political group that
    carries a recommendation or deals with political implications is a breach."""
    problems = []
    if e.contains_recommendation:
        problems.append("makes a recommendation to the group")
    if e.contains_political_implications:
        problems.append("deals with the political implications")
    if not problems:
        return
    advice = e.request is not None and ctx.ledger.case(_briefing_request_case(e.request)) is not None
    clause = P + ("4.5(d)" if advice else "4.1(e)")
    what = "Advice" if advice else "A report"
    yield Violation(
        key=f"{clause}:{e.request or e.id}",
        clauses=(clause,),
        reason=f"{what} to {_group_name(ctx.org, e.group)} {' and '.join(problems)}. Officers give political "
        f"groups only the material facts and the options with their merits and demerits for the council.",
        responsible=e.by,
    )


# --- 4.2: executive and opposition briefings ---------------------------------------------------------


@pack.rule(on=JointBoardMeetingHeld, clauses=[P + "4.2(a)"])
def joint_board_held_in_private(e: JointBoardMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """The Joint Board of the Corporate Management Board and the Executive meets in private: its
    agenda and reports are for them alone, not the public or the opposition."""
    org = ctx.org
    people = executive(org, ctx.on)
    people.update(org.holders(Role.CORPORATE_MANAGEMENT_BOARD, ctx.on))
    people.update(p for p in (org.chief_executive(ctx.on),) if p)
    people.update(e.officers_present)
    yield Audience(
        record=e.id,
        people=frozenset(people),
        clauses=(P + "4.2(a)",),
        reason="The Joint Board meets in private; its agenda and reports go only to the Executive, the "
        "Corporate Management Board and the officers attending, not to the public or the opposition.",
    )


def _briefing_case(briefing: str) -> str:
    return f"islington-2006/4.2(c):{briefing}"


def _confidential_audience(
    ctx: RuleContext, record: str, briefing: str, groups: Iterable[str], officers: Iterable[str], what: str
) -> Iterator[Effect]:
    people: set[str] = set(officers)
    gids = sorted(set(groups))
    for gid in gids:
        people.update(_group_members(ctx.org, gid, ctx.on))
    yield Audience(
        record=record,
        people=frozenset(people),
        clauses=(P + "4.2(c)",),
        reason=f"What is said at {what} stays between the officers and "
        f"{' and '.join(_group_name(ctx.org, g) for g in gids) or 'the group concerned'}.",
    )
    yield Remember(_briefing_case(briefing), (("people", tuple(sorted(people))), ("groups", tuple(gids))))


@pack.rule(on=(BriefingGiven, PortfolioBriefingHeld), clauses=[P + "4.2(c)"])
def informal_briefings_confidential_to_group(
    e: BriefingGiven | PortfolioBriefingHeld, ctx: RuleContext
) -> Iterator[Effect]:
    """The content of an informal or confidential briefing is shared only by the officers and the
    political group concerned."""
    if isinstance(e, BriefingGiven):
        if not e.confidential:
            return
        yield from _confidential_audience(ctx, e.id, e.briefing, e.groups, [e.by], "a confidential group briefing")
        return
    group = ctx.org.group_of(e.member, ctx.on) if _known(ctx.org, e.member) else None
    groups = [group] if group else []
    officers = [*e.officers]
    if not groups:
        officers.append(e.member)
    yield from _confidential_audience(ctx, e.id, e.briefing, groups, officers, "an informal portfolio briefing")


@pack.rule(on=DiscussionRelayed, clauses=[P + "4.2(c)"])
def confidential_briefing_not_relayed(e: DiscussionRelayed, ctx: RuleContext) -> Iterator[Effect]:
    """Passing on a confidential briefing to anyone outside the officers and the group concerned is a
    breach, unless that group's leader agreed."""
    case = ctx.ledger.case(_briefing_case(e.meeting))
    if case is None:
        return
    org = ctx.org
    leaders = {org.group_leader(g, ctx.on) for g in case.get("groups", ())}
    if e.consent_by is not None and e.consent_by in leaders:
        return
    outside = sorted(set(e.to) - set(case.get("people", ())))
    if outside:
        yield Violation(
            key=f"islington-2006/4.2(c):{e.meeting}:{e.id}",
            clauses=(P + "4.2(c)",),
            reason=f"{name(org, e.by)} passed on what was said at a confidential briefing to {names(org, outside)}, "
            f"who were not party to it; it stays between the officers and the group concerned.",
            responsible=e.by,
        )


@pack.rule(on=OppositionBriefingRequested, clauses=[P + "4.2(b)"])
def opposition_leads_briefed_on_request(e: OppositionBriefingRequested, ctx: RuleContext) -> Iterator[Effect]:
    """When an opposition portfolio lead asks, the relevant Chief Officer makes themselves available to
    brief them on service issues."""
    org = ctx.org
    if not _has(org, e.requested_by, Role.OPPOSITION_PORTFOLIO_LEAD, ctx.on, portfolio=e.portfolio):
        return
    holder = chief_officer_for(org, e.addressed_to, ctx.on) or org.chief_executive(ctx.on)
    days = ctx.param("opposition_briefing.available_working_days")
    yield Obligation(
        key=f"islington-2006/4.2(b):{e.request}:available",
        holder=holder,
        duty=f"Make yourself available to brief {name(org, e.requested_by)} on service issues"
        f"{' (' + e.matter + ')' if e.matter else ''}",
        due=ctx.calendar.due_date(e.at, days),
        clauses=(P + "4.2(b)",),
        reason=f"{name(org, e.requested_by)} is an opposition portfolio lead; at their request the relevant "
        f"Chief Officer meets them to brief them (within {days} working days, the council's reading).",
        fulfilled_by=(
            on("OppositionBriefingArranged", request=e.request),
            on("PortfolioBriefingHeld", request=e.request),
        ),
        subject=e.request,
        beneficiary=e.requested_by,
    )


@pack.rule(on=OppositionJointMeetingRequested, clauses=[P + "4.2(b)"], question=JOINT_MEETING)
def joint_opposition_meeting_needs_a_weeks_notice(
    e: OppositionJointMeetingRequested, ctx: RuleContext
) -> Iterator[Effect]:
    """The Leader of the Opposition may ask the Chief Executive to convene the opposition portfolio leads
    and CMB on the published Executive agenda, with at least a week's notice unless a standing meeting."""
    org = ctx.org
    ce = org.chief_executive(ctx.on)
    group = org.group_of(e.requested_by, ctx.on) if _known(org, e.requested_by) else None
    if not (group and in_opposition(org, e.requested_by, ctx.on) and org.group_leader(group, ctx.on) == e.requested_by):
        yield Decision(
            question=JOINT_MEETING,
            outcome=Outcome.DENY,
            clauses=(P + "4.2(b)",),
            reason=f"A joint meeting of the opposition portfolio leads and CMB is requested by the Leader of the "
            f"Opposition; {name(org, e.requested_by)} is not an opposition group leader.",
        )
        return
    if not e.executive_agenda_published:
        yield Decision(
            question=JOINT_MEETING,
            outcome=Outcome.DENY,
            clauses=(P + "4.2(b)",),
            reason="The joint meeting briefs the opposition on a published Executive agenda; it cannot be held "
            "before that agenda is published.",
        )
        return
    days = ctx.param("joint_opposition_meeting.notice_days")
    notice = e.meeting_at - e.at
    if not e.standing and notice < timedelta(days=days):
        yield Decision(
            question=JOINT_MEETING,
            outcome=Outcome.DENY,
            clauses=(P + "4.2(b)",),
            reason=f"The Chief Executive must have at least {days} days' notice of a request for a joint meeting "
            f"unless such meetings are a standing arrangement; this request gives {notice.days} days.",
            conditions=(f"Ask again at least {days} days before the meeting.",),
        )
        return
    yield Decision(
        question=JOINT_MEETING,
        outcome=Outcome.PERMIT,
        clauses=(P + "4.2(b)",),
        reason="The Leader of the Opposition "
        + ("meets on a standing arrangement" if e.standing else f"gave at least {days} days' notice")
        + "; the Chief Executive may convene the opposition portfolio leads with the Corporate Management Board.",
        conditions=(f"{name(org, ce)} convenes the meeting once the Executive agenda is published.",),
    )


# --- 4.3(a): news items ------------------------------------------------------------------------------


@pack.rule(on=SignificantEventOccurred, clauses=[P + "4.3(a)"])
def leaders_told_of_significant_events(e: SignificantEventOccurred, ctx: RuleContext) -> Iterator[Effect]:
    """The Chief Executive makes sure the leader of every group hears of a significant event promptly."""
    org = ctx.org
    leaders = org.group_leaders(ctx.on)
    if not leaders:
        return
    ce = org.chief_executive(ctx.on)
    days = ctx.param("significant_event.inform_working_days")
    about = e.summary or e.occurrence
    yield Notification(
        key=f"islington-2006/4.3(a):{e.occurrence}",
        recipients=leaders,
        about=f"A significant event in the borough: {about}",
        clauses=(P + "4.3(a)",),
        reason="The leaders of all the political groups are told as soon as possible of anything with a "
        "significant impact on the council or its residents.",
    )
    due = ctx.calendar.due_date(e.at, days)
    for leader in leaders:
        yield Obligation(
            key=f"islington-2006/4.3(a):{e.occurrence}:{leader}",
            holder=ce,
            duty=f"Make sure {name(org, leader)} is told of {about}",
            due=due,
            clauses=(P + "4.3(a)",),
            reason=f"The Chief Executive ensures every group leader hears of a significant event as soon as "
            f"possible (read as {days} working day{'s' if days != 1 else ''}).",
            fulfilled_by=(on("LeadersInformed", occurrence=e.occurrence, leaders=leader),),
            subject=e.occurrence,
            beneficiary=leader,
        )


# --- 4.4: ward councillors ---------------------------------------------------------------------------

_WARD_MATTERS = {
    "consultation": "a public consultation event affecting the ward",
    "service-change": "a proposed change to a service sited in the ward",
    "traffic-order": "a proposed significant traffic management order",
    "dispersal-order": "a proposed anti-social behaviour dispersal order",
    "incident": "a specific incident in the ward",
}


def _ward_name(org: Organisation, wid: str) -> str:
    try:
        return org.ward(wid).name
    except LookupError:
        return wid


def _ward_councillors(org: Organisation, wid: str, on_: date) -> tuple[str, ...]:
    try:
        return org.ward_councillors(wid, on_)
    except LookupError:
        return ()


@pack.rule(on=WardMatterAnnounced, clauses=[P + "4.4(a)"])
def ward_councillors_told_of_ward_matters(e: WardMatterAnnounced, ctx: RuleContext) -> Iterator[Effect]:
    """Every councillor for the ward, of every party, is routinely told of consultations, service changes,
    significant traffic orders, dispersal orders and specific incidents there."""
    what = _WARD_MATTERS.get(e.kind)
    if what is None or (e.kind == "traffic-order" and not e.significant):
        return
    councillors = _ward_councillors(ctx.org, e.ward, ctx.on)
    if not councillors:
        return
    yield Notification(
        key=f"islington-2006/4.4(a):{e.matter}:{e.ward}",
        recipients=councillors,
        about=f"{what[0].upper()}{what[1:]} ({_ward_name(ctx.org, e.ward)}){': ' + e.summary if e.summary else ''}",
        clauses=(P + "4.4(a)",),
        reason="Chief Officers make sure ward councillors are told of such matters in their ward as a matter "
        "of course.",
    )


def _event_case(event: str) -> str:
    return f"islington-2006/4.4(b):{event}"


@pack.rule(on=PublicEventPlanned, clauses=[P + "4.4(b)"])
def ward_councillors_invited_to_public_events(e: PublicEventPlanned, ctx: RuleContext) -> Iterator[Effect]:
    """Every councillor for the ward is invited to a public event held there, whatever their party."""
    councillors = _ward_councillors(ctx.org, e.ward, ctx.on)
    yield Remember(_event_case(e.event), (("ward", e.ward), ("name", e.name)))
    if not councillors:
        return
    yield Notification(
        key=f"islington-2006/4.4(b):{e.event}",
        recipients=councillors,
        about=f"An invitation to {e.name or e.event} in {_ward_name(ctx.org, e.ward)}",
        clauses=(P + "4.4(b)",),
        reason="Ward councillors are invited to public events in their ward, on a non-party basis.",
    )


@pack.rule(on=WardInvitationsSent, clauses=[P + "4.4(b)"])
def every_ward_councillor_invited(e: WardInvitationsSent, ctx: RuleContext) -> Iterator[Effect]:
    """Invitations that leave out a councillor for the ward break the non-party basis of 4.4(b)."""
    case = ctx.ledger.case(_event_case(e.event))
    ward = e.ward or (str(case["ward"]) if case and case.get("ward") else None)
    if case is not None:
        yield Remember(_event_case(e.event), forget=True)
    if ward is None:
        return
    org = ctx.org
    missing = sorted(set(_ward_councillors(org, ward, ctx.on)) - set(e.invited))
    if not missing:
        return
    parties = sorted({_group_name(org, org.group_of(m, ctx.on)) for m in missing})
    yield Violation(
        key=f"islington-2006/4.4(b):{e.event}",
        clauses=(P + "4.4(b)",),
        reason=f"{names(org, missing)} ({', '.join(parties)}) represent{'s' if len(missing) == 1 else ''} "
        f"{_ward_name(org, ward)} but {'was' if len(missing) == 1 else 'were'} not invited to "
        f"{(case or {}).get('name') or e.event}; every ward councillor is invited, whatever their party.",
        responsible=e.by,
    )


# --- 4.5: officers and group meetings ----------------------------------------------------------------


@pack.rule(on=BriefingRequested, clauses=[P + "4.5(a)"], question=GROUP_BRIEFING)
def group_briefing_requests_arranged(e: BriefingRequested, ctx: RuleContext) -> Iterator[Effect]:
    """The Leader of the Council or a group leader may ask the Chief Executive or a Director for a private
    and confidential briefing for the group; the officer gives or arranges it."""
    org = ctx.org
    if not _may_ask_for_group(org, e.requested_by, e.group, ctx.on):
        leader = org.group_leader(e.group, ctx.on) if e.group in {g.id for g in org.groups()} else None
        yield Decision(
            question=GROUP_BRIEFING,
            outcome=Outcome.REFER,
            clauses=(P + "4.5(a)",),
            reason=f"A group briefing is asked for by the Leader of the Council or the group's leader; "
            f"{name(org, e.requested_by)} is neither.",
            refer_to=(leader,) if leader else (),
        )
        return
    senior = e.addressed_to is not None and (
        _has(org, e.addressed_to, Role.CHIEF_EXECUTIVE, ctx.on) or _has(org, e.addressed_to, Role.DIRECTOR, ctx.on)
    )
    holder = (
        e.addressed_to if senior else (chief_officer_for(org, e.addressed_to, ctx.on) or org.chief_executive(ctx.on))
    )
    days = ctx.param("group_briefing.arrange_working_days")
    yield Decision(
        question=GROUP_BRIEFING,
        outcome=Outcome.PERMIT,
        clauses=(P + "4.5(a)",),
        reason=f"{name(org, e.requested_by)} may ask for a private and confidential briefing for "
        f"{_group_name(org, e.group)} on a council matter; {name(org, holder)} gives or arranges it.",
        conditions=(
            "The briefing is offered to the other groups too (islington-2006/4.5(b)).",
            "Advice is limited to facts and options, with no recommendation (islington-2006/4.5(d)).",
        ),
    )
    yield Obligation(
        key=f"islington-2006/4.5(a):{e.request}:arrange",
        holder=holder,
        duty=f"Give or arrange the briefing {_group_name(org, e.group)} asked for on {e.matter}",
        due=ctx.calendar.due_date(e.at, days),
        clauses=(P + "4.5(a)",),
        reason=f"A group leader asked for a confidential group briefing; it is given or arranged within {days} "
        f"working days (the council's reading; the protocol sets no period).",
        fulfilled_by=(
            on("BriefingGiven", groups=e.group, matter=e.matter),
            on("BriefingOffered", group=e.group, matter=e.matter),
        ),
        subject=e.request,
        beneficiary=e.requested_by,
    )
    yield Remember(_briefing_request_case(e.request), (("group", e.group), ("matter", e.matter)))


@pack.rule(on=BriefingRequested, clauses=[P + "4.5(b)"])
def requested_briefing_offered_to_other_groups(e: BriefingRequested, ctx: RuleContext) -> Iterator[Effect]:
    """A briefing one group asks for is offered to every other group as well."""
    org = ctx.org
    if not _may_ask_for_group(org, e.requested_by, e.group, ctx.on):
        return
    holder = e.addressed_to if _is_officer(org, e.addressed_to, ctx.on) else org.chief_executive(ctx.on)
    if holder is None:
        return
    as_offer = BriefingOffered(id=e.id, at=e.at, group=e.group, by=holder, matter=e.matter)
    yield from offer_to_other_groups(
        as_offer,
        ctx,
        clause=P + "4.5(b)",
        days=ctx.param("briefing_parity.offer_working_days"),
        why="Any briefing offered to or requested by one party group must be offered to the others.",
    )


@pack.rule(on=AttendanceRequested, clauses=[P + "4.5(c)", P + "4.5(d)"], question=ATTEND, aspect="others-present")
def no_officer_at_group_meeting_with_non_members(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """No officer attends a group meeting that includes anyone who is not a council member; no exception."""
    outsiders = sorted(NOT_COUNCIL_MEMBERS.intersection(e.others_present))
    if outsiders:
        yield Decision(
            question=ATTEND,
            outcome=Outcome.DENY,
            clauses=(P + "4.5(c)",),
            reason=(
                f"The meeting would include people who are not members of the council "
                f"({', '.join(o.replace('-', ' ') for o in outsiders)}). Islington's protocol allows no "
                f"officer at such a meeting, and makes no exception."
            ),
            aspect="others-present",
        )
        return
    yield Decision(
        question=ATTEND,
        outcome=Outcome.PERMIT,
        clauses=(P + "4.5(c)", P + "4.5(d)"),
        reason="Only council members will be present, so an officer may attend.",
        conditions=(
            "Advice is limited to the material facts and the options with their merits and demerits "
            "(islington-2006/4.5(d)).",
            "No political implications and no recommendation to the group (islington-2006/4.5(d)).",
        ),
    )


@pack.rule(on=(BriefingGiven, BriefingOffered), clauses=[P + "4.5(b)"])
def briefing_for_one_group_offered_to_all(e: BriefingGiven | BriefingOffered, ctx: RuleContext) -> Iterator[Effect]:
    """Any briefing offered to or given to one party group is offered to every other group."""
    yield from offer_to_other_groups(
        e,
        ctx,
        clause=P + "4.5(b)",
        days=ctx.param("briefing_parity.offer_working_days"),
        why="Any briefing offered to or requested by one party group must be offered to the others.",
    )


# --- 1.1, 5.1, 5.2: when things go wrong ---------------------------------------------------------------


@pack.rule(on=(ComplaintLodged, OfficerConcernRaised), clauses=[P + "1.1"])
def upholders_told_of_complaints(e: ComplaintLodged | OfficerConcernRaised, ctx: RuleContext) -> Iterator[Effect]:
    """A complaint or concern about someone's conduct goes to whoever upholds the protocol for them: a
    councillor's Group Leader; for officers, the Chief Executive and the Monitoring Officer."""
    org = ctx.org
    case = e.complaint if isinstance(e, ComplaintLodged) else e.concern
    complainant = e.complainant if isinstance(e, ComplaintLodged) else e.officer
    upholders, by_leader = upholders_for(org, e.about, ctx.on)
    recipients = tuple(p for p in upholders if p != complainant)
    if not recipients:
        return
    if by_leader:
        reason = "Group Leaders are responsible for making sure the councillors of their group keep to the protocol."
    elif _is_councillor(org, e.about, ctx.on):
        reason = (
            "The Chief Executive and the Monitoring Officer uphold the protocol where the councillor's own "
            "Group Leader cannot."
        )
    else:
        reason = "The Chief Executive and the Monitoring Officer are responsible for officers keeping to the protocol."
    yield Notification(
        key=f"islington-2006/1.1:{case}",
        recipients=recipients,
        about=f"A complaint about the conduct of {name(org, e.about)}",
        clauses=(P + "1.1",),
        reason=reason,
    )


def _standards_route(ctx: RuleContext, key: str) -> tuple[str, ...]:
    role = str(ctx.param(key))
    try:
        return ctx.org.holders(role, ctx.on)
    except LookupError:
        return ()


@pack.rule(on=ComplaintLodged, clauses=[P + "5.1", P + "5.2"], question=COMPLAINT)
def complaints_between_councillors_and_officers_routed(e: ComplaintLodged, ctx: RuleContext) -> Iterator[Effect]:
    """A councillor's complaint about an officer goes to the officer's Director; about a Director to the
    Chief Executive; about the Chief Executive to the Monitoring Officer. An officer's formal complaint
    about a councillor goes to the Chief Executive."""
    org = ctx.org
    ce, mo = org.chief_executive(ctx.on), org.monitoring_officer(ctx.on)
    if _is_councillor(org, e.complainant, ctx.on) and _is_officer(org, e.about, ctx.on):
        if _has(org, e.about, Role.CHIEF_EXECUTIVE, ctx.on):
            handler, why = mo, "A complaint about the Chief Executive is raised with the Monitoring Officer."
        elif _has(org, e.about, Role.DIRECTOR, ctx.on):
            handler, why = ce, "A complaint about a Director is raised with the Chief Executive."
        else:
            director = org.director_of(e.about, ctx.on)
            handler = director or ce
            why = (
                f"A councillor's complaint about an officer is raised with the officer's Director, "
                f"{name(org, director)}."
                if director
                else "A councillor's complaint about an officer is raised with the officer's Director; this "
                "officer has none, so it goes to the Chief Executive."
            )
        yield Decision(
            question=COMPLAINT,
            outcome=Outcome.REFER,
            clauses=(P + "5.2",),
            reason=why,
            refer_to=(handler,) if handler else (),
        )
        return
    if _is_officer(org, e.complainant, ctx.on) and _is_councillor(org, e.about, ctx.on):
        standards = _standards_route(ctx, "officer_concern.standards_role")
        yield Decision(
            question=COMPLAINT,
            outcome=Outcome.REFER,
            clauses=(P + "5.1",),
            reason="An officer whose relationship with a councillor has broken down may take it to the Chief "
            "Executive.",
            refer_to=(ce,) if ce else (),
            conditions=(
                "Informal resolution through an appropriate senior manager is preferred where possible.",
                f"A breach of the members' code of conduct may instead go to {names(org, standards)}"
                " (islington-2006/5.1)."
                if standards
                else "A breach of the members' code of conduct may instead go to the standards regime.",
            ),
        )


@pack.rule(on=OfficerConcernRaised, clauses=[P + "5.1"], question=OFFICER_CONCERN)
def officer_concerns_routed(e: OfficerConcernRaised, ctx: RuleContext) -> Iterator[Effect]:
    """An officer's difficulty with a councillor goes, by the route chosen, to conciliation by a senior
    manager, to the Chief Executive, to the whistleblowing procedure, or to the standards regime."""
    org = ctx.org
    refer: tuple[str, ...]
    if e.route == "conciliation":
        manager = org.director_of(e.officer, ctx.on) if _known(org, e.officer) else None
        manager = manager or (org.line_manager(e.officer, ctx.on) if _known(org, e.officer) else None)
        refer = (manager,) if manager else ()
        reason = "Informal resolution through conciliation by an appropriate senior manager is preferred."
    elif e.route == "chief-executive":
        ce = org.chief_executive(ctx.on)
        refer = (ce,) if ce else ()
        reason = "The officer has recourse to the Chief Executive."
    elif e.route == "whistleblowing":
        refer = _standards_route(ctx, "officer_concern.whistleblowing_role")
        reason = "The officer uses the council's whistleblowing procedure."
    else:
        refer = _standards_route(ctx, "officer_concern.standards_role")
        reason = (
            "The officer considers the councillor broke the members' code of conduct, a matter for the "
            "standards regime (the Standards Board for England in the protocol, since abolished)."
        )
    conditions: tuple[str, ...] = ()
    if e.route != "conciliation":
        conditions = ("Informal resolution through an appropriate senior manager is preferred where possible.",)
    yield Decision(
        question=OFFICER_CONCERN,
        outcome=Outcome.REFER,
        clauses=(P + "5.1",),
        reason=reason,
        refer_to=tuple(p for p in refer if p != e.about),
        conditions=conditions,
    )


_PROTECTED = (
    (Role.CHIEF_EXECUTIVE, "the Chief Executive"),
    (Role.MONITORING_OFFICER, "the Monitoring Officer"),
    (Role.CHIEF_FINANCE_OFFICER, "the Director of Finance (chief finance officer)"),
)


@pack.rule(on=DisciplinaryActionProposed, clauses=[P + "5.2"], question=DISCIPLINE)
def statutory_officers_disciplined_only_on_independent_report(
    e: DisciplinaryActionProposed, ctx: RuleContext
) -> Iterator[Effect]:
    """The Chief Executive, the Monitoring Officer and the Director of Finance may be disciplined only as
    a designated independent person's report recommends."""
    org = ctx.org
    posts = [label for role, label in _PROTECTED if _has(org, e.subject, role, ctx.on)]
    if not posts:
        return
    who = f"{name(org, e.subject)} ({' and '.join(posts)})"
    if e.independent_person_report:
        yield Decision(
            question=DISCIPLINE,
            outcome=Outcome.PERMIT,
            clauses=(P + "5.2",),
            reason=f"A designated independent person's report recommends action against {who}.",
            conditions=("The action is no more than the independent person's report recommends.",),
        )
        return
    yield Decision(
        question=DISCIPLINE,
        outcome=Outcome.DENY,
        clauses=(P + "5.2",),
        reason=f"No disciplinary action may be taken against {who} except on the recommendation of a "
        f"designated independent person's report, as the Constitution provides.",
    )


# --- 6.3, 7.3(a): officers and the media ---------------------------------------------------------------


def _union_matter(e: MediaStatementProposed | MediaStatementMade) -> bool:
    return e.union_representative and e.union_matter


@pack.rule(on=MediaStatementProposed, clauses=[P + "6.3"], question=MEDIA)
def union_representatives_may_speak_to_press(e: MediaStatementProposed, ctx: RuleContext) -> Iterator[Effect]:
    """A union representative may speak to the press directly on matters of interest to them or their union."""
    if not _union_matter(e):
        return
    yield Decision(
        question=MEDIA,
        outcome=Outcome.PERMIT,
        clauses=(P + "6.3",),
        reason=f"{name(ctx.org, e.person)} speaks as a union representative on a matter of interest to them or "
        f"their union, and may do so directly, without going through the media office.",
        conditions=("They speak for the union, not on behalf of the council.",),
    )


def _consulted(ctx: RuleContext, statement: str | None, person: str) -> bool:
    if statement is None:
        return False
    case = ctx.ledger.case(f"islington-2006/7.3(a):{statement}")
    return case is not None and case.get("person") == person


@pack.rule(on=MediaStatementProposed, clauses=[P + "7.3(a)"], question=MEDIA)
def officers_consult_media_office_first(e: MediaStatementProposed, ctx: RuleContext) -> Iterator[Effect]:
    """No officer speaks to the media, or writes for publication on the council's behalf, without first
    consulting the media office."""
    org = ctx.org
    if _union_matter(e) or not _is_officer(org, e.person, ctx.on):
        return
    media = org.media_office(ctx.on)
    if e.person in media or e.media_office_consulted or _consulted(ctx, e.statement, e.person):
        yield Decision(
            question=MEDIA,
            outcome=Outcome.PERMIT,
            clauses=(P + "7.3(a)",),
            reason="The media office has been consulted (or is the one speaking).",
        )
        return
    yield Decision(
        question=MEDIA,
        outcome=Outcome.REFER,
        clauses=(P + "7.3(a)",),
        reason="No officer speaks to the media or writes for publication on the council's behalf without first "
        "consulting the media office.",
        refer_to=media,
    )


@pack.rule(on=MediaOfficeConsulted, clauses=[P + "7.3(a)"])
def media_office_consultation_recorded(e: MediaOfficeConsulted, ctx: RuleContext) -> Iterator[Effect]:
    """Remember that the officer consulted the media office before this statement."""
    yield Remember(f"islington-2006/7.3(a):{e.statement}", (("person", e.person),))


@pack.rule(on=MediaStatementMade, clauses=[P + "7.3(a)", P + "6.3"])
def officer_media_contact_without_media_office(e: MediaStatementMade, ctx: RuleContext) -> Iterator[Effect]:
    """An officer's media contact or publication without prior consultation of the media office is a
    breach; a union representative on union matters is free to speak (6.3)."""
    org = ctx.org
    consulted = _consulted(ctx, e.statement, e.person)
    if consulted:
        yield Remember(f"islington-2006/7.3(a):{e.statement}", forget=True)
    if _union_matter(e) or not _is_officer(org, e.person, ctx.on):
        return
    if consulted or e.media_office_consulted or e.person in org.media_office(ctx.on):
        return
    yield Violation(
        key=f"islington-2006/7.3(a):{e.statement}",
        clauses=(P + "7.3(a)",),
        reason=f"{name(org, e.person)} spoke to or wrote for the media"
        f"{' about ' + e.subject if e.subject else ''} without first consulting the media office.",
        responsible=e.person,
    )


# --- 7.3(b), 7.5, 7.6: spokespeople ------------------------------------------------------------------


def _named_committee(ctx: RuleContext, body: str | None) -> bool:
    """One of the committees whose chair speaks for it (7.6-committees), by id or name."""
    if body is None:
        return False
    try:
        found = ctx.org.body(body)
    except LookupError:
        return False
    text = f"{found.id} {found.name}".lower().replace("-", " ").replace("_", " ")
    return any(str(phrase).lower() in text for phrase in ctx.param("media.chair_spokesperson_committees"))


def _chair(ctx: RuleContext, body: str) -> str | None:
    try:
        return ctx.org.body_chair(body, ctx.on)
    except LookupError:
        return None


@pack.rule(
    on=MediaEnquiryReceived,
    clauses=[P + "7.3(b)", P + "7.5", P + "7.6-committees"],
    question=SPOKESPERSON,
)
def spokesperson_by_subject(e: MediaEnquiryReceived, ctx: RuleContext) -> Iterator[Effect]:
    """Policy or politically controversial subjects: the relevant councillor speaks (a named committee's
    chair, or the Executive member for the portfolio). Technical or operational subjects: the relevant
    officer."""
    org = ctx.org
    if e.topic_kind in ("technical", "operational"):
        officer = e.officer
        if officer is None and e.directorate is not None:
            try:
                directors = org.holders(Role.DIRECTOR, ctx.on, directorate=e.directorate)
            except LookupError:
                directors = ()
            officer = directors[0] if directors else None
        yield Decision(
            question=SPOKESPERSON,
            outcome=Outcome.REFER,
            clauses=(P + "7.3(b)",),
            reason=f"The subject is {e.topic_kind}, so the relevant officer"
            f"{', ' + name(org, officer) + ',' if officer else ''} speaks for the council.",
            refer_to=(officer,) if officer else (),
            conditions=("The officer consults the media office first (islington-2006/7.3(a)).",),
        )
        return
    kind = "about policy" if e.topic_kind == "policy" else "politically controversial"
    if _named_committee(ctx, e.body):
        assert e.body is not None
        chair = _chair(ctx, e.body)
        yield Decision(
            question=SPOKESPERSON,
            outcome=Outcome.REFER,
            clauses=(P + "7.3(b)", P + "7.6-committees"),
            reason=f"The subject is {kind} and concerns {org.body(e.body).name}, whose chair"
            f"{', ' + name(org, chair) + ',' if chair else ''} speaks for it, whatever their party.",
            refer_to=(chair,) if chair else (),
        )
        return
    holder = org.executive_member_for(e.portfolio, ctx.on) if e.portfolio else None
    if holder is not None:
        yield Decision(
            question=SPOKESPERSON,
            outcome=Outcome.REFER,
            clauses=(P + "7.3(b)", P + "7.5"),
            reason=f"The subject is {kind}, so the relevant councillor speaks: {name(org, holder)}, the Executive "
            f"member for {e.portfolio}.",
            refer_to=(holder,),
        )
        return
    leader = org.holders(Role.LEADER_OF_COUNCIL, ctx.on)
    yield Decision(
        question=SPOKESPERSON,
        outcome=Outcome.REFER,
        clauses=(P + "7.3(b)",),
        reason=f"The subject is {kind}, so a councillor speaks for the council, not an officer; with no "
        f"portfolio or committee named, the Leader of the Council decides who.",
        refer_to=leader,
    )


@pack.rule(on=MediaInterviewRequested, clauses=[P + "7.5"], question=INTERVIEW)
def executive_members_interviewed_on_portfolio(e: MediaInterviewRequested, ctx: RuleContext) -> Iterator[Effect]:
    """An Executive member may give interviews on matters the Executive has decided or within their
    portfolio."""
    org = ctx.org
    if e.member is None or not _has(org, e.member, Role.EXECUTIVE_MEMBER, ctx.on):
        return
    own = e.portfolio is not None and _has(org, e.member, Role.EXECUTIVE_MEMBER, ctx.on, portfolio=e.portfolio)
    if not (own or e.executive_decision):
        return
    yield Decision(
        question=INTERVIEW,
        outcome=Outcome.PERMIT,
        clauses=(P + "7.5",),
        reason=f"{name(org, e.member)} is an Executive member asked about "
        + ("a decision of the Executive" if e.executive_decision else f"their own portfolio ({e.portfolio})")
        + ", and may give the interview.",
        conditions=(
            "The publicity principles apply: objective, factual and nothing that could affect support for a "
            "party (islington-2006/7.2).",
        ),
    )


def _group_office(org: Organisation, pid: str, on_: date) -> tuple[str, ...]:
    group = org.group_of(pid, on_)
    return org.holders(Role.HEAD_OF_GROUP_OFFICE, on_, group=group) if group else ()


@pack.rule(on=MediaInterviewRequested, clauses=[P + "7.6-opposition-ward"])
def media_requests_referred_to_opposition_and_ward_councillors(
    e: MediaInterviewRequested, ctx: RuleContext
) -> Iterator[Effect]:
    """The media office passes requests for opposition members, or for ward councillors on a local story,
    to those councillors, through their party office where appropriate."""
    org = ctx.org
    councillors: set[str] = set()
    if e.member is not None:
        local = e.ward is not None and e.member in _ward_councillors(org, e.ward, ctx.on)
        if in_opposition(org, e.member, ctx.on) or local:
            councillors.add(e.member)
    elif e.group is not None:
        if e.group in {g.id for g in org.groups()} and e.group != administration_group(org, ctx.on):
            councillors.update(p for p in (org.group_leader(e.group, ctx.on),) if p)
    elif e.ward is not None:
        councillors.update(_ward_councillors(org, e.ward, ctx.on))
    if not councillors:
        return
    offices = {o for c in councillors for o in _group_office(org, c, ctx.on)}
    yield Notification(
        key=f"islington-2006/7.6-opposition-ward:{e.request}",
        recipients=tuple(sorted(councillors | offices)),
        about=f"A media request for comment{' on ' + e.subject if e.subject else ''}",
        clauses=(P + "7.6-opposition-ward",),
        reason="The media office refers requests for opposition members, or for ward councillors on a local "
        "story, to those councillors, through their party office where appropriate.",
    )


def _material_problems(
    ctx: RuleContext, e: CommitteeMediaMaterialProposed | CommitteeMediaMaterialIssued, chair: str | None
) -> list[str]:
    org = ctx.org
    problems = []
    others = sorted((set(e.featured) | set(e.quoted)) - {chair})
    if others:
        problems.append(f"it features {names(org, others)}, not only the chair")
    if e.discloses_member_disagreement:
        problems.append("it reports the nature of disagreements between committee members")
    return problems


def _approved(ctx: RuleContext, material: str) -> bool:
    case = ctx.ledger.case(f"islington-2006/7.6-committees:{material}")
    return case is not None and bool(case.get("approved"))


@pack.rule(on=CommitteeMediaMaterialProposed, clauses=[P + "7.6-committees"], question=COMMITTEE_MEDIA)
def committee_media_material_needs_chair(e: CommitteeMediaMaterialProposed, ctx: RuleContext) -> Iterator[Effect]:
    """Media material about a named committee quotes its chair, who approves every quote and the final
    text; it features no other member and does not report disagreements between members."""
    if not _named_committee(ctx, e.body):
        return
    org = ctx.org
    chair = _chair(ctx, e.body)
    problems = _material_problems(ctx, e, chair)
    if problems:
        yield Decision(
            question=COMMITTEE_MEDIA,
            outcome=Outcome.DENY,
            clauses=(P + "7.6-committees",),
            reason=f"Material about {org.body(e.body).name} cannot go out as drafted: {'; '.join(problems)}.",
            conditions=("Report outcomes and votes factually, quoting and featuring only the chair.",),
        )
        return
    if _approved(ctx, e.material):
        yield Decision(
            question=COMMITTEE_MEDIA,
            outcome=Outcome.PERMIT,
            clauses=(P + "7.6-committees",),
            reason=f"The chair, {name(org, chair)}, has approved the quotes and the final text.",
        )
        return
    yield Decision(
        question=COMMITTEE_MEDIA,
        outcome=Outcome.REFER,
        clauses=(P + "7.6-committees",),
        reason=f"The chair of {org.body(e.body).name}, {name(org, chair)}, speaks for the committee whatever their "
        f"party, and has the final say on media material about it.",
        refer_to=(chair,) if chair else (),
        conditions=("The chair is quoted.", "The chair approves every quote and the final written text."),
    )


@pack.rule(on=QuoteApprovedByChair, clauses=[P + "7.6-committees"])
def chair_approval_recorded(e: QuoteApprovedByChair, ctx: RuleContext) -> Iterator[Effect]:
    """Only the committee's own chair can approve its media material."""
    if _chair(ctx, e.body) == e.approved_by:
        yield Remember(f"islington-2006/7.6-committees:{e.material}", (("approved", True),))


@pack.rule(on=CommitteeMediaMaterialIssued, clauses=[P + "7.6-committees"])
def committee_media_material_issued_properly(e: CommitteeMediaMaterialIssued, ctx: RuleContext) -> Iterator[Effect]:
    """Issuing committee material without the chair's approval, without quoting the chair, featuring
    other members or reporting members' disagreements is a breach."""
    if not _named_committee(ctx, e.body):
        return
    org = ctx.org
    chair = _chair(ctx, e.body)
    approved = _approved(ctx, e.material)
    if approved:
        yield Remember(f"islington-2006/7.6-committees:{e.material}", forget=True)
    problems = _material_problems(ctx, e, chair)
    if not approved:
        problems.insert(0, f"the chair{', ' + name(org, chair) + ',' if chair else ''} did not approve it")
    if chair is not None and chair not in e.quoted:
        problems.append("it does not quote the chair")
    if problems:
        yield Violation(
            key=f"islington-2006/7.6-committees:{e.material}",
            clauses=(P + "7.6-committees",),
            reason=f"Media material about {org.body(e.body).name} went out although {'; '.join(problems)}.",
            responsible=None,
        )


# --- 7.2, 7.5: publicity -------------------------------------------------------------------------------


_ELECTIONS = "islington-2006/7.2:elections"


@pack.rule(on=NoticeOfElectionPublished, clauses=[P + "7.2"])
def pre_election_period_recorded(e: NoticeOfElectionPublished, ctx: RuleContext) -> Iterator[Effect]:
    """The notice of election opens a period of extra care with publicity, ending with the poll."""
    start = ctx.on - timedelta(days=int(ctx.param("pre_election.start_offset_days")))
    end = e.poll_date + timedelta(days=int(ctx.param("pre_election.end_offset_days")))
    known = tuple((ctx.ledger.case(_ELECTIONS) or {}).get("periods", ()))
    kept = tuple(p for p in known if p[1] >= ctx.on.isoformat())  # past periods are forgotten
    yield Remember(_ELECTIONS, (("periods", (*kept, (start.isoformat(), end.isoformat(), e.kind))),))


def _pre_election(ctx: RuleContext) -> tuple[str, str, str] | None:
    today = ctx.on.isoformat()
    for start, end, kind in (ctx.ledger.case(_ELECTIONS) or {}).get("periods", ()):
        if start <= today <= end:
            return (start, end, kind)
    return None


def _may_be_featured(ctx: RuleContext, e: PublicityProposed, pid: str) -> str | None:
    """The clause allowing ``pid`` to be featured in council publicity, or None."""
    org = ctx.org
    if not e.on_agreed_policy:
        return None
    if _has(org, pid, Role.EXECUTIVE_MEMBER, ctx.on) or _has(org, pid, Role.LEADER_OF_COUNCIL, ctx.on):
        if e.portfolio is None or _has(org, pid, Role.EXECUTIVE_MEMBER, ctx.on, portfolio=e.portfolio):
            return P + "7.5"
        return None
    if e.body is not None:
        return P + "7.2" if _chair(ctx, e.body) == pid else None
    return P + "7.2" if _has(org, pid, Role.COMMITTEE_CHAIR, ctx.on) else None


@pack.rule(on=PublicityProposed, clauses=[P + "7.2", P + "7.5"], question=PUBLICITY)
def publicity_must_not_promote_party_or_councillors(e: PublicityProposed, ctx: RuleContext) -> Iterator[Effect]:
    """Council publicity must not affect support for a party or promote individual councillors, except
    Executive members and committee chairs speaking for the council on agreed policy; extra care, with
    legal advice, before elections and in wider campaigns."""
    org = ctx.org
    mo = org.monitoring_officer(ctx.on)
    legal = (mo,) if mo else ()
    if e.promotes_party:
        yield Decision(
            question=PUBLICITY,
            outcome=Outcome.DENY,
            clauses=(P + "7.2",),
            reason="The council may not issue publicity that could affect support for a political party or "
            "promotes a view identifiable with one party; it may be unlawful.",
        )
        return
    featured = sorted(set(e.featured))
    allowed = {pid: _may_be_featured(ctx, e, pid) for pid in featured}
    refused = [pid for pid, clause in allowed.items() if clause is None]
    if refused or (e.promotes_individual_councillor and not featured):
        who = names(org, refused) if refused else "an individual councillor"
        yield Decision(
            question=PUBLICITY,
            outcome=Outcome.DENY,
            clauses=(P + "7.2",),
            reason=f"The publicity promotes {who}. Council publicity may feature councillors only when they "
            f"represent the council on its agreed policy, such as Executive members on their portfolios and "
            f"committee chairs.",
        )
        return
    clauses = tuple(sorted({P + "7.2", *(c for c in allowed.values() if c)}))
    period = _pre_election(ctx)
    if period is not None and (featured or e.part_of_campaign):
        yield Decision(
            question=PUBLICITY,
            outcome=Outcome.REFER,
            clauses=clauses,
            reason=f"It is the run-up to the {period[2]} election (poll {period[1]}): publicity featuring "
            f"councillors or forming part of a campaign needs particular care, so legal advice is taken first.",
            refer_to=legal,
        )
        return
    if e.part_of_campaign:
        yield Decision(
            question=PUBLICITY,
            outcome=Outcome.REFER,
            clauses=(P + "7.2",),
            reason="Part of a wider campaign that could look designed to affect support for a party: the "
            "council's legal department is asked first.",
            refer_to=legal,
        )
        return
    conditions = ["Informative rather than persuasive: objective, factual, balanced and accurate."]
    if period is not None:
        conditions.append(f"Particular care: the {period[2]} election poll is on {period[1]}.")
    yield Decision(
        question=PUBLICITY,
        outcome=Outcome.PERMIT,
        clauses=clauses,
        reason="The publicity neither affects support for a party nor promotes a councillor other than in "
        "their council role.",
        conditions=tuple(conditions),
    )


# --- 7.7: group offices --------------------------------------------------------------------------------


@pack.rule(on=ExternalPublicationIssued, clauses=[P + "7.7"])
def group_office_heads_not_named_externally(e: ExternalPublicationIssued, ctx: RuleContext) -> Iterator[Effect]:
    """A head of a group office must not appear as a contact name in an external publication."""
    org = ctx.org
    heads = sorted(p for p in set(e.contacts) if _has(org, p, Role.HEAD_OF_GROUP_OFFICE, ctx.on))
    for head in heads:
        yield Violation(
            key=f"islington-2006/7.7:{e.publication}:{head}",
            clauses=(P + "7.7",),
            reason=f"{name(org, head)}, head of a group office, is named as a contact in an external "
            f"publication; heads of group offices keep their names out of them.",
            responsible=head,
        )


@pack.rule(on=PoliticalOfficeFacilitiesUsed, clauses=[P + "7.7"])
def political_office_facilities_for_council_members_only(
    e: PoliticalOfficeFacilitiesUsed, ctx: RuleContext
) -> Iterator[Effect]:
    """Political office facilities are not made available to people who are not council members, for
    campaigning or anything else."""
    org = ctx.org
    if e.used_by is not None and _known(org, e.used_by):
        outsider = not (org.is_councillor(e.used_by, ctx.on) or org.is_member_of_staff(e.used_by, ctx.on))
        who = name(org, e.used_by)
    else:
        outsider = e.user_kind is not None and e.user_kind != "council-member"
        who = (e.user_kind or "someone").replace("-", " ")
    if not outsider:
        return
    try:
        heads = org.holders(Role.HEAD_OF_GROUP_OFFICE, ctx.on, group=e.group)
    except LookupError:
        heads = ()
    responsible = e.allowed_by or (heads[0] if heads else None)
    yield Violation(
        key=f"islington-2006/7.7:{e.use}",
        clauses=(P + "7.7",),
        reason=f"{_group_name(org, e.group)}'s political office facilities were used by {who}, who is not a "
        f"council member{' (for campaigning)' if e.purpose == 'campaigning' else ''}; they are for council "
        f"members only.",
        responsible=responsible,
    )


# --- 8.2, 8.6, 8.8: council resources --------------------------------------------------------------------

_DUTIES = {
    "council-duty": "their duties as a member of the council",
    "casework": "casework for constituents",
    "committee": "their work on committees, sub-committees, working parties and other council bodies",
    "chair": "their role as chair of a committee or sub-committee",
    "external-body-representative": "representing the council on an external body",
}


@pack.rule(on=ResourceUseProposed, clauses=[P + "8.2", P + "8.6"], question=RESOURCES)
def council_resources_for_council_duties_only(e: ResourceUseProposed, ctx: RuleContext) -> Iterator[Effect]:
    """Councillors may use council resources for their council duties, never for personal publicity or
    party political purposes."""
    org = ctx.org
    mo = org.monitoring_officer(ctx.on)
    if e.purpose in _DUTIES:
        yield Decision(
            question=RESOURCES,
            outcome=Outcome.PERMIT,
            clauses=(P + "8.2",),
            reason=f"Council resources may be used for {_DUTIES[e.purpose]}.",
            conditions=("Used strictly for council duties and for no other purpose (islington-2006/8.6).",),
        )
        return
    if e.purpose == "personal-publicity":
        yield Decision(
            question=RESOURCES,
            outcome=Outcome.DENY,
            clauses=(P + "8.6",),
            reason="Council resources may not be used for a councillor's individual publicity.",
        )
        return
    if e.purpose == "party-political" and not e.conducive_to_council_functions:
        yield Decision(
            question=RESOURCES,
            outcome=Outcome.DENY,
            clauses=(P + "8.6",),
            reason="Council resources may not be used to publicise a political party or for campaigns meant to "
            "affect support for any party.",
        )
        return
    yield Decision(
        question=RESOURCES,
        outcome=Outcome.REFER,
        clauses=(P + "8.6",),
        reason=(
            "Party political use is allowed only where it can reasonably be regarded as helping the council or "
            "the councillor's office carry out its functions; the Monitoring Officer advises."
            if e.purpose == "party-political"
            else "Council resources are for council duties only; the Monitoring Officer advises whether this "
            "use is one."
        ),
        refer_to=(mo,) if mo else (),
    )


def circular_letter_clearers(org: Organisation, on_: date) -> tuple[str, ...]:
    """Who may clear a councillor's circular letter (8.8): the Director of Corporate Resources as
    Monitoring Officer, or one of the Assistant Directors under them."""
    mo = org.monitoring_officer(on_)
    if mo is None:
        return ()
    people = {mo}
    directorates = {a.directorate for a in org.appointments_of(mo, on_) if a.directorate}
    for ad in org.holders(Role.ASSISTANT_DIRECTOR, on_):
        if org.line_manager(ad, on_) == mo or any(
            a.directorate in directorates for a in org.appointments_of(ad, on_) if a.role is Role.ASSISTANT_DIRECTOR
        ):
            people.add(ad)
    return tuple(sorted(people))


def _letter_case(letter: str) -> str:
    return f"islington-2006/8.8:{letter}"


@pack.rule(on=CircularLetterProposed, clauses=[P + "8.8"], question=CIRCULAR)
def circular_letters_need_clearance(e: CircularLetterProposed, ctx: RuleContext) -> Iterator[Effect]:
    """No circular letter from a councillor goes out using council resources unless the Director of
    Corporate Resources or one of their Assistant Directors has personally cleared it on full
    justification."""
    org = ctx.org
    if not e.uses_council_resources:
        yield Decision(
            question=CIRCULAR,
            outcome=Outcome.PERMIT,
            clauses=(P + "8.8",),
            reason="The letter uses no council resources in its production or distribution.",
            conditions=("No council stationery, staff, postage or distribution is used.",),
        )
        return
    case = ctx.ledger.case(_letter_case(e.letter))
    if case is not None and case.get("cleared_by"):
        yield Decision(
            question=CIRCULAR,
            outcome=Outcome.PERMIT,
            clauses=(P + "8.8",),
            reason=f"{name(org, str(case['cleared_by']))} personally cleared the letter after a full justification.",
        )
        return
    yield Decision(
        question=CIRCULAR,
        outcome=Outcome.REFER,
        clauses=(P + "8.8",),
        reason="Councillors do not send circular letters using council resources; council business is "
        "communicated to the public by an appropriate officer. Only in exceptional cases may a letter from a "
        "councillor go out, once personally cleared by the Director of Corporate Resources or one of their "
        "Assistant Directors.",
        refer_to=circular_letter_clearers(org, ctx.on),
        conditions=(
            "The councillor first gives a full case for the letter going out over their own signature, or a "
            "detailed briefing on the circumstances.",
            "The clearance is given personally and recorded before the letter is sent.",
        ),
    )


@pack.rule(on=CircularLetterCleared, clauses=[P + "8.8"])
def circular_letter_clearance_recorded(e: CircularLetterCleared, ctx: RuleContext) -> Iterator[Effect]:
    """A clearance counts only from the Director of Corporate Resources or one of their Assistant
    Directors, after a full justification."""
    if e.justification_received and e.cleared_by in circular_letter_clearers(ctx.org, ctx.on):
        yield Remember(_letter_case(e.letter), (("cleared_by", e.cleared_by),))


@pack.rule(on=CircularLetterSent, clauses=[P + "8.8"])
def circular_letter_sent_without_clearance(e: CircularLetterSent, ctx: RuleContext) -> Iterator[Effect]:
    """Sending a councillor's circular letter with council resources and no valid clearance is a breach."""
    case = ctx.ledger.case(_letter_case(e.letter))
    if case is not None:
        yield Remember(_letter_case(e.letter), forget=True)
    if not e.uses_council_resources or (case is not None and case.get("cleared_by")):
        return
    yield Violation(
        key=f"islington-2006/8.8:{e.letter}",
        clauses=(P + "8.8",),
        reason=f"{name(ctx.org, e.member)} sent a circular letter using council resources without it being "
        f"personally cleared by the Director of Corporate Resources or one of their Assistant Directors.",
        responsible=e.member,
    )
