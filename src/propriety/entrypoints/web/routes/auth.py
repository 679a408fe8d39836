"""Signing in and out. Sessions live server-side; the cookie holds a signed random id."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from propriety.bootstrap import App
from propriety.entrypoints.web.deps import COOKIE, UnitOfWork, get_app, session_secret, signer
from propriety.entrypoints.web.templating import render
from propriety.service_layer import accounts

router = APIRouter(tags=["sign-in"])
PRE_CSRF = "propriety_signin_csrf"


def _safe_next(target: str | None) -> str:
    # Only ever redirect within this site.
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/sign-in", response_class=HTMLResponse, include_in_schema=False)
def sign_in_page(request: Request, next: str | None = None) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "sign_in.html", None, "", title="Sign in", csrf=token, next=_safe_next(next), errors={})
    response.set_cookie(PRE_CSRF, token, httponly=True, samesite="strict", max_age=3600)
    return response


@router.post("/sign-in", include_in_schema=False)
def sign_in(
    request: Request,
    uow: UnitOfWork,
    app: Annotated[App, Depends(get_app)],
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    if not csrf_token or csrf_token != request.cookies.get(PRE_CSRF):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This form has expired. Reload the page and sign in again.")
    errors = {}
    if not username.strip():
        errors["username"] = "Enter your username"
    if not password:
        errors["password"] = "Enter your password"
    if not errors:
        try:
            user = accounts.sign_in(uow, username, password)
        except accounts.SignInRefused as refused:
            errors["username"] = str(refused)
    if errors:
        return render(
            request,
            "sign_in.html",
            None,
            "",
            title="Sign in",
            csrf=csrf_token,
            next=_safe_next(next),
            errors=errors,
            username=username,
            status_code=400,
        )
    session = accounts.start_session(uow, user)
    uow.commit()
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        signer(app).dumps(session.secret),
        httponly=True,
        samesite="lax",
        secure=app.settings.secure_cookies,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
    )
    response.delete_cookie(PRE_CSRF)
    return response


@router.post("/sign-out", include_in_schema=False)
def sign_out(request: Request, uow: UnitOfWork, app: Annotated[App, Depends(get_app)]) -> Response:
    secret = session_secret(request, app)
    if secret:
        accounts.end_session(uow, secret)
        uow.commit()
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(COOKIE)
    return response
