"""Jinja2 templates and the helpers they use (names, dates, clause links)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from propriety.domain.organisation import UnknownReference
from propriety.entrypoints.web.deps import Viewer

LONDON = ZoneInfo("Europe/London")
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

NAV = (
    ("my-work", "My work", "/"),
    ("requests", "Requests", "/requests"),
    ("complaints", "Complaints", "/complaints"),
    ("registers", "Registers", "/registers"),
    ("notices", "Notices", "/notices"),
    ("may-i", "May I?", "/may-i"),
    ("protocols", "Protocols", "/protocols"),
    ("compliance", "Compliance", "/compliance"),
    ("audit", "Audit", "/audit"),
)


def long_date(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            # Councils work in local time; the log keeps the offset it was given.
            value = value.astimezone(LONDON)
        return f"{value.day} {value:%B %Y, %H:%M}"
    return f"{value.day} {value:%B %Y}"


templates.env.filters["long_date"] = long_date
templates.env.globals["NAV"] = NAV


def render(request: Request, name: str, viewer: Viewer | None, section: str, **context: Any) -> HTMLResponse:
    """Render a page for ``viewer``; every template gets the viewer, the section and a name lookup."""

    def person(pid: str | None) -> str:
        if not pid or viewer is None:
            return pid or ""
        try:
            return viewer.context.org.person(pid).name
        except UnknownReference:
            return pid

    status_code = int(context.pop("status_code", 200))
    return templates.TemplateResponse(
        request, name, {"viewer": viewer, "section": section, "person": person, **context}, status_code=status_code
    )
