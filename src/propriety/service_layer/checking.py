"""Run an authority's rules over a stream of events and gather what they imply.

This is the use case behind ``propriety check``, the demo and the scenario tests. Results
are handed to a :class:`Collector` as they arise; closed obligations leave the engine's
memory at once, so a long log costs memory only for what is still open.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

import orjson

from propriety.domain.effects import Audience, Decision, Notification, Outcomes, Violation
from propriety.domain.events import Event
from propriety.domain.organisation import Organisation
from propriety.domain.profile import Profile
from propriety.engine.engine import Engine
from propriety.engine.ledger import Entry

KINDS = ("obligations", "violations", "notifications", "decisions", "audiences")


def violation_dict(v: Violation, event_id: str | None) -> dict[str, Any]:
    return {
        "key": v.key,
        "event_id": event_id,
        "clauses": list(v.clauses),
        "reason": v.reason,
        "responsible": v.responsible,
        "obligation": v.obligation,
    }


def notification_dict(n: Notification, event_id: str) -> dict[str, Any]:
    return {
        "key": n.key,
        "event_id": event_id,
        "recipients": list(n.recipients),
        "about": n.about,
        "clauses": list(n.clauses),
        "reason": n.reason,
    }


def decision_dict(d: Decision, event_id: str | None) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "question": d.question,
        "outcome": d.outcome.value,
        "clauses": list(d.clauses),
        "reason": d.reason,
        "refer_to": list(d.refer_to),
        "conditions": list(d.conditions),
        "pack": d.pack,
    }


def audience_dict(a: Audience) -> dict[str, Any]:
    return {
        "record": a.record,
        "people": sorted(a.people),
        "clauses": list(a.clauses),
        "reason": a.reason,
        "withheld": {name: sorted(people) for name, people in a.withheld},
        "scope": a.scope,
    }


def obligation_dict(entry: Entry, today: date | None) -> dict[str, Any]:
    d = entry.as_dict()
    d["overdue"] = bool(today and entry.overdue(today))
    return d


class Collector:
    """Receives results as the engine produces them. Subclasses decide where they go."""

    def add(self, kind: str, item: dict[str, Any]) -> None:
        raise NotImplementedError


@dataclass
class ListCollector(Collector):
    """Keeps every result in memory: for the demo, the scenario tests and small logs."""

    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def add(self, kind: str, item: dict[str, Any]) -> None:
        self.items[kind].append(item)


class SpillCollector(Collector):
    """Writes results to temporary JSON Lines files, one per kind, so memory stays flat."""

    def __init__(self) -> None:
        self._files: dict[str, IO[bytes]] = {k: tempfile.TemporaryFile() for k in KINDS}  # noqa: SIM115
        self.counts = dict.fromkeys(KINDS, 0)

    def add(self, kind: str, item: dict[str, Any]) -> None:
        self._files[kind].write(orjson.dumps(item) + b"\n")
        self.counts[kind] += 1

    def read(self, kind: str) -> Iterator[bytes]:
        f = self._files[kind]
        f.flush()
        f.seek(0)
        for line in f:
            yield line.rstrip(b"\n")

    def close(self) -> None:
        for f in self._files.values():
            f.close()


class CheckRun:
    """One pass of the rules over a stream of events."""

    def __init__(self, profile: Profile, org: Organisation, collector: Collector) -> None:
        self.collector = collector
        self.today: date | None = None
        self.events = 0
        self.engine = Engine(profile, org, sink=self._closed)

    def _closed(self, entry: Entry) -> None:
        self.collector.add("obligations", obligation_dict(entry, self.today))

    @staticmethod
    def _origin(v: Violation) -> str | None:
        """A missed deadline belongs to the event that opened the obligation."""
        return v.origin

    def feed(self, event: Event) -> Outcomes:
        out, missed, _settled = self.engine.process(event)
        self.today = self.engine.today
        self.events += 1
        add = self.collector.add
        for v in missed:
            add("violations", violation_dict(v, self._origin(v)))
        for v in out.violations:
            add("violations", violation_dict(v, event.id))
        for n in out.notifications:
            add("notifications", notification_dict(n, event.id))
        for d in out.decisions:
            add("decisions", decision_dict(d, event.id))
        for a in out.audiences:
            add("audiences", audience_dict(a))
        return out

    def feed_all(self, events: Iterable[Event], progress: Callable[[int], None] | None = None) -> None:
        for event in events:
            self.feed(event)
            if progress is not None:
                progress(1)

    def finish(self, at: datetime | date | None) -> None:
        """Move the clock to ``at`` and report every obligation still outstanding."""
        if at is not None:
            for v in self.engine.advance_to(at):
                self.collector.add("violations", violation_dict(v, self._origin(v)))
            self.today = self.engine.today
        for entry in self.engine.ledger.outstanding():
            self.collector.add("obligations", obligation_dict(entry, self.today))
