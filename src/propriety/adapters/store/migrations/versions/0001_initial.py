"""The event log, its chain heads and the ledger projections; events made append-only by triggers.

Revision ID: 0001
Revises:
Create Date: 2025-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;""",
    """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;""",
]

POSTGRESQL_TRIGGERS = [
    """CREATE FUNCTION propriety_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'events are append-only (% refused)', TG_OP
           USING HINT = 'The event log is the tamper-evident record; correct it by appending a new event.';
       END;
       $$""",
    """CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
       FOR EACH ROW EXECUTE FUNCTION propriety_events_append_only()""",
    """CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
       FOR EACH STATEMENT EXECUTE FUNCTION propriety_events_append_only()""",
]


def _authority() -> sa.Column[str]:
    return sa.Column("authority", sa.String(64), nullable=False)


def _json(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "events",
        _authority(),
        sa.Column("position", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("at", sa.String(64), nullable=False),
        sa.Column("recorded_by", sa.String(128), nullable=True),
        _json("body"),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("authority", "position", name="pk_events"),
        sa.UniqueConstraint("authority", "event_id", name="uq_events_authority_event_id"),
    )
    op.create_table(
        "chain_heads",
        sa.Column("authority", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("authority", name="pk_chain_heads"),
    )
    op.create_table(
        "obligations",
        _authority(),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("holder", sa.String(128), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        _json("clauses"),
        sa.Column("reason", sa.Text(), nullable=False),
        _json("body"),
        sa.PrimaryKeyConstraint("authority", "key", name="pk_obligations"),
    )
    op.create_index("ix_obligations_authority_state_due", "obligations", ["authority", "state", "due"])
    op.create_index("ix_obligations_authority_holder", "obligations", ["authority", "holder"])
    op.create_table(
        "notifications",
        _authority(),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("recipient", sa.String(128), nullable=False),
        _json("clauses"),
        sa.Column("reason", sa.Text(), nullable=False),
        _json("body"),
        sa.PrimaryKeyConstraint("authority", "key", "recipient", name="pk_notifications"),
    )
    op.create_index("ix_notifications_authority_recipient", "notifications", ["authority", "recipient"])
    op.create_table(
        "violations",
        _authority(),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("event_id", sa.String(128), nullable=False),
        _json("clauses"),
        sa.Column("reason", sa.Text(), nullable=False),
        _json("body"),
        sa.PrimaryKeyConstraint("authority", "key", name="pk_violations"),
    )
    op.create_table(
        "audiences",
        _authority(),
        sa.Column("record", sa.String(128), nullable=False),
        sa.Column("person", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("authority", "record", "person", name="pk_audiences"),
    )
    op.create_index("ix_audiences_authority_person", "audiences", ["authority", "person"])
    _create_append_only_triggers()


def _create_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRESQL_TRIGGERS}.get(dialect)
    if statements is None:
        raise RuntimeError(f"the event log's append-only triggers are not written for {dialect!r}")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_no_truncate ON events")
        op.execute("DROP TRIGGER IF EXISTS events_no_update_or_delete ON events")
        op.execute("DROP FUNCTION IF EXISTS propriety_events_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_no_delete")
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
    for table in ("audiences", "violations", "notifications", "obligations", "chain_heads", "events"):
        op.drop_table(table)
