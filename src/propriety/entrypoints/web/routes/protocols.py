"""Protocols: browse packs and clauses, with rules, scenarios, readings and what each clause did here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse

from propriety.entrypoints.protocols_view import clause_dict, coverage_rows
from propriety.entrypoints.web.deps import CurrentViewer
from propriety.entrypoints.web.templating import render
from propriety.protocols.catalogue import PACK_IDS, catalogue, pack_info

router = APIRouter(tags=["protocols"], include_in_schema=False)
SCENARIOS = Path("tests/scenarios")


@cache
def _scenario_counts() -> dict[str, int]:
    return {r["clause"]: r["scenarios"] for r in coverage_rows(SCENARIOS)}


@router.get("/protocols", response_class=HTMLResponse)
def protocols(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    adopted = set(viewer.context.profile.packs)
    packs = [(pack_info(p), p in adopted) for p in PACK_IDS]
    return render(request, "protocols.html", viewer, "protocols", title="Protocols", packs=packs)


@router.get("/protocols/{clause_id:path}", response_class=HTMLResponse)
def clause_page(request: Request, clause_id: str, viewer: CurrentViewer) -> HTMLResponse:
    found = catalogue().get(clause_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    data = clause_dict(found)
    me = viewer.me
    acted = {
        "obligations": [o for o in me.obligations() if clause_id in o["clauses"]],
        "violations": [v for v in me.violations() if clause_id in v["clauses"]],
        "notifications": [n for n in me.notifications() if clause_id in n["clauses"]],
    }
    return render(
        request,
        "clause.html",
        viewer,
        "protocols",
        title=clause_id,
        clause=found,
        data=data,
        acted=acted,
        scenarios=_scenario_counts().get(clause_id, 0),
        adopted=found.pack in viewer.context.profile.packs,
    )
