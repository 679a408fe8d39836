"""The store's tables: the append-only event log, its chain heads, and the ledger projections.

The event log is the tamper-evident record every protocol act leaves; the ledger tables (obligations,
notifications, violations, audiences) are projections rebuilt from it by replay. Migrations in
`migrations/versions` create these tables explicitly; this metadata is what the code queries.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

AUTHORITY = 64
EVENT_ID = 128
PERSON = 128
HASH = 64

events = Table(
    "events",
    metadata,
    Column("authority", String(AUTHORITY), nullable=False),
    Column("position", Integer, nullable=False, autoincrement=False),
    Column("event_id", String(EVENT_ID), nullable=False),
    Column("type", String(64), nullable=False),
    Column("at", String(64), nullable=False),
    Column("recorded_by", String(PERSON), nullable=True),
    Column("body", Text, nullable=False),
    Column("prev_hash", String(HASH), nullable=False),
    Column("hash", String(HASH), nullable=False),
    PrimaryKeyConstraint("authority", "position"),
    UniqueConstraint("authority", "event_id"),
)

chain_heads = Table(
    "chain_heads",
    metadata,
    Column("authority", String(AUTHORITY), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("hash", String(HASH), nullable=False),
)

obligations = Table(
    "obligations",
    metadata,
    Column("authority", String(AUTHORITY), nullable=False),
    Column("key", String(255), nullable=False),
    Column("state", String(32), nullable=False),
    Column("holder", String(PERSON), nullable=True),
    Column("due", Date, nullable=True),
    Column("clauses", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    PrimaryKeyConstraint("authority", "key"),
    Index(None, "authority", "state", "due"),
    Index(None, "authority", "holder"),
)

notifications = Table(
    "notifications",
    metadata,
    Column("authority", String(AUTHORITY), nullable=False),
    Column("key", String(255), nullable=False),
    Column("event_id", String(EVENT_ID), nullable=False),
    Column("recipient", String(PERSON), nullable=False),
    Column("clauses", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    PrimaryKeyConstraint("authority", "key", "recipient"),
    Index(None, "authority", "recipient"),
)

violations = Table(
    "violations",
    metadata,
    Column("authority", String(AUTHORITY), nullable=False),
    Column("key", String(255), nullable=False),
    Column("event_id", String(EVENT_ID), nullable=False),
    Column("clauses", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    PrimaryKeyConstraint("authority", "key"),
)

audiences = Table(
    "audiences",
    metadata,
    Column("authority", String(AUTHORITY), nullable=False),
    Column("record", String(EVENT_ID), nullable=False),
    Column("person", String(PERSON), nullable=False),
    PrimaryKeyConstraint("authority", "record", "person"),
    Index(None, "authority", "person"),
)

# --- accounts and configuration (migration 0002) -------------------------------------------

authority_configs = Table(
    "authority_configs",
    metadata,
    Column("authority", String(AUTHORITY), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("organisation_yaml", Text, nullable=False),
    Column("profile_yaml", Text, nullable=False),
    Column("updated_at", String(64), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(200), nullable=False, unique=True),
    Column("authority", String(AUTHORITY), nullable=False),
    Column("person", String(PERSON), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", String(64), nullable=True),
    Column("created_at", String(64), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(HASH), primary_key=True),
    Column("user_id", Integer, nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("expires_at", String(64), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_hash", String(HASH), primary_key=True),
    Column("user_id", Integer, nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", String(64), nullable=False),
)
