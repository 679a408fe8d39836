"""Pack ``officers-groups``: the protocol for officers and political groups."""

from __future__ import annotations

from collections.abc import Iterator

from propriety.domain.effects import Decision, Effect, Notification, Outcome, Remember, Violation
from propriety.domain.events import AttendanceDecided, AttendanceRequested
from propriety.domain.organisation import Role
from propriety.protocols.common import NOT_COUNCIL_MEMBERS, name, names
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("officers-groups")

ATTEND = "officer-attends-group-meeting"
CONSENTERS = (Role.CHIEF_EXECUTIVE, Role.DEPUTY_CHIEF_EXECUTIVE, Role.HEAD_OF_SERVICE)


def _can_consent(ctx: RuleContext, pid: str | None) -> bool:
    return pid is not None and any(ctx.org.has_role(pid, r, ctx.on) for r in CONSENTERS)


def _case(request: str) -> str:
    return f"attendance:officers-groups:{request}"


@pack.rule(on=AttendanceRequested, clauses=["officers-groups/2", "officers-groups/4"], question=ATTEND)
def attendance_needs_written_request_and_consent(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """A written request from the Group Leader or Secretary; the CE, Deputy CE or a Head of Service
    consents and chooses the officer; the Head of Governance (and the CE) are told."""
    org = ctx.org
    leader_or_secretary = org.has_role(e.requested_by, Role.GROUP_LEADER, ctx.on, group=e.group) or org.has_role(
        e.requested_by, Role.GROUP_SECRETARY, ctx.on, group=e.group
    )
    yield Remember(
        _case(e.request),
        (("group", e.group), ("others_present", tuple(e.others_present)), ("requested_by", e.requested_by)),
    )
    if not e.in_writing or not leader_or_secretary:
        missing = []
        if not e.in_writing:
            missing.append("it was not made in writing")
        if not leader_or_secretary:
            missing.append(f"{name(org, e.requested_by)} is not the group's Leader or Secretary")
        yield Decision(
            question=ATTEND,
            outcome=Outcome.DENY,
            clauses=("officers-groups/4",),
            reason=f"The request cannot go ahead as made: {' and '.join(missing)}.",
            conditions=("Ask again in writing from the Group Leader or Group Secretary.",),
        )
        return
    addressed = e.addressed_to if _can_consent(ctx, e.addressed_to) else org.chief_executive(ctx.on)
    refer = (addressed,) if addressed else ()
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=("officers-groups/2", "officers-groups/4"),
        reason=(
            f"An officer may attend a group meeting only with the consent of the Chief Executive, Deputy Chief "
            f"Executive or a Head of Service, who decides which officer goes; {name(org, addressed)} decides."
        ),
        refer_to=refer,
        conditions=("The officer gives factual information and professional advice on council business only.",),
    )
    told = [p for p in (org.head_of_governance(ctx.on), org.chief_executive(ctx.on)) if p]
    if told:
        yield Notification(
            key=f"officers-groups/4:{e.request}",
            recipients=tuple(sorted(set(told))),
            about=f"{org.group(e.group).name} asked for an officer at its meeting ({e.matter or 'no matter given'})",
            clauses=("officers-groups/4",),
            reason="The Head of Governance, and the Chief Executive where appropriate, are told of every request.",
        )


@pack.rule(on=AttendanceRequested, clauses=["officers-groups/5"], question=ATTEND)
def sensitive_attendance_referred_to_chief_executive(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """On a sensitive matter the Chief Executive decides, after consulting the Group Leaders."""
    if not e.sensitive:
        return
    ce = ctx.org.chief_executive(ctx.on)
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=("officers-groups/5",),
        reason="The matter is sensitive, so the Chief Executive decides whether an officer attends.",
        refer_to=(ce,) if ce else (),
        conditions=(
            f"The Chief Executive consults the Group Leaders ({names(ctx.org, ctx.org.group_leaders(ctx.on))}).",
        ),
    )


@pack.rule(on=AttendanceRequested, clauses=["officers-groups/9"], question=ATTEND)
def non_councillors_present_needs_written_ce_approval(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """Officers do not normally attend a group meeting involving non-councillors; the Chief Executive
    may approve an exception in writing, copied to every Group Leader."""
    outsiders = sorted(NOT_COUNCIL_MEMBERS.intersection(e.others_present))
    if not outsiders:
        return
    ce = ctx.org.chief_executive(ctx.on)
    yield Decision(
        question=ATTEND,
        outcome=Outcome.REFER,
        clauses=("officers-groups/9",),
        aspect="others-present",
        reason=(
            f"People who are not councillors will be there ({', '.join(o.replace('-', ' ') for o in outsiders)}). "
            f"Officers do not normally attend such meetings; only the Chief Executive can make an exception."
        ),
        refer_to=(ce,) if ce else (),
        conditions=(
            "The Chief Executive's approval is in writing.",
            "The approval is copied to all Group Leaders.",
        ),
    )


@pack.rule(on=AttendanceDecided, clauses=["officers-groups/9"])
def exception_approval_copied_to_all_group_leaders(e: AttendanceDecided, ctx: RuleContext) -> Iterator[Effect]:
    """An approved exception must be the Chief Executive's, in writing, and copied to all Group Leaders."""
    case = ctx.ledger.case(_case(e.request))
    if case is None:
        return
    yield Remember(_case(e.request), forget=True)
    if not e.approved or not NOT_COUNCIL_MEMBERS.intersection(case.get("others_present", ())):
        return
    org = ctx.org
    leaders = org.group_leaders(ctx.on)
    problems = []
    if not org.has_role(e.decided_by, Role.CHIEF_EXECUTIVE, ctx.on):
        problems.append(f"it was approved by {name(org, e.decided_by)}, not the Chief Executive")
    if not e.in_writing:
        problems.append("the approval was not in writing")
    uncopied = sorted(set(leaders) - set(e.copied_to))
    if uncopied:
        problems.append(f"it was not copied to {names(org, uncopied)}")
    if problems:
        yield Violation(
            key=f"officers-groups/9:{e.request}",
            clauses=("officers-groups/9",),
            reason="An officer was allowed to attend a group meeting with non-councillors present, but "
            + "; ".join(problems)
            + ".",
            responsible=e.decided_by,
        )
    yield Notification(
        key=f"officers-groups/9:{e.request}:approval",
        recipients=tuple(leaders),
        about=f"The Chief Executive's written approval for an officer to attend "
        f"{org.group(str(case['group'])).name}'s meeting with non-councillors present",
        clauses=("officers-groups/9",),
        reason="Every Group Leader receives a copy of an exception the Chief Executive approves.",
    )
