"""Pack ``lc-member-officer-2019``: London Councils' member/officer relations (June 2019).

Rules by section: politically restricted posts (5), officers and party groups (6), undue
influence and complaints versus enquiries (7), recruitment (8), declared relationships (9),
copying a member's correspondence (12), formal complaints and their confidentiality (13) and
breaches of the protocol (14). Each rule cites the clause ids it encodes; readings of unclear
text are recorded as ``notes`` in ``catalogue/lc-member-officer-2019.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

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
    AttendanceDecided,
    AttendanceRequested,
    ComplaintAcknowledged,
    ComplaintEscalated,
    ComplaintInvestigated,
    ComplaintLodged,
    ComplaintOutcomeCommunicated,
    ComplaintOutcomeRecorded,
    DifficultyRaised,
    DiscussionRelayed,
    GroupMeetingHeld,
    WitnessInterviewed,
)
from propriety.domain.events.lc_member_officer_2019 import (
    BreachReported,
    ComplaintsMonitorNominated,
    DesignatedContactNamed,
    DisciplinePressed,
    EnquiryRaised,
    InterestRegistered,
    MemberCorrespondenceCopied,
    PoliticalActivityProposed,
    PostDesignatedRestricted,
    RecruitmentPanelProposed,
    RelationshipDeclared,
    UndueInfluenceAttempted,
    UndueInfluenceInvestigated,
    UndueInfluenceReported,
)
from propriety.domain.organisation import Organisation, Role
from propriety.protocols.catalogue import catalogue
from propriety.protocols.common import NOT_ELECTED_ANYWHERE, name, names
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("lc-member-officer-2019")

P = "lc-member-officer-2019/"
ATTEND = "officer-attends-group-meeting"
COMPLAINT = "formal-complaint"
ROUTES = (
    "13.member-about-officer",
    "13.member-about-director",
    "13.member-about-chief-executive",
    "13.officer-about-member",
    "13.officer-about-group-leader",
    "13.officer-about-chair",
)
#: Routes where the complainant is told the result but not the detail of the investigation.
OUTCOME_ONLY_ROUTES = tuple(P + r for r in ROUTES if r != "13.member-about-chief-executive")
#: Routes a dissatisfied complainant may take to the Chief Executive for an independent assessment.
ESCALATION_ROUTES = (P + "13.member-about-officer", P + "13.officer-about-member")


# ====================================================================================================
# Shared helpers
# ====================================================================================================


def _first(*people: str | None) -> str | None:
    return next((p for p in people if p), None)


def _ce_or_stand_in(org: Organisation, on_: date) -> tuple[str, ...]:
    """The Chief Executive; with the post empty, the Deputy Chief Executive(s), then the Corporate
    Management Board (lc-member-officer-2019/6.requests)."""
    ce = org.chief_executive(on_)
    if ce:
        return (ce,)
    return org.holders(Role.DEPUTY_CHIEF_EXECUTIVE, on_) or org.holders(Role.CORPORATE_MANAGEMENT_BOARD, on_)


def _relationship_key(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"relationship:{first}|{second}"


def _declared_with(ctx: RuleContext, person: str, others: Iterable[str]) -> list[str]:
    """Those of ``others`` with whom ``person`` has declared a close relationship (9)."""
    return [o for o in others if o != person and ctx.ledger.case(_relationship_key(person, o)) is not None]


# ====================================================================================================
# 5.restricted — politically restricted posts
# ====================================================================================================


def _restricted_key(pid: str) -> str:
    return f"restricted-post:{pid}"


def _is_restricted(ctx: RuleContext, pid: str) -> str | None:
    """Why ``pid`` holds a politically restricted post on the event's date, or None if they do not."""
    case = ctx.ledger.case(_restricted_key(pid))
    if case is not None:
        until = case.get("until")
        if until is None or ctx.on <= until:
            return f"the post of {case.get('title') or case.get('post')} is on the register of restricted posts"
    if ctx.org.is_politically_restricted(pid, ctx.on):
        return "their post is politically restricted (a designated post, or a senior post such as a chief officer)"
    return None


@pack.rule(on=PostDesignatedRestricted, clauses=[P + "5.restricted"])
def restricted_post_registered(e: PostDesignatedRestricted, ctx: RuleContext) -> Iterator[Effect]:
    """Enter a post on the register of politically restricted posts; a holder who sits as a
    councillor is disqualified, which is flagged at once."""
    if e.holder is None:
        return
    yield Remember(
        _restricted_key(e.holder),
        (("post", e.post), ("title", e.title), ("criterion", e.criterion), ("until", e.until)),
    )
    if ctx.org.is_councillor(e.holder, ctx.on):
        yield Violation(
            key=f"{P}5.restricted:{e.post}:{e.holder}:councillor",
            clauses=(P + "5.restricted",),
            reason=(
                f"{name(ctx.org, e.holder)} holds a politically restricted post ({e.title or e.post}) and is also "
                f"a councillor. Someone in a restricted post cannot become or remain a member of a local authority."
            ),
            responsible=e.holder,
        )


_ACTIVITY_WORDS = {
    "stand-for-election": "stand for election as a councillor",
    "party-office": "hold office in a political party",
    "election-agent": "act as an election agent",
    "canvass": "canvass at an election",
    "speak-publicly-on-party-politics": "speak or write in public on party political controversy",
    "party-membership": "be an ordinary member of a political party",
}


@pack.rule(on=PoliticalActivityProposed, clauses=[P + "5.restricted"], question="political-activity")
def political_activity_limited_for_restricted_posts(e: PoliticalActivityProposed, ctx: RuleContext) -> Iterator[Effect]:
    """Holders of politically restricted posts may not stand for election, hold party office, act as
    an agent, canvass or speak publicly on party politics; plain party membership stays open to them."""
    what = _ACTIVITY_WORDS[e.activity]
    why = _is_restricted(ctx, e.person)
    who = name(ctx.org, e.person)
    if why is None:
        yield Decision(
            question="political-activity",
            outcome=Outcome.PERMIT,
            clauses=(P + "5.restricted",),
            reason=f"{who} does not hold a politically restricted post, so the protocol does not stop them "
            f"choosing to {what}.",
            conditions=("Keep party politics out of London Councils work (lc-member-officer-2019/5.politics).",),
        )
        return
    if e.activity == "party-membership":
        yield Decision(
            question="political-activity",
            outcome=Outcome.PERMIT,
            clauses=(P + "5.restricted",),
            reason=f"{who} is in a politically restricted post ({why}), but simply belonging to a party is "
            f"not one of the restricted activities.",
            conditions=(
                "No party office, election agency, canvassing or public comment on party political "
                "controversy (lc-member-officer-2019/5.restricted).",
            ),
        )
        return
    extra = (
        " Holding such a post bars a person from sitting as a councillor on any local authority."
        if e.activity == "stand-for-election"
        else ""
    )
    yield Decision(
        question="political-activity",
        outcome=Outcome.DENY,
        clauses=(P + "5.restricted",),
        reason=f"{who} may not {what}: {why}, and restricted post holders are barred from it.{extra}",
    )


# ====================================================================================================
# 6 — officers and party group meetings
# ====================================================================================================


def _attendance_case(request: str) -> str:
    return f"attendance:lc-member-officer-2019:{request}"


def _parity_case(matter: str) -> str:
    return f"attendance-parity:lc-member-officer-2019:{matter}"


def _parity_key(request: str) -> str:
    return f"{P}6.requests:{request}:serve-alike"


@pack.rule(on=AttendanceRequested, clauses=[P + "6.requests", P + "6.advisers"], question=ATTEND)
def group_attendance_requests_go_through_chief_executive(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """Every request for an officer at a party group meeting goes to the Chief Executive (or, in their
    absence, the Deputy or a Corporate Management Board member), who picks the officer. The group's
    own Political Advisers are outside these attendance rules."""
    org = ctx.org
    if e.officer and org.has_role(e.officer, Role.POLITICAL_ADVISER, ctx.on, group=e.group):
        yield Decision(
            question=ATTEND,
            outcome=Outcome.PERMIT,
            clauses=(P + "6.advisers",),
            reason=f"{name(org, e.officer)} is one of the group's Political Advisers; the rules on officers "
            f"attending group meetings do not apply to them, though group discussions stay confidential.",
            conditions=(
                "Nothing said at the meeting is passed on to another party group (lc-member-officer-2019/6.advisers).",
            ),
        )
        return
    deciders = _ce_or_stand_in(org, ctx.on)
    ce = org.chief_executive(ctx.on)
    stand_in_roles = (Role.DEPUTY_CHIEF_EXECUTIVE, Role.CORPORATE_MANAGEMENT_BOARD)
    conditions = [
        "The officer gives information and advice on London Councils business only, never party business "
        "(lc-member-officer-2019/6.support).",
        "The group respects the attending officer's political neutrality (lc-member-officer-2019/6.requests).",
    ]
    if ce:
        reason = (
            f"Requests for an officer at a party group meeting go through the Chief Executive, {name(org, ce)}, "
            f"who decides which officer is best placed to attend, so no officer becomes identified with a party."
        )
        if (
            e.addressed_to
            and e.addressed_to != ce
            and any(org.has_role(e.addressed_to, r, ctx.on) for r in stand_in_roles)
        ):
            conditions.append(
                f"{name(org, e.addressed_to)} may decide only while the Chief Executive is away "
                f"(lc-member-officer-2019/6.requests)."
            )
            deciders = (ce, e.addressed_to)
    else:
        reason = (
            f"The Chief Executive's post is empty, so the request goes to {names(org, deciders)}, who decide which "
            f"officer is best placed to attend."
        )
    if e.officer:
        conditions.append(
            f"The group asked for {name(org, e.officer)}, but the choice of officer is the Chief Executive's "
            f"(lc-member-officer-2019/6.requests)."
        )
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=(P + "6.requests",),
        reason=reason,
        refer_to=deciders,
        conditions=tuple(conditions),
    )


@pack.rule(on=AttendanceRequested, clauses=[P + "6.non-members"], question=ATTEND, aspect="others-present")
def non_elected_people_present_no_confidential_information(
    e: AttendanceRequested, ctx: RuleContext
) -> Iterator[Effect]:
    """An officer may brief a group meeting at which people who are not elected members of any local
    authority are present, but must disclose nothing confidential there."""
    outsiders = sorted(NOT_ELECTED_ANYWHERE.intersection(e.others_present))
    if not outsiders:
        return
    yield Decision(
        question=ATTEND,
        outcome=Outcome.PERMIT,
        clauses=(P + "6.non-members",),
        reason=(
            f"People who are not elected members of any local authority will be there "
            f"({', '.join(o.replace('-', ' ') for o in outsiders)}). They are not bound by a members' code of "
            f"conduct, so an officer may attend but must take special care."
        ),
        conditions=("No confidential information is disclosed at the meeting (lc-member-officer-2019/6.non-members).",),
        aspect="others-present",
    )


def _serve_alike(
    ctx: RuleContext, at: Any, request: str, group: str, matter: str, served: Iterable[str], meeting_on: date | None
) -> Obligation:
    """The duty to serve ``group`` on ``matter`` as the groups in ``served`` were."""
    org = ctx.org
    days = ctx.param("attendance_parity.serve_working_days")
    due = ctx.calendar.due_date(at, days)
    if meeting_on is not None and meeting_on < due:
        due = max(meeting_on, ctx.on)
    return Obligation(
        key=_parity_key(request),
        holder=_first(*_ce_or_stand_in(org, ctx.on)),
        duty=f"Arrange for {org.group(group).name} to be served on {matter} as the other group(s) were: "
        f"an officer at its meeting, or an equivalent briefing",
        due=due,
        clauses=(P + "6.requests",),
        reason=(
            f"An officer already attended {', '.join(org.group(g).name for g in sorted(served))} on {matter}; "
            f"officers attend group meetings on the understanding that any other group that asks is served "
            f"in the same way (within {days} working days, our reading, or by the meeting if sooner)."
        ),
        fulfilled_by=(
            on("AttendanceDecided", request=request, approved=True),
            on("BriefingGiven", groups=group, matter=matter),
        ),
        subject=request,
        beneficiary=org.group_leader(group, ctx.on),
    )


def _mark_served(ctx: RuleContext, at: Any, group: str, matter: str) -> Iterator[Effect]:
    """Record that ``group`` had an officer on ``matter``: settle what it was owed, and open the duty
    for other groups whose requests on the matter are still waiting."""
    case = ctx.ledger.case(_parity_case(matter)) or {}
    served = {*case.get("served", ()), group}
    owed = []
    for request, other in case.get("owed", ()):
        if other == group:
            if ctx.ledger.is_open(_parity_key(request)):
                yield Settle(_parity_key(request), ObligationState.FULFILLED, "The group was served alike.")
        else:
            owed.append((request, other))
    for request, other, meeting_on in case.get("pending", ()):
        if other not in served:
            yield _serve_alike(ctx, at, request, other, matter, served - {other}, meeting_on)
            owed.append((request, other))
    yield Remember(_parity_case(matter), (("served", tuple(sorted(served))), ("pending", ()), ("owed", tuple(owed))))


@pack.rule(on=(AttendanceRequested, AttendanceDecided, GroupMeetingHeld), clauses=[P + "6.requests"])
def other_groups_served_alike(
    e: AttendanceRequested | AttendanceDecided | GroupMeetingHeld, ctx: RuleContext
) -> Iterator[Effect]:
    """Once an officer has attended one group on a matter, any other group asking on that matter is
    served in the same way; refusing it is a breach."""
    if isinstance(e, GroupMeetingHeld):
        if e.matter and e.officers_present:
            yield from _mark_served(ctx, e.at, e.group, e.matter)
        return
    if isinstance(e, AttendanceRequested):
        yield Remember(_attendance_case(e.request), (("group", e.group), ("matter", e.matter)))
        if not e.matter:
            return
        case = ctx.ledger.case(_parity_case(e.matter)) or {}
        already = set(case.get("served", ()))
        served = set() if e.group in already else already
        meeting_on = e.meeting_at.astimezone(ZoneInfo(ctx.calendar.timezone)).date() if e.meeting_at else None
        if served:
            yield _serve_alike(ctx, e.at, e.request, e.group, e.matter, served, meeting_on)
            owed = (*case.get("owed", ()), (e.request, e.group))
            yield Remember(_parity_case(e.matter), (("owed", owed),))
        else:
            pending = (*case.get("pending", ()), (e.request, e.group, meeting_on))
            yield Remember(_parity_case(e.matter), (("pending", pending),))
        return
    request = ctx.ledger.case(_attendance_case(e.request))
    if request is None:
        return
    yield Remember(_attendance_case(e.request), forget=True)
    group, matter = str(request["group"]), str(request["matter"])
    if e.approved:
        if matter:
            yield from _mark_served(ctx, e.at, group, matter)
        return
    if ctx.ledger.is_open(_parity_key(e.request)):
        yield Violation(
            key=f"{P}6.requests:{e.request}:refused",
            clauses=(P + "6.requests",),
            reason=(
                f"{ctx.org.group(group).name} was refused an officer on {matter}, although another group had "
                f"one on that matter; every group that asks must be served alike."
            ),
            responsible=e.decided_by,
        )
        yield Settle(_parity_key(e.request), ObligationState.CANCELLED, "The request was refused.", e.decided_by)


def _meeting_case(meeting: str) -> str:
    return f"group-meeting:lc-member-officer-2019:{meeting}"


@pack.rule(on=GroupMeetingHeld, clauses=[P + "6.confidentiality", P + "6.advisers"])
def group_discussion_confidential(e: GroupMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """What is said at a party group meeting stays with the group, the officers present and the
    group's Political Advisers, who are bound by the same confidence."""
    org = ctx.org
    members = org.group_members(e.group, ctx.on)
    advisers = org.advisers(e.group, ctx.on)
    if not e.officers_present and not advisers:
        return
    clauses = [P + "6.confidentiality"]
    reason = (
        f"Officers at {org.group(e.group).name}'s meeting keep its discussion confidential and never pass it on "
        f"to another group."
    )
    if advisers:
        clauses.append(P + "6.advisers")
        reason += f" The group's Political Advisers ({names(org, advisers)}) are bound by the same confidence."
    yield Audience(
        record=e.id,
        people=frozenset({*members, *e.officers_present, *advisers}),
        clauses=tuple(clauses),
        reason=reason,
    )
    yield Remember(
        _meeting_case(e.meeting),
        (("group", e.group), ("officers", tuple(e.officers_present)), ("advisers", advisers), ("record", e.id)),
    )


@pack.rule(on=DiscussionRelayed, clauses=[P + "6.confidentiality", P + "6.advisers"])
def group_discussion_not_relayed(e: DiscussionRelayed, ctx: RuleContext) -> Iterator[Effect]:
    """An officer who was present, or one of the group's Political Advisers, must not pass a group's
    discussion on: never to another group, and to nobody else without the Group Leader's consent."""
    case = ctx.ledger.case(_meeting_case(e.meeting))
    if case is None:
        return
    org = ctx.org
    group = str(case["group"])
    if e.by in case.get("officers", ()):
        clause, role = P + "6.confidentiality", "an officer present at"
    elif e.by in case.get("advisers", ()):
        clause, role = P + "6.advisers", "a Political Adviser to the group at"
    else:
        return
    insiders = {*org.group_members(group, ctx.on), *case.get("officers", ()), *case.get("advisers", ())}
    other_group = sorted(p for p in e.to if org.group_of(p, ctx.on) not in (None, group))
    outsiders = sorted(p for p in set(e.to) - insiders - set(other_group))
    leader = org.group_leader(group, ctx.on)
    consented = e.consent_by is not None and e.consent_by == leader
    problems = []
    if other_group:
        problems.append(f"to members or advisers of another party group ({names(org, other_group)})")
    if outsiders and not consented:
        problems.append(f"to people outside the meeting ({names(org, outsiders)}) without the Group Leader's consent")
    if not problems:
        return
    yield Violation(
        key=f"{clause}:{e.id}",
        clauses=(clause,),
        reason=(
            f"{name(org, e.by)}, {role} {org.group(group).name}'s meeting, passed its discussion on "
            + " and ".join(problems)
            + ". Group discussions are confidential and are never relayed to another group."
        ),
        responsible=e.by,
    )


@pack.rule(on=DifficultyRaised, clauses=[P + "6.difficulty"], question="group-advice-difficulty")
def group_advice_difficulty_to_chief_executive(e: DifficultyRaised, ctx: RuleContext) -> Iterator[Effect]:
    """Any hard case or doubt about officers advising party groups goes to the Chief Executive."""
    org = ctx.org
    handlers = _ce_or_stand_in(org, ctx.on)
    if not handlers:
        return
    misdirected = e.raised_with is not None and e.raised_with not in handlers
    yield Decision(
        question="group-advice-difficulty",
        outcome=Outcome.REFER,
        clauses=(P + "6.difficulty",),
        reason=(
            "Difficulties or uncertainty about officers advising party groups are raised with the Chief Executive"
            + (f", not with {name(org, e.raised_with)}." if misdirected else ".")
        ),
        refer_to=handlers,
    )
    yield Notification(
        key=f"{P}6.difficulty:{e.case}",
        recipients=handlers,
        about=f"A difficulty about officer advice to a party group{': ' + e.matter if e.matter else ''}",
        clauses=(P + "6.difficulty",),
        reason="The Chief Executive is the person to resolve difficulties about officers advising groups.",
    )


# ====================================================================================================
# 7 — undue influence; complaints as opposed to enquiries
# ====================================================================================================


def _report_line(org: Organisation, officer: str, on_: date) -> tuple[str | None, str | None]:
    """Whom an officer reports undue influence to (their director) and the Chief Executive above."""
    return org.director_of(officer, on_), org.chief_executive(on_)


@pack.rule(on=UndueInfluenceAttempted, clauses=[P + "7.undue-influence"])
def undue_influence_reported_by_officer(e: UndueInfluenceAttempted, ctx: RuleContext) -> Iterator[Effect]:
    """An officer put under improper pressure by a member reports it to their director."""
    org = ctx.org
    director, ce = _report_line(org, e.officer, ctx.on)
    to = _first(director, ce)
    if to is None:
        return
    days = ctx.param("undue_influence.report_working_days")
    yield Obligation(
        key=f"{P}7.undue-influence:{e.case}:report",
        holder=e.officer,
        duty=f"Report {name(org, e.member)}'s attempt to influence you to {name(org, to)}",
        due=ctx.calendar.due_date(e.at, days),
        clauses=(P + "7.undue-influence",),
        reason=f"Officers must report any attempt by a member to exert improper influence to their director "
        f"(within {days} working day(s), our reading of a prompt report).",
        fulfilled_by=tuple(on("UndueInfluenceReported", case=e.case, to=p) for p in dict.fromkeys((to, ce)) if p),
        subject=e.case,
    )


@pack.rule(on=UndueInfluenceReported, clauses=[P + "7.undue-influence"], question="report-undue-influence")
def undue_influence_passed_to_chief_executive(e: UndueInfluenceReported, ctx: RuleContext) -> Iterator[Effect]:
    """The director who receives an officer's report of undue influence informs the Chief Executive,
    who investigates where appropriate."""
    org = ctx.org
    director, ce = _report_line(org, e.officer, ctx.on)
    if ce is not None and e.to == ce:
        yield Notification(
            key=f"{P}7.undue-influence:{e.case}:ce",
            recipients=(e.to,),
            about=f"A report that {name(org, e.member)} tried to exert improper influence on {name(org, e.officer)}",
            clauses=(P + "7.undue-influence",),
            reason="The Chief Executive decides whether to investigate an attempt at improper influence.",
        )
        return
    if director is None or e.to != director:
        right = _first(director, ce)
        yield Decision(
            question="report-undue-influence",
            outcome=Outcome.REFER,
            clauses=(P + "7.undue-influence",),
            reason=f"An attempt at improper influence is reported to the officer's director, "
            f"{name(org, right)}, not to {name(org, e.to)}.",
            refer_to=(right,) if right else (),
        )
        return
    if ce is None:
        return
    days = ctx.param("undue_influence.inform_ce_working_days")
    yield Obligation(
        key=f"{P}7.undue-influence:{e.case}:inform-ce",
        holder=director,
        duty=f"Tell the Chief Executive of {name(org, e.officer)}'s report about {name(org, e.member)}",
        due=ctx.calendar.due_date(e.at, days),
        clauses=(P + "7.undue-influence",),
        reason=f"A director told of an attempt at improper influence informs the Chief Executive, who "
        f"investigates where appropriate (within {days} working day(s), our reading).",
        fulfilled_by=(
            on("UndueInfluenceForwarded", case=e.case, to=ce),
            on("UndueInfluenceForwarded", case=e.case, to=None),
        ),
        subject=e.case,
        beneficiary=e.officer,
    )


@pack.rule(on=UndueInfluenceInvestigated, clauses=[P + "7.undue-influence"])
def undue_influence_investigated_by_chief_executive(
    e: UndueInfluenceInvestigated, ctx: RuleContext
) -> Iterator[Effect]:
    """Whether to investigate is the Chief Executive's call; an investigation the Chief Executive opens
    settles any forwarding the director still owed, since the Chief Executive evidently knows."""
    key = f"{P}7.undue-influence:{e.case}:inform-ce"
    if ctx.org.has_role(e.by, Role.CHIEF_EXECUTIVE, ctx.on) and ctx.ledger.is_open(key):
        yield Settle(key, ObligationState.FULFILLED, "The Chief Executive took up the report.", e.by)


@pack.rule(on=EnquiryRaised, clauses=[P + "7.complaints"], question=COMPLAINT)
def complaint_not_handled_as_enquiry(e: EnquiryRaised, ctx: RuleContext) -> Iterator[Effect]:
    """Something raised as an enquiry that is really a complaint about someone's conduct must go
    through the formal complaints procedure; a plain enquiry is just answered."""
    if e.complaint_about is None:
        return
    org = ctx.org
    route = route_complaint(org, e.member, e.complaint_about, ctx.on, _conflict_check(ctx, e.member, e.complaint_about))
    clauses = (P + "7.complaints",) + ((route.clause,) if route else ())
    handler = route.handler if route else None
    yield Decision(
        question=COMPLAINT,
        outcome=Outcome.REFER,
        clauses=clauses,
        reason=(
            f"{name(org, e.member)}'s enquiry to {name(org, e.to)} is in substance a complaint about "
            f"{name(org, e.complaint_about)}, so it goes through the formal complaints procedure rather than being "
            f"handled as an enquiry." + (f" {route.why}" if route else "")
        ),
        refer_to=(handler,) if handler else (),
        conditions=(
            f"Make the complaint in writing to {name(org, handler)}."
            if handler
            else "Make the complaint in writing under section 13 of the protocol.",
        ),
    )


# ====================================================================================================
# 8 — members and recruitment
# ====================================================================================================

_POST_WORDS = {
    "chief-executive": "the Chief Executive",
    "director": "a Director",
    "political-adviser": "a Political Adviser",
    "other": "this post",
}


@pack.rule(on=RecruitmentPanelProposed, clauses=[P + "8"], question="recruitment-panel")
def recruitment_panel_limited_to_elected_officers(e: RecruitmentPanelProposed, ctx: RuleContext) -> Iterator[Effect]:
    """Elected Officers help recruit the Chief Executive, Directors and Political Advisers; every other
    appointment is for management and Human Resources."""
    org = ctx.org
    if not org.is_councillor(e.member, ctx.on):
        return
    who = name(org, e.member)
    if e.post == "other":
        yield Decision(
            question="recruitment-panel",
            outcome=Outcome.DENY,
            clauses=(P + "8",),
            reason=f"Members take part only in recruiting the Chief Executive, Directors and Political Advisers; "
            f"recruiting to other posts is for management and Human Resources, so {who} does not sit on this panel.",
        )
        return
    if not org.has_role(e.member, Role.ELECTED_OFFICER, ctx.on):
        yield Decision(
            question="recruitment-panel",
            outcome=Outcome.DENY,
            clauses=(P + "8",),
            reason=f"It is the Elected Officers who are invited to help recruit {_POST_WORDS[e.post]}; {who} is "
            f"not an Elected Officer.",
        )
        return
    yield Decision(
        question="recruitment-panel",
        outcome=Outcome.PERMIT,
        clauses=(P + "8",),
        reason=f"{who} is an Elected Officer, and Elected Officers are invited to help recruit {_POST_WORDS[e.post]}.",
        conditions=("The recruitment follows London Councils' recruitment and selection procedure.",),
    )


# ====================================================================================================
# 9 — familiarity, friendships and relationships
# ====================================================================================================


def _designated_case(group: str) -> str:
    return f"designated-contact:{group}"


def _declaration_recipients(ctx: RuleContext, person: str) -> tuple[tuple[str, ...], str]:
    """Whom ``person`` declares a close relationship to, and how to say so."""
    org = ctx.org
    if org.is_councillor(person, ctx.on):
        group = org.group_of(person, ctx.on)
        if group is None:
            return (), "a member outside any party group"
        leader = org.group_leader(group, ctx.on)
        designated = (ctx.ledger.case(_designated_case(group)) or {}).get("member")
        # A Group Leader with no designated contact has nobody named to declare to: nothing to check.
        allowed = tuple(p for p in dict.fromkeys((leader, designated)) if p and p != person)
        wording = f"the Leader of {org.group(group).name}" + (
            f" or the member the group designated ({name(org, designated)})" if designated else ""
        )
        return allowed, wording
    ce = org.chief_executive(ctx.on)
    if person == ce:
        chair = org.chair_of_body(ctx.on)
        return ((chair,) if chair else ()), "the Chair (the Chief Executive has nobody above them among officers)"
    return ((ce,) if ce else ()), "the Chief Executive"


@pack.rule(on=DesignatedContactNamed, clauses=[P + "9"])
def designated_contact_registered(e: DesignatedContactNamed, ctx: RuleContext) -> Iterator[Effect]:
    """A party group may name one of its members to receive its members' relationship declarations."""
    if e.member in ctx.org.group_members(e.group, ctx.on):
        yield Remember(_designated_case(e.group), (("member", e.member),))


@pack.rule(on=(RelationshipDeclared, InterestRegistered), clauses=[P + "9"])
def relationship_disclosed_to_right_person(
    e: RelationshipDeclared | InterestRegistered, ctx: RuleContext
) -> Iterator[Effect]:
    """Close personal, family or business relationships between members and officers are declared:
    officers to the Chief Executive, members to their Group Leader (or the group's designated member).
    The register is kept so that complaints avoid a handler with a declared relationship."""
    if e.with_person is None:
        return
    yield Remember(
        _relationship_key(e.person, e.with_person),
        (("declared_by", e.person), ("kind", e.kind if isinstance(e, RelationshipDeclared) else e.interest)),
    )
    org = ctx.org
    if not isinstance(e, RelationshipDeclared):
        return
    if org.is_councillor(e.person, ctx.on) == org.is_councillor(e.with_person, ctx.on):
        return  # two members, or two officers: not a member/officer relationship
    allowed, wording = _declaration_recipients(ctx, e.person)
    if not allowed or e.declared_to in allowed:
        return
    yield Violation(
        key=f"{P}9:{e.id}",
        clauses=(P + "9",),
        reason=(
            f"{name(org, e.person)} declared a {e.kind} relationship with {name(org, e.with_person)} to "
            f"{name(org, e.declared_to)}; it should be declared to {wording}."
        ),
        responsible=e.person,
    )


# ====================================================================================================
# 12 — copying a member's correspondence
# ====================================================================================================


@pack.rule(on=MemberCorrespondenceCopied, clauses=[P + "12.member-officer"], question="copy-member-correspondence")
def member_correspondence_copied_only_with_consent(e: MemberCorrespondenceCopied, ctx: RuleContext) -> Iterator[Effect]:
    """An officer copies one member's correspondence to another member only when necessary, after
    telling the author plainly and getting their consent."""
    org = ctx.org
    if not org.is_councillor(e.author, ctx.on):
        return
    others = sorted({p for p in e.copied_to if p != e.author and org.is_councillor(p, ctx.on)})
    if not others:
        return
    author = name(org, e.author)
    if e.author_told and e.author_consented:
        yield Decision(
            question="copy-member-correspondence",
            outcome=Outcome.PERMIT,
            clauses=(P + "12.member-officer",),
            reason=f"{author} was told what would be done with their correspondence and agreed to it being "
            f"copied to {names(org, others)}.",
            conditions=("Copy only because it is necessary; it is not done as a matter of course.",),
        )
        return
    missing = [
        what
        for what, done in (
            (f"telling {author} clearly what is intended", e.author_told),
            (f"getting {author}'s consent", e.author_consented),
        )
        if not done
    ]
    yield Decision(
        question="copy-member-correspondence",
        outcome=Outcome.REFER,
        clauses=(P + "12.member-officer",),
        reason=f"A member's correspondence goes to another member only after {' and '.join(missing)}.",
        refer_to=(e.author,),
        conditions=(
            f"Tell {author} what you intend to do with the correspondence.",
            f"Get {author}'s consent before copying it.",
        ),
    )
    yield Violation(
        key=f"{P}12.member-officer:{e.correspondence}:{e.id}",
        clauses=(P + "12.member-officer",),
        reason=f"{name(org, e.officer)} copied {author}'s correspondence to {names(org, others)} without "
        f"{' and '.join(missing)}.",
        responsible=e.officer,
    )


# ====================================================================================================
# 13 — formal complaints
# ====================================================================================================


@dataclass(frozen=True, slots=True)
class Route:
    """Where a complaint goes: the clause that routes it, the handler, and whether 5 days apply."""

    clause: str
    handler: str | None
    acknowledge: bool
    why: str
    skipped: tuple[str, ...] = ()


def _base_route(org: Organisation, complainant: str, about: str, on_: date) -> Route | None:
    ce = org.chief_executive(on_)
    if org.is_councillor(complainant, on_) and not org.is_councillor(about, on_):
        if org.has_role(about, Role.CHIEF_EXECUTIVE, on_):
            handler = org.holders(Role.INDEPENDENT_PERSON, on_) or org.holders(Role.MONITORING_OFFICER, on_)
            return Route(
                P + "13.member-about-chief-executive",
                handler[0] if handler else None,
                False,
                "A complaint about the Chief Executive follows the statutory procedure, investigated by a "
                "designated independent person.",
            )
        if org.has_role(about, Role.DIRECTOR, on_):
            return Route(
                P + "13.member-about-director", ce, True, "A complaint about a director goes to the Chief Executive."
            )
        director = org.director_of(about, on_)
        return Route(
            P + "13.member-about-officer",
            director or ce,
            True,
            "A member's complaint about an officer goes to that officer's director"
            + ("." if director else "; this officer has no director, so it goes to the Chief Executive."),
        )
    if not org.is_councillor(complainant, on_) and org.is_councillor(about, on_):
        if org.has_role(about, Role.CHAIR_OF_BODY, on_):
            return Route(
                P + "13.officer-about-chair", ce, True, "A complaint about the Chair goes to the Chief Executive."
            )
        if org.has_role(about, Role.GROUP_LEADER, on_):
            return Route(
                P + "13.officer-about-group-leader",
                ce,
                True,
                "A complaint about a Group Leader goes to the Chief Executive.",
            )
        director = org.director_of(complainant, on_)
        return Route(
            P + "13.officer-about-member",
            director or ce,
            True,
            "An officer's complaint about a member goes to the officer's own director"
            + ("." if director else "; this officer has no director above them, so it goes to the Chief Executive."),
        )
    return None


def _next_in_line(org: Organisation, handler: str, on_: date) -> str | None:
    """Who takes a complaint when ``handler`` cannot: a director's goes to the Chief Executive; the Chief
    Executive's to the independent person, then the monitoring officer."""
    ce = org.chief_executive(on_)
    if handler != ce and ce is not None and not org.has_role(handler, Role.INDEPENDENT_PERSON, on_):
        return ce
    for role in (Role.INDEPENDENT_PERSON, Role.MONITORING_OFFICER):
        holders = [p for p in org.holders(role, on_) if p != handler]
        if holders:
            return holders[0]
    return None


def route_complaint(
    org: Organisation,
    complainant: str,
    about: str,
    on_: object,
    conflicted: Callable[[str], bool] | None = None,
) -> Route | None:
    """Route a formal complaint by who complains about whom (lc-member-officer-2019/13.*).

    ``conflicted`` says whether a would-be handler has declared a close relationship with either party
    (lc-member-officer-2019/9); such a handler is passed over for the next person in line.
    """
    assert isinstance(on_, date)
    route = _base_route(org, complainant, about, on_)
    if route is None or conflicted is None or route.handler is None:
        return route
    handler: str | None = route.handler
    skipped: list[str] = []
    while handler is not None and handler not in skipped and conflicted(handler):
        skipped.append(handler)
        handler = _next_in_line(org, handler, on_)
    if not skipped:
        return route
    why = (
        f"{route.why} A close relationship between {names(org, skipped)} and someone in the complaint has been "
        f"declared, so it goes to {name(org, handler)} instead."
    )
    return replace(route, handler=handler, why=why, skipped=tuple(skipped))


def _conflict_check(ctx: RuleContext, complainant: str, about: str) -> Callable[[str], bool]:
    return lambda handler: bool(_declared_with(ctx, handler, (complainant, about)))


def _case(complaint: str) -> str:
    return f"complaint:{complaint}"


def _grounds(grounds: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split complaint grounds into clauses the catalogue holds and ids it does not know."""
    known = catalogue()
    found = [g for g in dict.fromkeys(grounds) if g in known]
    unknown = [g for g in dict.fromkeys(grounds) if g not in known]
    return found, unknown


def _grounds_text(found: list[str]) -> str:
    if not found:
        return ""
    known = catalogue()
    return " Grounds: " + "; ".join(f"{g} ({known[g].title})" for g in found) + "."


def _unknown_grounds_text(unknown: list[str]) -> str:
    return (
        f"{', '.join(unknown)} {'is not a clause' if len(unknown) == 1 else 'are not clauses'} of the protocols "
        f"in force, so {'it' if len(unknown) == 1 else 'they'} cannot be a ground of the complaint."
    )


def _open_complaint(
    ctx: RuleContext,
    *,
    record: str,
    at: Any,
    complaint: str,
    complainant: str,
    about: str,
    in_writing: bool,
    route: Route,
    addressed_to: str | None = None,
    extra_clauses: tuple[str, ...] = (),
    extra_reason: str = "",
) -> Iterator[Effect]:
    """Everything a formal complaint sets in motion once routed (13.*): the handler's 5-day written
    reply, the copies the route requires, and the need-to-know audience."""
    org = ctx.org
    clauses = (*extra_clauses, route.clause) + ((P + "9",) if route.skipped else ())
    refer = (route.handler,) if route.handler else ()
    if not in_writing:
        yield Decision(
            question=COMPLAINT,
            outcome=Outcome.REFER,
            clauses=clauses,
            reason="A formal complaint must be made in writing. " + route.why + extra_reason,
            refer_to=refer,
            conditions=("Put the complaint in writing, addressed as shown.",),
        )
        return
    readdress: tuple[str, ...] = ()
    if addressed_to and route.handler and addressed_to != route.handler:
        readdress = (
            f"The complaint was addressed to {name(org, addressed_to)}; it goes to {name(org, route.handler)}.",
        )
    yield Decision(
        question=COMPLAINT,
        outcome=Outcome.REFER,
        clauses=clauses,
        reason=route.why + extra_reason,
        refer_to=refer,
        conditions=readdress,
    )
    days = ctx.param("complaint.acknowledgement_working_days")
    if route.acknowledge and route.handler:
        yield Obligation(
            key=f"{route.clause}:{complaint}:acknowledge",
            holder=route.handler,
            duty=f"Reply in writing to the complaint about {name(org, about)}: acknowledge it, say what you "
            f"intend to do and roughly how long it will take",
            due=ctx.calendar.due_date(at, days),
            clauses=(route.clause,),
            reason=f"{route.why} The reply is due within {days} working days.",
            subject=complaint,
            beneficiary=complainant,
        )
    leader = None
    if route.clause == P + "13.officer-about-member":
        told = [p for p in (org.chief_executive(ctx.on),) if p]
        group = org.group_of(about, ctx.on)
        leader = org.group_leader(group, ctx.on) if group else None
        if leader and leader != about:
            told.append(leader)
        else:
            leader = None
        if told:
            yield Notification(
                key=f"{route.clause}:{complaint}",
                recipients=tuple(sorted(set(told))),
                about=f"A formal complaint by an officer about {name(org, about)}",
                clauses=(route.clause,),
                reason="The director sends the Chief Executive a copy and tells the member's Group Leader.",
            )
    # Need to know (13.confidentiality): handler, Chief Executive, Chair; the complainant's
    # identity is kept from the person complained about. Someone passed over for a declared
    # relationship (9), or who is the subject of the complaint, is not in the circle.
    audience = {complainant}
    audience.update(p for p in (route.handler, org.chief_executive(ctx.on), org.chair_of_body(ctx.on)) if p)
    audience.difference_update({about, *route.skipped})
    yield Audience(
        record=record,
        people=frozenset(audience),
        clauses=(P + "13.confidentiality",),
        reason="Complaints are handled on a need-to-know basis: the handler, the Chief Executive and the Chair.",
        withheld=(("complainant", frozenset({about})),),
    )
    yield Remember(
        _case(complaint),
        (
            ("clause", route.clause),
            ("handler", route.handler),
            ("complainant", complainant),
            ("about", about),
            ("record", record),
            ("audience", tuple(sorted(audience))),
            ("leader", leader),
            ("investigators", ()),
        ),
    )


@pack.rule(
    on=ComplaintLodged,
    clauses=[P + r for r in ROUTES] + [P + "13.confidentiality", P + "9", P + "14"],
    question=COMPLAINT,
)
def complaint_routed_and_acknowledged(e: ComplaintLodged, ctx: RuleContext) -> Iterator[Effect]:
    """Route the complaint by who complains about whom, passing over a handler with a declared close
    relationship to either side; the handler replies in writing within 5 working days."""
    route = route_complaint(ctx.org, e.complainant, e.about, ctx.on, _conflict_check(ctx, e.complainant, e.about))
    if route is None:
        return
    found, unknown = _grounds(e.grounds)
    if unknown:
        yield Decision(
            question=COMPLAINT,
            outcome=Outcome.REFER,
            clauses=(P + "14",),
            reason=_unknown_grounds_text(unknown),
            refer_to=(route.handler,) if route.handler else (),
            conditions=("Name the clauses of the protocol the complaint relies on.",),
        )
    yield from _open_complaint(
        ctx,
        record=e.id,
        at=e.at,
        complaint=e.complaint,
        complainant=e.complainant,
        about=e.about,
        in_writing=e.in_writing,
        route=route,
        addressed_to=e.addressed_to,
        extra_reason=_grounds_text(found),
    )


@pack.rule(on=ComplaintAcknowledged, clauses=[P + r for r in ROUTES if r != "13.member-about-chief-executive"])
def complaint_acknowledgement_complete(e: ComplaintAcknowledged, ctx: RuleContext) -> Iterator[Effect]:
    """The written reply must say what will be done and roughly how long it will take."""
    case = ctx.ledger.case(_case(e.complaint))
    if case is None:
        return
    key = f"{case['clause']}:{e.complaint}:acknowledge"
    if e.in_writing and e.intended_action and e.expected_time:
        yield Settle(key, ObligationState.FULFILLED, "Acknowledged in writing with the action and time.", e.by)


def _monitor(ctx: RuleContext) -> str | None:
    registered = ctx.ledger.case("complaints-monitor")
    if registered is not None:
        return str(registered["officer"])
    return ctx.org.complaints_monitoring_officer(ctx.on)


@pack.rule(on=ComplaintsMonitorNominated, clauses=[P + "13.monitoring"], question="nominate-complaints-monitor")
def complaints_monitor_nominated_by_chief_executive(
    e: ComplaintsMonitorNominated, ctx: RuleContext
) -> Iterator[Effect]:
    """The Chief Executive nominates the officer who monitors complaints by members and officers."""
    org = ctx.org
    if not org.has_role(e.by, Role.CHIEF_EXECUTIVE, ctx.on) or not org.is_officer(e.officer, ctx.on):
        yield Decision(
            question="nominate-complaints-monitor",
            outcome=Outcome.DENY,
            clauses=(P + "13.monitoring",),
            reason=f"The officer who monitors complaints is nominated by the Chief Executive, and must be an "
            f"officer; {name(org, e.by)}'s nomination of {name(org, e.officer)} does not count.",
        )
        return
    yield Remember("complaints-monitor", (("officer", e.officer),))


@pack.rule(on=(ComplaintLodged, BreachReported), clauses=[P + "13.monitoring"])
def complaints_reported_to_monitoring_officer(
    e: ComplaintLodged | BreachReported, ctx: RuleContext
) -> Iterator[Effect]:
    """Every formal complaint is notified to the officer the Chief Executive nominated to monitor
    complaints (our reading: they are told of it, not given its full details)."""
    if not e.in_writing:
        return
    complainant, subject = (e.complainant, e.complaint) if isinstance(e, ComplaintLodged) else (e.reporter, e.breach)
    if isinstance(e, ComplaintLodged):
        if route_complaint(ctx.org, complainant, e.about, ctx.on) is None:
            return
    else:
        found = _grounds(e.grounds)[0]
        if not found or _own_route(e, ctx, found) is not None:
            return
    monitor = _monitor(ctx)
    if monitor is None or monitor in (e.about, complainant):
        return
    yield Notification(
        key=f"{P}13.monitoring:{subject}",
        recipients=(monitor,),
        about=f"A formal complaint ({subject}) about {name(ctx.org, e.about)} has been made",
        clauses=(P + "13.monitoring",),
        reason="The officer the Chief Executive nominated monitors every complaint by members and officers.",
    )


def _record_investigator(case: Mapping[str, Any], investigator: str) -> tuple[str, ...]:
    return tuple(sorted({*case.get("investigators", ()), investigator}))


@pack.rule(on=ComplaintInvestigated, clauses=[P + "13.confidentiality", *OUTCOME_ONLY_ROUTES])
def investigation_kept_need_to_know(e: ComplaintInvestigated, ctx: RuleContext) -> Iterator[Effect]:
    """Investigators join the need-to-know circle; the complainant learns the outcome, not the
    investigation's detail."""
    case = ctx.ledger.case(_case(e.complaint))
    if case is None:
        return
    investigators = _record_investigator(case, e.investigator)
    yield Remember(_case(e.complaint), (("investigators", investigators),))
    clause = str(case["clause"])
    people = frozenset({*case.get("audience", ()), *investigators})
    withheld: tuple[tuple[str, frozenset[str]], ...] = ()
    clauses: tuple[str, ...] = (P + "13.confidentiality",)
    if clause in OUTCOME_ONLY_ROUTES:
        withheld = (("finding", frozenset({str(case["complainant"])})),)
        clauses = (*clauses, clause)
    yield Audience(
        record=e.id,
        people=people,
        clauses=clauses,
        reason="Only those investigating, the Chief Executive and the Chair see a complaint's full details; "
        "the person who complained is told the result but not the investigation's detail.",
        withheld=withheld,
    )


@pack.rule(on=WitnessInterviewed, clauses=[P + "13.confidentiality"])
def witness_told_only_what_they_need(e: WitnessInterviewed, ctx: RuleContext) -> Iterator[Effect]:
    """A witness learns only what they need to give evidence, and not who complained."""
    case = ctx.ledger.case(_case(e.complaint))
    if case is None:
        return
    yield Audience(
        record=e.id,
        people=frozenset({e.witness, e.by}),
        clauses=(P + "13.confidentiality",),
        reason="A witness is told only what they need to give evidence, in strict confidence.",
        withheld=(("complainant", frozenset({e.witness})),),
        scope="event",
    )
    if e.told_complainant_identity:
        yield Violation(
            key=f"{P}13.confidentiality:{e.complaint}:{e.id}",
            clauses=(P + "13.confidentiality",),
            reason=f"{name(ctx.org, e.by)} told the witness {name(ctx.org, e.witness)} who made the complaint; the "
            f"complainant's identity is shared only where it is truly needed, and a witness does not need it.",
            responsible=e.by,
        )


@pack.rule(on=ComplaintOutcomeRecorded, clauses=list(OUTCOME_ONLY_ROUTES))
def complainant_told_the_outcome(e: ComplaintOutcomeRecorded, ctx: RuleContext) -> Iterator[Effect]:
    """The complainant is entitled to the result: a member learns the outcome of any disciplinary
    investigation; an officer learns whether a formal complaint will go to the member's monitoring officer."""
    case = ctx.ledger.case(_case(e.complaint))
    if case is None or case["clause"] not in OUTCOME_ONLY_ROUTES:
        return
    org = ctx.org
    clause = str(case["clause"])
    complainant = str(case["complainant"])
    days = ctx.param("complaint.outcome_notice_working_days")
    if clause.split("/", 1)[1].startswith("13.member-"):
        duty = f"Tell {name(org, complainant)} the outcome of the complaint (not the investigation's detail)"
        why = "A member who complained has a right to the outcome, but not to the detail of the investigation."
    else:
        duty = (
            f"Tell {name(org, complainant)} whether a formal complaint is going to the monitoring officer of "
            f"{name(org, str(case['about']))}'s authority"
        )
        why = (
            "An officer who complained has a right to know whether a formal complaint will go to the member's "
            "monitoring officer, but not to the detail of the investigation."
        )
    yield Obligation(
        key=f"{clause}:{e.complaint}:outcome",
        holder=_first(case.get("handler"), e.by),
        duty=duty,
        due=ctx.calendar.due_date(e.at, days),
        clauses=(clause,),
        reason=f"{why} (Within {days} working days: our reading, as the protocol gives no period.)",
        fulfilled_by=(on("ComplaintOutcomeCommunicated", complaint=e.complaint, to=complainant),),
        subject=e.complaint,
        beneficiary=complainant,
    )


@pack.rule(on=ComplaintOutcomeCommunicated, clauses=[P + "13.confidentiality", *OUTCOME_ONLY_ROUTES])
def outcome_told_without_detail(e: ComplaintOutcomeCommunicated, ctx: RuleContext) -> Iterator[Effect]:
    """The complainant gets the outcome, not the detail; nobody outside the need-to-know circle is told."""
    case = ctx.ledger.case(_case(e.complaint))
    if case is None:
        return
    org = ctx.org
    clause = str(case["clause"])
    complainant = str(case["complainant"])
    if e.to == complainant:
        if e.detail == "full" and clause in OUTCOME_ONLY_ROUTES:
            yield Violation(
                key=f"{clause}:{e.complaint}:{e.id}:detail",
                clauses=(clause,),
                reason=f"{name(org, e.by)} gave {name(org, complainant)} the full detail of the investigation; the "
                f"person who complained is entitled to the outcome only.",
                responsible=e.by,
            )
        return
    full = {
        *case.get("audience", ()),
        *case.get("investigators", ()),
        str(case["about"]),
        *(p for p in (case.get("handler"), case.get("escalated_to")) if p),
    }
    full.discard(complainant)
    outcome_only = {*(p for p in (case.get("leader"), _monitor(ctx)) if p)}
    if e.to in full or (e.to in outcome_only and e.detail == "outcome-only"):
        return
    yield Violation(
        key=f"{P}13.confidentiality:{e.complaint}:{e.id}",
        clauses=(P + "13.confidentiality",),
        reason=f"{name(org, e.by)} told {name(org, e.to)} the {'full detail' if e.detail == 'full' else 'outcome'} of "
        f"a complaint they have no need to know about; complaints are handled in strict confidence.",
        responsible=e.by,
    )


@pack.rule(on=DisciplinePressed, clauses=[P + "13.member-about-officer", P + "13.member-about-director"])
def members_do_not_press_for_discipline(e: DisciplinePressed, ctx: RuleContext) -> Iterator[Effect]:
    """A member must not insist, or be seen to insist, on an officer's discipline, nor try to influence
    how severe it is."""
    org = ctx.org
    if not org.is_councillor(e.by, ctx.on):
        return
    case = ctx.ledger.case(_case(e.complaint)) if e.complaint else None
    about = str(case["about"]) if case else e.about
    if about is None or org.is_councillor(about, ctx.on):
        return
    if case and case["clause"] in (P + "13.member-about-officer", P + "13.member-about-director"):
        clause = str(case["clause"])
    elif org.has_role(about, Role.DIRECTOR, ctx.on):
        clause = P + "13.member-about-director"
    else:
        clause = P + "13.member-about-officer"
    act = "insisted on" if e.pressure == "insisted-on-discipline" else "tried to influence the level of"
    yield Violation(
        key=f"{clause}:{e.id}:discipline",
        clauses=(clause,),
        reason=f"{name(org, e.by)} {act} disciplinary action against {name(org, about)}. Members may complain, "
        f"but discipline, and how severe it is, is not theirs to press.",
        responsible=e.by,
    )


@pack.rule(on=ComplaintEscalated, clauses=list(ESCALATION_ROUTES))
def dissatisfied_complainant_may_go_to_chief_executive(e: ComplaintEscalated, ctx: RuleContext) -> Iterator[Effect]:
    """A member unhappy with the result of a complaint about an officer, or an officer unhappy with the
    result of a complaint about a member, may refer it to the Chief Executive for an independent assessment."""
    case = ctx.ledger.case(_case(e.complaint))
    if case is None or case["clause"] not in ESCALATION_ROUTES or e.by != case["complainant"]:
        return
    org = ctx.org
    clause = str(case["clause"])
    complainant, about = str(case["complainant"]), str(case["about"])
    assessor = org.chief_executive(ctx.on)
    if assessor is not None and _declared_with(ctx, assessor, (complainant, about)):
        assessor = _next_in_line(org, assessor, ctx.on)
    if assessor is None:
        return
    yield Notification(
        key=f"{clause}:{e.complaint}:escalated",
        recipients=(assessor,),
        about=f"A complaint about {name(org, about)} referred for an independent assessment",
        clauses=(clause,),
        reason="A complainant unhappy with how the complaint was resolved may ask the Chief Executive to look at "
        "it afresh and independently.",
    )
    yield Remember(_case(e.complaint), (("escalated_to", assessor),))


# ====================================================================================================
# 14 — breaches of the protocol
# ====================================================================================================


def _fallback_route(org: Organisation, reporter: str, about: str, on_: date) -> Route | None:
    """A breach between two officers or two members: section 13 gives no route, so (our reading) an
    officer's breach goes up their line as a member's complaint would, and a member's to the Chief Executive."""
    ce = org.chief_executive(on_)
    if org.is_officer(about, on_) or org.is_member_of_staff(about, on_):
        if about == ce:
            nxt = _next_in_line(org, about, on_)
            return Route(P + "14", nxt, True, "A breach by the Chief Executive goes to the independent person.")
        handler = ce if org.has_role(about, Role.DIRECTOR, on_) else _first(org.director_of(about, on_), ce)
        return Route(
            P + "14", handler, True, f"A breach by an officer is taken up through their line, by {name(org, handler)}."
        )
    if ce is None:
        return None
    return Route(P + "14", ce, True, "The protocol names no route for this breach, so the Chief Executive takes it.")


@pack.rule(on=BreachReported, clauses=[P + "14", P + "6.difficulty", P + "7.undue-influence"], question=COMPLAINT)
def breach_handled_as_formal_complaint(e: BreachReported, ctx: RuleContext) -> Iterator[Effect]:
    """A breach of the protocol, unless its section gives its own route, is dealt with as a formal
    complaint; the grounds must be clauses of the protocols."""
    org = ctx.org
    found, unknown = _grounds(e.grounds)
    if not found:
        yield Decision(
            question=COMPLAINT,
            outcome=Outcome.DENY,
            clauses=(P + "14",),
            reason=_unknown_grounds_text(unknown) + " A breach report needs at least one clause it says was broken.",
            conditions=(),
        )
        return
    if unknown:
        yield Decision(
            question=COMPLAINT,
            outcome=Outcome.REFER,
            clauses=(P + "14",),
            reason=_unknown_grounds_text(unknown),
            conditions=("The report goes ahead on the grounds that are clauses of the protocols.",),
        )
    own = _own_route(e, ctx, found)
    if own is not None:
        clause, handler, how = own
        yield Decision(
            question=COMPLAINT,
            outcome=Outcome.REFER,
            clauses=(P + "14", clause),
            reason=f"The protocol gives this kind of problem its own route: it is {how}, rather than made a formal "
            f"complaint." + _grounds_text(found),
            refer_to=(handler,) if handler else (),
        )
        return
    route = route_complaint(org, e.reporter, e.about, ctx.on, _conflict_check(ctx, e.reporter, e.about))
    if route is None:
        route = _fallback_route(org, e.reporter, e.about, ctx.on)
    if route is None:
        return
    yield from _open_complaint(
        ctx,
        record=e.id,
        at=e.at,
        complaint=e.breach,
        complainant=e.reporter,
        about=e.about,
        in_writing=e.in_writing,
        route=route,
        extra_clauses=(P + "14",) if route.clause != P + "14" else (),
        extra_reason=" A breach of the protocol is dealt with as a formal complaint." + _grounds_text(found),
    )


def _own_route(e: BreachReported, ctx: RuleContext, found: list[str]) -> tuple[str, str | None, str] | None:
    """The section's own route, where every ground names a section that gives one (6.difficulty: to the
    Chief Executive; 7.undue-influence, reported by an officer about a member: to the officer's director)."""
    org = ctx.org
    grounds = set(found)
    if grounds == {P + "6.difficulty"}:
        return P + "6.difficulty", _first(*_ce_or_stand_in(org, ctx.on)), "raised with the Chief Executive"
    if (
        grounds == {P + "7.undue-influence"}
        and org.is_officer(e.reporter, ctx.on)
        and org.is_councillor(e.about, ctx.on)
    ):
        handler = _first(org.director_of(e.reporter, ctx.on), org.chief_executive(ctx.on))
        return (
            P + "7.undue-influence",
            handler,
            "reported to the officer's director, who informs the Chief Executive",
        )
    return None


__all__ = ["on", "pack", "route_complaint"]
