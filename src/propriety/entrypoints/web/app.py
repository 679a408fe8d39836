"""The FastAPI application: pages under /, the JSON API under /api, and its OpenAPI document.

``create_app`` assembles everything from settings; nothing is created at import time.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from propriety.bootstrap import App, bootstrap
from propriety.config import Settings
from propriety.entrypoints.web.deps import NotSignedIn
from propriety.entrypoints.web.routes import (
    api,
    audit,
    auth,
    complaints,
    compliance,
    mayi,
    pages,
    protocols,
    registers,
    requests,
)
from propriety.entrypoints.web.templating import templates

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, app: App | None = None) -> FastAPI:
    """Build the web application on the database the settings name."""
    propriety = app or bootstrap(settings)
    web = FastAPI(
        title="Propriety",
        description="A council's member/officer protocols, made to run. Every decision cites its clauses.",
        version="0.1.0",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    web.state.propriety = propriety
    web.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    web.mount("/assets", StaticFiles(directory=STATIC / "assets", check_dir=False), name="assets")
    for router in (
        auth.router,
        pages.router,
        requests.router,
        complaints.router,
        registers.router,
        mayi.router,
        protocols.router,
        compliance.router,
        audit.router,
        api.router,
    ):
        web.include_router(router)

    @web.exception_handler(NotSignedIn)
    async def _sign_in_first(request: Request, exc: NotSignedIn) -> RedirectResponse:
        if request.url.path.startswith("/api/"):
            return RedirectResponse("/api/docs", status_code=303)
        return RedirectResponse(f"/sign-in?next={request.url.path}", status_code=303)

    @web.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        if request.url.path.startswith("/api/"):
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)  # type: ignore[return-value]
        titles = {404: "Page not found", 403: "You cannot do that", 401: "Sign in first"}
        return templates.TemplateResponse(
            request,
            "error.html",
            {
                "viewer": None,
                "section": "",
                "title": titles.get(exc.status_code, "Something went wrong"),
                "message": exc.detail,
                "status": exc.status_code,
            },
            status_code=exc.status_code,
        )

    return web
