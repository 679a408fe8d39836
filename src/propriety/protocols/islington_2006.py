"""Pack ``islington-2006``: Islington's protocol on member/officer relations (October 2006)."""

from __future__ import annotations

from collections.abc import Iterator

from propriety.domain.effects import Decision, Effect, Obligation, Outcome, on
from propriety.domain.events import (
    AttendanceRequested,
    BriefingGiven,
    BriefingOffered,
    InformationDelayExplained,
    InformationRequested,
)
from propriety.protocols.common import NOT_COUNCIL_MEMBERS, name
from propriety.protocols.parity import offer_to_other_groups
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("islington-2006")

ATTEND = "officer-attends-group-meeting"


@pack.rule(on=InformationRequested, clauses=["islington-2006/4.1(b)"])
def information_request_answered_in_working_days(e: InformationRequested, ctx: RuleContext) -> Iterator[Effect]:
    """A councillor's factual request is answered within the period, or the delay explained in writing."""
    answer_days = ctx.param("information_request.working_days")
    explain_days = ctx.param("information_request.explanation_working_days")
    days = min(answer_days, explain_days)
    due = ctx.calendar.due_date(e.at, days)
    yield Obligation(
        key=f"islington-2006/4.1(b):{e.request}:respond",
        holder=e.asked,
        duty=(
            f"Answer {name(ctx.org, e.member)}'s request for information"
            f"{' on ' + e.subject if e.subject else ''}, or write explaining the delay and giving a new date"
        ),
        due=due,
        clauses=("islington-2006/4.1(b)",),
        reason=(
            f"A councillor's request for factual information must be met within {answer_days} working "
            f"days of receipt, or a written explanation with a new timescale sent in that time."
        ),
        fulfilled_by=(
            on("InformationProvided", request=e.request),
            on("InformationDelayExplained", request=e.request, written=True),
        ),
        subject=e.request,
        beneficiary=e.member,
    )
    yield _remember_request(e)


def _remember_request(e: InformationRequested) -> Effect:
    from propriety.domain.effects import Remember

    return Remember(
        f"information:{e.request}",
        (("member", e.member), ("asked", e.asked), ("subject", e.subject), ("in_confidence", e.in_confidence)),
    )


@pack.rule(on=InformationDelayExplained, clauses=["islington-2006/4.1(b)"])
def information_delay_sets_new_date(e: InformationDelayExplained, ctx: RuleContext) -> Iterator[Effect]:
    """A written explanation settles the first duty and opens a new one due on the date it gives."""
    if not e.written:
        return
    case = ctx.ledger.case(f"information:{e.request}") or {}
    member = case.get("member")
    yield Obligation(
        key=f"islington-2006/4.1(b):{e.request}:by-new-date",
        holder=e.by,
        duty=f"Provide the information {name(ctx.org, member) + ' asked for' if member else 'requested'} "
        f"by the new date given in the written explanation",
        due=e.new_date,
        clauses=("islington-2006/4.1(b)",),
        reason=f"The officer explained the delay in writing ({e.reason}) and set a new date, "
        f"{e.new_date.isoformat()}; the information is now owed by then.",
        fulfilled_by=(on("InformationProvided", request=e.request),),
        subject=e.request,
        beneficiary=member,
    )


@pack.rule(on=AttendanceRequested, clauses=["islington-2006/4.5(c)", "islington-2006/4.5(d)"], question=ATTEND)
def no_officer_at_group_meeting_with_non_members(e: AttendanceRequested, ctx: RuleContext) -> Iterator[Effect]:
    """No officer attends a group meeting that includes anyone who is not a council member; no exception."""
    outsiders = sorted(NOT_COUNCIL_MEMBERS.intersection(e.others_present))
    if outsiders:
        yield Decision(
            question=ATTEND,
            outcome=Outcome.DENY,
            clauses=("islington-2006/4.5(c)",),
            aspect="others-present",
            reason=(
                f"The meeting would include people who are not members of the council "
                f"({', '.join(o.replace('-', ' ') for o in outsiders)}). Islington's protocol allows no "
                f"officer at such a meeting, and makes no exception."
            ),
        )
        return
    yield Decision(
        question=ATTEND,
        outcome=Outcome.PERMIT,
        clauses=("islington-2006/4.5(c)", "islington-2006/4.5(d)"),
        aspect="others-present",
        reason="Only council members will be present, so an officer may attend.",
        conditions=(
            "Advice is limited to the material facts and the options with their merits and demerits "
            "(islington-2006/4.5(d)).",
            "No political implications and no recommendation to the group (islington-2006/4.5(d)).",
        ),
    )


@pack.rule(on=(BriefingGiven, BriefingOffered), clauses=["islington-2006/4.5(b)"])
def briefing_for_one_group_offered_to_all(e: BriefingGiven | BriefingOffered, ctx: RuleContext) -> Iterator[Effect]:
    """Any briefing offered to or given to one party group is offered to every other group."""
    yield from offer_to_other_groups(
        e,
        ctx,
        clause="islington-2006/4.5(b)",
        days=ctx.param("briefing_parity.offer_working_days"),
        why="Any briefing offered to or requested by one party group must be offered to the others.",
    )
