"""Pack ``officers-groups``: the protocol for officers and political groups."""

from __future__ import annotations

from collections.abc import Iterator
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
)
from propriety.domain.events import (
    AttendanceDecided,
    AttendanceRequested,
    DifficultyRaised,
    DiscussionRelayed,
    GroupMeetingHeld,
    InvitationAccepted,
    InvitationDeclined,
)
from propriety.domain.events.officers_groups import DifficultyDiscussed
from propriety.domain.organisation import Role
from propriety.protocols.common import NOT_COUNCIL_MEMBERS, name, names
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("officers-groups")

P = "officers-groups/"
ATTEND = "officer-attends-group-meeting"
RELAY = "relay-group-discussion"
DIFFICULTY = "difficulty-with-group-advice"
CONSENTERS = (Role.CHIEF_EXECUTIVE, Role.DEPUTY_CHIEF_EXECUTIVE, Role.HEAD_OF_SERVICE)
SENIOR_OFFICER_ROLES = (
    Role.CHIEF_EXECUTIVE,
    Role.DEPUTY_CHIEF_EXECUTIVE,
    Role.DIRECTOR,
    Role.ASSISTANT_DIRECTOR,
    Role.HEAD_OF_SERVICE,
    Role.MONITORING_OFFICER,
    Role.CHIEF_FINANCE_OFFICER,
    Role.HEAD_OF_GOVERNANCE,
    Role.MANAGEMENT_TEAM,
    Role.CORPORATE_MANAGEMENT_BOARD,
)
"""Who counts as a "senior officer" for feedback under officers-groups/11 (our reading: the
Chief Executive and deputy, Directors, Assistant Directors, Heads of Service, the statutory and
governance officers, and members of the management team)."""


def _can_consent(ctx: RuleContext, pid: str | None) -> bool:
    return pid is not None and any(ctx.org.has_role(pid, r, ctx.on) for r in CONSENTERS)


def _case(request: str) -> str:
    return f"attendance:officers-groups:{request}"


def _meeting_case(meeting: str) -> str:
    return f"officers-groups:meeting:{meeting}"


def _exception_case(group: str) -> str:
    return f"officers-groups/9:exception:{group}"


def _outsiders(others_present: Any) -> list[str]:
    return sorted(NOT_COUNCIL_MEMBERS.intersection(others_present))


def _described(outsiders: list[str]) -> str:
    return ", ".join(o.replace("-", " ") for o in outsiders)


def _leader_or_secretary(e: AttendanceRequested, ctx: RuleContext) -> bool:
    org = ctx.org
    return org.has_role(e.requested_by, Role.GROUP_LEADER, ctx.on, group=e.group) or org.has_role(
        e.requested_by, Role.GROUP_SECRETARY, ctx.on, group=e.group
    )


# --- officers-groups/2, 4, 5, 6, 9: asking for an officer at a group meeting ----------------------


@pack.rule(on=AttendanceRequested, clauses=[P + "2", P + "4"], question=ATTEND)
def attendance_needs_written_request_and_consent(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """A written request from the Group Leader or Secretary; the CE, Deputy CE or a Head of Service
    consents and chooses the officer; the Head of Governance (and the CE, where the request went to
    someone else) are told."""
    org = ctx.org
    leader_or_secretary = _leader_or_secretary(e, ctx)
    valid = e.in_writing and leader_or_secretary
    yield Remember(
        _case(e.request),
        (
            ("group", e.group),
            ("others_present", tuple(e.others_present)),
            ("requested_by", e.requested_by),
            ("officer", e.officer),
            ("sensitive", e.sensitive),
            ("valid", valid),
        ),
    )
    if not valid:
        missing = []
        if not e.in_writing:
            missing.append("it was not made in writing")
        if not leader_or_secretary:
            missing.append(f"{name(org, e.requested_by)} is not the group's Leader or Secretary")
        yield Decision(
            question=ATTEND,
            outcome=Outcome.DENY,
            clauses=(P + "4",),
            reason=f"The request cannot go ahead as made: {' and '.join(missing)}.",
            conditions=("Ask again in writing from the Group Leader or Group Secretary.",),
        )
        return
    ce = org.chief_executive(ctx.on)
    addressed = e.addressed_to if _can_consent(ctx, e.addressed_to) else ce
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=(P + "2", P + "4"),
        reason=(
            f"An officer may attend a group meeting only with the consent of the Chief Executive, Deputy Chief "
            f"Executive or a Head of Service, who decides which officer goes; {name(org, addressed)} decides."
        ),
        refer_to=(addressed,) if addressed else (),
    )
    told = [p for p in (org.head_of_governance(ctx.on), ce) if p and p != e.addressed_to]
    if told:
        yield Notification(
            key=f"{P}4:{e.request}",
            recipients=tuple(sorted(set(told))),
            about=f"{org.group(e.group).name} asked for an officer at its meeting ({e.matter or 'no matter given'})",
            clauses=(P + "4",),
            reason="The Head of Governance is told of every request, and so is the Chief Executive when the "
            "request went to someone else.",
        )


@pack.rule(on=AttendanceRequested, clauses=[P + "5"], question=ATTEND)
def sensitive_attendance_referred_to_chief_executive(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """On a sensitive matter the Chief Executive decides, after consulting the Group Leaders, who are
    told that they will be consulted."""
    if not e.sensitive:
        return
    org = ctx.org
    ce = org.chief_executive(ctx.on)
    leaders = org.group_leaders(ctx.on)
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=(P + "5",),
        reason="The matter is sensitive, so the Chief Executive decides whether an officer attends.",
        refer_to=(ce,) if ce else (),
        conditions=(f"The Chief Executive consults the Group Leaders ({names(org, leaders)}).",),
    )
    if leaders and e.in_writing and _leader_or_secretary(e, ctx):
        yield Notification(
            key=f"{P}5:{e.request}:consult",
            recipients=tuple(leaders),
            about=f"{org.group(e.group).name} asked for an officer at its meeting on a sensitive matter "
            f"({e.matter or 'no matter given'}); the Chief Executive will consult you before deciding",
            clauses=(P + "5",),
            reason="On a sensitive matter the Chief Executive decides whether an officer attends, after "
            "consulting the Group Leaders.",
        )


@pack.rule(on=AttendanceRequested, clauses=[P + "6"], question=ATTEND)
def officer_advises_on_council_business_only(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """Whatever is decided, an officer at a group meeting gives facts and professional advice on
    council business only, and is not there while party business is discussed."""
    yield Decision(
        question=ATTEND,
        outcome=Outcome.PERMIT,
        clauses=(P + "6",),
        reason="Officers at group meetings help with council business only, never with party business.",
        conditions=(
            "The officer gives factual information and professional advice on council business only.",
            "The officer is not present while the group discusses party business.",
        ),
    )


@pack.rule(on=AttendanceRequested, clauses=[P + "9"], question=ATTEND, aspect="others-present")
def non_councillors_present_needs_written_ce_approval(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """Officers do not normally attend a group meeting involving non-councillors; the Chief Executive
    may approve an exception in writing, copied to every Group Leader."""
    outsiders = _outsiders(e.others_present)
    if not outsiders:
        return
    ce = ctx.org.chief_executive(ctx.on)
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=(P + "9",),
        aspect="others-present",
        reason=(
            f"People who are not councillors will be there ({_described(outsiders)}). "
            f"Officers do not normally attend such meetings; only the Chief Executive can make an exception."
        ),
        refer_to=(ce,) if ce else (),
        conditions=(
            "The Chief Executive's approval is in writing.",
            "The approval is copied to all Group Leaders.",
        ),
    )


@pack.rule(on=AttendanceDecided, clauses=[P + "2", P + "4", P + "5"])
def attendance_approved_only_by_those_entitled(e: AttendanceDecided, ctx: RuleContext) -> Iterator[Effect]:
    """Only the CE, Deputy CE or a Head of Service may let an officer attend, only on a proper written
    request, and on a sensitive matter only the Chief Executive."""
    case = ctx.ledger.case(_case(e.request))
    if case is None or not e.approved:
        return
    org = ctx.org
    group = org.group(str(case["group"])).name
    if not _can_consent(ctx, e.decided_by):
        yield Violation(
            key=f"{P}2:{e.request}",
            clauses=(P + "2",),
            reason=f"{name(org, e.decided_by)} let an officer attend {group}'s meeting, but only the Chief "
            f"Executive, the Deputy Chief Executive or a Head of Service can give that consent.",
            responsible=e.decided_by,
        )
    if not case.get("valid", True):
        yield Violation(
            key=f"{P}4:{e.request}",
            clauses=(P + "4",),
            reason=f"An officer was allowed to attend {group}'s meeting on a request that was not made in "
            f"writing by the group's Leader or Secretary.",
            responsible=e.decided_by,
        )
    if case.get("sensitive") and not org.has_role(e.decided_by, Role.CHIEF_EXECUTIVE, ctx.on):
        yield Violation(
            key=f"{P}5:{e.request}",
            clauses=(P + "5",),
            reason=f"The request from {group} was on a sensitive matter, so only the Chief Executive, after "
            f"consulting the Group Leaders, could decide it; {name(org, e.decided_by)} approved it instead.",
            responsible=e.decided_by,
        )


@pack.rule(on=AttendanceDecided, clauses=[P + "9"])
def exception_approval_copied_to_all_group_leaders(e: AttendanceDecided, ctx: RuleContext) -> Iterator[Effect]:
    """An approved exception must be the Chief Executive's, in writing, and copied to all Group Leaders."""
    case = ctx.ledger.case(_case(e.request))
    if case is None:
        return
    yield Remember(_case(e.request), forget=True)
    if not e.approved or not _outsiders(case.get("others_present", ())):
        return
    org = ctx.org
    leaders = org.group_leaders(ctx.on)
    by_ce = org.has_role(e.decided_by, Role.CHIEF_EXECUTIVE, ctx.on)
    problems = []
    if not by_ce:
        problems.append(f"it was approved by {name(org, e.decided_by)}, not the Chief Executive")
    if not e.in_writing:
        problems.append("the approval was not in writing")
    uncopied = sorted(set(leaders) - set(e.copied_to))
    if uncopied:
        problems.append(f"it was not copied to {names(org, uncopied)}")
    if problems:
        yield Violation(
            key=f"{P}9:{e.request}",
            clauses=(P + "9",),
            reason="An officer was allowed to attend a group meeting with non-councillors present, but "
            + "; ".join(problems)
            + ".",
            responsible=e.decided_by,
        )
    if by_ce and e.in_writing:
        # The exception exists; the meeting it covers is checked when it is held.
        officer = e.officer or case.get("officer") or "*"
        yield Remember(_exception_case(str(case["group"])), ((str(officer), e.request),))
    yield Notification(
        key=f"{P}9:{e.request}:approval",
        recipients=tuple(leaders),
        about=f"The Chief Executive's written approval for an officer to attend "
        f"{org.group(str(case['group'])).name}'s meeting with non-councillors present",
        clauses=(P + "9",),
        reason="Every Group Leader receives a copy of an exception the Chief Executive approves.",
    )


# --- group meetings held: officers-groups/6, 9, 11 ---------------------------------------------


@pack.rule(on=GroupMeetingHeld, clauses=[P + "9"])
def officer_at_meeting_with_non_councillors_needs_exception(e: GroupMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """An officer at a group meeting where non-councillors were present needs the Chief Executive's
    written exception for that group; each exception covers one meeting."""
    outsiders = _outsiders(e.others_present)
    if not outsiders or not e.officers_present:
        return
    org = ctx.org
    allowed = ctx.ledger.case(_exception_case(e.group)) or {}
    for officer in e.officers_present:
        if officer in allowed or "*" in allowed:
            continue
        yield Violation(
            key=f"{P}9:{e.meeting}:{officer}",
            clauses=(P + "9",),
            reason=f"{name(org, officer)} attended {org.group(e.group).name}'s meeting while people who are not "
            f"councillors were there ({_described(outsiders)}) without the Chief Executive's written exception.",
            responsible=officer,
        )
    if allowed:
        yield Remember(_exception_case(e.group), forget=True)


@pack.rule(on=GroupMeetingHeld, clauses=[P + "6"])
def officers_withdraw_for_party_business(e: GroupMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """Party business discussed with officers in the room is flagged to them and the Group Leader as
    guidance: officers advise on council business only and should step out for party items."""
    if not e.party_business_discussed_with_officers_present or not e.officers_present:
        return
    org = ctx.org
    leader = org.group_leader(e.group, ctx.on)
    recipients = sorted({*e.officers_present, *([leader] if leader else [])})
    yield Notification(
        key=f"{P}6:{e.meeting}",
        recipients=tuple(recipients),
        about=f"Party business was discussed at {org.group(e.group).name}'s meeting with officers present "
        f"({names(org, e.officers_present)})",
        clauses=(P + "6",),
        reason="Officers give facts and professional advice on council business only and must not advise on "
        "party business; they should not be expected to stay while party business is discussed.",
    )


@pack.rule(on=GroupMeetingHeld, clauses=[P + "11"])
def group_meeting_confidential_to_group_and_officers(e: GroupMeetingHeld, ctx: RuleContext) -> Iterator[Effect]:
    """What is said at a group meeting officers attend is for the group's councillors and those officers."""
    if not e.officers_present:
        return
    org = ctx.org
    people = frozenset({*org.group_members(e.group, ctx.on), *e.officers_present})
    yield Audience(
        record=e.id,
        people=people,
        clauses=(P + "11",),
        reason=f"Officers keep {org.group(e.group).name}'s meeting confidential; only the group's councillors "
        f"and the officers who were there may see what was discussed.",
    )
    yield Remember(
        _meeting_case(e.meeting),
        (("group", e.group), ("officers_present", tuple(e.officers_present))),
    )


def _is_senior_officer(ctx: RuleContext, pid: str) -> bool:
    org = ctx.org
    return org.is_officer(pid, ctx.on) and any(org.has_role(pid, r, ctx.on) for r in SENIOR_OFFICER_ROLES)


def _known(ctx: RuleContext, pid: str) -> bool:
    try:
        ctx.org.person(pid)
    except LookupError:
        return False
    return True


@pack.rule(on=DiscussionRelayed, clauses=[P + "11"], question=RELAY)
def group_discussion_not_relayed(e: DiscussionRelayed, ctx: RuleContext) -> Iterator[Effect]:
    """An officer never passes a group meeting's content to another group; feedback to other senior
    officers is allowed only where they need to know and the Group Leader consents."""
    meeting = ctx.ledger.case(_meeting_case(e.meeting))
    if meeting is None or not _known(ctx, e.by) or not ctx.org.is_officer(e.by, ctx.on):
        return
    org = ctx.org
    gid = str(meeting["group"])
    group = org.group(gid).name
    leader = org.group_leader(gid, ctx.on)
    entitled = {*org.group_members(gid, ctx.on), *meeting.get("officers_present", ())}
    other_group: list[str] = []
    outside: list[str] = []
    senior: list[str] = []
    for p in dict.fromkeys(e.to):
        if p in entitled:
            continue
        if not _known(ctx, p):
            outside.append(p)
            continue
        their_group = org.group_of(p, ctx.on)
        if their_group == gid:
            continue
        if their_group is not None:
            other_group.append(p)
        elif _is_senior_officer(ctx, p):
            senior.append(p)
        else:
            outside.append(p)
    consented = leader is not None and e.consent_by == leader
    need_to_know = "Only what the senior officers need to know is passed on."
    if other_group:
        yield Violation(
            key=f"{P}11:{e.id}:other-group",
            clauses=(P + "11",),
            reason=f"{name(org, e.by)} passed on what was said at {group}'s meeting to "
            f"{names(org, other_group)}, of another party group; officers must never do that.",
            responsible=e.by,
        )
    if outside:
        yield Violation(
            key=f"{P}11:{e.id}:outside",
            clauses=(P + "11",),
            reason=f"{name(org, e.by)} passed on what was said at {group}'s meeting to {names(org, outside)}; "
            f"officers keep such meetings confidential and may brief only other senior officers.",
            responsible=e.by,
        )
    if senior and not consented:
        given = f" (consent came from {name(org, e.consent_by)}, not the Group Leader)" if e.consent_by else ""
        yield Violation(
            key=f"{P}11:{e.id}:no-consent",
            clauses=(P + "11",),
            reason=f"{name(org, e.by)} gave feedback from {group}'s meeting to {names(org, senior)} without the "
            f"consent of the Group Leader, {name(org, leader)}{given}.",
            responsible=e.by,
        )
    if other_group or outside:
        yield Decision(
            question=RELAY,
            outcome=Outcome.DENY,
            clauses=(P + "11",),
            reason=f"What was said at {group}'s meeting may not go to "
            f"{names(org, [*other_group, *outside])}: officers never pass it to another group, and may brief "
            f"only senior officers who need to know, with the Group Leader's consent.",
        )
    elif senior and not consented:
        yield Decision(
            question=RELAY,
            outcome=Outcome.REFER,
            clauses=(P + "11",),
            reason=f"Feedback to {names(org, senior)} is possible only with the consent of {group}'s Leader, "
            f"{name(org, leader)}.",
            refer_to=(leader,) if leader else (),
            conditions=(need_to_know, f"{name(org, leader)} consents first."),
        )
    else:
        yield Decision(
            question=RELAY,
            outcome=Outcome.PERMIT,
            clauses=(P + "11",),
            reason=(
                f"Feedback to senior officers ({names(org, senior)}) has the Group Leader's consent."
                if senior
                else f"Everyone it goes to was entitled to know what was said at {group}'s meeting."
            ),
            conditions=(need_to_know,) if senior else (),
        )


# --- officers-groups/13: even-handed acceptance of invitations ------------------------------------


def _matter(matter: str) -> str:
    return " ".join(matter.casefold().split())


def _invitation_case(officer: str, matter: str) -> str:
    return f"officers-groups/13:{officer}:{_matter(matter)}"


@pack.rule(on=InvitationAccepted, clauses=[P + "13"])
def accepted_invitation_remembered(e: InvitationAccepted, ctx: RuleContext) -> Iterator[Effect]:
    """Keep note of which groups an officer has agreed to attend on a matter."""
    key = _invitation_case(e.officer, e.matter)
    accepted = tuple((ctx.ledger.case(key) or {}).get("accepted", ()))
    if e.group not in accepted:
        yield Remember(key, (("accepted", (*accepted, e.group)),))


@pack.rule(on=InvitationDeclined, clauses=[P + "13"])
def no_declining_another_group_on_same_matter(e: InvitationDeclined, ctx: RuleContext) -> Iterator[Effect]:
    """An officer who accepted one group's invitation on a matter must not turn down another group's."""
    accepted = [
        g for g in (ctx.ledger.case(_invitation_case(e.officer, e.matter)) or {}).get("accepted", ()) if g != e.group
    ]
    if not accepted:
        return
    org = ctx.org
    yield Violation(
        key=f"{P}13:{e.id}",
        clauses=(P + "13",),
        reason=f"{name(org, e.officer)} declined {org.group(e.group).name}'s invitation on {e.matter} after "
        f"accepting the invitation of {' and '.join(org.group(g).name for g in accepted)} on the same matter; "
        f"an officer who attends one group on a matter must not refuse another.",
        responsible=e.officer,
    )


# --- officers-groups/14: difficulties go to the Chief Executive -----------------------------------


def _difficulty_case(case: str) -> str:
    return f"officers-groups/14:{case}"


@pack.rule(on=DifficultyRaised, clauses=[P + "14"], question=DIFFICULTY)
def difficulty_referred_to_chief_executive(e: DifficultyRaised, ctx: RuleContext) -> Iterator[Effect]:
    """A difficulty or doubt about officers advising groups goes to the Chief Executive, who must talk it
    through with the relevant Group Leaders (the group's leader, or every leader if no group is named)."""
    org = ctx.org
    ce = org.chief_executive(ctx.on)
    if e.group is not None:
        leader = org.group_leader(e.group, ctx.on)
        leaders: tuple[str, ...] = (leader,) if leader else ()
    else:
        leaders = org.group_leaders(ctx.on)
    about = f" ({e.matter})" if e.matter else ""
    yield Decision(
        question=DIFFICULTY,
        outcome=Outcome.REFER,
        clauses=(P + "14",),
        reason=f"Difficulties and doubts about officers advising party groups are for the Chief Executive, "
        f"{name(org, ce)}, who discusses them with the relevant Group Leaders.",
        refer_to=(ce,) if ce else (),
        conditions=(f"The Chief Executive discusses it with {names(org, leaders)}.",) if leaders else (),
    )
    if ce and e.raised_with != ce:
        yield Notification(
            key=f"{P}14:{e.case}:chief-executive",
            recipients=(ce,),
            about=f"A difficulty about officers and party groups raised by {name(org, e.raised_by)}"
            f"{' with ' + name(org, e.raised_with) if e.raised_with else ''}{about}",
            clauses=(P + "14",),
            reason="Such difficulties are to be raised with the Chief Executive.",
        )
    if not leaders:
        return
    days = ctx.param("difficulty.discuss_working_days")
    yield Obligation(
        key=f"{P}14:{e.case}:discuss",
        holder=ce,
        duty=f"Discuss the difficulty raised by {name(org, e.raised_by)}{about} with {names(org, leaders)}",
        due=ctx.calendar.due_date(e.at, days),
        clauses=(P + "14",),
        reason=f"The Chief Executive discusses difficulties about officers and party groups with the relevant "
        f"Group Leaders; we allow {days} working days.",
        subject=e.case,
        beneficiary=e.raised_by,
    )
    yield Remember(_difficulty_case(e.case), (("leaders", leaders), ("discussed", ())))


@pack.rule(on=DifficultyDiscussed, clauses=[P + "14"])
def difficulty_discussed_with_group_leaders(e: DifficultyDiscussed, ctx: RuleContext) -> Iterator[Effect]:
    """The duty is met once the Chief Executive has discussed the case with every relevant Group Leader."""
    case = ctx.ledger.case(_difficulty_case(e.case))
    if case is None or not ctx.org.has_role(e.by, Role.CHIEF_EXECUTIVE, ctx.on):
        return
    discussed = tuple(dict.fromkeys((*case.get("discussed", ()), *e.leaders)))
    if set(case.get("leaders", ())) <= set(discussed):
        yield Settle(
            f"{P}14:{e.case}:discuss",
            ObligationState.FULFILLED,
            "The Chief Executive has discussed it with every relevant Group Leader.",
            e.by,
        )
        yield Remember(_difficulty_case(e.case), forget=True)
    else:
        yield Remember(_difficulty_case(e.case), (("discussed", discussed),))
