"""Accounts, sessions, API tokens and each authority's configuration, in the same database as the log.

Only hashes of session ids and API tokens are stored, so a copy of the database does not let
anyone sign in; passwords are argon2 hashes made by the service layer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from propriety.adapters.store.tables import api_tokens, authority_configs, sessions, users


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    username: str
    authority: str
    person: str
    password_hash: str
    failed_attempts: int
    locked_until: str | None


@dataclass(frozen=True, slots=True)
class AuthorityConfig:
    authority: str
    name: str
    organisation_yaml: str
    profile_yaml: str
    updated_at: str


class Accounts:
    """Reads and writes accounts on the unit of work's connection (the caller commits)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # --- authority configuration -----------------------------------------------------------

    def save_config(self, config: AuthorityConfig) -> None:
        self._conn.execute(delete(authority_configs).where(authority_configs.c.authority == config.authority))
        self._conn.execute(
            insert(authority_configs).values(
                authority=config.authority,
                name=config.name,
                organisation_yaml=config.organisation_yaml,
                profile_yaml=config.profile_yaml,
                updated_at=config.updated_at,
            )
        )

    def config(self, authority: str) -> AuthorityConfig | None:
        row = self._conn.execute(select(authority_configs).where(authority_configs.c.authority == authority)).first()
        return AuthorityConfig(**row._mapping) if row else None

    def configs(self) -> list[AuthorityConfig]:
        rows = self._conn.execute(select(authority_configs).order_by(authority_configs.c.authority))
        return [AuthorityConfig(**r._mapping) for r in rows]

    # --- users -----------------------------------------------------------------------------

    def add_user(self, username: str, authority: str, person: str, password_hash: str, created_at: str) -> int:
        result = self._conn.execute(
            insert(users).values(
                username=username,
                authority=authority,
                person=person,
                password_hash=password_hash,
                failed_attempts=0,
                created_at=created_at,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def user_by_name(self, username: str) -> UserRow | None:
        row = self._conn.execute(select(users).where(users.c.username == username)).first()
        return _user(row) if row else None

    def user(self, user_id: int) -> UserRow | None:
        row = self._conn.execute(select(users).where(users.c.id == user_id)).first()
        return _user(row) if row else None

    def users_of(self, authority: str) -> list[UserRow]:
        rows = self._conn.execute(select(users).where(users.c.authority == authority).order_by(users.c.username))
        return [_user(r) for r in rows]

    def set_failures(self, user_id: int, failed_attempts: int, locked_until: str | None) -> None:
        self._conn.execute(
            update(users)
            .where(users.c.id == user_id)
            .values(failed_attempts=failed_attempts, locked_until=locked_until)
        )

    def set_password(self, user_id: int, password_hash: str) -> None:
        self._conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))

    # --- sessions and tokens --------------------------------------------------------------

    def add_session(self, id_hash: str, user_id: int, csrf_token: str, expires_at: str) -> None:
        self._conn.execute(
            insert(sessions).values(id_hash=id_hash, user_id=user_id, csrf_token=csrf_token, expires_at=expires_at)
        )

    def session(self, id_hash: str) -> tuple[int, str, str] | None:
        row = self._conn.execute(select(sessions).where(sessions.c.id_hash == id_hash)).first()
        return (row.user_id, row.csrf_token, row.expires_at) if row else None

    def end_session(self, id_hash: str) -> None:
        self._conn.execute(delete(sessions).where(sessions.c.id_hash == id_hash))

    def add_token(self, token_hash: str, user_id: int, name: str, created_at: str) -> None:
        self._conn.execute(
            insert(api_tokens).values(token_hash=token_hash, user_id=user_id, name=name, created_at=created_at)
        )

    def token_user(self, token_hash: str) -> int | None:
        row = self._conn.execute(select(api_tokens.c.user_id).where(api_tokens.c.token_hash == token_hash)).first()
        return int(row[0]) if row else None


def _user(row: object) -> UserRow:
    m = row._mapping  # type: ignore[attr-defined]
    return UserRow(
        id=m["id"],
        username=m["username"],
        authority=m["authority"],
        person=m["person"],
        password_hash=m["password_hash"],
        failed_attempts=m["failed_attempts"],
        locked_until=m["locked_until"],
    )
