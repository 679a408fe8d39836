"""Pack ``ce-groups-2009``: the Chief Executive, Directors and political groups (December 2009)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

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
    DiscussionRelayed,
    GroupMeetingHeld,
    InformationProvided,
    InformationRequested,
)
from propriety.domain.events.ce_groups_2009 import (
    BudgetConfirmed,
    ConferenceAttendanceDecided,
    ConferenceAttendanceRequested,
    ConferenceNoticeGiven,
    GroupLeadersConsulted,
    IndividualBriefingHeld,
    IndividualBriefingOffered,
    LiaisonMeetingHeld,
    MemberAccessRefused,
    PressReleaseIssued,
    VisitPlanned,
    WeeklyMeetingHeld,
)
from propriety.domain.organisation import Organisation, Role
from propriety.domain.recurrence import Period, Recurrence
from propriety.protocols.common import NOT_MEMBERS_OR_STAFF, name, names
from propriety.protocols.parity import offer_to_other_groups
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("ce-groups-2009")

P = "ce-groups-2009/"
ACCESS = P + "1.access"
MINORITY = P + "1.minority"
C21 = P + "2.1"
C22 = P + "2.2"
C23 = P + "2.3"
C24 = P + "2.4"
C25 = P + "2.5"
C26 = P + "2.6"
C27 = P + "2.7"
C31 = P + "3.1"
C41 = P + "4.1"
C42 = P + "4.2"
C43 = P + "4.3"
C44 = P + "4.4"

ATTEND = "officer-attends-group-meeting"
RELAY = "relay-group-discussion"
CONFERENCE = "conference-attendance"
OTHERS_PRESENT = "others-present"
"""The aspect of the attendance question that other packs answer too (who else is at the meeting).

The 2.5 refusal names it on its decision and the rule registers it, so a profile adopting this pack
with officers-groups, islington-2006 or lc-member-officer-2019 must say in its precedence which pack
settles who may be present."""

SENIOR = (Role.CHIEF_EXECUTIVE, Role.DIRECTOR)
"""The officers this protocol is about: the Chief Executive and the Directors."""

BRIEFING_OFFICERS = (Role.CHIEF_EXECUTIVE, Role.DEPUTY_CHIEF_EXECUTIVE, Role.DIRECTOR, Role.HEAD_OF_SERVICE)
"""Who normally attends a group briefing (2.5): the Chief Executive, Directors or Heads of Service."""


# --- small helpers ---------------------------------------------------------------------------------


def _holds(org: Organisation, pid: str | None, roles: Iterable[Role], on_: date) -> bool:
    """Whether ``pid`` holds any of ``roles`` on ``on_``; an id the organisation does not know holds none."""
    if pid is None:
        return False
    try:
        return any(org.has_role(pid, role, on_) for role in roles)
    except LookupError:
        return False


def _is_councillor(org: Organisation, pid: str, on_: date) -> bool:
    try:
        return org.is_councillor(pid, on_)
    except LookupError:
        return False


def _is_officer(org: Organisation, pid: str, on_: date) -> bool:
    try:
        return org.is_officer(pid, on_)
    except LookupError:
        return False


def _group_of(org: Organisation, pid: str, on_: date) -> str | None:
    try:
        return org.group_of(pid, on_)
    except LookupError:
        return None


def _group_name(org: Organisation, gid: str) -> str:
    try:
        return org.group(gid).name
    except LookupError:
        return gid


def _single(people: Iterable[str | None]) -> frozenset[str]:
    return frozenset(p for p in people if p)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _before(day: date, received: date) -> date:
    """The day before ``day`` (a duty to be done before an event), but never before it was raised."""
    return max(day - timedelta(days=1), received)


def _tracked(ctx: RuleContext, period: Period) -> bool:
    """Whether the authority tracks the standing duties for a period that began on ``period.start``."""
    return bool(ctx.params.value(ctx.pack, "recurring_duties.tracked", period.start))


def _weeks(ctx: RuleContext) -> Recurrence:
    """Monday-to-Sunday weeks for the weekly meeting (2.2)."""
    return Recurrence.weekly(_as_date(ctx.param("weekly_meeting.anchor")))


def _cycles(ctx: RuleContext) -> Recurrence:
    """The council's meeting cycles (2.3, 2.4)."""
    return Recurrence(_as_date(ctx.param("cycle.anchor")), 7 * int(ctx.param("cycle.length_weeks")))


def _span(period: Period) -> str:
    return f"{period.start.isoformat()} to {period.end.isoformat()}"


# --- 1. General ------------------------------------------------------------------------------------


@pack.rule(on=MemberAccessRefused, clauses=[ACCESS])
def senior_officers_open_to_every_member(e: MemberAccessRefused, ctx: RuleContext) -> Iterator[Effect]:
    """Every councillor may see the Chief Executive and the Directors: turning one away, with no other
    time or other senior officer offered, breaks that equal right of access."""
    org = ctx.org
    if not _holds(org, e.officer, SENIOR, ctx.on) or not _is_councillor(org, e.member, ctx.on):
        return
    if e.alternative_offered:
        return
    yield Violation(
        key=f"{ACCESS}:{e.id}",
        clauses=(ACCESS,),
        reason=(
            f"{name(org, e.officer)} declined to see {name(org, e.member)}"
            f"{' (' + e.reason + ')' if e.reason else ''} without offering another time or another senior "
            f"officer. Every councillor has the same right to see the Chief Executive and the Directors."
        ),
        responsible=e.officer,
    )


def _discussion_case(record: str) -> str:
    return f"{MINORITY}:{record}"


@pack.rule(on=(GroupMeetingHeld, BriefingGiven), clauses=[MINORITY])
def group_discussion_kept_within_group(e: GroupMeetingHeld | BriefingGiven, ctx: RuleContext) -> Iterator[Effect]:
    """What senior officers discuss with a group stays with that group and the officers who took part."""
    org = ctx.org
    if isinstance(e, GroupMeetingHeld):
        if not e.officers_present:
            return
        groups, officers, record = [e.group], list(e.officers_present), e.meeting
    else:
        if not e.confidential:
            return
        groups, officers, record = list(e.groups), [e.by], e.briefing
    people: set[str] = set(officers)
    for gid in groups:
        try:
            people.update(org.group_members(gid, ctx.on))
        except LookupError:
            continue
    yield Audience(
        record=e.id,
        people=frozenset(people),
        clauses=(MINORITY,),
        reason=(
            f"What officers discussed with {', '.join(_group_name(org, g) for g in groups)} is not passed to "
            f"councillors of other groups unless the group's leader expressly agrees."
        ),
    )
    yield Remember(_discussion_case(record), (("groups", tuple(groups)), ("event", e.id)))


@pack.rule(on=DiscussionRelayed, clauses=[MINORITY], question=RELAY)
def group_discussion_not_relayed_without_leader_consent(e: DiscussionRelayed, ctx: RuleContext) -> Iterator[Effect]:
    """An officer may pass a group's discussion to councillors of other groups only with the express
    consent of that group's leader."""
    org = ctx.org
    case = ctx.ledger.case(_discussion_case(e.meeting))
    if case is None or not _is_officer(org, e.by, ctx.on):
        return
    groups = [str(g) for g in case.get("groups", ())]
    leaders = _single(org.group_leader(g, ctx.on) for g in groups if g in {x.id for x in org.groups()})
    outsiders = [p for p in e.to if _is_councillor(org, p, ctx.on) and _group_of(org, p, ctx.on) not in groups]
    whose = ", ".join(_group_name(org, g) for g in groups)
    if not outsiders:
        yield Decision(
            question=RELAY,
            outcome=Outcome.PERMIT,
            clauses=(MINORITY,),
            reason=f"No councillor outside {whose} would be told, so this clause does not stand in the way.",
        )
        return
    if e.consent_by is not None and e.consent_by in leaders:
        yield Decision(
            question=RELAY,
            outcome=Outcome.PERMIT,
            clauses=(MINORITY,),
            reason=f"{name(org, e.consent_by)}, who leads {whose}, expressly agreed to the discussion being passed on.",
        )
        return
    consent = names(org, sorted(leaders)) if leaders else "the group's leader"
    reason = (
        f"Passing what {name(org, e.by)} discussed with {whose} to {names(org, outsiders)}, councillors of "
        f"another group, needs the express consent of {consent}, which was not given."
    )
    yield Decision(
        question=RELAY,
        outcome=Outcome.DENY,
        clauses=(MINORITY,),
        reason=reason,
        refer_to=tuple(sorted(leaders)),
    )
    yield Violation(key=f"{MINORITY}:{e.id}", clauses=(MINORITY,), reason=reason, responsible=e.by)


# --- 2. Briefings ----------------------------------------------------------------------------------


@pack.rule(on=(BriefingGiven, BriefingOffered), clauses=[C21])
def information_for_one_group_offered_to_all(e: BriefingGiven | BriefingOffered, ctx: RuleContext) -> Iterator[Effect]:
    """Information given to one group, unless routine or trivial, is offered to every group; a matter
    first briefed as routine stays outside the duty, so later offers on it oblige nothing either."""
    yield from offer_to_other_groups(
        e,
        ctx,
        clause=C21,
        days=ctx.param("briefing_parity.offer_working_days"),
        why="Information that is not routine or trivial, given to one group, must be offered to all groups.",
        exempt=isinstance(e, BriefingGiven) and e.routine,
    )


@pack.recurring(clauses=[C22], recurrence=_weeks)
def weekly_meeting_with_leader_and_deputy(period: Period, ctx: RuleContext) -> Iterator[Effect]:
    """Each week the Chief Executive meets the Leader and the Deputy Leader of the Council."""
    if not _tracked(ctx, period):
        return
    org = ctx.org
    day = period.start
    leader = org.holders(Role.LEADER_OF_COUNCIL, day)
    deputy = org.holders(Role.DEPUTY_LEADER_OF_COUNCIL, day)
    posts = [f"the Leader ({names(org, leader)})" if leader else "the Leader"]
    posts.append(f"the Deputy Leader ({names(org, deputy)})" if deputy else "the Deputy Leader")
    yield Obligation(
        key=f"{C22}:{period.start.isoformat()}",
        holder=org.chief_executive(day),
        duty=f"Hold the weekly meeting with {' and '.join(posts)} of the Council in the week {_span(period)}",
        due=period.end,
        clauses=(C22,),
        reason="The Chief Executive meets the Leader and Deputy Leader of the Council every week.",
        subject=f"week of {period.start.isoformat()}",
        beneficiary=leader[0] if leader else None,
    )


@pack.rule(on=WeeklyMeetingHeld, clauses=[C22])
def weekly_meeting_notes_confidential(e: WeeklyMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """The week's meeting is done, and its notes are seen only by the Chief Executive, Leader and Deputy."""
    org = ctx.org
    key = f"{C22}:{_weeks(ctx).containing(ctx.on).start.isoformat()}"
    if ctx.ledger.is_open(key):
        yield Settle(key, ObligationState.FULFILLED, "The weekly meeting was held.")
    people = _single(
        [
            org.chief_executive(ctx.on),
            *org.holders(Role.LEADER_OF_COUNCIL, ctx.on),
            *org.holders(Role.DEPUTY_LEADER_OF_COUNCIL, ctx.on),
        ]
    )
    yield Audience(
        record=e.id,
        people=people,
        clauses=(C22,),
        reason="Notes of the weekly meeting are confidential to the Chief Executive, the Leader and the Deputy Leader.",
    )


@pack.recurring(clauses=[C23], recurrence=_cycles)
def liaison_meeting_each_cycle(period: Period, ctx: RuleContext) -> Iterator[Effect]:
    """At least once a cycle there is a liaison meeting to which every Group Leader is invited."""
    if not _tracked(ctx, period):
        return
    org = ctx.org
    day = period.start
    yield Obligation(
        key=f"{C23}:{period.start.isoformat()}",
        holder=org.chief_executive(day),
        duty=(
            f"Hold a liaison meeting with every Group Leader invited ({names(org, org.group_leaders(day))}) "
            f"in the cycle {_span(period)}; the Mayor may chair it and the Chief Executive and Directors attend"
        ),
        due=period.end,
        clauses=(C23,),
        reason="The leaders of all groups are invited to a liaison meeting at least once in every cycle.",
        subject=f"cycle of {period.start.isoformat()}",
    )


@pack.rule(on=LiaisonMeetingHeld, clauses=[C23])
def liaison_meeting_invites_every_group_leader(e: LiaisonMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """A liaison meeting counts for the cycle when every Group Leader was invited to it."""
    org = ctx.org
    leaders = org.group_leaders(ctx.on)
    left_out = [p for p in leaders if e.invited and p not in e.invited]
    if left_out:
        yield Violation(
            key=f"{C23}:{e.id}",
            clauses=(C23,),
            reason=(
                f"{names(org, left_out)} {'was' if len(left_out) == 1 else 'were'} not invited to the liaison "
                f"meeting; it is a meeting of all the Group Leaders, so it does not count for the cycle."
            ),
            responsible=org.chief_executive(ctx.on),
        )
        return
    key = f"{C23}:{_cycles(ctx).containing(ctx.on).start.isoformat()}"
    if ctx.ledger.is_open(key):
        yield Settle(key, ObligationState.FULFILLED, "A liaison meeting with every Group Leader invited was held.")


@pack.recurring(clauses=[C24], recurrence=_cycles)
def individual_briefing_offered_each_cycle(period: Period, ctx: RuleContext) -> Iterator[Effect]:
    """Each cycle the Chief Executive offers every Group Leader a one-to-one briefing."""
    if not _tracked(ctx, period):
        return
    org = ctx.org
    day = period.start
    for group in org.groups():
        leader = org.group_leader(group.id, day)
        if leader is None:
            continue
        yield Obligation(
            key=f"{C24}:{period.start.isoformat()}:{group.id}",
            holder=org.chief_executive(day),
            duty=f"Offer {name(org, leader)} ({group.name}) a one-to-one briefing in the cycle {_span(period)}",
            due=period.end,
            clauses=(C24,),
            reason=(
                "The Chief Executive offers each Group Leader an individual briefing once a cycle; the leader "
                "may decline it."
            ),
            subject=f"cycle of {period.start.isoformat()}",
            beneficiary=leader,
        )


@pack.rule(on=(IndividualBriefingOffered, IndividualBriefingHeld), clauses=[C24])
def individual_briefing_settles_cycle_offer(
    e: IndividualBriefingOffered | IndividualBriefingHeld, ctx: RuleContext
) -> Iterator[Effect]:
    """An offer of the cycle's one-to-one briefing (or the briefing itself) settles that leader's duty."""
    gid = e.group or _group_of(ctx.org, e.leader, ctx.on)
    if gid is None:
        return
    key = f"{C24}:{_cycles(ctx).containing(ctx.on).start.isoformat()}:{gid}"
    if ctx.ledger.is_open(key):
        yield Settle(key, ObligationState.FULFILLED, f"The cycle's individual briefing was offered to {e.leader}.")


@pack.rule(on=IndividualBriefingHeld, clauses=[C24])
def individual_briefing_notes_stay_in_management_team(e: IndividualBriefingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """Notes of a Group Leader's one-to-one briefing go no further than the leader and the Management Team."""
    org = ctx.org
    people = _single([e.leader, e.by, org.chief_executive(ctx.on), *org.holders(Role.MANAGEMENT_TEAM, ctx.on)])
    yield Audience(
        record=e.id,
        people=people,
        clauses=(C24,),
        reason=(
            f"Notes of {name(org, e.leader)}'s individual briefing are confidential: no other councillor, and no "
            f"officer outside the Management Team, sees them."
        ),
    )


def _relevant_directors(ctx: RuleContext, *officers: str | None) -> tuple[str, ...]:
    """The Director over the officers named (or the officer, if a Director); otherwise every Director."""
    org = ctx.org
    for pid in officers:
        if pid is None:
            continue
        if _holds(org, pid, (Role.DIRECTOR,), ctx.on):
            return (pid,)
        try:
            director = org.director_of(pid, ctx.on)
        except LookupError:
            director = None
        if director:
            return (director,)
    return org.holders(Role.DIRECTOR, ctx.on)


BRIEFING_CONDITIONS = (
    "Officers give information and answer questions; the group debates the matter only after they have left.",
    "Normally only the Chief Executive, a Director or a Head of Service attends, with a colleague for technical "
    "points if needed.",
    "Everyone else present is a councillor or a member of council staff.",
)


@pack.rule(on=(AttendanceRequested, BriefingRequested), clauses=[C25], question=ATTEND, aspect=OTHERS_PRESENT)
def group_briefing_request_goes_to_relevant_director(
    e: AttendanceRequested | BriefingRequested, ctx: RuleContext
) -> Iterator[Effect]:
    """A Group Leader asks the Chief Executive or the relevant Director for officers at a group briefing;
    officers never attend if anyone there is neither a councillor nor council staff."""
    org = ctx.org
    if isinstance(e, AttendanceRequested):
        outsiders = sorted(NOT_MEMBERS_OR_STAFF.intersection(e.others_present))
        if outsiders:
            yield Decision(
                question=ATTEND,
                outcome=Outcome.DENY,
                clauses=(C25,),
                reason=(
                    f"People who are neither councillors nor council staff would be present "
                    f"({', '.join(o.replace('-', ' ') for o in outsiders)}); officers do not attend such a group "
                    f"meeting."
                ),
                aspect=OTHERS_PRESENT,
            )
            return
        officer = e.officer
    else:
        officer = None
    group = _group_name(org, e.group)
    leader = org.group_leader(e.group, ctx.on) if e.group in {g.id for g in org.groups()} else None
    conditions = (*BRIEFING_CONDITIONS, "A similar briefing is offered to the other groups.")
    if leader is not None and e.requested_by != leader:
        yield Decision(
            question=ATTEND,
            outcome=Outcome.REFER,
            clauses=(C25,),
            reason=(
                f"Requests for officers at a group briefing come from the Group Leader; {name(org, e.requested_by)} "
                f"does not lead {group}, so {name(org, leader)} should make the request."
            ),
            refer_to=(leader,),
            conditions=conditions,
        )
        return
    if _holds(org, e.addressed_to, SENIOR, ctx.on):
        yield Decision(
            question=ATTEND,
            outcome=Outcome.PERMIT,
            clauses=(C25,),
            reason=(
                f"{group}'s leader asked {name(org, e.addressed_to)}, who may arrange for officers to brief the group."
            ),
            conditions=conditions,
        )
        return
    directors = _relevant_directors(ctx, officer, e.addressed_to)
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=(C25,),
        reason=(
            f"Requests for officers to brief a group go first to the relevant Director "
            f"({names(org, directors)}), who arranges who attends."
        ),
        refer_to=directors,
        conditions=conditions,
    )


@pack.rule(on=BriefingRequested, clauses=[C25])
def similar_briefing_offered_to_other_groups(e: BriefingRequested, ctx: RuleContext) -> Iterator[Effect]:
    """When one group asks for a confidential briefing, a similar briefing is offered to every other group."""
    if not e.confidential:
        return
    org = ctx.org
    if _holds(org, e.addressed_to, SENIOR, ctx.on):
        holder = e.addressed_to
    else:
        directors = _relevant_directors(ctx, e.addressed_to) if e.addressed_to else ()
        holder = directors[0] if len(directors) == 1 else org.chief_executive(ctx.on)
    days = ctx.param("group_briefing.offer_working_days")
    due = ctx.calendar.due_date(e.at, days)
    for group in org.groups():
        if group.id == e.group:
            continue
        yield Obligation(
            key=f"{C25}:{e.request}:{group.id}",
            holder=holder,
            duty=f"Offer {group.name} a briefing like the one {_group_name(org, e.group)} asked for on {e.matter}",
            due=due,
            clauses=(C25,),
            reason=(
                f"{_group_name(org, e.group)} asked for a confidential briefing on {e.matter}; each other group is "
                f"offered a similar one within {days} working days."
            ),
            fulfilled_by=(
                on("BriefingOffered", group=group.id, matter=e.matter),
                on("BriefingGiven", groups=group.id, matter=e.matter),
            ),
            subject=e.request,
            beneficiary=org.group_leader(group.id, ctx.on),
        )


@pack.rule(on=GroupMeetingHeld, clauses=[C25])
def officers_leave_before_debate_and_shun_outsiders(e: GroupMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """Officers are not at a group meeting with people who are neither councillors nor council staff, and the
    group debates only after the officers have gone."""
    if not e.officers_present:
        return
    org = ctx.org
    group = _group_name(org, e.group)
    outsiders = sorted(NOT_MEMBERS_OR_STAFF.intersection(e.others_present))
    if outsiders:
        for officer in sorted(set(e.officers_present)):
            yield Violation(
                key=f"{C25}:{e.meeting}:outsiders:{officer}",
                clauses=(C25,),
                reason=(
                    f"{name(org, officer)} attended {group}'s meeting although people who are neither councillors "
                    f"nor council staff were there ({', '.join(o.replace('-', ' ') for o in outsiders)})."
                ),
                responsible=officer,
            )
    if e.party_business_discussed_with_officers_present:
        yield Violation(
            key=f"{C25}:{e.meeting}:debate",
            clauses=(C25,),
            reason=(
                f"{group} debated the matter while {names(org, sorted(set(e.officers_present)))} "
                f"{'was' if len(set(e.officers_present)) == 1 else 'were'} still there; officers inform and answer "
                f"questions, and leave before the group's own debate."
            ),
            responsible=org.group_leader(e.group, ctx.on) if e.group in {g.id for g in org.groups()} else None,
        )


@pack.rule(on=PressReleaseIssued, clauses=[C26])
def press_release_available_to_all_members(e: PressReleaseIssued, ctx: RuleContext) -> Iterator[Effect]:
    """Every council press release is open to every councillor on the council website when it goes out."""
    org = ctx.org
    about = f"Council press release {e.release}{': ' + e.subject if e.subject else ''}"
    yield Notification(
        key=f"{C26}:{e.release}",
        recipients=org.holders(Role.COUNCILLOR, ctx.on),
        about=about,
        clauses=(C26,),
        reason=(
            "All councillors can read every council press release on the council website from the time it is issued."
        ),
    )
    if not e.on_website:
        yield Violation(
            key=f"{C26}:{e.release}",
            clauses=(C26,),
            reason=f"{about} was issued without being put on the council website, where every councillor can read it.",
            responsible=e.by,
        )


@pack.rule(on=VisitPlanned, clauses=[C27])
def vip_visit_cross_party_involvement_considered(e: VisitPlanned, ctx: RuleContext) -> Iterator[Effect]:
    """Before a Ministerial or VIP visit the Chief Executive records whether it should involve every party."""
    if e.visitor_kind == "other":
        return
    org = ctx.org
    days = ctx.param("visit.consider_working_days_before")
    received = ctx.calendar.received_on(e.at)
    due = max(ctx.calendar.add_working_days(e.visit_date, -days), received)
    kind = "Ministerial" if e.visitor_kind == "ministerial" else "VIP"
    yield Obligation(
        key=f"{C27}:{e.visit}",
        holder=org.chief_executive(ctx.on),
        duty=(
            f"Consider, and record, whether the {kind} visit{' by ' + e.visitor if e.visitor else ''} on "
            f"{e.visit_date.isoformat()} should involve all parties"
        ),
        due=due,
        clauses=(C27,),
        reason=(
            "The Chief Executive considers whether each Ministerial or VIP visit should have cross-party involvement."
        ),
        fulfilled_by=(on("CrossPartyInvolvementConsidered", visit=e.visit),),
        subject=e.visit,
    )


# --- 3. Information ----------------------------------------------------------------------------------


def _information_case(request: str) -> str:
    return f"{C31}:{request}"


@pack.rule(on=InformationRequested, clauses=[C31])
def information_request_noted_for_copying(e: InformationRequested, ctx: RuleContext) -> Iterator[Effect]:
    """Keep what the answer's copy depends on: the portfolio or committee, and whether it was asked in confidence."""
    yield Remember(
        _information_case(e.request),
        (
            ("member", e.member),
            ("asked", e.asked),
            ("in_confidence", e.in_confidence),
            ("portfolio", e.portfolio),
            ("body", e.body),
            ("subject", e.subject),
        ),
    )


@pack.rule(on=InformationProvided, clauses=[C31])
def information_copied_to_portfolio_holder_or_chair(e: InformationProvided, ctx: RuleContext) -> Iterator[Effect]:
    """Information an officer gives a councillor is copied to the relevant Executive Member or Committee
    Chair, unless it was asked for in confidence, when no other councillor sees it."""
    case = ctx.ledger.case(_information_case(e.request))
    if case is None:
        return
    org = ctx.org
    yield Remember(_information_case(e.request), forget=True)
    member = e.to or case.get("member")
    if member is None or not _is_officer(org, e.by, ctx.on):
        return
    subject = case.get("subject") or e.request
    if case.get("in_confidence"):
        yield Audience(
            record=e.id,
            people=_single([member, e.by, case.get("asked")]),
            clauses=(C31,),
            reason=(
                f"{name(org, member)} asked for this information in confidence, so officers pass it to no other "
                f"councillor."
            ),
        )
        shared = sorted({p for p in e.copied_to if p != member and _is_councillor(org, p, ctx.on)})
        if shared:
            yield Violation(
                key=f"{C31}:{e.id}:confidence",
                clauses=(C31,),
                reason=(
                    f"Information {name(org, member)} asked for in confidence ({subject}) was copied to "
                    f"{names(org, shared)}."
                ),
                responsible=e.by,
            )
        return
    copy: set[str] = set()
    portfolio, body = case.get("portfolio"), case.get("body")
    if portfolio:
        copy.update(_single([org.executive_member_for(str(portfolio), ctx.on)]))
    if body:
        with contextlib.suppress(LookupError):
            copy.update(_single([org.body_chair(str(body), ctx.on)]))
    copy.discard(member)
    if not copy:
        return
    yield Notification(
        key=f"{C31}:{e.request}:{e.id}",
        recipients=tuple(sorted(copy)),
        about=f"A copy of the information {name(org, e.by)} gave {name(org, member)} ({subject})",
        clauses=(C31,),
        reason=(
            "By long-standing practice, information an officer gives a councillor is copied to the Executive "
            "Member or Committee Chair responsible for the subject."
        ),
    )


# --- 4. Member attendance at conferences, courses and the like -----------------------------------------


def _conference_case(request: str) -> str:
    return f"{P}conference:{request}"


def _conference_route(e: ConferenceAttendanceRequested, ctx: RuleContext) -> str:
    """Which clause governs the request: 4.4 (Executive Member), 4.3 (Scrutiny), 4.2 (no meeting in time), 4.1."""
    if _holds(ctx.org, e.member, (Role.EXECUTIVE_MEMBER,), ctx.on):
        return C44
    if e.member_kind == "scrutiny":
        return C43
    if e.next_meeting_date is not None and e.event_date <= e.next_meeting_date:
        return C42
    return C41


def _deciders(e: ConferenceAttendanceRequested, ctx: RuleContext) -> tuple[str, ...]:
    """Who puts the request before the deciding body: the committee's chair, else the Leader (for the Executive)."""
    org = ctx.org
    if e.body:
        try:
            chair = org.body_chair(e.body, ctx.on)
        except LookupError:
            chair = None
        if chair:
            return (chair,)
    return org.holders(Role.LEADER_OF_COUNCIL, ctx.on)


@pack.rule(on=ConferenceAttendanceRequested, clauses=[C41, C42, C43, C44], question=CONFERENCE)
def conference_attendance_routed(e: ConferenceAttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """Send a member's conference or course attendance to whoever decides it under 4.1-4.4, and open the
    duties that go with that route."""
    org = ctx.org
    route = _conference_route(e, ctx)
    hog = org.head_of_governance(ctx.on)
    who, what = name(org, e.member), f"{e.event} on {e.event_date.isoformat()}"
    received = ctx.calendar.received_on(e.at)
    not_executive = (
        f" {who} is not shown as an Executive Member on {ctx.on.isoformat()}, so cannot approve their own attendance."
        if e.member_kind == "executive" and route != C44
        else ""
    )
    yield Remember(
        _conference_case(e.request),
        (
            ("member", e.member),
            ("route", route),
            ("event", e.event),
            ("event_date", e.event_date.isoformat()),
            ("consulted", False),
            ("leaders_consulted", ()),
            ("budget", None),
        ),
    )
    if route == C44:
        notice_days = ctx.param("conference_notice.working_days_before")
        yield Decision(
            question=CONFERENCE,
            outcome=Outcome.PERMIT,
            clauses=(C44,),
            reason=f"{who} is an Executive Member and may approve their own attendance at {what}.",
            conditions=(
                f"Tell the Head of Governance, Law and Regulation ({name(org, hog)}) at least {notice_days} working "
                f"days before, so the budget can be confirmed.",
                "Do not commit spending until the budget is confirmed.",
            ),
        )
        yield Obligation(
            key=f"{C44}:{e.request}:notice",
            holder=e.member,
            duty=f"Give the Head of Governance, Law and Regulation advance notice of attending {what}",
            due=max(ctx.calendar.add_working_days(e.event_date, -notice_days), received),
            clauses=(C44,),
            reason=(
                "An Executive Member approving their own attendance gives the Head of Governance, Law and "
                "Regulation notice in advance, so that the budget can be confirmed."
            ),
            fulfilled_by=(on("ConferenceNoticeGiven", request=e.request),),
            subject=e.request,
            beneficiary=hog,
        )
        return
    if route == C43:
        yield Decision(
            question=CONFERENCE,
            outcome=Outcome.REFER,
            clauses=(C43,),
            reason=(
                f"{who} would attend {what} as a Scrutiny Member. The panel that used to agree this no longer "
                f"exists, so the Head of Governance, Law and Regulation agrees it within the council's budget."
            ),
            refer_to=(hog,) if hog else (),
            conditions=("Attendance is agreed only if it fits within the budget the council has set.",),
        )
        return
    if route == C42:
        leaders = org.group_leaders(ctx.on)
        yield Decision(
            question=CONFERENCE,
            outcome=Outcome.REFER,
            clauses=(C42,),
            reason=(
                f"{e.event} is on {e.event_date.isoformat()}, before the next meeting that could decide it "
                f"({e.next_meeting_date.isoformat() if e.next_meeting_date else 'not fixed'}), so the Head of "
                f"Governance, Law and Regulation decides under delegated powers.{not_executive}"
            ),
            refer_to=(hog,) if hog else (),
            conditions=(f"Every Group Leader ({names(org, leaders)}) is consulted before the decision.",),
        )
        yield Obligation(
            key=f"{C42}:{e.request}:decide",
            holder=hog,
            duty=f"Consult every Group Leader, then decide under delegated powers on {who} attending {what}",
            due=_before(e.event_date, received),
            clauses=(C42,),
            reason=(
                "When the event comes before the Executive or committee can decide, the Head of Governance, Law and "
                "Regulation consults the Group Leaders and then decides."
            ),
            fulfilled_by=(on("ConferenceAttendanceDecided", request=e.request),),
            subject=e.request,
            beneficiary=e.member,
        )
        return
    deciders = _deciders(e, ctx)
    yield Decision(
        question=CONFERENCE,
        outcome=Outcome.REFER,
        clauses=(C41,),
        reason=(
            f"Whether the council is represented at {what}, and by whom, is for "
            f"{'the ' + _body_name(org, e.body) if e.body else 'the Executive'} to decide.{not_executive}"
        ),
        refer_to=deciders,
        conditions=("Put the request on the agenda of the deciding meeting before the event.",),
    )


def _body_name(org: Organisation, bid: str) -> str:
    try:
        return org.body(bid).name
    except LookupError:
        return bid


@pack.rule(on=GroupLeadersConsulted, clauses=[C42])
def group_leaders_consulted_noted(e: GroupLeadersConsulted, ctx: RuleContext) -> Iterator[Effect]:
    """Record that the Group Leaders were consulted on an urgent attendance request."""
    if ctx.ledger.case(_conference_case(e.request)) is None:
        return
    leaders = tuple(e.leaders) if e.leaders else ctx.org.group_leaders(ctx.on)
    yield Remember(_conference_case(e.request), (("consulted", True), ("leaders_consulted", leaders)))


@pack.rule(on=ConferenceNoticeGiven, clauses=[C44])
def budget_confirmed_after_notice(e: ConferenceNoticeGiven, ctx: RuleContext) -> Iterator[Effect]:
    """Once an Executive Member gives notice, the Head of Governance confirms the budget before the event."""
    case = ctx.ledger.case(_conference_case(e.request))
    if case is None or case.get("route") != C44:
        return
    org = ctx.org
    event_date = _as_date(case["event_date"])
    yield Obligation(
        key=f"{C44}:{e.request}:budget",
        holder=org.head_of_governance(ctx.on),
        duty=f"Confirm whether the budget covers {name(org, e.member)} attending {case.get('event')}",
        due=_before(event_date, ctx.calendar.received_on(e.at)),
        clauses=(C44,),
        reason="Advance notice from an Executive Member is so the Head of Governance can confirm there is budget.",
        fulfilled_by=(on("BudgetConfirmed", request=e.request),),
        subject=e.request,
        beneficiary=e.member,
    )


@pack.rule(on=BudgetConfirmed, clauses=[C43, C44])
def conference_budget_noted(e: BudgetConfirmed, ctx: RuleContext) -> Iterator[Effect]:
    """Record whether the budget covers the attendance."""
    case = ctx.ledger.case(_conference_case(e.request))
    if case is None:
        return
    if case.get("decided"):
        yield Remember(_conference_case(e.request), forget=True)
    else:
        yield Remember(_conference_case(e.request), (("budget", e.sufficient),))


def _route_problems(
    e: ConferenceAttendanceDecided, ctx: RuleContext, case: Any
) -> Iterator[tuple[tuple[str, ...], str]]:
    """What is wrong with how the decision was taken, as (clauses, reason) pairs."""
    org = ctx.org
    route = str(case["route"])
    member = str(case["member"])
    what = f"{name(org, member)}'s attendance at {case.get('event')}"
    if e.decided_under == "own-approval":
        if route != C44 or e.by != member:
            yield (
                tuple(dict.fromkeys((C44, route))),
                f"{what} was approved by {name(org, e.by)} on their own say-so; only an Executive Member may approve "
                f"their own attendance, and no one else's",
            )
        elif e.approved and case.get("budget") is False:
            yield (C44,), f"{what} was approved although the Head of Governance found the budget does not cover it"
        return
    if route == C41 and e.decided_under == "delegated-powers":
        yield (
            (C41,),
            f"{what} was decided under delegated powers although the Executive or committee could decide it before "
            f"the event",
        )
    if route == C42 and e.decided_under == "delegated-powers":
        hog = org.head_of_governance(ctx.on)
        if e.by != hog:
            yield (
                (C42,),
                f"{what} was decided under delegated powers by {name(org, e.by)}, not by the Head of Governance, Law "
                f"and Regulation",
            )
        missed = sorted(set(org.group_leaders(ctx.on)) - set(case.get("leaders_consulted") or ()))
        if not case.get("consulted"):
            yield (C42,), f"{what} was decided under delegated powers before the Group Leaders were consulted"
        elif missed:
            yield (C42,), f"{what} was decided under delegated powers without consulting {names(org, missed)}"
    if route == C43 and e.approved and case.get("budget") is not True:
        yield (C43,), f"{what} as a Scrutiny Member was agreed without confirming that the budget covers it"


@pack.rule(on=ConferenceAttendanceDecided, clauses=[C41, C42, C43, C44])
def conference_decided_by_the_right_route(e: ConferenceAttendanceDecided, ctx: RuleContext) -> Iterator[Effect]:
    """The decision must come from the route 4.1-4.4 gives: the Executive or committee; the Head of Governance
    after consulting the Group Leaders when time is short; within budget for Scrutiny Members; and only an
    Executive Member approves their own attendance."""
    case = ctx.ledger.case(_conference_case(e.request))
    if case is None:
        return
    for i, (clauses, reason) in enumerate(_route_problems(e, ctx, case)):
        yield Violation(
            key=f"{clauses[0]}:{e.request}:{e.id}:{i}",
            clauses=clauses,
            reason=reason + ".",
            responsible=e.by,
        )
    route = case["route"]
    if route == C44 and not e.approved:
        for what in ("notice", "budget"):
            key = f"{C44}:{e.request}:{what}"
            if ctx.ledger.is_open(key):
                yield Settle(key, ObligationState.CANCELLED, "The attendance did not go ahead.")
    if route == C44 and e.approved and case.get("budget") is None:
        yield Remember(_conference_case(e.request), (("decided", True),))
    else:
        yield Remember(_conference_case(e.request), forget=True)
