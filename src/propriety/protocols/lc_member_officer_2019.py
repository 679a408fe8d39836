"""Pack ``lc-member-officer-2019``: London Councils' member/officer relations (June 2019)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
    on,
)
from propriety.domain.events import ComplaintAcknowledged, ComplaintLodged
from propriety.domain.organisation import Organisation, Role
from propriety.protocols.common import name
from propriety.protocols.registry import Pack, RuleContext

pack = Pack("lc-member-officer-2019")

P = "lc-member-officer-2019/"
ROUTES = (
    "13.member-about-officer",
    "13.member-about-director",
    "13.member-about-chief-executive",
    "13.officer-about-member",
    "13.officer-about-group-leader",
    "13.officer-about-chair",
)


@dataclass(frozen=True, slots=True)
class Route:
    """Where a complaint goes: the clause that routes it, the handler, and whether 5 days apply."""

    clause: str
    handler: str | None
    acknowledge: bool
    why: str


def route_complaint(org: Organisation, complainant: str, about: str, on_: object) -> Route | None:
    """Route a formal complaint by who complains about whom (lc-member-officer-2019/13.*)."""
    from datetime import date

    assert isinstance(on_, date)
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


def _case(complaint: str) -> str:
    return f"complaint:{complaint}"


@pack.rule(
    on=ComplaintLodged, clauses=[P + r for r in ROUTES] + [P + "13.confidentiality"], question="formal-complaint"
)
def complaint_routed_and_acknowledged(e: ComplaintLodged, ctx: RuleContext) -> Iterator[Effect]:
    """Route the complaint by who complains about whom; the handler replies in writing within 5 working days."""
    org = ctx.org
    route = route_complaint(org, e.complainant, e.about, ctx.on)
    if route is None:
        return
    if not e.in_writing:
        yield Decision(
            question="formal-complaint",
            outcome=Outcome.REFER,
            clauses=(route.clause,),
            reason="A formal complaint must be made in writing. " + route.why,
            refer_to=(route.handler,) if route.handler else (),
            conditions=("Put the complaint in writing, addressed as shown.",),
        )
        return
    yield Decision(
        question="formal-complaint",
        outcome=Outcome.REFER,
        clauses=(route.clause,),
        reason=route.why,
        refer_to=(route.handler,) if route.handler else (),
    )
    days = ctx.param("complaint.acknowledgement_working_days")
    if route.acknowledge and route.handler:
        yield Obligation(
            key=f"{route.clause}:{e.complaint}:acknowledge",
            holder=route.handler,
            duty=f"Reply in writing to the complaint about {name(org, e.about)}: acknowledge it, say what you "
            f"intend to do and roughly how long it will take",
            due=ctx.calendar.due_date(e.at, days),
            clauses=(route.clause,),
            reason=f"{route.why} The reply is due within {days} working days.",
            subject=e.complaint,
            beneficiary=e.complainant,
        )
    if route.clause == P + "13.officer-about-member":
        told = [p for p in (org.chief_executive(ctx.on),) if p]
        group = org.group_of(e.about, ctx.on)
        leader = org.group_leader(group, ctx.on) if group else None
        if leader and leader != e.about:
            told.append(leader)
        if told:
            yield Notification(
                key=f"{route.clause}:{e.complaint}",
                recipients=tuple(sorted(set(told))),
                about=f"A formal complaint by an officer about {name(org, e.about)}",
                clauses=(route.clause,),
                reason="The director sends the Chief Executive a copy and tells the member's Group Leader.",
            )
    # Need to know (13.confidentiality): handler, Chief Executive, Chair; the complainant's
    # identity is kept from the person complained about.
    audience = {e.complainant}
    audience.update(p for p in (route.handler, org.chief_executive(ctx.on), org.chair_of_body(ctx.on)) if p)
    yield Audience(
        record=e.id,
        people=frozenset(audience),
        clauses=(P + "13.confidentiality",),
        reason="Complaints are handled on a need-to-know basis: the handler, the Chief Executive and the Chair.",
        withheld=(("complainant", frozenset({e.about})),),
    )
    yield Remember(
        _case(e.complaint),
        (("clause", route.clause), ("handler", route.handler), ("complainant", e.complainant), ("about", e.about)),
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


__all__ = ["on", "pack", "route_complaint"]
