"""Assembles the application from settings: nothing is created at import time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from propriety.adapters.store import SqlUnitOfWork, make_engine, migrate
from propriety.config import Settings


@dataclass(frozen=True)
class App:
    """The pieces every entry point shares: settings and a unit-of-work factory."""

    settings: Settings
    engine: Engine

    @property
    def uow(self) -> Callable[[], SqlUnitOfWork]:
        return lambda: SqlUnitOfWork(self.engine)


def bootstrap(settings: Settings | None = None, *, database_url: str | None = None) -> App:
    """Connect to the database named by the settings (or ``database_url``) and migrate it."""
    settings = settings or Settings()
    url = database_url or settings.resolved_database_url()
    engine = make_engine(url)
    migrate(engine)
    return App(settings, engine)
