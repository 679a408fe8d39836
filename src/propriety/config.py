"""Settings, read from the environment (``PROPRIETY_*``) once, at start-up.

SQLite or PostgreSQL is just another URL: ``PROPRIETY_DATABASE_URL`` unset means a SQLite
file under ``var/``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """How this installation runs."""

    model_config = SettingsConfigDict(env_prefix="PROPRIETY_", extra="ignore")

    var_dir: Path = Path("var")
    database_url: str | None = None

    def resolved_database_url(self) -> str:
        from propriety.adapters.store import default_sqlite_url

        return self.database_url or default_sqlite_url(self.var_dir)
