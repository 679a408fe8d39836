"""Connecting to the store and bringing its schema up to date.

SQLite is the default (a file under the var folder, nothing to install); PostgreSQL is used when a
database URL is given, for production and for several app servers sharing one tamper-evident record.
Nothing is created at import time: callers build an engine from settings and run `migrate` once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_sqlite_url(var_dir: Path) -> str:
    """The SQLite URL used when no database URL is configured: `propriety.db` in `var_dir`."""
    return f"sqlite:///{(Path(var_dir) / 'propriety.db').resolve()}"


def _normalise(url: str | URL) -> URL:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`: SQLite with foreign keys, WAL and real transactions, or PostgreSQL via psycopg."""
    parsed = _normalise(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_engine(url: URL) -> Engine:
    in_memory = url.database in (None, "", ":memory:") or "mode=memory" in str(url)
    if not in_memory and url.database is not None:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30.0})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy (pysqlite otherwise begins lazily, only before
        # a write), so a unit of work's reads and writes share one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def alembic_config() -> Config:
    """Alembic configuration built in code, pointing at the migrations shipped inside this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(url_or_engine: str | URL | Engine) -> None:
    """Upgrade the database to the newest schema (a no-op when it is already there)."""
    engine = url_or_engine if isinstance(url_or_engine, Engine) else make_engine(url_or_engine)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if engine is not url_or_engine:
            engine.dispose()
