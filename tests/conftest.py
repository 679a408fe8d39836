"""Fixtures shared by the unit and integration tests: the scenario organisation and a log tamperer.

The people and the authority (Ashcombe Borough Council) are the made-up ones of tests/scenarios/organisation.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from propriety.adapters.orgfile import load_organisation
from propriety.domain.organisation import Organisation

REPO = Path(__file__).resolve().parents[1]
SCENARIO_ORG = REPO / "tests" / "scenarios" / "organisation.yaml"

Tamper = Callable[..., None]


@pytest.fixture(scope="session")
def org() -> Organisation:
    """The fictional Ashcombe Borough Council of the scenario tests."""
    return load_organisation(SCENARIO_ORG)


def _tamper(engine: Engine, statement: str, **params: Any) -> None:
    """Edit the event log behind the application's back, as someone with direct database access could."""
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


@pytest.fixture
def tamper() -> Tamper:
    """``tamper(engine, sql, **params)``: change the log with the append-only triggers out of the way."""
    return _tamper
