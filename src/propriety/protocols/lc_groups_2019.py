"""Pack ``lc-groups-2019``: London Councils' party group / Political Adviser relations (June 2019).

London Councils is a joint body: its Members are councillors of the member authorities, sitting in
party groups, and each group has one or more Political Advisers (PAs), paid staff attached to that
group. "The relevant PA" is, throughout, the PA or PAs of the party group of the Members concerned,
or of the party of the Outside Representative concerned. People are resolved from the organisation
as it stood on the day of the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
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
from propriety.domain.events.lc_groups_2019 import (
    AdviserAssigned,
    AdviserAttendanceRequested,
    BudgetAllocated,
    BudgetSpent,
    CorrespondenceSent,
    DocumentPublished,
    MaterialDistributed,
    MaterialPrepared,
    MeetingScheduled,
    OutsideBriefingSent,
    OutsideRepresentativeContacted,
    OutsideRepresentativeMet,
    PublicationIssued,
    ResourceDecided,
    ResourceDisputed,
    ResourceDisputeSettled,
    ResourceRequested,
    SubstitutionArranged,
    SubstitutionRequested,
)
from propriety.domain.organisation import Organisation, Role, UnknownReference
from propriety.protocols.common import name, names
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("lc-groups-2019")

P = "lc-groups-2019/"
ROLES_1 = P + "roles.1"
INTERNAL_1 = P + "internal.1"
INTERNAL_2 = P + "internal.2"
INTERNAL_3 = P + "internal.3"
INTERNAL_4 = P + "internal.4"
INTERNAL_5 = P + "internal.5"
INTERNAL_6 = P + "internal.6"
INTERNAL_7 = P + "internal.7"
INTERNAL_8 = P + "internal.8"
INTERNAL_9 = P + "internal.9"
OUTSIDE = P + "outside"
OUTSIDE_1 = P + "outside.1"
OUTSIDE_2 = P + "outside.2"
OUTSIDE_3 = P + "outside.3"
BUDGET = P + "budget"

ATTEND = "adviser-attends-meeting"
"""Shared question: may this Political Adviser attend this meeting?"""
SUBSTITUTE = "arrange-substitute"
"""This pack's question: who arranges a substitute for a Member?"""
SINGLE_PARTY = "single-party-meeting"
"""This pack's question: may this person organise a meeting of one party's Members?"""
RESOURCE = "adviser-resource-request"
"""This pack's question: may a Political Adviser have this support, information or resource?"""

CORE_RESOURCES = frozenset({"room-booking", "support-service", "papers", "communications"})


# --- resolving people -----------------------------------------------------------------------------


def _group_name(org: Organisation, gid: str) -> str:
    try:
        return org.group(gid).name
    except UnknownReference:
        return gid


def _group_names(org: Organisation, gids: Iterable[str]) -> str:
    listed = [_group_name(org, g) for g in sorted(gids)]
    if len(listed) <= 1:
        return "".join(listed) or "no group"
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def _groups_of(org: Organisation, people: Iterable[str], on_: date) -> set[str]:
    """The party groups of the councillors among ``people`` (others are ignored)."""
    found: set[str] = set()
    for pid in people:
        try:
            if org.person(pid).kind != "member":
                continue
            group = org.group_of(pid, on_)
        except UnknownReference:
            continue
        if group:
            found.add(group)
    return found


def _groups_of_party(org: Organisation, party: str | None) -> set[str]:
    """The party groups belonging to ``party`` (matched on the party's name, or a group id)."""
    if not party:
        return set()
    wanted = party.strip().casefold()
    return {g.id for g in org.groups() if g.party.casefold() == wanted or g.id.casefold() == wanted}


def _named_groups(org: Organisation, values: Iterable[str]) -> set[str]:
    """Groups named by id or by party name."""
    found: set[str] = set()
    for value in values:
        found |= _groups_of_party(org, value)
    return found


def _party_of_representative(org: Organisation, rep: str, on_: date, given: str | None) -> str | None:
    """The party an Outside Representative belongs to: as the event says, else their post, else their record."""
    if given:
        return given
    try:
        for appt in org.appointments_of(rep, on_):
            if appt.role is Role.OUTSIDE_REPRESENTATIVE and appt.party:
                return appt.party
        return org.person(rep).party
    except UnknownReference:
        return None


def _advisers(org: Organisation, groups: Iterable[str], on_: date) -> tuple[str, ...]:
    """The Political Advisers of ``groups`` on ``on_``, sorted."""
    found: set[str] = set()
    for gid in groups:
        try:
            found.update(org.advisers(gid, on_))
        except UnknownReference:
            continue
    return tuple(sorted(found))


def _adviser_group(org: Organisation, pid: str, on_: date) -> str | None:
    """The group ``pid`` serves as a Political Adviser on ``on_``, or None if not a PA then."""
    try:
        if not org.has_role(pid, Role.POLITICAL_ADVISER, on_):
            return None
        return org.group_of(pid, on_)
    except UnknownReference:
        return None


def _local_date(ctx: RuleContext, when: datetime) -> date:
    result: date = when.astimezone(ZoneInfo(ctx.calendar.timezone)).date()
    return result


def _notice_due(ctx: RuleContext, starts_at: datetime, working_days_before: int) -> date:
    """The last day to give notice of a meeting: ``working_days_before`` working days before it, and
    never before the day the meeting is arranged (notice given that day is in time)."""
    meeting_day = _local_date(ctx, starts_at)
    due = meeting_day if working_days_before <= 0 else ctx.calendar.add_working_days(meeting_day, -working_days_before)
    return max(due, ctx.on)


# --- roles.1: a PA is a staff post attached to one party group -----------------------------------


@pack.rule(on=AdviserAssigned, clauses=[ROLES_1])
def adviser_serves_one_group(e: AdviserAssigned, ctx: RuleContext) -> Iterator[Effect]:
    """A Political Adviser is a publicly funded staff post serving a single party group, appointed by and
    reporting to London Councils staff: flag an assignment to a second group while the first continues,
    and an appointment or line manager that is not a member of staff."""
    org = ctx.org
    others = sorted(
        g.id
        for g in org.groups()
        if g.id != e.group and org.has_role(e.adviser, Role.POLITICAL_ADVISER, ctx.on, group=g.id)
    )
    if others:
        yield Violation(
            key=f"{ROLES_1}:{e.id}:one-group",
            clauses=(ROLES_1,),
            reason=f"{name(org, e.adviser)} is already the Political Adviser of {_group_names(org, others)}. "
            f"A Political Adviser serves one party group only, so the post with "
            f"{_group_names(org, others)} must end before they can work for {_group_name(org, e.group)}.",
            responsible=e.appointed_by,
        )
    checks = (("appointment", e.appointed_by, "are appointed by"), ("line-manager", e.reports_to, "report to"))
    for what, who, verb in checks:
        if who is None or org.is_officer(who, ctx.on):
            continue
        yield Violation(
            key=f"{ROLES_1}:{e.id}:{what}",
            clauses=(ROLES_1,),
            reason=f"Political Advisers hold publicly funded London Councils posts: they {verb} London "
            f"Councils officers, not councillors or the parties. {name(org, who)} is not an officer of "
            f"London Councils.",
            responsible=e.appointed_by,
        )


# --- internal.1: PAs copied into correspondence to all of their group's councillors ---------------


def _correspondence_groups(org: Organisation, e: CorrespondenceSent, on_: date) -> set[str]:
    target = e.to_all_members_of_group
    if isinstance(target, str):
        return {target}
    if target is True:
        return _groups_of(org, e.to, on_)
    if target is False:
        return set()
    recipients = set(e.to)
    found = set()
    for group in org.groups():
        members = set(org.group_members(group.id, on_))
        if members and members <= recipients:
            found.add(group.id)
    return found


@pack.rule(on=CorrespondenceSent, clauses=[INTERNAL_1])
def group_advisers_copied_into_group_correspondence(e: CorrespondenceSent, ctx: RuleContext) -> Iterator[Effect]:
    """Correspondence to every councillor in a party group is copied to that group's Political Advisers,
    unless it is routine or about confidential staffing matters; leaving a PA out is a breach."""
    if e.routine or e.confidential_staffing:
        return
    org = ctx.org
    ref = e.correspondence or e.id
    received = set(e.to) | set(e.copied_to) | {e.sender}
    for gid in sorted(_correspondence_groups(org, e, ctx.on)):
        advisers = _advisers(org, [gid], ctx.on)
        if not advisers:
            continue
        group = _group_name(org, gid)
        yield Notification(
            key=f"{INTERNAL_1}:{ref}:{gid}",
            recipients=advisers,
            about=f"Correspondence from {name(org, e.sender)} to all the councillors of {group}"
            + (f" ({e.subject})" if e.subject else ""),
            clauses=(INTERNAL_1,),
            reason="The Political Advisers of a party group get a copy of anything sent to all of that "
            "group's councillors, unless it is routine or concerns confidential staffing matters.",
        )
        missing = [a for a in advisers if a not in received]
        if missing:
            yield Violation(
                key=f"{INTERNAL_1}:{ref}:{gid}:not-copied",
                clauses=(INTERNAL_1,),
                reason=f"{name(org, e.sender)} wrote to all the councillors of {group} without copying "
                f"{names(org, missing)}, the group's Political Adviser{'s' if len(missing) > 1 else ''}. The "
                f"letter was neither routine nor about confidential staffing, so the copy was owed.",
                responsible=e.sender,
            )


# --- internal.2: substitutes arranged through the relevant PA ------------------------------------


@pack.rule(on=SubstitutionRequested, clauses=[INTERNAL_2], question=SUBSTITUTE)
def substitution_goes_through_group_adviser(e: SubstitutionRequested, ctx: RuleContext) -> Iterator[Effect]:
    """A request for a substitute for a Member goes to the Political Adviser of that Member's group."""
    org = ctx.org
    group = org.group_of(e.member, ctx.on)
    advisers = _advisers(org, [group] if group else [], ctx.on)
    if not group or not advisers:
        return
    yield Decision(
        question=SUBSTITUTE,
        outcome=Outcome.REFER,
        clauses=(INTERNAL_2,),
        reason=f"Substitutes for a Member are arranged through the Political Adviser of their party group: "
        f"for {name(org, e.member)} ({_group_name(org, group)}), {names(org, advisers)}.",
        refer_to=advisers,
    )
    if e.addressed_to not in advisers:
        yield Notification(
            key=f"{INTERNAL_2}:{e.request}",
            recipients=advisers,
            about=f"A substitute is needed for {name(org, e.member)}"
            + (f" at {_body_name(org, e.body)}" if e.body else ""),
            clauses=(INTERNAL_2,),
            reason="The request was not made to the group's Political Adviser, who is the one to arrange it.",
        )


def _body_name(org: Organisation, bid: str) -> str:
    try:
        return org.body(bid).name
    except UnknownReference:
        return bid


@pack.rule(on=SubstitutionArranged, clauses=[INTERNAL_2])
def substitution_arranged_by_group_adviser(e: SubstitutionArranged, ctx: RuleContext) -> Iterator[Effect]:
    """A substitution arranged by anyone but the Member's group Political Adviser is flagged."""
    org = ctx.org
    group = org.group_of(e.member, ctx.on)
    advisers = _advisers(org, [group] if group else [], ctx.on)
    if not group or not advisers or e.arranged_by in advisers:
        return
    yield Violation(
        key=f"{INTERNAL_2}:{e.request or e.id}:not-through-adviser",
        clauses=(INTERNAL_2,),
        reason=f"{name(org, e.arranged_by)} arranged {name(org, e.substitute)} as substitute for "
        f"{name(org, e.member)}. Substitutions for a {_group_name(org, group)} Member go through the group's "
        f"Political Adviser ({names(org, advisers)}).",
        responsible=e.arranged_by,
    )


# --- internal.3 / internal.4: meetings notified to the relevant PAs ------------------------------


def _meeting_notices(
    e: MeetingScheduled,
    ctx: RuleContext,
    *,
    clause: str,
    advisers: tuple[str, ...],
    days_before: int,
    about: str,
    why: str,
) -> Iterator[Effect]:
    org = ctx.org
    yield Notification(
        key=f"{clause}:{e.meeting}",
        recipients=advisers,
        about=about,
        clauses=(clause,),
        reason=why,
    )
    holder = e.organised_by or org.chief_executive(ctx.on)
    due = _notice_due(ctx, e.starts_at, days_before)
    for adviser in advisers:
        if adviser in e.notified:
            continue
        yield Obligation(
            key=f"{clause}:{e.meeting}:{adviser}",
            holder=holder,
            duty=f"Tell {name(org, adviser)} about {about[0].lower() + about[1:]}",
            due=due,
            clauses=(clause,),
            reason=why,
            fulfilled_by=(on("MeetingNoticeSent", meeting=e.meeting, to=adviser),),
            subject=e.meeting,
            beneficiary=adviser,
        )


@pack.rule(on=MeetingScheduled, clauses=[INTERNAL_3])
def member_body_meeting_notified_to_advisers(e: MeetingScheduled, ctx: RuleContext) -> Iterator[Effect]:
    """The Political Advisers of the groups on a member body are told of its meetings in advance."""
    if e.kind != "member-body":
        return
    org = ctx.org
    groups = _groups_of(org, e.members, ctx.on) | _named_groups(org, e.parties)
    if e.body:
        groups |= _groups_of(org, org.body_members(e.body, ctx.on), ctx.on)
    advisers = _advisers(org, groups, ctx.on) if groups else org.all_advisers(ctx.on)
    if not advisers:
        return
    days = int(ctx.param("member_body_meeting.notice_working_days"))
    body = _body_name(org, e.body) if e.body else "a member body"
    when = _local_date(ctx, e.starts_at).isoformat()
    yield from _meeting_notices(
        e,
        ctx,
        clause=INTERNAL_3,
        advisers=advisers,
        days_before=days,
        about=f"The meeting of {body} on {when}",
        why=f"Political Advisers are told of member body meetings ahead of time ({days} working day(s) "
        f"before, on our reading) and may attend them"
        + (", though not while confidential staffing matters are discussed." if e.confidential_staffing else "."),
    )


@pack.rule(on=MeetingScheduled, clauses=[INTERNAL_4])
def external_meeting_notified_to_advisers(e: MeetingScheduled, ctx: RuleContext) -> Iterator[Effect]:
    """Member-level meetings and events with external organisations are notified to the relevant PAs."""
    if e.kind != "external" and not (e.external_organisations and e.kind in ("single-party", "pre-meeting")):
        return
    org = ctx.org
    groups = _groups_of(org, e.members, ctx.on) | _named_groups(org, e.parties)
    advisers = _advisers(org, groups, ctx.on) if groups else org.all_advisers(ctx.on)
    if not advisers:
        return
    outsiders = ", ".join(e.external_organisations) or "external organisations"
    when = _local_date(ctx, e.starts_at).isoformat()
    yield from _meeting_notices(
        e,
        ctx,
        clause=INTERNAL_4,
        advisers=advisers,
        days_before=int(ctx.param("external_meeting.notice_working_days")),
        about=f"The Members' meeting with {outsiders} on {when}",
        why="When Members meet people from outside organisations, or go to a notable event such as a dinner "
        "with them, their groups' Political Advisers are told; the advisers may also be invited to the "
        "Members' pre-meeting.",
    )


# --- internal.5: single-party meetings organised by that party's PA -------------------------------


@pack.rule(on=MeetingScheduled, clauses=[INTERNAL_5], question=SINGLE_PARTY)
def single_party_meeting_organised_by_adviser(e: MeetingScheduled, ctx: RuleContext) -> Iterator[Effect]:
    """A meeting of one party's Members only is normally organised by that party's Political Adviser;
    a meeting that is not political (say the Chair with a Minister or the Mayor and their officials) is
    the exception. Organising a political one without the PA is flagged."""
    if not (e.kind == "single-party" or (e.kind == "external" and e.political is True)):
        return
    org = ctx.org
    groups = _groups_of(org, e.members, ctx.on) | _named_groups(org, e.parties)
    if len(groups) != 1:
        return
    (gid,) = groups
    advisers = _advisers(org, groups, ctx.on)
    if not advisers:
        return
    group = _group_name(org, gid)
    officers = "Other London Councils officers may be invited to attend."
    if e.political is False:
        yield Decision(
            question=SINGLE_PARTY,
            outcome=Outcome.PERMIT,
            clauses=(INTERNAL_5,),
            reason=f"Only {group} Members take part, but the meeting is not political (for example officials "
            f"or civil servants accompany a Minister or the Mayor), so it need not be organised by the "
            f"group's Political Adviser.",
            conditions=(officers,),
        )
        return
    if e.organised_by in advisers:
        yield Decision(
            question=SINGLE_PARTY,
            outcome=Outcome.PERMIT,
            clauses=(INTERNAL_5,),
            reason=f"A meeting of {group} Members only, organised by the group's Political Adviser.",
            conditions=(officers,),
        )
        return
    yield Decision(
        question=SINGLE_PARTY,
        outcome=Outcome.REFER,
        clauses=(INTERNAL_5,),
        reason=f"Only {group} Members take part, so the meeting is normally organised by the group's Political "
        f"Adviser ({names(org, advisers)}), unless it is not a political meeting.",
        refer_to=advisers,
        conditions=(officers,),
    )
    if e.organised_by is not None:
        yield Violation(
            key=f"{INTERNAL_5}:{e.meeting}:not-organised-by-adviser",
            clauses=(INTERNAL_5,),
            reason=f"{name(org, e.organised_by)} organised a political meeting of {group} Members only. Such "
            f"meetings are normally organised by the group's Political Adviser ({names(org, advisers)}); "
            f"record why, if this was a justified exception.",
            responsible=e.organised_by,
        )


# --- internal.3 / internal.4 / internal.6: may a PA attend? ---------------------------------------


@pack.rule(on=AdviserAttendanceRequested, clauses=[INTERNAL_3, INTERNAL_4, INTERNAL_6], question=ATTEND)
def adviser_attendance_at_meetings(e: AdviserAttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """PAs have a right to attend member body meetings except on confidential staffing matters
    (internal.3); they may come to Members' pre-meetings if invited (internal.4); and they have no right
    to attend formal internal officer meetings, only by invitation for all or part (internal.6)."""
    org = ctx.org
    group = _adviser_group(org, e.adviser, ctx.on)
    if group is None:
        return
    who = name(org, e.adviser)
    if e.meeting_kind == "member-body":
        yield from _member_body_attendance(e, ctx, group, who)
    elif e.meeting_kind == "internal-officer":
        if e.invited:
            yield Decision(
                question=ATTEND,
                outcome=Outcome.PERMIT,
                clauses=(INTERNAL_6,),
                reason=f"{who} has been invited to the officers' meeting, which is the only way a Political "
                f"Adviser attends one.",
                conditions=("Attend only for the part of the meeting you were invited to.",),
            )
        else:
            yield Decision(
                question=ATTEND,
                outcome=Outcome.DENY,
                clauses=(INTERNAL_6,),
                reason=f"Political Advisers have no right to attend formal internal officer meetings; {who} "
                f"may attend all or part of one only if invited.",
            )
    elif e.meeting_kind == "pre-meeting":
        if e.invited:
            yield Decision(
                question=ATTEND,
                outcome=Outcome.PERMIT,
                clauses=(INTERNAL_4,),
                reason=f"{who} has been invited to the Members' pre-meeting.",
            )
        else:
            yield Decision(
                question=ATTEND,
                outcome=Outcome.REFER,
                clauses=(INTERNAL_4,),
                reason="Political Advisers may be invited to the Members' pre-meeting before a meeting with "
                "outside organisations; the Members holding it decide whether to invite them.",
                refer_to=(e.invited_by,) if e.invited_by else (),
            )


def _member_body_attendance(e: AdviserAttendanceRequested, ctx: RuleContext, group: str, who: str) -> Iterator[Effect]:
    org = ctx.org
    if e.confidential_staffing:
        yield Decision(
            question=ATTEND,
            outcome=Outcome.DENY,
            clauses=(INTERNAL_3,),
            reason=f"The member body is discussing confidential staffing matters, where Political Advisers have "
            f"no right to be present; {who} should not attend that business.",
        )
        return
    on_body = set()
    if e.body:
        on_body = _groups_of(org, org.body_members(e.body, ctx.on), ctx.on)
    if not on_body or group in on_body or e.invited:
        yield Decision(
            question=ATTEND,
            outcome=Outcome.PERMIT,
            clauses=(INTERNAL_3,),
            reason=f"Political Advisers may attend London Councils member body meetings; {who} may attend.",
            conditions=("Leave for any item on confidential staffing matters.",),
        )
        return
    chair = org.body_chair(e.body, ctx.on) if e.body else None
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=(INTERNAL_3,),
        reason=f"The right to attend belongs to the Political Advisers of the groups on the body, and "
        f"{_group_name(org, group)} has no Member on {_body_name(org, e.body or '')}; ask the chair.",
        refer_to=(chair,) if chair else (),
    )


# --- internal.7: equal access to core resources; the Chief Executive settles disputes -------------


def _resource_case(request: str) -> str:
    return f"lc-groups:resource:{request}"


def _granted_case(resource: str) -> str:
    return f"lc-groups:resource-granted:{resource}"


@pack.rule(on=ResourceRequested, clauses=[INTERNAL_7], question=RESOURCE)
def adviser_requests_met_positively(e: ResourceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """PAs use the core resources (rooms, support services, papers, the communications and public affairs
    team) as other officers do, on equal terms; any request for support or information is answered
    positively where that is practicable."""
    org = ctx.org
    group = _adviser_group(org, e.adviser, ctx.on)
    if group is None:
        return
    yield Remember(
        _resource_case(e.request),
        (("adviser", e.adviser), ("group", group), ("resource", e.resource), ("addressed_to", e.addressed_to)),
    )
    what = e.resource.replace("-", " ")
    if e.resource in CORE_RESOURCES:
        yield Decision(
            question=RESOURCE,
            outcome=Outcome.PERMIT,
            clauses=(INTERNAL_7,),
            reason=f"Political Advisers have the same access to core resources ({what}) as other officers, "
            f"and every Political Adviser has the same access.",
            conditions=("Room bookings are for London Councils' own business.", "Use of support is reasonable."),
        )
        return
    yield Decision(
        question=RESOURCE,
        outcome=Outcome.REFER,
        clauses=(INTERNAL_7,),
        reason=f"{name(org, e.addressed_to) if e.addressed_to else 'The officer asked'} answers the request "
        f"for {what}, positively wherever practicable; any dispute goes to the Chief Executive.",
        refer_to=(e.addressed_to,) if e.addressed_to else (),
        conditions=("A refusal gives the reason it is not practicable.",),
    )


@pack.rule(on=ResourceDecided, clauses=[INTERNAL_7])
def refusal_of_adviser_request_needs_reason(e: ResourceDecided, ctx: RuleContext) -> Iterator[Effect]:
    """A request from a PA is refused only where meeting it is impracticable, and the refusal says why;
    refusing one PA what another group's PA was given is drawn to the Chief Executive's attention."""
    org = ctx.org
    case = ctx.ledger.case(_resource_case(e.request))
    if case is None:
        return  # not a request recorded from a Political Adviser
    yield Remember(_resource_case(e.request), forget=True)
    adviser = case.get("adviser")
    resource = case.get("resource")
    group = case.get("group")
    if e.granted:
        if resource and group:
            granted = ctx.ledger.case(_granted_case(str(resource))) or {}
            groups = set(granted.get("groups", ())) | {group}
            yield Remember(_granted_case(str(resource)), (("groups", tuple(sorted(groups))),))
        return
    whose = f"{name(org, str(adviser))}'s request"
    if not e.reason.strip():
        yield Violation(
            key=f"{INTERNAL_7}:{e.request}:refused-without-reason",
            clauses=(INTERNAL_7,),
            reason=f"{whose} was refused without a reason. Requests from Political Advisers are met positively "
            f"wherever practicable, so a refusal must say why it could not be.",
            responsible=e.by,
        )
    if resource and group:
        others = set((ctx.ledger.case(_granted_case(str(resource))) or {}).get("groups", ())) - {group}
        ce = org.chief_executive(ctx.on)
        if others and ce:
            yield Notification(
                key=f"{INTERNAL_7}:{e.request}:unequal",
                recipients=tuple(sorted({ce, str(adviser)})),
                about=f"{whose} for {str(resource).replace('-', ' ')} was refused, though the Political "
                f"Adviser of {_group_names(org, others)} was given it",
                clauses=(INTERNAL_7,),
                reason="Access to resources is equal for all Political Advisers; the Chief Executive settles "
                "any dispute.",
            )


@pack.rule(on=ResourceDisputed, clauses=[INTERNAL_7])
def resource_dispute_settled_by_chief_executive(e: ResourceDisputed, ctx: RuleContext) -> Iterator[Effect]:
    """A dispute over a Political Adviser's access to resources goes to the Chief Executive to settle."""
    ce = ctx.org.chief_executive(ctx.on)
    if ce is None:
        return
    days = int(ctx.param("resource_dispute.settle_working_days"))
    yield Obligation(
        key=f"{INTERNAL_7}:{e.request}:dispute",
        holder=ce,
        duty=f"Settle the dispute {name(ctx.org, e.raised_by)} raised about request {e.request}"
        + (f" ({e.matter})" if e.matter else ""),
        due=ctx.calendar.due_date(e.at, days),
        clauses=(INTERNAL_7,),
        reason=f"The Chief Executive settles disputes about Political Advisers' access to resources; on our "
        f"reading, within {days} working days.",
        fulfilled_by=(on("ResourceDisputeSettled", request=e.request, by=ce),),
        subject=e.request,
        beneficiary=e.raised_by,
    )


@pack.rule(on=ResourceDisputeSettled, clauses=[INTERNAL_7])
def only_chief_executive_settles_resource_disputes(e: ResourceDisputeSettled, ctx: RuleContext) -> Iterator[Effect]:
    """A dispute "settled" by anyone but the Chief Executive is flagged, and stays open."""
    key = f"{INTERNAL_7}:{e.request}:dispute"
    if not ctx.ledger.is_open(key) or ctx.org.has_role(e.by, Role.CHIEF_EXECUTIVE, ctx.on):
        return
    yield Violation(
        key=f"{INTERNAL_7}:{e.request}:settled-by-{e.by}",
        clauses=(INTERNAL_7,),
        reason=f"{name(ctx.org, e.by)} tried to settle a dispute about a Political Adviser's access to "
        f"resources; only the Chief Executive settles such disputes, so it remains open.",
        responsible=e.by,
    )


# --- internal.8: the Communications Team supplies its output to all PAs --------------------------


@pack.rule(on=PublicationIssued, clauses=[INTERNAL_8])
def publications_supplied_to_all_advisers(e: PublicationIssued, ctx: RuleContext) -> Iterator[Effect]:
    """Whatever the Communications Team publishes for London Councils reaches every Political Adviser
    promptly (within a window we set, since the text gives none)."""
    org = ctx.org
    advisers = org.all_advisers(ctx.on)
    if not advisers:
        return
    title = e.title or e.publication
    yield Notification(
        key=f"{INTERNAL_8}:{e.publication}",
        recipients=advisers,
        about=f"Published by {org.authority.name}: {title}",
        clauses=(INTERNAL_8,),
        reason="The Communications Team makes sure every Political Adviser receives what it publishes on "
        "London Councils' behalf.",
    )
    team = org.holders(Role.COMMUNICATIONS_TEAM, ctx.on)
    holder = e.by if e.by in team or not team else team[0]
    days = int(ctx.param("publication.supply_working_days"))
    due = ctx.calendar.due_date(e.at, days)
    for adviser in advisers:
        if adviser in e.supplied_to:
            continue
        yield Obligation(
            key=f"{INTERNAL_8}:{e.publication}:{adviser}",
            holder=holder,
            duty=f"Send {name(org, adviser)} a copy of {title}",
            due=due,
            clauses=(INTERNAL_8,),
            reason=f"All Political Advisers are supplied with the Communications Team's publications in good "
            f"time: on our reading, within {days} working day(s).",
            fulfilled_by=(on("PublicationSupplied", publication=e.publication, to=adviser),),
            subject=e.publication,
            beneficiary=adviser,
        )


# --- internal.9: PAs see member body reports, published documents and circulars ------------------


@pack.rule(on=DocumentPublished, clauses=[INTERNAL_9])
def advisers_see_member_body_papers(e: DocumentPublished, ctx: RuleContext) -> Iterator[Effect]:
    """Every Political Adviser may read member body reports, published documents, circulars and what is
    released to member authorities, except papers on confidential staffing matters."""
    org = ctx.org
    advisers = set(org.all_advisers(ctx.on))
    people = set(e.released_to) | ({e.by} if e.by else set())
    what = e.kind.replace("-", " ")
    if e.confidential_staffing:
        yield Audience(
            record=e.id,
            people=frozenset(people - advisers),
            clauses=(INTERNAL_9,),
            reason=f"This {what} concerns confidential staffing matters, the one kind of paper Political "
            f"Advisers do not have access to.",
        )
        return
    yield Audience(
        record=e.id,
        people=frozenset(people | advisers),
        clauses=(INTERNAL_9,),
        reason=f"Political Advisers have access to every {what}: as a rule, what a member authority may see, "
        f"they may see.",
    )


# --- outside: meetings with Outside Representatives ----------------------------------------------


@pack.rule(on=OutsideRepresentativeMet, clauses=[OUTSIDE])
def outside_representative_meetings_notified(e: OutsideRepresentativeMet, ctx: RuleContext) -> Iterator[Effect]:
    """A meeting with a party's Outside Representative is notified to that party's Political Adviser;
    ministerial and official-level meetings are reported to every PA; a political meeting is normally
    organised through the relevant PA."""
    org = ctx.org
    party = _party_of_representative(org, e.representative, ctx.on, e.party)
    advisers = _advisers(org, _groups_of_party(org, party), ctx.on)
    rep = name(org, e.representative)
    if advisers:
        yield Notification(
            key=f"{OUTSIDE}:{e.meeting}",
            recipients=advisers,
            about=f"A meeting with {rep} ({party})"
            + (f" attended by {names(org, e.attendees)}" if e.attendees else ""),
            clauses=(OUTSIDE,),
            reason="When Members or officers meet a party's Outside Representative, that party's Political "
            "Adviser is notified.",
        )
    if e.ministerial or e.official_level:
        everyone = org.all_advisers(ctx.on)
        if everyone:
            yield Notification(
                key=f"{OUTSIDE}:{e.meeting}:all-advisers",
                recipients=everyone,
                about=f"{'A ministerial' if e.ministerial else 'An official-level'} meeting with {rep}",
                clauses=(OUTSIDE,),
                reason="Ministerial and official-level meetings with Outside Representatives are normally "
                "reported to all the Political Advisers, whatever their party.",
            )
    # The text asks this of political meetings with "the same MPs/Peers", so other elected
    # representatives (an assembly member, say) are outside it.
    kinds = {
        a.representative_kind
        for a in org.appointments_of(e.representative, ctx.on)
        if a.role is Role.OUTSIDE_REPRESENTATIVE
    }
    mp_or_peer = not kinds or bool(kinds & {"mp", "peer"})
    if e.political and mp_or_peer and advisers and not e.organised_through_adviser and e.organised_by not in advisers:
        yield Violation(
            key=f"{OUTSIDE}:{e.meeting}:not-through-adviser",
            clauses=(OUTSIDE,),
            reason=f"The political meeting with {rep} was not organised through {names(org, advisers)}, the "
            f"relevant Political Adviser. Political meetings with MPs and Peers normally are; record why if "
            f"this was a justified exception.",
            responsible=e.organised_by,
        )


@pack.rule(on=OutsideRepresentativeContacted, clauses=[OUTSIDE_1])
def adviser_told_of_contact_from_outside_representative(
    e: OutsideRepresentativeContacted, ctx: RuleContext
) -> Iterator[Effect]:
    """When an Outside Representative makes the first contact, the relevant Political Adviser is told as soon
    as possible and involved in deciding how to respond."""
    org = ctx.org
    party = _party_of_representative(org, e.representative, ctx.on, e.party)
    advisers = _advisers(org, _groups_of_party(org, party), ctx.on)
    if not advisers:
        return
    holder = e.contacted or org.chief_executive(ctx.on)
    days = int(ctx.param("outside_contact.tell_adviser_working_days"))
    rep = name(org, e.representative)
    yield Obligation(
        key=f"{OUTSIDE_1}:{e.enquiry}",
        holder=holder,
        duty=f"Tell {names(org, advisers)} that {rep} got in touch, and involve them in deciding the reply",
        due=ctx.calendar.due_date(e.at, days),
        clauses=(OUTSIDE_1,),
        reason=f"{rep} is an Outside Representative of the {party}; when one of them makes contact, that "
        f"party's Political Adviser must hear of it as soon as possible (on our reading, within {days} working "
        f"day(s)) and help decide the best response.",
        fulfilled_by=tuple(on("AdviserInformed", enquiry=e.enquiry, advisers=a, involved=True) for a in advisers),
        subject=e.enquiry,
        beneficiary=advisers[0] if len(advisers) == 1 else None,
    )


@pack.rule(on=OutsideBriefingSent, clauses=[OUTSIDE_2])
def non_political_briefings_copied_to_all_advisers(e: OutsideBriefingSent, ctx: RuleContext) -> Iterator[Effect]:
    """A non-political briefing sent to Outside Representatives is copied to every Political Adviser."""
    if not e.non_political:
        return
    org = ctx.org
    advisers = org.all_advisers(ctx.on)
    if not advisers:
        return
    yield Notification(
        key=f"{OUTSIDE_2}:{e.briefing}",
        recipients=advisers,
        about=f"A non-political briefing sent by {name(org, e.by)} to Outside Representatives",
        clauses=(OUTSIDE_2,),
        reason="Every Political Adviser is copied into non-political briefings sent to the parties' Outside "
        "Representatives.",
    )
    missing = [a for a in advisers if a not in e.copied_to and a not in e.to]
    if missing:
        yield Violation(
            key=f"{OUTSIDE_2}:{e.briefing}:not-copied",
            clauses=(OUTSIDE_2,),
            reason=f"{name(org, e.by)} sent a non-political briefing to Outside Representatives without copying "
            f"{names(org, missing)}; all Political Advisers must be copied.",
            responsible=e.by,
        )


# --- outside.3: one party's material reviewed by its PA before it goes out -----------------------


def _material_key(material: str) -> str:
    return f"{OUTSIDE_3}:{material}:review"


def _material_case(material: str) -> str:
    return f"lc-groups:material:{material}"


@pack.rule(on=MaterialPrepared, clauses=[OUTSIDE_3])
def one_party_material_reviewed_by_adviser(e: MaterialPrepared, ctx: RuleContext) -> Iterator[Effect]:
    """Material meant only for one party's Outside Representatives goes to that party's Political Adviser,
    who has the chance to review and comment on it before it is distributed."""
    if not e.only_for_that_party:
        return
    org = ctx.org
    parties = {e.party} if e.party else set()
    if not parties:
        for rep in e.for_representatives:
            party = _party_of_representative(org, rep, ctx.on, None)
            if party:
                parties.add(party)
    if len(parties) != 1:
        return
    (party,) = parties
    advisers = _advisers(org, _groups_of_party(org, party), ctx.on)
    if not advisers or e.prepared_by in advisers:
        return
    if e.distribute_on is not None:
        due = max(e.distribute_on, ctx.on)
        when = f"before it goes out on {e.distribute_on.isoformat()}"
    else:
        days = int(ctx.param("outside_material.review_working_days"))
        due = ctx.calendar.due_date(e.at, days)
        when = f"before it goes out (on our reading, within {days} working days when no date is set)"
    yield Obligation(
        key=_material_key(e.material),
        holder=e.prepared_by,
        duty=f"Give {names(org, advisers)} the chance to review and comment on material {e.material} {when}",
        due=due,
        clauses=(OUTSIDE_3,),
        reason=f"The material is for {party} representatives only, so that party's Political Adviser may "
        f"review it and comment first.",
        fulfilled_by=tuple(on("MaterialReviewed", material=e.material, by=a) for a in advisers),
        subject=e.material,
    )
    yield Remember(_material_case(e.material), (("party", party), ("advisers", advisers)))


@pack.rule(on=MaterialDistributed, clauses=[OUTSIDE_3])
def one_party_material_not_sent_unreviewed(e: MaterialDistributed, ctx: RuleContext) -> Iterator[Effect]:
    """Sending one party's material out before its Political Adviser has had the chance to review it is a
    breach. If it goes to other parties' representatives too, the clause no longer applies."""
    key = _material_key(e.material)
    case = ctx.ledger.case(_material_case(e.material))
    if case is not None:
        yield Remember(_material_case(e.material), forget=True)
    if not ctx.ledger.is_open(key):
        return
    org = ctx.org
    party = str(case["party"]) if case else None
    wider = [
        p
        for p in e.to
        if party is not None
        and (other := _party_of_representative(org, p, ctx.on, None)) is not None
        and other.casefold() != party.casefold()
        and org.has_role(p, Role.OUTSIDE_REPRESENTATIVE, ctx.on)
    ]
    if wider:
        yield Settle(key, ObligationState.CANCELLED, "Sent to other parties' representatives as well.", e.by)
        return
    advisers = tuple(case["advisers"]) if case else ()
    yield Violation(
        key=f"{OUTSIDE_3}:{e.material}:unreviewed",
        clauses=(OUTSIDE_3,),
        reason=f"{name(org, e.by)} sent out material meant for one party's representatives only before "
        f"{names(org, advisers) if advisers else 'the relevant Political Adviser'} had the chance to review "
        f"and comment on it.",
        responsible=e.by,
    )
    yield Settle(key, ObligationState.CANCELLED, "Distributed before review.", e.by)


# --- budget: each group's small budget, managed by its PA ---------------------------------------


def _budget_case(group: str) -> str:
    return f"lc-groups:budget:{group}"


def _money(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def _budget_state(ctx: RuleContext, group: str, year: int | None) -> tuple[int | None, Decimal | None, Decimal]:
    """(year, allocated, spent) for a group's budget: as recorded in the log, else from the organisation."""
    case = ctx.ledger.case(_budget_case(group))
    if case and (year is None or case.get("year") == year):
        allocated = case.get("allocated")
        return (
            case.get("year"),
            Decimal(str(allocated)) if allocated is not None else None,
            Decimal(str(case.get("spent", "0"))),
        )
    try:
        budget = ctx.org.group(group).budget
    except UnknownReference:
        budget = None
    if budget is not None and (year is None or budget.year == year):
        return budget.year, budget.amount, Decimal("0")
    return year, None, Decimal("0")


@pack.rule(on=BudgetAllocated, clauses=[BUDGET])
def group_budget_recorded(e: BudgetAllocated, ctx: RuleContext) -> Iterator[Effect]:
    """Keep each party group's budget for the year in the register, with what has been spent from it."""
    year = e.year if e.year is not None else ctx.on.year
    case = ctx.ledger.case(_budget_case(e.group))
    spent = str(case.get("spent", "0")) if case and case.get("year") == year else "0"
    yield Remember(_budget_case(e.group), (("year", year), ("allocated", str(e.amount)), ("spent", spent)))


@pack.rule(on=BudgetSpent, clauses=[BUDGET])
def group_budget_spent_by_its_adviser(e: BudgetSpent, ctx: RuleContext) -> Iterator[Effect]:
    """Spending from a group's budget is managed by that group's Political Adviser: a spend the PA did not
    approve, or one beyond what is left of the budget, is flagged."""
    org = ctx.org
    year, allocated, spent = _budget_state(ctx, e.group, e.year)
    advisers = _advisers(org, [e.group], ctx.on)
    group = _group_name(org, e.group)
    what = f"{_money(e.amount)}" + (f" on {e.purpose}" if e.purpose else "")
    if advisers and e.approved_by not in advisers:
        yield Violation(
            key=f"{BUDGET}:{e.spend}:approval",
            clauses=(BUDGET,),
            reason=f"{what} was spent from {group}'s budget "
            + (f"on the say of {name(org, e.approved_by)}" if e.approved_by else "without anyone's approval")
            + f"; the budget is managed by the group's Political Adviser ({names(org, advisers)}).",
            responsible=e.approved_by,
        )
    remaining = (allocated or Decimal("0")) - spent
    if e.amount > remaining:
        yield Violation(
            key=f"{BUDGET}:{e.spend}:overspend",
            clauses=(BUDGET,),
            reason=f"{what} is more than is left in {group}'s budget"
            + (f" for {year}" if year else "")
            + f" ({_money(max(remaining, Decimal('0')))} of {_money(allocated or Decimal('0'))}).",
            responsible=e.approved_by,
        )
    yield Remember(
        _budget_case(e.group),
        (
            ("year", year),
            ("allocated", str(allocated) if allocated is not None else None),
            ("spent", str(spent + e.amount)),
        ),
    )


__all__ = ["pack"]
