"""The store: the append-only, hash-chained event log (the tamper-evident record every protocol act
leaves) and the ledger projections rebuilt from it, on SQLite by default or PostgreSQL.

It knows nothing of domain classes: it takes and returns plain dicts and dataclasses.
"""

from propriety.adapters.store.chain import GENESIS, canonical_json, link_hash
from propriety.adapters.store.database import default_sqlite_url, make_engine, migrate
from propriety.adapters.store.event_log import (
    DuplicateEvent,
    EventLog,
    InvalidEvent,
    StoredEvent,
    VerifyReport,
)
from propriety.adapters.store.projections import LedgerStore
from propriety.adapters.store.tables import metadata
from propriety.adapters.store.unit_of_work import SqlUnitOfWork

__all__ = [
    "GENESIS",
    "DuplicateEvent",
    "EventLog",
    "InvalidEvent",
    "LedgerStore",
    "SqlUnitOfWork",
    "StoredEvent",
    "VerifyReport",
    "canonical_json",
    "default_sqlite_url",
    "link_hash",
    "make_engine",
    "metadata",
    "migrate",
]
