"""The append-only, hash-chained event log: the tamper-evident record every protocol act leaves.

Each authority has its own chain. Appending locks the chain head (SELECT ... FOR UPDATE on PostgreSQL;
on SQLite the write transaction serialises writers), so several app servers can append safely.
`verify` walks a chain and names the first altered, missing or reordered row in plain English.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Connection, Insert, Row, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from propriety.adapters.store.chain import GENESIS, canonical_json, link_hash
from propriety.adapters.store.tables import EVENT_ID, chain_heads, events

_READ_BATCH = 1000
_ID_CHUNK = 500


class DuplicateEvent(Exception):
    """An event id is already in the authority's log (or repeated within one batch)."""

    def __init__(self, event_id: str, authority: str | None = None) -> None:
        self.event_id = event_id
        self.authority = authority
        where = f" for authority {authority!r}" if authority else ""
        super().__init__(
            f"event {event_id!r} is already recorded{where}; an event is recorded once. "
            "Nothing from this batch was stored: drop or rename the repeated event and submit again."
        )


class InvalidEvent(ValueError):
    """An event mapping lacks what the log needs to store it (id, type, an `at` with its offset)."""


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One row of the log: the event's canonical JSON body and its place in the chain."""

    authority: str
    position: int
    event_id: str
    type: str
    at: str
    recorded_by: str | None
    body: str
    prev_hash: str
    hash: str

    def data(self) -> dict[str, Any]:
        """The event as it was appended."""
        loaded: dict[str, Any] = orjson.loads(self.body)
        return loaded


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The outcome of walking a chain: ok, or the first problem found and where."""

    ok: bool
    checked: int
    problem: str | None
    position: int | None
    event_id: str | None
    message: str


class EventLog:
    """Appends to and reads the event log on a connection whose transaction the caller owns."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def append(self, authority: str, new_events: Iterable[Mapping[str, Any]]) -> list[StoredEvent]:
        """Chain `new_events` onto the authority's log, in order, and return them as stored."""
        records = [_normalise(authority, event) for event in new_events]
        if not records:
            return []
        position, prev_hash = self._lock_head(authority)
        self._refuse_duplicates(authority, [record["id"] for record in records])
        stored = []
        for record in records:
            position += 1
            body = canonical_json(record)
            new_hash = link_hash(prev_hash, authority, position, body)
            stored.append(_stored(authority, position, record, body, prev_hash, new_hash))
            prev_hash = new_hash
        self._conn.execute(events.insert(), [_row(event) for event in stored])
        self._conn.execute(
            update(chain_heads).where(chain_heads.c.authority == authority).values(position=position, hash=prev_hash)
        )
        return stored

    def _lock_head(self, authority: str) -> tuple[int, str]:
        # Creating the head if absent is a write, so on SQLite it takes the database's write lock
        # before the head is read; on PostgreSQL the row lock below queues concurrent appenders.
        self._conn.execute(_insert_head_if_absent(self._conn, authority))
        head = self._conn.execute(
            select(chain_heads.c.position, chain_heads.c.hash)
            .where(chain_heads.c.authority == authority)
            .with_for_update()
        ).one()
        return int(head.position), str(head.hash)

    def _refuse_duplicates(self, authority: str, ids: Sequence[str]) -> None:
        seen: set[str] = set()
        for event_id in ids:
            if event_id in seen:
                raise DuplicateEvent(event_id, authority)
            seen.add(event_id)
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start : start + _ID_CHUNK]
            existing = self._conn.execute(
                select(events.c.event_id).where(events.c.authority == authority, events.c.event_id.in_(chunk)).limit(1)
            ).scalar()
            if existing is not None:
                raise DuplicateEvent(existing, authority)

    def read(self, authority: str, after: int = 0) -> Iterator[StoredEvent]:
        """Stream the authority's events after position `after`, in position order."""
        return self._stream(authority, after, None)

    def _stream(self, authority: str, after: int, upto: int | None) -> Iterator[StoredEvent]:
        statement = select(events).where(events.c.authority == authority, events.c.position > after)
        if upto is not None:
            statement = statement.where(events.c.position <= upto)
        result = self._conn.execute(statement.order_by(events.c.position).execution_options(yield_per=_READ_BATCH))
        try:
            for row in result:
                yield _from_row(row)
        finally:
            result.close()

    def authorities(self) -> list[str]:
        """Every authority that has a chain, in name order."""
        statement = select(chain_heads.c.authority).where(chain_heads.c.position > 0)
        return list(self._conn.execute(statement.order_by(chain_heads.c.authority)).scalars())

    def head(self, authority: str) -> tuple[int, str]:
        """The position and hash of the authority's last event; (0, GENESIS) before the first."""
        row = self._conn.execute(
            select(chain_heads.c.position, chain_heads.c.hash).where(chain_heads.c.authority == authority)
        ).one_or_none()
        return (0, GENESIS) if row is None else (int(row.position), str(row.hash))

    def count(self, authority: str) -> int:
        """How many events the authority's log holds."""
        statement = select(func.count()).select_from(events).where(events.c.authority == authority)
        return int(self._conn.execute(statement).scalar_one())

    def verify(self, authority: str) -> VerifyReport:
        """Walk the authority's chain from the first event and report the first problem found.

        Safe while others append: the walk stops at the head read before it starts (rows and head
        are committed together), and rows past it count as a problem only if a head read afterwards
        does not cover them either.
        """
        head = self.head(authority)
        verifier = _Verifier(authority)
        report = verifier.walk(self._stream(authority, 0, head[0]), head)
        return report if not report.ok else self._check_unaccounted(authority, head[0], verifier)

    def _check_unaccounted(self, authority: str, after: int, verifier: _Verifier) -> VerifyReport:
        last = self._conn.execute(
            select(events.c.position, events.c.event_id)
            .where(events.c.authority == authority, events.c.position > after)
            .order_by(events.c.position.desc())
            .limit(1)
        ).one_or_none()
        if last is None or last.position <= self.head(authority)[0]:
            return verifier.intact()
        return verifier.unaccounted(after, int(last.position), str(last.event_id))


def _insert_head_if_absent(conn: Connection, authority: str) -> Insert:
    values = {"authority": authority, "position": 0, "hash": GENESIS}
    if conn.dialect.name == "postgresql":
        return postgresql.insert(chain_heads).values(values).on_conflict_do_nothing()
    if conn.dialect.name == "sqlite":
        return sqlite.insert(chain_heads).values(values).on_conflict_do_nothing()
    raise NotImplementedError(f"the event log does not support {conn.dialect.name!r} databases")


def _normalise(authority: str, event: Mapping[str, Any]) -> dict[str, Any]:
    record = dict(event)
    for field, limit in (("id", EVENT_ID), ("type", 64)):
        value = record.get(field)
        if not isinstance(value, str) or not value:
            raise InvalidEvent(f"an event for authority {authority!r} has no {field!r}: {record!r}")
        if len(value) > limit:
            raise InvalidEvent(f"event {field} {value[:40]!r}... is {len(value)} characters long; at most {limit} fit")
    at = record.get("at")
    if isinstance(at, datetime):
        at = at.isoformat()
    if not isinstance(at, str) or not _has_offset(at):
        raise InvalidEvent(
            f"event {record['id']!r} has 'at' = {record.get('at')!r}; "
            "give an ISO 8601 date-time with its UTC offset, e.g. 2025-03-04T09:30:00+00:00"
        )
    record["at"] = at
    return record


def _has_offset(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).utcoffset() is not None
    except ValueError:
        return False


def _stored(
    authority: str, position: int, record: Mapping[str, Any], body: str, prev_hash: str, new_hash: str
) -> StoredEvent:
    recorded_by = record.get("recorded_by")
    return StoredEvent(
        authority=authority,
        position=position,
        event_id=record["id"],
        type=record["type"],
        at=record["at"],
        recorded_by=None if recorded_by is None else str(recorded_by),
        body=body,
        prev_hash=prev_hash,
        hash=new_hash,
    )


def _row(event: StoredEvent) -> dict[str, Any]:
    return {
        "authority": event.authority,
        "position": event.position,
        "event_id": event.event_id,
        "type": event.type,
        "at": event.at,
        "recorded_by": event.recorded_by,
        "body": event.body,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def _from_row(row: Row[Any]) -> StoredEvent:
    return StoredEvent(
        authority=row.authority,
        position=row.position,
        event_id=row.event_id,
        type=row.type,
        at=row.at,
        recorded_by=row.recorded_by,
        body=row.body,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


_AFTERWORD = (
    " Treat the record from that point as unreliable: restore it from a backup or export taken before the"
    " change, and find out who had direct access to the database."
)


class _Verifier:
    """Walks one chain, remembering the last sound row, and words the first problem it meets."""

    def __init__(self, authority: str) -> None:
        self.authority = authority
        self.checked = 0
        self.position = 0
        self.hash = GENESIS

    def walk(self, rows: Iterable[StoredEvent], head: tuple[int, str]) -> VerifyReport:
        for event in rows:
            problem = self._check(event)
            if problem is not None:
                return problem
            self.checked += 1
            self.position, self.hash = event.position, event.hash
        return self._check_head(head)

    def _check(self, event: StoredEvent) -> VerifyReport | None:
        expected = self.position + 1
        if event.position != expected:
            return self._fail(
                "missing",
                expected,
                None,
                f"Position {expected} is missing from the record of {self.authority!r}: the event before it"
                f" is at position {self.position} and the next one found is at {event.position}, so an event"
                " has been deleted.",
            )
        if event.prev_hash != self.hash:
            return self._fail(
                "reordered",
                event.position,
                event.event_id,
                f"Event {event.event_id!r} at position {event.position} of the record of {self.authority!r}"
                f" does not follow on from the event before it: rows have been moved or inserted, or the"
                f" event at position {self.position} was changed and its hash recomputed.",
            )
        if link_hash(event.prev_hash, self.authority, event.position, event.body) != event.hash or not (
            _columns_match_body(event)
        ):
            return self._fail(
                "altered",
                event.position,
                event.event_id,
                f"Event {event.event_id!r} at position {event.position} of the record of {self.authority!r}"
                " has been changed since it was written: what it now says no longer matches its hash.",
            )
        return None

    def _check_head(self, head: tuple[int, str]) -> VerifyReport:
        if head != (self.position, self.hash):
            return self._fail(
                "head-mismatch",
                max(head[0], self.position),
                None,
                f"The record of {self.authority!r} ends at position {self.position}, but its chain head says"
                f" it should end at position {head[0]}: events have been removed from the end of the"
                " log, or the head itself was edited.",
            )
        return self.intact()

    def intact(self) -> VerifyReport:
        return VerifyReport(
            ok=True,
            checked=self.checked,
            problem=None,
            position=None,
            event_id=None,
            message=f"The record of {self.authority!r} is intact: all {self.checked} events chain correctly"
            " from the first to the last.",
        )

    def unaccounted(self, head_position: int, last: int, event_id: str) -> VerifyReport:
        return self._fail(
            "head-mismatch",
            last,
            event_id,
            f"The record of {self.authority!r} holds events up to position {last} (the last is"
            f" {event_id!r}), but its chain head stops at position {head_position}: rows were inserted"
            " directly into the database, or the head itself was edited.",
        )

    def _fail(self, problem: str, position: int, event_id: str | None, text: str) -> VerifyReport:
        return VerifyReport(
            ok=False,
            checked=self.checked,
            problem=problem,
            position=position,
            event_id=event_id,
            message=text + _AFTERWORD,
        )


def _columns_match_body(event: StoredEvent) -> bool:
    try:
        data = event.data()
    except orjson.JSONDecodeError:
        return False
    return (
        isinstance(data, dict)
        and data.get("id") == event.event_id
        and data.get("type") == event.type
        and data.get("at") == event.at
        and _text_or_none(data.get("recorded_by")) == event.recorded_by
    )


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
