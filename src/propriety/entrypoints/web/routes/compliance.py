"""Compliance: overdue duties and breaches, parity between groups, and how promptly requests are answered.

Built only from what the viewer may see, so the figures themselves leak nothing.
"""

from __future__ import annotations

from statistics import median

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from propriety.domain.events import InformationProvided, InformationRequested
from propriety.domain.parity import parity_report
from propriety.entrypoints.web.deps import CurrentViewer, Viewer
from propriety.entrypoints.web.templating import render

router = APIRouter(tags=["compliance"], include_in_schema=False)


def promptness(viewer: Viewer) -> dict[str, object]:
    """Information requests (islington-2006/4.1(b)): how many, answered on time, working days taken."""
    calendar = viewer.context.profile.calendar
    # On time means the duty the rules opened was met, however many days the authority allows.
    missed = {
        o["subject"]
        for o in viewer.me.obligations()
        if o["key"].startswith("islington-2006/4.1(b)") and o["state"] == "violated"
    }
    taken: list[int] = []
    late = 0
    open_count = 0
    for r in viewer.me.records("information"):
        asked = next((e for e in r.events if isinstance(e, InformationRequested)), None)
        answered = next((e for e in r.events if isinstance(e, InformationProvided)), None)
        if asked is None:
            continue
        if answered is None:
            open_count += 1
            continue
        taken.append(calendar.working_days_between(calendar.received_on(asked.at), calendar.received_on(answered.at)))
        late += asked.request in missed
    on_time = len(taken) - late
    return {
        "answered": len(taken),
        "open": open_count,
        "on_time": on_time,
        "median": median(taken) if taken else None,
        "share": round(100 * on_time / len(taken)) if taken else None,
    }


@router.get("/compliance", response_class=HTMLResponse)
def compliance(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    me = viewer.me
    overdue = sorted((o for o in me.obligations() if o["overdue"]), key=lambda o: o["due"])
    events = [e for r in me.records("briefing") for e in r.events]
    events.sort(key=lambda e: e.at)
    groups = list(viewer.context.org.groups())
    matters = parity_report(events, [g.id for g in groups], viewer.context.profile.calendar.timezone)
    return render(
        request,
        "compliance.html",
        viewer,
        "compliance",
        title="Compliance",
        overdue=overdue,
        violations=me.violations(),
        matters=matters,
        groups=groups,
        promptness=promptness(viewer),
    )
