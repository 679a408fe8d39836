"""The docs describe the code as it is."""

from __future__ import annotations

from pathlib import Path

from propriety.entrypoints.eventdoc import events_markdown

DOCS = Path(__file__).parents[2] / "docs"


def test_the_event_schema_page_matches_the_event_classes() -> None:
    written = (DOCS / "events.md").read_text("utf-8")
    assert written == events_markdown(), (
        "docs/events.md is stale: run `propriety schema events --markdown > docs/events.md`"
    )
