"""Events only pack ``ce-groups-2009`` reacts to. Shared events live in :mod:`propriety.domain.events.core`."""

from __future__ import annotations

from propriety.domain.events.base import Event

EVENTS: tuple[type[Event], ...] = ()
