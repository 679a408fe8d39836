"""My work and Notices: what the signed-in person must do, waits on, and was sent."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from propriety.entrypoints.web.deps import CurrentViewer
from propriety.entrypoints.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


def _outstanding(o: dict[str, object]) -> bool:
    return o["state"] in ("active", "violated") and not o["done_late_on"]


@router.get("/", response_class=HTMLResponse)
def my_work(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    """What I must do, by due date with overdue first, and what I am waiting on."""
    mine = [o for o in viewer.me.obligations() if _outstanding(o)]
    to_do = sorted((o for o in mine if o["holder"] == viewer.person), key=lambda o: (not o["overdue"], o["due"]))
    waiting = sorted((o for o in mine if o.get("beneficiary") == viewer.person), key=lambda o: o["due"])
    return render(
        request,
        "my_work.html",
        viewer,
        "my-work",
        title="My work",
        to_do=to_do,
        waiting=waiting,
        today=datetime.now(UTC).date(),
    )


@router.get("/notices", response_class=HTMLResponse)
def notices(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    """What I was sent, and why, with the clauses that required it."""
    sent = list(reversed(viewer.me.notices_to_me()))
    return render(request, "notices.html", viewer, "notices", title="Notices", notices=sent)
