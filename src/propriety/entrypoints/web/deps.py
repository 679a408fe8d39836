"""Dependencies every page and endpoint shares: the unit of work, the signed-in person, their view.

Pages and the API authenticate differently (a session cookie; a bearer token) but then go
through the same services and the same need-to-know filter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from itsdangerous import BadSignature, URLSafeTimedSerializer

from propriety.adapters.store import SqlUnitOfWork
from propriety.adapters.store.accounts import UserRow
from propriety.bootstrap import App
from propriety.service_layer import accounts
from propriety.service_layer.authority import AuthorityContext, load_context
from propriety.service_layer.records import AuthorityView, PersonalView, authority_view

COOKIE = "propriety_session"


def get_app(request: Request) -> App:
    app: App = request.app.state.propriety
    return app


def signer(app: App) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(app.settings.secret_key, salt="propriety-session")


def get_uow(app: Annotated[App, Depends(get_app)]) -> Iterator[SqlUnitOfWork]:
    with app.uow() as uow:
        yield uow


UnitOfWork = Annotated[SqlUnitOfWork, Depends(get_uow)]


class NotSignedIn(Exception):
    """Raised for a page that needs a signed-in person; the app redirects to sign in."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in person, their authority and what they may see."""

    user: UserRow
    csrf_token: str
    context: AuthorityContext
    view: AuthorityView
    me: PersonalView

    @property
    def person(self) -> str:
        return self.user.person

    @property
    def name(self) -> str:
        return self.context.org.person(self.user.person).name


def _viewer(uow: SqlUnitOfWork, user: UserRow, csrf: str) -> Viewer:
    context = load_context(uow, user.authority)
    view = authority_view(uow, context, datetime.now(UTC))
    return Viewer(user, csrf, context, view, view.for_person(user.person))


def session_secret(request: Request, app: App) -> str | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        secret: str = signer(app).loads(raw, max_age=int(accounts.SESSION_LIFETIME.total_seconds()))
    except BadSignature:
        return None
    return secret


def current_viewer(request: Request, uow: UnitOfWork, app: Annotated[App, Depends(get_app)]) -> Viewer:
    secret = session_secret(request, app)
    found = accounts.session_user(uow, secret) if secret else None
    if found is None:
        raise NotSignedIn()
    return _viewer(uow, *found)


def api_viewer(request: Request, uow: UnitOfWork) -> Viewer:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    user = accounts.token_user(uow, token.strip()) if scheme.lower() == "bearer" and token else None
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Send an API token as 'Authorization: Bearer <token>'. Tokens are issued on your account page.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return _viewer(uow, user, "")


CurrentViewer = Annotated[Viewer, Depends(current_viewer)]
ApiViewer = Annotated[Viewer, Depends(api_viewer)]


async def check_csrf(request: Request, viewer: CurrentViewer) -> None:
    """Every form carries the session's CSRF token; a missing or wrong one is refused."""
    form = await request.form()
    if form.get("csrf_token") != viewer.csrf_token:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This form has expired. Go back, reload the page and try again.")


CsrfChecked = Depends(check_csrf)
