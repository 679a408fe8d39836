"""The engine and its ledger: the obligation state machine, the clock, hypotheticals, replay,
conflicting packs, memory over a long log, and dated parameters.

Everyone here is a made-up person of the scenario organisation (tests/scenarios/organisation.yaml):
Cllr Esme Tran (m-esme) asks Dina Rahman (o-dina, Director of Place) for information, and so on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from propriety.domain.effects import ObligationState, Outcome
from propriety.domain.events import Event, parse_event
from propriety.domain.organisation import Organisation
from propriety.domain.profile import Precedence, Profile
from propriety.engine.engine import Engine, ProfileError
from propriety.engine.ledger import Entry
from propriety.service_layer.checking import CheckRun, ListCollector
from propriety.service_layer.services import ledger_bytes

ISLINGTON = Profile("ashcombe", ("islington-2006",))
R1 = "islington-2006/4.1(b):R1:respond"
ATTEND = "officer-attends-group-meeting"


def ev(type_: str, id_: str, at: str, **fields: Any) -> Event:
    return parse_event({"type": type_, "id": id_, "at": at, **fields})


def requested(id_: str = "e1", at: str = "2026-03-02T10:00:00+00:00", request: str = "R1", **kw: Any) -> Event:
    fields = {"member": "m-esme", "asked": "o-dina", **kw}
    return ev("InformationRequested", id_, at, request=request, **fields)


def provided(id_: str, at: str, request: str = "R1", by: str = "o-dina") -> Event:
    return ev("InformationProvided", id_, at, request=request, by=by)


@pytest.fixture
def engine(org: Organisation) -> Engine:
    return Engine(ISLINGTON, org)


def the_entry(engine: Engine, key: str = R1) -> Entry:
    entry = engine.ledger.get(key)
    assert entry is not None, f"{key} is not open"
    return entry


# --- the obligation state machine ------------------------------------------------------------


def test_a_request_opens_an_active_obligation_due_in_ten_working_days(engine: Engine) -> None:
    out, missed, settled = engine.process(requested())
    assert (missed, settled) == ([], [])
    assert [o.key for o in out.obligations] == [R1]
    entry = the_entry(engine)
    assert entry.state is ObligationState.ACTIVE
    assert entry.obligation.holder == "o-dina"
    assert entry.obligation.beneficiary == "m-esme"
    assert entry.obligation.due == date(2026, 3, 16)
    assert entry.obligation.clauses == ("islington-2006/4.1(b)",)
    assert (entry.opened_by, entry.opened_on) == ("e1", date(2026, 3, 2))
    assert engine.ledger.open_count() == 1


def test_a_matching_event_fulfils_the_obligation(engine: Engine) -> None:
    engine.process(requested())
    _out, missed, settled = engine.process(provided("e2", "2026-03-10T15:00:00+00:00"))
    assert missed == []
    assert [e.key for e in settled] == [R1]
    entry = settled[0]
    assert entry.state is ObligationState.FULFILLED
    assert (entry.closed_by, entry.closed_on, entry.done_late_on) == ("e2", date(2026, 3, 10), None)
    assert not entry.outstanding
    assert not engine.ledger.is_open(R1)
    assert engine.ledger.closed() == [entry]


def test_an_answer_to_another_request_settles_nothing(engine: Engine) -> None:
    engine.process(requested())
    _out, _missed, settled = engine.process(provided("e2", "2026-03-10T15:00:00+00:00", request="R9"))
    assert settled == []
    assert the_entry(engine).state is ObligationState.ACTIVE


def test_the_clock_passing_the_due_date_turns_the_obligation_into_a_violation(engine: Engine) -> None:
    engine.process(requested())
    assert engine.advance_to(date(2026, 3, 16)) == []  # the due day itself is still in time
    assert the_entry(engine).state is ObligationState.ACTIVE
    missed = engine.advance_to(datetime(2026, 3, 17, 9, 0, tzinfo=UTC))
    assert len(missed) == 1
    violation = missed[0]
    assert violation.obligation == R1
    assert violation.clauses == ("islington-2006/4.1(b)",)
    assert violation.responsible == "o-dina"
    assert "2026-03-16" in violation.reason
    entry = the_entry(engine)
    assert entry.state is ObligationState.VIOLATED
    assert entry.outstanding  # still owed
    # The breach is reported once, however far the clock moves on.
    assert engine.advance_to(date(2026, 4, 30)) == []


def test_the_clock_never_moves_back(engine: Engine) -> None:
    engine.process(requested())
    engine.advance_to(date(2026, 3, 10))
    assert engine.advance_to(date(2026, 3, 3)) == []
    assert engine.today == date(2026, 3, 10)


def test_a_late_answer_keeps_the_breach_and_records_when_it_was_done(engine: Engine) -> None:
    engine.process(requested())
    _out, missed, settled = engine.process(provided("e2", "2026-03-18T11:00:00+00:00"))
    assert [v.obligation for v in missed] == [R1]  # the clock moved past the due date first
    assert [e.key for e in settled] == [R1]
    entry = settled[0]
    assert entry.state is ObligationState.VIOLATED
    assert entry.done_late_on == date(2026, 3, 18)
    assert (entry.closed_by, entry.closed_on) == ("e2", date(2026, 3, 18))
    assert not entry.outstanding
    assert not entry.overdue(date(2026, 3, 20))
    assert not engine.ledger.is_open(R1)


def test_a_waiver_discharges_the_duty_and_records_who_and_why(engine: Engine) -> None:
    engine.process(requested())
    waiver = ev(
        "ObligationWaived",
        "w1",
        "2026-03-05T12:00:00+00:00",
        obligation=R1,
        by="o-kit",
        reason="Cllr Tran withdrew the request",
    )
    _out, _missed, settled = engine.process(waiver)
    assert [e.key for e in settled] == [R1]
    entry = settled[0]
    assert entry.state is ObligationState.DISCHARGED
    assert (entry.closed_by, entry.closed_on) == ("w1", date(2026, 3, 5))
    assert entry.note is not None
    assert "o-kit" in entry.note and "Cllr Tran withdrew the request" in entry.note
    assert not engine.ledger.is_open(R1)
    # Once discharged, the passing deadline is no breach.
    assert engine.advance_to(date(2026, 4, 1)) == []


def test_waiving_an_unknown_obligation_changes_nothing(engine: Engine) -> None:
    engine.process(requested())
    before = the_entry(engine).as_dict()
    waiver = ev(
        "ObligationWaived",
        "w1",
        "2026-03-05T12:00:00+00:00",
        obligation="islington-2006/4.1(b):R404:respond",
        by="o-kit",
        reason="no such request",
    )
    out, missed, settled = engine.process(waiver)
    assert (out.obligations, out.violations, missed, settled) == ([], [], [], [])
    assert engine.ledger.open_count() == 1
    assert the_entry(engine).as_dict() == before
    assert engine.ledger.closed() == []


def test_overdue_is_read_off_the_clock_before_any_advance(engine: Engine) -> None:
    engine.process(requested())
    entry = the_entry(engine)
    assert entry.state is ObligationState.ACTIVE
    assert not entry.overdue(date(2026, 3, 16))
    assert entry.overdue(date(2026, 3, 17))
    assert entry.state is ObligationState.ACTIVE  # asking does not change the state


# --- hypotheticals -----------------------------------------------------------------------------


def test_a_hypothetical_changes_nothing_and_answers_the_same_twice(org: Organisation) -> None:
    profile = Profile(
        "ashcombe",
        ("islington-2006", "lc-member-officer-2019"),
        precedence=(Precedence(ATTEND, "islington-2006", ("lc-member-officer-2019",), "the stricter rule"),),
    )
    engine = Engine(profile, org)
    engine.process(requested())
    engine.process(
        ev("ComplaintLodged", "e2", "2026-03-03T10:00:00+00:00", complaint="C1", complainant="m-cleo", about="o-ivy")
    )
    open_before = engine.ledger.open_count()
    cases_before = engine.ledger.case_count()
    outstanding_before = [e.as_dict() for e in engine.ledger.outstanding()]
    today_before = engine.today

    attend = ev(
        "AttendanceRequested",
        "h1",
        "2026-03-20T10:00:00+00:00",
        request="A1",
        group="blue",
        requested_by="m-cleo",
        addressed_to="o-cara",
        others_present=["party-member"],
    )
    first = engine.decide(attend)
    second = engine.decide(attend)
    assert first.decisions == second.decisions
    assert [d.outcome for d in first.decisions] == [Outcome.DENY]
    assert first.decisions[0].clauses == ("islington-2006/4.5(c)",)

    # A question that would open a duty (and answer another) if it happened opens and settles nothing.
    verdict = engine.decide(requested("h2", "2026-03-20T10:00:00+00:00", request="R2"))
    assert [o.key for o in verdict.outcomes.obligations] == ["islington-2006/4.1(b):R2:respond"]
    engine.decide(provided("h3", "2026-03-20T10:00:00+00:00"))

    assert engine.ledger.open_count() == open_before
    assert engine.ledger.case_count() == cases_before
    assert [e.as_dict() for e in engine.ledger.outstanding()] == outstanding_before
    assert not engine.ledger.is_open("islington-2006/4.1(b):R2:respond")
    assert engine.ledger.closed() == []
    assert engine.today == today_before


# --- replay --------------------------------------------------------------------------------------

MIXED = [
    requested("e1", "2026-03-02T10:00:00+00:00", "R1"),
    requested("e2", "2026-03-02T11:00:00+00:00", "R2", member="m-cleo", asked="o-nia"),
    ev(
        "BriefingGiven",
        "e3",
        "2026-03-03T14:00:00+00:00",
        briefing="B1",
        groups=["blue"],
        by="o-nia",
        matter="council-tax",
    ),
    ev("ComplaintLodged", "e4", "2026-03-04T10:00:00+00:00", complaint="C1", complainant="m-cleo", about="o-ivy"),
    ev(
        "AttendanceRequested",
        "e5",
        "2026-03-05T10:00:00+00:00",
        request="A1",
        group="blue",
        requested_by="m-cleo",
        addressed_to="o-cara",
        others_present=["member-of-public"],
    ),
    ev("BriefingOffered", "e6", "2026-03-06T09:00:00+00:00", group="red", by="o-nia", matter="council-tax"),
    provided("e7", "2026-03-12T16:00:00+00:00", "R1"),
    ev(
        "InformationDelayExplained",
        "e8",
        "2026-03-13T11:00:00+00:00",
        request="R2",
        by="o-nia",
        reason="awaiting a contractor",
        new_date="2026-03-27",
    ),
    ev(
        "AttendanceDecided",
        "e9",
        "2026-03-16T10:00:00+00:00",
        request="A1",
        decided_by="o-cara",
        approved=True,
        officer="o-hal",
        copied_to=["m-cleo"],
    ),
    ev(
        "ObligationWaived",
        "e10",
        "2026-03-17T10:00:00+00:00",
        obligation="islington-2006/4.5(b):council-tax:green",
        by="o-kit",
        reason="the Green Group declined in advance",
    ),
]
ALL_PACKS = Profile(
    "ashcombe",
    ("officers-groups", "ce-groups-2009", "lc-member-officer-2019", "islington-2006"),
    precedence=(
        Precedence(
            ATTEND,
            "islington-2006",
            ("officers-groups", "ce-groups-2009", "lc-member-officer-2019"),
            "the stricter rule",
        ),
    ),
)


def run_bytes(org: Organisation, profile: Profile, events: list[Event], at: date) -> bytes:
    collector = ListCollector()
    run = CheckRun(profile, org, collector)
    run.feed_all(events)
    run.finish(at)
    return ledger_bytes(collector.items)


def test_the_same_events_give_the_same_ledger_byte_for_byte(org: Organisation) -> None:
    first = run_bytes(org, ALL_PACKS, MIXED, date(2026, 4, 10))
    second = run_bytes(org, ALL_PACKS, list(MIXED), date(2026, 4, 10))
    assert first == second
    # The run did something worth comparing: every kind of result is there.
    items = ListCollector()
    run = CheckRun(ALL_PACKS, org, items)
    run.feed_all(MIXED)
    run.finish(date(2026, 4, 10))
    for kind in ("obligations", "violations", "notifications", "decisions", "audiences"):
        assert items.items[kind], kind


def test_two_unrelated_requests_on_one_day_give_the_same_ledger_in_either_order(org: Organisation) -> None:
    r1 = requested("e1", "2026-03-02T10:00:00+00:00", "R1")
    r2 = requested("e2", "2026-03-02T10:00:00+00:00", "R2", member="m-cleo", asked="o-nia")
    later = [
        requested("e3", "2026-03-03T10:00:00+00:00", "R3", member="m-dev", asked="o-jo"),
        provided("e4", "2026-03-05T10:00:00+00:00", "R3", by="o-jo"),
    ]
    one = run_bytes(org, ISLINGTON, [r1, r2, *later], date(2026, 3, 20))
    other = run_bytes(org, ISLINGTON, [r2, r1, *later], date(2026, 3, 20))
    assert one == other
    assert b"R1:respond" in one and b"R2:respond" in one and b'"violated"' in one


# --- conflicts between packs ----------------------------------------------------------------------


def test_two_packs_answering_one_question_without_precedence_refuse_to_load(org: Organisation) -> None:
    with pytest.raises(ProfileError) as caught:
        Engine(Profile("ashcombe", ("officers-groups", "islington-2006")), org)
    message = str(caught.value)
    assert "officers-groups" in message
    assert "islington-2006" in message
    assert "'officer-attends-group-meeting'" in message


def test_a_precedence_for_another_question_does_not_resolve_the_conflict(org: Organisation) -> None:
    profile = Profile(
        "ashcombe",
        ("officers-groups", "islington-2006"),
        precedence=(Precedence("formal-complaint", "islington-2006", ("officers-groups",), "wrong question"),),
    )
    with pytest.raises(ProfileError, match="officer-attends-group-meeting"):
        Engine(profile, org)


def test_with_a_precedence_the_profile_loads_and_the_winner_decides(org: Organisation) -> None:
    profile = Profile(
        "ashcombe",
        ("officers-groups", "islington-2006"),
        precedence=(Precedence(ATTEND, "islington-2006", ("officers-groups",), "the constitution says so"),),
    )
    engine = Engine(profile, org)
    verdict = engine.decide(
        ev(
            "AttendanceRequested",
            "h1",
            "2026-05-11T10:00:00+01:00",
            request="A1",
            group="blue",
            requested_by="m-cleo",
            addressed_to="o-cara",
            others_present=["party-member"],
        )
    )
    assert len(verdict.decisions) == 1
    decision = verdict.decisions[0]
    assert (decision.outcome, decision.pack, decision.clauses) == (
        Outcome.DENY,
        "islington-2006",
        ("islington-2006/4.5(c)",),
    )
    assert "officers-groups/9" in decision.reason and "the constitution says so" in decision.reason


def test_an_unknown_pack_is_refused_by_name(org: Organisation) -> None:
    with pytest.raises(ProfileError, match="no-such-pack"):
        Engine(Profile("ashcombe", ("islington-2006", "no-such-pack")), org)


# --- memory over a long log -------------------------------------------------------------------------

N_REQUESTS = 20_000


def _long_run(org: Organisation) -> tuple[Engine, int]:
    """20,000 information requests, one an hour, each answered a day after it was made.

    Returns the engine and the most obligations it ever held open at once.
    """
    closed = 0

    def sink(_entry: Entry) -> None:
        nonlocal closed
        closed += 1

    engine = Engine(ISLINGTON, org, sink=sink)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    lag = 24
    peak = 0
    for i in range(N_REQUESTS + lag):
        at = (start + timedelta(hours=i)).isoformat()
        if i < N_REQUESTS:
            engine.process(requested(f"q{i}", at, f"R{i}"))
        if i >= lag:
            engine.process(provided(f"a{i - lag}", at, f"R{i - lag}"))
        peak = max(peak, engine.ledger.open_count())
    assert closed == N_REQUESTS
    return engine, peak


def test_open_obligations_stay_few_over_a_long_log_of_answered_requests(org: Organisation) -> None:
    engine, peak = _long_run(org)
    assert peak < 50
    assert engine.ledger.open_count() == 0
    assert engine.ledger.closed() == []  # handed to the sink, not kept


def test_answered_requests_do_not_leave_open_cases_behind(org: Organisation) -> None:
    engine, _peak = _long_run(org)
    assert engine.ledger.case_count() < 50


# --- dated parameters -------------------------------------------------------------------------------

FIFTEEN_FROM_APRIL = {date(2026, 4, 1): 15}


def _dues(org: Organisation, profile: Profile) -> list[date]:
    engine = Engine(profile, org)
    dues = []
    # Monday 2 March 2026: ten working days end on Monday 16 March.
    # Monday 13 April 2026: fifteen working days run to Tuesday 5 May, skipping the Early May bank
    # holiday on Monday 4 May (ten would end on Monday 27 April).
    for i, at in enumerate(("2026-03-02T10:00:00+00:00", "2026-04-13T10:00:00+01:00")):
        out, _missed, _settled = engine.process(requested(f"e{i}", at, f"R{i}"))
        dues.append(out.obligations[0].due)
    return dues


def test_dated_parameters_apply_from_their_date(org: Organisation) -> None:
    profile = Profile(
        "ashcombe",
        ("islington-2006",),
        parameters={
            ("islington-2006", "information_request.working_days"): FIFTEEN_FROM_APRIL,
            ("islington-2006", "information_request.explanation_working_days"): FIFTEEN_FROM_APRIL,
        },
    )
    assert _dues(org, profile) == [date(2026, 3, 16), date(2026, 5, 5)]


def test_overriding_the_working_days_alone_moves_the_due_date(org: Organisation) -> None:
    profile = Profile(
        "ashcombe",
        ("islington-2006",),
        parameters={("islington-2006", "information_request.working_days"): FIFTEEN_FROM_APRIL},
    )
    assert _dues(org, profile) == [date(2026, 3, 16), date(2026, 5, 5)]


def test_a_parameter_the_pack_does_not_have_is_refused(org: Organisation) -> None:
    profile = Profile(
        "ashcombe", ("islington-2006",), parameters={("islington-2006", "no_such.parameter"): {date(2026, 1, 1): 1}}
    )
    with pytest.raises(ProfileError, match=r"no_such\.parameter"):
        Engine(profile, org)
