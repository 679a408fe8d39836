"""The store keeps a tamper-evident record: appends chain, verify names the first broken row, nothing is
half-written, and the ledger projection round-trips. Runs on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from propriety.adapters.store import (
    GENESIS,
    DuplicateEvent,
    EventLog,
    InvalidEvent,
    SqlUnitOfWork,
    link_hash,
    make_engine,
    migrate,
)
from propriety.adapters.store.database import alembic_config


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def authority() -> str:
    # The PostgreSQL database is shared by the module's tests, so each test writes its own authority.
    return f"test-{uuid.uuid4().hex[:10]}"


def event(n: int, **extra: Any) -> dict[str, Any]:
    return {"id": f"e{n}", "type": "BriefingGiven", "at": f"2025-03-0{1 + n % 9}T09:30:00+00:00", **extra}


def append(engine: Engine, authority: str, *numbers: int) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.events.append(authority, [event(n, recorded_by=f"officer-{n}") for n in numbers])
        uow.commit()


def verify(engine: Engine, authority: str) -> Any:
    with engine.connect() as conn:
        return EventLog(conn).verify(authority)


def tamper(engine: Engine, statement: str, **params: Any) -> None:
    """Edit the log behind the application's back, as someone with direct database access could."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            names = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
            ).scalars()
            for name in list(names):
                conn.execute(text(f"DROP TRIGGER {name}"))
            conn.execute(text(statement), params)
        else:
            conn.execute(text("ALTER TABLE events DISABLE TRIGGER USER"))
            conn.execute(text(statement), params)
            conn.execute(text("ALTER TABLE events ENABLE TRIGGER USER"))


def test_appended_events_read_back_in_order_and_chain(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3)
    append(engine, authority, 4, 5)
    with engine.connect() as conn:
        log = EventLog(conn)
        stored = list(log.read(authority))
        later = [e.position for e in log.read(authority, after=3)]
        assert authority in log.authorities()
    assert [e.position for e in stored] == [1, 2, 3, 4, 5]
    assert [e.event_id for e in stored] == ["e1", "e2", "e3", "e4", "e5"]
    assert stored[1].data() == event(2, recorded_by="officer-2")
    assert stored[1].recorded_by == "officer-2"
    assert later == [4, 5]
    assert stored[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(stored):
        assert after.prev_hash == before.hash
        assert after.hash == link_hash(before.hash, authority, after.position, after.body)


def test_an_untouched_chain_verifies(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3, 4, 5)
    report = verify(engine, authority)
    assert report.ok and report.checked == 5 and report.problem is None
    assert "intact" in report.message


def test_an_altered_body_is_named_by_position(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3, 4, 5)
    tamper(
        engine,
        "UPDATE events SET body = replace(body, 'BriefingGiven', 'NothingHappened') "
        "WHERE authority = :a AND position = 3",
        a=authority,
    )
    report = verify(engine, authority)
    assert (report.ok, report.problem, report.position, report.event_id) == (False, "altered", 3, "e3")
    assert report.checked == 2
    assert "position 3" in report.message and "changed" in report.message


def test_an_altered_column_beside_its_body_is_named(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3)
    tamper(engine, "UPDATE events SET recorded_by = 'someone-else' WHERE authority = :a AND position = 2", a=authority)
    report = verify(engine, authority)
    assert (report.problem, report.position, report.event_id) == ("altered", 2, "e2")


def test_a_deleted_middle_row_is_missing(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3, 4, 5)
    tamper(engine, "DELETE FROM events WHERE authority = :a AND position = 3", a=authority)
    report = verify(engine, authority)
    assert (report.ok, report.problem, report.position) == (False, "missing", 3)
    assert "Position 3 is missing" in report.message


def test_swapped_bodies_and_hashes_break_the_chain_at_the_first_swapped_row(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3, 4, 5)
    tamper(
        engine,
        "UPDATE events SET body = CASE position WHEN 2 THEN (SELECT body FROM events WHERE authority = :a "
        "AND position = 4) ELSE (SELECT body FROM events WHERE authority = :a AND position = 2) END, "
        "hash = CASE position WHEN 2 THEN (SELECT hash FROM events WHERE authority = :a AND position = 4) "
        "ELSE (SELECT hash FROM events WHERE authority = :a AND position = 2) END "
        "WHERE authority = :a AND position IN (2, 4)",
        a=authority,
    )
    report = verify(engine, authority)
    assert report.problem in ("altered", "reordered")
    assert report.position == 2


def test_swapped_rows_are_reordered(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3, 4, 5)
    move = "UPDATE events SET position = :to WHERE authority = :a AND position = :at"
    tamper(engine, move, a=authority, at=2, to=-2)
    tamper(engine, move, a=authority, at=3, to=2)
    tamper(engine, move, a=authority, at=-2, to=3)
    report = verify(engine, authority)
    assert (report.problem, report.position, report.event_id) == ("reordered", 2, "e3")
    assert "does not follow on" in report.message


def test_a_deleted_last_row_is_a_head_mismatch(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2, 3, 4, 5)
    tamper(engine, "DELETE FROM events WHERE authority = :a AND position = 5", a=authority)
    report = verify(engine, authority)
    assert (report.ok, report.problem, report.position) == (False, "head-mismatch", 5)
    assert report.checked == 4
    assert "removed from the end" in report.message


def test_rows_slipped_in_past_the_head_are_a_head_mismatch(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2)
    with engine.connect() as conn:
        last = list(EventLog(conn).read(authority))[-1]
    body = '{"at":"2025-03-09T09:30:00+00:00","id":"e9","type":"BriefingGiven"}'
    tamper(
        engine,
        "INSERT INTO events (authority, position, event_id, type, at, recorded_by, body, prev_hash, hash) "
        "VALUES (:a, 3, 'e9', 'BriefingGiven', '2025-03-09T09:30:00+00:00', NULL, :body, :prev, :hash)",
        a=authority,
        body=body,
        prev=last.hash,
        hash=link_hash(last.hash, authority, 3, body),
    )
    report = verify(engine, authority)
    assert (report.problem, report.position, report.event_id) == ("head-mismatch", 3, "e9")


@pytest.mark.parametrize("statement", ["UPDATE events SET type = 'X'", "DELETE FROM events"])
def test_the_log_refuses_updates_and_deletes(engine: Engine, authority: str, statement: str) -> None:
    append(engine, authority, 1, 2)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(f"{statement} WHERE authority = :a"), {"a": authority})
    assert verify(engine, authority).checked == 2


def test_a_duplicate_event_id_writes_nothing_from_its_batch(engine: Engine, authority: str) -> None:
    append(engine, authority, 1, 2)
    with pytest.raises(DuplicateEvent) as caught, SqlUnitOfWork(engine) as uow:
        uow.events.append(authority, [event(3), event(1)])
        uow.commit()
    assert caught.value.event_id == "e1"
    with pytest.raises(DuplicateEvent, match="e4"), SqlUnitOfWork(engine) as uow:
        uow.events.append(authority, [event(4), event(5), event(4)])
        uow.commit()
    with engine.connect() as conn:
        assert [e.event_id for e in EventLog(conn).read(authority)] == ["e1", "e2"]
    assert verify(engine, authority).ok


def test_an_event_without_an_offset_is_refused(engine: Engine, authority: str) -> None:
    with pytest.raises(InvalidEvent, match="UTC offset"), SqlUnitOfWork(engine) as uow:
        uow.events.append(authority, [{"id": "e1", "type": "BriefingGiven", "at": "2025-03-01T09:30:00"}])


def test_a_unit_of_work_that_raises_or_is_not_committed_writes_nothing(engine: Engine, authority: str) -> None:
    with pytest.raises(RuntimeError), SqlUnitOfWork(engine) as uow:
        uow.events.append(authority, [event(1)])
        uow.ledger.replace(authority, [_obligation("o1", "open", "h", "2025-04-01")], [], [], [])
        raise RuntimeError("the use case failed")
    with SqlUnitOfWork(engine) as uow:
        uow.events.append(authority, [event(2)])
    with SqlUnitOfWork(engine) as uow:
        assert list(uow.events.read(authority)) == []
        assert uow.ledger.obligations(authority) == []
        assert authority not in uow.events.authorities()


def test_concurrent_appends_make_one_valid_chain(engine: Engine, authority: str) -> None:
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for n in range(50):
                with SqlUnitOfWork(engine) as uow:
                    uow.events.append(authority, [event(n, id=f"{name}-{n}")])
                    uow.commit()
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with engine.connect() as conn:
        positions = [e.position for e in EventLog(conn).read(authority)]
    assert positions == list(range(1, 101))
    report = verify(engine, authority)
    assert report.ok and report.checked == 100


def _obligation(key: str, state: str, holder: str | None, due: str | None) -> dict[str, Any]:
    return {
        "key": key,
        "state": state,
        "holder": holder,
        "due": due,
        "clauses": ["LC-G-4.2"],
        "reason": f"{key} must be answered",
        "case": {"nested": [1, 2]},
    }


def test_the_ledger_round_trips_and_is_replaced_whole(engine: Engine, authority: str) -> None:
    other = f"{authority}-other"
    obligations = [
        _obligation("o3", "open", "ceo", None),
        _obligation("o1", "open", "ceo", "2025-04-10"),
        _obligation("o2", "overdue", "head-of-law", "2025-04-01"),
    ]
    notification = {
        "key": "n1",
        "event_id": "e1",
        "recipients": ["adviser", "leader", "adviser"],
        "clauses": ["LC-G-5"],
        "reason": "copy to the adviser",
    }
    violation = {"key": "v1", "event_id": "e1", "clauses": ["LC-G-6"], "reason": "answered late"}
    with SqlUnitOfWork(engine) as uow:
        uow.ledger.replace(
            authority, obligations, [notification], [violation], [("e1", "ceo"), ("e1", "leader"), ("e1", "ceo")]
        )
        uow.ledger.replace(other, [_obligation("x", "open", "ceo", "2025-01-01")], [], [], [("e1", "mo")])
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        ledger = uow.ledger
        assert [o["key"] for o in ledger.obligations(authority)] == ["o2", "o1", "o3"]
        assert ledger.obligations(authority, state="open", holder="ceo") == [obligations[1], obligations[0]]
        assert ledger.obligations(authority, holder="head-of-law") == [obligations[2]]
        assert ledger.notifications(authority) == [notification]
        assert ledger.notifications(authority, recipient="leader") == [notification]
        assert ledger.notifications(authority, recipient="ceo") == []
        assert ledger.violations(authority) == [violation]
        assert ledger.audience(authority, "e1") == {"ceo", "leader"}
        ledger.replace(authority, obligations[:1], [], [], [])
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert uow.ledger.obligations(authority) == obligations[:1]
        assert uow.ledger.violations(authority) == []
        assert uow.ledger.audience(authority, "e1") == set()
        assert [o["key"] for o in uow.ledger.obligations(other)] == ["x"]
        assert uow.ledger.audience(other, "e1") == {"mo"}


def test_migrating_twice_from_anywhere_is_a_no_op(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    migrate(db_url)
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        migrate(db_url)
        migrate(engine)
        assert set(inspect(engine).get_table_names()) == tables
        assert {"events", "chain_heads", "obligations", "notifications", "violations", "audiences"} <= tables
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
                ScriptDirectory.from_config(alembic_config()).get_current_head()
            ]
    finally:
        engine.dispose()
