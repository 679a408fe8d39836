"""Audit: the event log as the viewer may see it, and a button that verifies the hash chain.

Positions in the chain are not shown in the list, since gaps would reveal that records the
viewer may not see exist; verification says only whether the chain is intact, and names the
broken row only to the authority's governance officers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from propriety.entrypoints.web.deps import CsrfChecked, CurrentViewer, UnitOfWork
from propriety.entrypoints.web.templating import render

router = APIRouter(tags=["audit"], include_in_schema=False)


def _entries(viewer: CurrentViewer) -> list[tuple[str, datetime, str, str]]:
    rows = []
    for r in viewer.me.records():
        withheld = viewer.me.withheld(r.case)
        for e in r.events:
            by = e.recorded_by or ""
            rows.append((r.case, e.at, e.type, "" if by in withheld else by))
    rows.sort(key=lambda row: row[1], reverse=True)
    return rows


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    return render(request, "audit.html", viewer, "audit", title="Audit", entries=_entries(viewer), result=None)


@router.post("/audit/verify", response_class=HTMLResponse, dependencies=[CsrfChecked])
def verify(request: Request, viewer: CurrentViewer, uow: UnitOfWork) -> HTMLResponse:
    report = uow.events.verify(viewer.context.authority)
    governance = viewer.person in viewer.view.governance(datetime.now(UTC).date())
    result = {"ok": report.ok, "message": report.message if governance else None, "at": datetime.now(UTC)}
    return render(request, "audit.html", viewer, "audit", title="Audit", entries=_entries(viewer), result=result)
