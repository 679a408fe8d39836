"""Settings, read from the environment (``PROPRIETY_*``) once, at start-up.

SQLite or PostgreSQL is just another URL: ``PROPRIETY_DATABASE_URL`` unset means a SQLite
file under ``var/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"


class Settings(BaseSettings):
    """How this installation runs."""

    model_config = SettingsConfigDict(env_prefix="PROPRIETY_", extra="ignore")

    var_dir: Path = Path("var")
    database_url: str | None = None
    environment: Literal["development", "test", "production"] = "development"
    secret_key: str = DEVELOPMENT_SECRET
    secure_cookies: bool = False

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.environment == "production" and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("set PROPRIETY_SECRET_KEY to a long random value before running in production")
        if self.environment == "production" and not self.secure_cookies:
            raise ValueError("set PROPRIETY_SECURE_COOKIES=true in production: cookies must only travel over HTTPS")
        return self

    def resolved_database_url(self) -> str:
        from propriety.adapters.store import default_sqlite_url

        return self.database_url or default_sqlite_url(self.var_dir)
