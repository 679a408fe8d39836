"""The ledger: obligations over time, and the open cases rules keep notes on.

An obligation is opened by one event and then follows a state machine:

* ``active`` → ``fulfilled`` when a matching event (or a rule) settles it;
* ``active`` → ``violated`` when the clock passes its due date with the duty undone —
  it stays outstanding, and doing it late records when;
* ``active`` → ``discharged`` when someone waives it, recording by whom and why;
* ``active`` → ``cancelled`` when the case it belongs to ends another way.

Only outstanding obligations are held in memory; closed ones are handed to a sink as they
close, so memory grows with what is open, not with the length of the log.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from propriety.domain.effects import Match, Obligation, ObligationState, Violation


@dataclass(slots=True)
class Entry:
    """An obligation together with its current state and history."""

    obligation: Obligation
    opened_by: str
    opened_on: date
    state: ObligationState = ObligationState.ACTIVE
    closed_by: str | None = None
    closed_on: date | None = None
    note: str | None = None
    done_late_on: date | None = None

    @property
    def key(self) -> str:
        return self.obligation.key

    @property
    def outstanding(self) -> bool:
        """Still owed: active, or violated and not yet done."""
        return self.state is ObligationState.ACTIVE or (
            self.state is ObligationState.VIOLATED and self.done_late_on is None
        )

    def overdue(self, today: date) -> bool:
        """Owed and past its due date as of ``today``."""
        return self.outstanding and today > self.obligation.due

    def as_dict(self) -> dict[str, Any]:
        ob = self.obligation
        return {
            "key": ob.key,
            "holder": ob.holder,
            "duty": ob.duty,
            "due": ob.due.isoformat(),
            "state": self.state.value,
            "clauses": list(ob.clauses),
            "reason": ob.reason,
            "subject": ob.subject,
            "beneficiary": ob.beneficiary,
            "opened_by": self.opened_by,
            "opened_on": self.opened_on.isoformat(),
            "closed_by": self.closed_by,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "done_late_on": self.done_late_on.isoformat() if self.done_late_on else None,
            "note": self.note,
            "fulfilled_by": [m.as_dict() for m in ob.fulfilled_by],
        }


Sink = Callable[[Entry], None]


# Fields that name one case; indexing on them keeps the candidates for an event to a handful.
SELECTIVE = ("request", "complaint", "matter", "briefing", "meeting", "case", "material", "obligation", "visit")


def _index_key(match: Match) -> tuple[str, str | None, Any]:
    """Index a match on its most selective field, so an event only looks at duties about its case."""
    if match.where:
        fields = dict(match.where)
        name = next((f for f in SELECTIVE if f in fields and not isinstance(fields[f], bool)), match.where[0][0])
        return (match.type, name, fields[name])
    return (match.type, None, None)


class Ledger:
    """Open obligations indexed for settling by event, and a heap of their deadlines."""

    def __init__(self, sink: Sink | None = None) -> None:
        self._open: dict[str, Entry] = {}
        self._index: dict[tuple[str, str | None, Any], set[str]] = {}
        self._fields: dict[str, dict[str | None, int]] = {}
        self._deadlines: list[tuple[date, str]] = []
        self._cases: dict[str, dict[str, Any]] = {}
        self._closed: list[Entry] = []
        self._sink: Sink = sink if sink is not None else self._closed.append

    # --- reading -------------------------------------------------------------------------

    def is_open(self, key: str) -> bool:
        return key in self._open

    def get(self, key: str) -> Entry | None:
        return self._open.get(key)

    def case(self, case: str) -> Mapping[str, Any] | None:
        return self._cases.get(case)

    def outstanding(self) -> list[Entry]:
        return sorted(self._open.values(), key=lambda e: (e.obligation.due, e.key))

    def closed(self) -> list[Entry]:
        """Closed obligations, when no other sink was given."""
        return list(self._closed)

    def open_count(self) -> int:
        return len(self._open)

    def case_count(self) -> int:
        return len(self._cases)

    # --- changing ------------------------------------------------------------------------

    def open(self, obligation: Obligation, event_id: str, on: date) -> bool:
        """Open an obligation; one already open with the same key is left as it is."""
        if obligation.key in self._open:
            return False
        self._open[obligation.key] = Entry(obligation, event_id, on)
        for match in obligation.fulfilled_by:
            ik = _index_key(match)
            self._index.setdefault(ik, set()).add(obligation.key)
            counts = self._fields.setdefault(match.type, {})
            counts[ik[1]] = counts.get(ik[1], 0) + 1
        heapq.heappush(self._deadlines, (obligation.due, obligation.key))
        return True

    def remember(self, case: str, facts: Mapping[str, Any], forget: bool) -> None:
        if forget:
            self._cases.pop(case, None)
        else:
            self._cases.setdefault(case, {}).update(facts)

    def settle_matching(self, event: Any, on: date) -> list[Entry]:
        """Fulfil every outstanding obligation that ``event`` matches."""
        fields = self._fields.get(event.type)
        if not fields:
            return []
        candidates: set[str] = set()
        for name in fields:
            if name is None:
                candidates |= self._index.get((event.type, None, None), set())
                continue
            value = getattr(event, name, None)
            values = value if isinstance(value, list | tuple) else (value,)
            for v in values:
                candidates |= self._index.get((event.type, name, v), set())
        settled = []
        for key in sorted(candidates):
            entry = self._open[key]
            if any(m.matches(event) for m in entry.obligation.fulfilled_by):
                settled.append(self._close(entry, ObligationState.FULFILLED, event.id, on, None))
        return settled

    def settle(self, key: str, state: ObligationState, event_id: str, on: date, note: str | None) -> Entry | None:
        entry = self._open.get(key)
        if entry is None:
            return None
        return self._close(entry, state, event_id, on, note)

    def advance(self, today: date) -> list[Violation]:
        """Mark every active obligation whose due date is before ``today`` as violated."""
        violations: list[Violation] = []
        heap = self._deadlines
        while heap and heap[0][0] < today:
            due, key = heapq.heappop(heap)
            entry = self._open.get(key)
            if entry is None or entry.state is not ObligationState.ACTIVE or entry.obligation.due != due:
                continue
            entry.state = ObligationState.VIOLATED
            ob = entry.obligation
            violations.append(
                Violation(
                    key=f"{ob.key}:missed",
                    clauses=ob.clauses,
                    reason=f"Not done by {ob.due.isoformat()}: {ob.duty}.",
                    responsible=ob.holder,
                    obligation=ob.key,
                    origin=entry.opened_by,
                )
            )
        return violations

    def _close(self, entry: Entry, state: ObligationState, event_id: str, on: date, note: str | None) -> Entry:
        if entry.state is ObligationState.VIOLATED:
            # The breach stands whatever happens next: done late is recorded as such, and a
            # duty waived or cancelled after its deadline stays a violation, with the note.
            if state is ObligationState.FULFILLED:
                entry.done_late_on = on
        else:
            entry.state = state
        entry.closed_by = event_id
        entry.closed_on = on
        entry.note = note
        self._drop(entry)
        self._sink(entry)
        return entry

    def _drop(self, entry: Entry) -> None:
        del self._open[entry.key]
        for match in entry.obligation.fulfilled_by:
            ik = _index_key(match)
            keys = self._index.get(ik)
            if keys is not None:
                keys.discard(entry.key)
                if not keys:
                    del self._index[ik]
            counts = self._fields[match.type]
            counts[ik[1]] -= 1
            if counts[ik[1]] == 0:
                del counts[ik[1]]
                if not counts:
                    del self._fields[match.type]
