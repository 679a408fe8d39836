"""Signing in and out, sessions, API tokens, and the temporary lockout after repeated failures.

Passwords are hashed with argon2. A session id and an API token are random secrets that are
only ever stored as sha256 hashes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from propriety.adapters.store import SqlUnitOfWork
from propriety.adapters.store.accounts import UserRow

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)

_hasher = PasswordHasher()


class SignInRefused(Exception):
    """Sign-in failed; the message is safe to show (it never says whether the username exists)."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def create_user(uow: SqlUnitOfWork, username: str, authority: str, person: str, password: str) -> int:
    return uow.accounts.add_user(username, authority, person, hash_password(password), _now().isoformat())


def sign_in(uow: SqlUnitOfWork, username: str, password: str, now: datetime | None = None) -> UserRow:
    """Check a password; after :data:`MAX_FAILURES` failures the account is locked for :data:`LOCKOUT`."""
    now = now or _now()
    user = uow.accounts.user_by_name(username.strip())
    generic = "The username or password is not right. Check them and try again."
    if user is None:
        # Spend the same effort as a real check, so timing does not reveal which usernames exist.
        _hasher.hash(password)
        raise SignInRefused(generic)
    if user.locked_until and datetime.fromisoformat(user.locked_until) > now:
        raise SignInRefused(
            "This account is locked for a short while after too many failed attempts. Try again in 15 minutes."
        )
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        failures = user.failed_attempts + 1
        locked = (now + LOCKOUT).isoformat() if failures >= MAX_FAILURES else None
        uow.accounts.set_failures(user.id, 0 if locked else failures, locked)
        uow.commit()
        if locked:
            raise SignInRefused(
                "Too many failed attempts: this account is locked for 15 minutes. Try again later."
            ) from None
        raise SignInRefused(generic) from None
    if user.failed_attempts or user.locked_until:
        uow.accounts.set_failures(user.id, 0, None)
    if _hasher.check_needs_rehash(user.password_hash):
        uow.accounts.set_password(user.id, hash_password(password))
    return user


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in session: the secret for the cookie and its CSRF token."""

    secret: str
    csrf_token: str
    expires_at: datetime


def start_session(uow: SqlUnitOfWork, user: UserRow, now: datetime | None = None) -> Session:
    now = now or _now()
    secret = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    expires = now + SESSION_LIFETIME
    uow.accounts.add_session(_digest(secret), user.id, csrf, expires.isoformat())
    return Session(secret, csrf, expires)


def session_user(uow: SqlUnitOfWork, secret: str, now: datetime | None = None) -> tuple[UserRow, str] | None:
    """The user and CSRF token of a live session, or None when it is unknown or has expired."""
    now = now or _now()
    found = uow.accounts.session(_digest(secret))
    if found is None:
        return None
    user_id, csrf, expires_at = found
    if datetime.fromisoformat(expires_at) <= now:
        uow.accounts.end_session(_digest(secret))
        uow.commit()
        return None
    user = uow.accounts.user(user_id)
    return (user, csrf) if user else None


def end_session(uow: SqlUnitOfWork, secret: str) -> None:
    uow.accounts.end_session(_digest(secret))


def issue_api_token(uow: SqlUnitOfWork, user: UserRow, name: str) -> str:
    """A new API token for programs; shown once, stored only as a hash."""
    token = "prp_" + secrets.token_urlsafe(32)
    uow.accounts.add_token(_digest(token), user.id, name, _now().isoformat())
    return token


def token_user(uow: SqlUnitOfWork, token: str) -> UserRow | None:
    user_id = uow.accounts.token_user(_digest(token))
    return uow.accounts.user(user_id) if user_id is not None else None
