"""The ledger projections: open obligations, notifications owed, violations and record audiences.

The ledger is derived from the tamper-evident event log by replay, so it is replaced wholesale per
authority rather than edited; readers return the effect dicts exactly as the engine produced them.
Audiences say who may see a record: every query, page and export filters by them (need-to-know).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import orjson
from sqlalchemy import Connection, Select, Table, delete, select

from propriety.adapters.store import tables
from propriety.adapters.store.chain import canonical_json


class LedgerStore:
    """Writes and reads one authority's ledger on a connection whose transaction the caller owns."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def replace(
        self,
        authority: str,
        obligations: list[dict[str, Any]],
        notifications: list[dict[str, Any]],
        violations: list[dict[str, Any]],
        audiences: list[tuple[str, str]],
    ) -> None:
        """Swap the authority's ledger for a freshly replayed one."""
        self.clear(authority)
        self._insert(tables.obligations, [_obligation_row(authority, item) for item in obligations])
        notified = [row for item in notifications for row in _notified(authority, item)]
        self._insert(tables.notifications, notified)
        self._insert(tables.violations, [_violation_row(authority, item) for item in violations])
        pairs = dict.fromkeys(audiences)
        self._insert(tables.audiences, [{"authority": authority, "record": r, "person": p} for r, p in pairs])

    def clear(self, authority: str) -> None:
        """Remove the authority's ledger (before a replay rebuilds it)."""
        for table in (tables.obligations, tables.notifications, tables.violations, tables.audiences):
            self._conn.execute(delete(table).where(table.c.authority == authority))

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        _refuse_repeats(table, rows)
        if rows:
            self._conn.execute(table.insert(), rows)

    def obligations(self, authority: str, state: str | None = None, holder: str | None = None) -> list[dict[str, Any]]:
        """The authority's obligations, soonest due first (undated last), optionally filtered."""
        c = tables.obligations.c
        statement = select(c.body).where(c.authority == authority)
        if state is not None:
            statement = statement.where(c.state == state)
        if holder is not None:
            statement = statement.where(c.holder == holder)
        return self._bodies(statement.order_by(c.due.asc().nulls_last(), c.key))

    def notifications(self, authority: str, recipient: str | None = None) -> list[dict[str, Any]]:
        """Notifications owed, by key: each one once, or only those owed to `recipient`."""
        c = tables.notifications.c
        statement = select(c.key, c.body).where(c.authority == authority)
        if recipient is not None:
            statement = statement.where(c.recipient == recipient)
        once: dict[str, str] = {}
        for row in self._conn.execute(statement.order_by(c.key)):
            once.setdefault(row.key, row.body)
        return [orjson.loads(body) for body in once.values()]

    def violations(self, authority: str) -> list[dict[str, Any]]:
        """The authority's violations, by key."""
        c = tables.violations.c
        return self._bodies(select(c.body).where(c.authority == authority).order_by(c.key))

    def audience(self, authority: str, record: str) -> set[str]:
        """The people who may see `record` (an event id)."""
        c = tables.audiences.c
        statement = select(c.person).where(c.authority == authority, c.record == record)
        return set(self._conn.execute(statement).scalars())

    def _bodies(self, statement: Select[str]) -> list[dict[str, Any]]:
        return [orjson.loads(body) for body in self._conn.execute(statement).scalars()]


def _obligation_row(authority: str, item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "authority": authority,
        "key": item["key"],
        "state": item["state"],
        "holder": item.get("holder"),
        "due": _date(item.get("due")),
        "clauses": canonical_json(list(item.get("clauses", []))),
        "reason": item.get("reason", ""),
        "body": canonical_json(item),
    }


def _notified(authority: str, item: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    common = {
        "authority": authority,
        "key": item["key"],
        "event_id": item["event_id"],
        "clauses": canonical_json(list(item.get("clauses", []))),
        "reason": item.get("reason", ""),
        "body": canonical_json(item),
    }
    return [{**common, "recipient": recipient} for recipient in dict.fromkeys(item["recipients"])]


def _violation_row(authority: str, item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "authority": authority,
        "key": item["key"],
        "event_id": item["event_id"],
        "clauses": canonical_json(list(item.get("clauses", []))),
        "reason": item.get("reason", ""),
        "body": canonical_json(item),
    }


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _refuse_repeats(table: Table, rows: list[dict[str, Any]]) -> None:
    key_columns = [column.name for column in table.primary_key.columns]
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        key = tuple(row[name] for name in key_columns)
        if key in seen:
            raise ValueError(f"the ledger for {row['authority']!r} lists {table.name} {key[1:]!r} twice")
        seen.add(key)
