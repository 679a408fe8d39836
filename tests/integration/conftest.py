"""Integration fixtures: every store test runs on SQLite and, when a server is given, on PostgreSQL.

Set PROPRIETY_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres) to run the
PostgreSQL half; a fresh, uniquely named database is created on that server for each test module and
dropped afterwards, using the server's `postgres` database as the maintenance connection.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ENV = "PROPRIETY_TEST_POSTGRES_URL"


def _postgres_param() -> object:
    reason = f"set {POSTGRES_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1/postgres) to test PostgreSQL"
    return pytest.param(
        "postgresql",
        marks=[pytest.mark.postgres, pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=reason)],
    )


@pytest.fixture(scope="module")
def postgres_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this module, dropped when the module is done."""
    server = make_url(os.environ[POSTGRES_ENV])
    if server.drivername in ("postgresql", "postgres"):
        server = server.set(drivername="postgresql+psycopg")
    name = f"propriety_test_{uuid.uuid4().hex[:12]}"
    maintenance = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with maintenance.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with maintenance.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        maintenance.dispose()


@pytest.fixture(params=["sqlite", _postgres_param()])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for each backend: a SQLite file in tmp_path, or this module's PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'propriety.db'}"
    url: str = request.getfixturevalue("postgres_database_url")
    return url
