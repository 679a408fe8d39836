"""Events only pack ``islington-2006`` reacts to. Shared events live in :mod:`propriety.domain.events.core`."""

from __future__ import annotations

from propriety.domain.events.base import Event

EVENTS: tuple[type[Event], ...] = ()
