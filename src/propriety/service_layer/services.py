"""Use cases over the store. Each is one transaction: it writes everything or nothing.

* :func:`record_events` appends facts to an authority's log and rebuilds its ledger;
* :func:`rebuild_ledger` replays the log through the rules into the ledger projections;
* :func:`verify_log` checks the hash chain and names the first broken row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import orjson

from propriety.adapters.store import SqlUnitOfWork, VerifyReport
from propriety.domain.events import Event, event_record, parse_event_json
from propriety.domain.organisation import Organisation
from propriety.domain.profile import Profile
from propriety.service_layer.checking import CheckRun, ListCollector

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


class AuthorityMismatch(ValueError):
    """An event names a different authority from the one it is being recorded for."""


def record_events(
    uow_factory: UnitOfWorkFactory,
    org: Organisation,
    profile: Profile,
    events: Iterable[Event],
    *,
    at: datetime | date | None = None,
) -> int:
    """Append events to the authority's log and rebuild its ledger, in one transaction."""
    with uow_factory() as uow:
        count = record_in(uow, org, profile, events, at=at)
        uow.commit()
    return count


def record_in(
    uow: SqlUnitOfWork,
    org: Organisation,
    profile: Profile,
    events: Iterable[Event],
    *,
    at: datetime | date | None = None,
) -> int:
    """Append events and rebuild the ledger inside an open unit of work (the caller commits)."""
    authority = profile.authority
    rows = []
    for event in events:
        if event.authority not in (None, authority):
            raise AuthorityMismatch(
                f"event {event.id} belongs to {event.authority}, not {authority}; record it under its own authority"
            )
        record = event_record(event)
        record["authority"] = authority
        rows.append(record)
    uow.events.append(authority, rows)
    _rebuild(uow, org, profile, at)
    return len(rows)


def rebuild_ledger(
    uow_factory: UnitOfWorkFactory, org: Organisation, profile: Profile, *, at: datetime | date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Replay the authority's whole log through its rules and store the resulting ledger."""
    with uow_factory() as uow:
        items = _rebuild(uow, org, profile, at)
        uow.commit()
    return items


def replay(
    uow_factory: UnitOfWorkFactory, org: Organisation, profile: Profile, *, at: datetime | date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Replay the log and return the ledger without storing it."""
    with uow_factory() as uow:
        return _replay(uow, org, profile, at)


def ledger_bytes(items: dict[str, list[dict[str, Any]]]) -> bytes:
    """The ledger in canonical form: a replay of the same log gives exactly these bytes."""
    return orjson.dumps(items, option=orjson.OPT_SORT_KEYS)


def verify_log(uow_factory: UnitOfWorkFactory, authority: str) -> VerifyReport:
    with uow_factory() as uow:
        return uow.events.verify(authority)


def authorities(uow_factory: UnitOfWorkFactory) -> list[str]:
    with uow_factory() as uow:
        return uow.events.authorities()


def _replay(
    uow: SqlUnitOfWork, org: Organisation, profile: Profile, at: datetime | date | None
) -> dict[str, list[dict[str, Any]]]:
    collector = ListCollector()
    run = CheckRun(profile, org, collector)
    for stored in uow.events.read(profile.authority):
        run.feed(parse_event_json(stored.body))
    run.finish(at)
    return collector.items


def _rebuild(
    uow: SqlUnitOfWork, org: Organisation, profile: Profile, at: datetime | date | None
) -> dict[str, list[dict[str, Any]]]:
    items = _replay(uow, org, profile, at)
    audiences = [(a["record"], p) for a in items["audiences"] for p in a["people"]]
    uow.ledger.replace(
        profile.authority,
        obligations=items["obligations"],
        notifications=items["notifications"],
        violations=items["violations"],
        audiences=audiences,
    )
    return items
