"""The event schema as Markdown (docs/events.md is this output; a test keeps them equal)."""

from __future__ import annotations

from propriety.domain.events import EVENT_CLASSES, Event

HEADER = """# The event log

Propriety's record is a log of events, one JSON object per line (JSON Lines). Each event is a fact, named
in the past tense. The JSON Schema is published by `propriety schema events`; this page is generated
from the same classes by `propriety schema events --markdown`.

Every event has these fields:

| field | meaning |
|---|---|
| `id` | unique within the authority's log |
| `type` | one of the types below |
| `at` | when it happened: ISO 8601 with a UTC offset, e.g. `2026-03-02T10:00:00+00:00` |
| `authority` | the authority it belongs to (optional in a file checked against one profile) |
| `recorded_by` | the person who recorded it (optional) |

A "may I?" question is one of these events, run through the rules and never stored.

"""


def events_markdown() -> str:
    lines = [HEADER]
    base = set(Event.model_fields)
    for cls in sorted(EVENT_CLASSES, key=lambda c: c.__name__):
        doc = " ".join((cls.__doc__ or "").split())
        lines.append(f"## {cls.__name__}\n\n{doc}\n")
        own = [(name, info) for name, info in cls.model_fields.items() if name not in base]
        if own:
            lines.append("| field | required | description |\n|---|---|---|")
            for name, info in own:
                required = "yes" if info.is_required() else "no"
                lines.append(f"| `{name}` | {required} | {info.description or ''} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
