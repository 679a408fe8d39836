"""The use cases over a real store (SQLite, and PostgreSQL when configured): recording and replaying
give the same ledger as an in-memory run, a rejected batch leaves nothing behind, verification names
the altered row, and the rebuilt ledger is readable by state and holder.

The authority and people are the fictional ones of tests/scenarios/organisation.yaml.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from propriety.adapters.store import DuplicateEvent, SqlUnitOfWork, make_engine, migrate
from propriety.domain.events import Event, parse_event
from propriety.domain.organisation import Organisation
from propriety.domain.profile import Precedence, Profile
from propriety.service_layer.checking import CheckRun, ListCollector
from propriety.service_layer.services import (
    AuthorityMismatch,
    UnitOfWorkFactory,
    authorities,
    ledger_bytes,
    rebuild_ledger,
    record_events,
    replay,
    verify_log,
)

CLOCK = date(2026, 3, 20)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> UnitOfWorkFactory:
    return lambda: SqlUnitOfWork(engine)


@pytest.fixture
def profile() -> Profile:
    # The PostgreSQL database is shared by this module's tests, so each test records its own authority.
    return Profile(
        f"ashcombe-{uuid.uuid4().hex[:8]}",
        ("officers-groups", "lc-member-officer-2019", "islington-2006"),
        precedence=(
            Precedence(
                "officer-attends-group-meeting",
                "islington-2006",
                ("officers-groups", "lc-member-officer-2019"),
                "the stricter rule",
            ),
        ),
    )


def ev(type_: str, id_: str, at: str, **fields: Any) -> Event:
    return parse_event({"type": type_, "id": id_, "at": at, **fields})


def events() -> list[Event]:
    """R1 answered in time, R2 never answered, R3 still open on the clock; a complaint and a meeting."""
    return [
        ev(
            "InformationRequested",
            "e1",
            "2026-03-02T10:00:00+00:00",
            request="R1",
            member="m-esme",
            asked="o-dina",
            subject="street lighting",
        ),
        ev("InformationRequested", "e2", "2026-03-02T11:00:00+00:00", request="R2", member="m-cleo", asked="o-nia"),
        ev("ComplaintLodged", "e3", "2026-03-03T10:00:00+00:00", complaint="C1", complainant="m-cleo", about="o-ivy"),
        ev(
            "AttendanceRequested",
            "e4",
            "2026-03-04T10:00:00+00:00",
            request="A1",
            group="blue",
            requested_by="m-cleo",
            addressed_to="o-cara",
            others_present=["member-of-public"],
        ),
        ev("InformationProvided", "e5", "2026-03-12T16:00:00+00:00", request="R1", by="o-dina"),
        ev("InformationRequested", "e6", "2026-03-16T09:00:00+00:00", request="R3", member="m-dev", asked="o-jo"),
    ]


def in_memory(org: Organisation, profile: Profile, evs: list[Event], at: date) -> dict[str, list[dict[str, Any]]]:
    collector = ListCollector()
    run = CheckRun(profile, org, collector)
    run.feed_all(evs)
    run.finish(at)
    return collector.items


def stored_ledger(uow: UnitOfWorkFactory, authority: str) -> tuple[Any, ...]:
    with uow() as u:
        return (
            u.ledger.obligations(authority),
            u.ledger.violations(authority),
            u.ledger.notifications(authority),
            [e.event_id for e in u.events.read(authority)],
            u.events.head(authority),
        )


def test_recording_then_replaying_gives_the_in_memory_ledger_byte_for_byte(
    uow: UnitOfWorkFactory, org: Organisation, profile: Profile
) -> None:
    assert record_events(uow, org, profile, events()[:3], at=CLOCK) == 3
    assert record_events(uow, org, profile, events()[3:], at=CLOCK) == 3
    expected = ledger_bytes(in_memory(org, profile, events(), CLOCK))
    assert ledger_bytes(replay(uow, org, profile, at=CLOCK)) == expected
    assert ledger_bytes(rebuild_ledger(uow, org, profile, at=CLOCK)) == expected
    # A replay at a later clock differs: R3 falls due in between.
    assert ledger_bytes(replay(uow, org, profile, at=date(2026, 4, 30))) != expected


def test_a_duplicate_event_id_raises_and_leaves_log_and_ledger_as_they_were(
    uow: UnitOfWorkFactory, org: Organisation, profile: Profile
) -> None:
    record_events(uow, org, profile, events()[:4], at=CLOCK)
    before = stored_ledger(uow, profile.authority)
    assert len(before[0]) >= 3 and before[3] == ["e1", "e2", "e3", "e4"]

    # e5 is new but e2 is already recorded: neither is stored, and the ledger is not rebuilt.
    with pytest.raises(DuplicateEvent) as caught:
        record_events(uow, org, profile, [events()[4], events()[1]], at=CLOCK)
    assert caught.value.event_id == "e2"
    assert stored_ledger(uow, profile.authority) == before

    # An id repeated within one batch is refused just the same.
    repeated = events()[5]
    with pytest.raises(DuplicateEvent, match="e6"):
        record_events(uow, org, profile, [repeated, repeated], at=CLOCK)
    assert stored_ledger(uow, profile.authority) == before
    assert verify_log(uow, profile.authority).ok


def test_an_event_of_another_authority_is_refused_and_nothing_is_stored(
    uow: UnitOfWorkFactory, org: Organisation, profile: Profile
) -> None:
    stray = ev(
        "InformationRequested",
        "x1",
        "2026-03-02T10:00:00+00:00",
        authority="elsewhere",
        request="R9",
        member="m-esme",
        asked="o-dina",
    )
    with pytest.raises(AuthorityMismatch, match="elsewhere"):
        record_events(uow, org, profile, [events()[0], stray], at=CLOCK)
    with uow() as u:
        assert u.events.count(profile.authority) == 0
        assert u.ledger.obligations(profile.authority) == []
    assert profile.authority not in authorities(uow)


def test_verify_reports_intact_then_names_the_altered_position(
    engine: Engine, uow: UnitOfWorkFactory, org: Organisation, profile: Profile, tamper: Any
) -> None:
    record_events(uow, org, profile, events(), at=CLOCK)
    report = verify_log(uow, profile.authority)
    assert report.ok and report.checked == 6
    assert "intact" in report.message

    tamper(
        engine,
        "UPDATE events SET body = replace(body, 'm-cleo', 'm-dev') WHERE authority = :a AND position = 3",
        a=profile.authority,
    )
    report = verify_log(uow, profile.authority)
    assert (report.ok, report.problem, report.position, report.event_id) == (False, "altered", 3, "e3")
    assert report.checked == 2
    assert "position 3" in report.message


def test_the_rebuilt_ledger_is_readable_by_state_and_holder(
    uow: UnitOfWorkFactory, org: Organisation, profile: Profile
) -> None:
    # Record with the clock at the last event, then rebuild as at 20 March.
    record_events(uow, org, profile, events(), at=date(2026, 3, 16))
    items = rebuild_ledger(uow, org, profile, at=CLOCK)
    authority = profile.authority
    with uow() as u:
        ledger = u.ledger
        every = ledger.obligations(authority)
        assert every == sorted(every, key=lambda o: (o["due"], o["key"]))
        assert sorted(o["key"] for o in every) == sorted(o["key"] for o in items["obligations"])
        states = {o["key"]: o["state"] for o in every}
        assert states["islington-2006/4.1(b):R1:respond"] == "fulfilled"
        assert states["islington-2006/4.1(b):R2:respond"] == "violated"
        assert states["islington-2006/4.1(b):R3:respond"] == "active"

        fulfilled = ledger.obligations(authority, state="fulfilled")
        assert [o["key"] for o in fulfilled] == ["islington-2006/4.1(b):R1:respond"]
        assert fulfilled[0]["closed_by"] == "e5" and fulfilled[0]["closed_on"] == "2026-03-12"

        violated = ledger.obligations(authority, state="violated")
        assert {o["key"] for o in violated} >= {"islington-2006/4.1(b):R2:respond"}
        assert all(o["overdue"] for o in violated if not o["done_late_on"])

        by_nia = ledger.obligations(authority, holder="o-nia")
        assert [o["key"] for o in by_nia] == ["islington-2006/4.1(b):R2:respond"]
        assert by_nia[0]["clauses"] == ["islington-2006/4.1(b)"]

        violations = ledger.violations(authority)
        missed = [v for v in violations if v["obligation"] == "islington-2006/4.1(b):R2:respond"]
        assert len(missed) == 1 and missed[0]["responsible"] == "o-nia" and missed[0]["event_id"] == "e2"

        # The complaint's record is visible only to those who need to know.
        assert ledger.audience(authority, "e3") == {"m-cleo", "o-dina", "o-cara", "m-fergus"}
        # The Head of Governance was told of the attendance request (officers-groups/4) and, as
        # Monitoring Officer, of the complaint about an officer (islington-2006/1.1).
        told = ledger.notifications(authority, recipient="o-kit")
        assert sorted(c for n in told for c in n["clauses"]) == ["islington-2006/1.1", "officers-groups/4"]
