"""The facts Propriety records: one class per kind of event, named in the past tense.

Shared events are in :mod:`.core`; events only one pack reacts to sit in that pack's module
(:mod:`.islington_2006` and so on). This package assembles them into one discriminated union,
from which the JSON Lines form is validated and the published JSON Schema generated.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from propriety.domain.events import (
    ce_groups_2009,
    core,
    islington_2006,
    lc_groups_2019,
    lc_member_officer_2019,
    officers_groups,
)
from propriety.domain.events.base import ClauseId, Event, Id, OthersPresent, PersonId
from propriety.domain.events.core import *  # noqa: F403  (the shared events are the package's own names)

EVENT_CLASSES: tuple[type[Event], ...] = (
    *core.EVENTS,
    *lc_groups_2019.EVENTS,
    *officers_groups.EVENTS,
    *ce_groups_2009.EVENTS,
    *lc_member_officer_2019.EVENTS,
    *islington_2006.EVENTS,
)
EVENT_TYPES: dict[str, type[Event]] = {cls.model_fields["type"].default: cls for cls in EVENT_CLASSES}
if len(EVENT_TYPES) != len(EVENT_CLASSES):  # pragma: no cover - a programming error caught at import
    raise RuntimeError("two event classes share a type name")

AnyEvent = Annotated[Union[EVENT_CLASSES], Field(discriminator="type")]  # type: ignore[valid-type]  # noqa: UP007
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(AnyEvent)


def parse_event(data: dict[str, Any]) -> Event:
    """Validate one event given as a mapping; raises pydantic.ValidationError."""
    return EVENT_ADAPTER.validate_python(data)


def parse_event_json(line: str | bytes) -> Event:
    """Validate one JSON Lines row."""
    return EVENT_ADAPTER.validate_json(line)


def event_json_schema() -> dict[str, Any]:
    """The published JSON Schema of one line of the event log."""
    schema = EVENT_ADAPTER.json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Propriety event"
    schema["description"] = "One line of a Propriety event log (JSON Lines)."
    return schema


def event_record(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready mapping (the form the log stores), without empty defaults."""
    return event.model_dump(mode="json", exclude_none=True)


__all__ = [
    "EVENT_ADAPTER",
    "EVENT_CLASSES",
    "EVENT_TYPES",
    "AnyEvent",
    "ClauseId",
    "Event",
    "Id",
    "OthersPresent",
    "PersonId",
    "event_json_schema",
    "event_record",
    "parse_event",
    "parse_event_json",
    *(cls.__name__ for cls in core.EVENTS),
]
