"""Turning a submitted form into an event, with errors a person can act on."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from propriety.domain.events import Event, parse_event
from propriety.entrypoints.web.deps import Viewer
from propriety.service_layer.services import record_in

LABELS = {
    "asked": "Choose the chief officer you are asking",
    "subject": "Say what information you need",
    "new_date": "Enter the new date as day, month and year",
    "reason": "Say why the answer will be late",
    "group": "Choose the group",
    "matter": "Say what the matter is",
}


def new_id(prefix: str) -> str:
    return f"{prefix}-{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(3)}"


def build_event(viewer: Viewer, data: dict[str, Any]) -> tuple[Event | None, dict[str, str]]:
    """Validate ``data`` as an event recorded by the viewer now; returns the event or field errors."""
    data = {
        "id": new_id("web"),
        "at": datetime.now(UTC).isoformat(),
        "authority": viewer.context.authority,
        "recorded_by": viewer.person,
        **data,
    }
    try:
        return parse_event(data), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for e in exc.errors(include_url=False):
            field = next((str(p) for p in reversed(e["loc"]) if isinstance(p, str) and p[:1].islower()), "form")
            errors.setdefault(field, LABELS.get(field, f"Check this answer: {e['msg'].lower()}"))
        return None, errors


def record(viewer: Viewer, uow: Any, event: Event) -> None:
    """Record the event and rebuild the ledger in the request's unit of work, then commit."""
    record_in(uow, viewer.context.org, viewer.context.profile, [event])
    uow.commit()
