"""How a protocol pack declares its rules.

A rule is a small function named after the provision it encodes. It is registered with the
event types it reacts to and the clause ids it implements, reads only the event and the
:class:`RuleContext` (organisation, calendar, parameters, open cases), and yields effects.
Rules never touch the database: that keeps them replayable and testable as data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from propriety.domain.calendar import WorkingDayCalendar
from propriety.domain.effects import Effect
from propriety.domain.events import Event
from propriety.domain.organisation import Organisation
from propriety.domain.parameters import ParameterSet
from propriety.domain.recurrence import Period, Recurrence


class LedgerView(Protocol):
    """What a rule may read of the engine's state: open obligations and open cases."""

    def is_open(self, key: str) -> bool: ...

    def case(self, case: str) -> Mapping[str, Any] | None: ...


@dataclass(slots=True)
class RuleContext:
    """Everything a rule may consult besides the event itself."""

    org: Organisation
    calendar: WorkingDayCalendar
    params: ParameterSet
    ledger: LedgerView
    on: date
    pack: str = ""

    def param(self, name: str) -> Any:
        """This pack's parameter ``name`` as in force on the event's date."""
        return self.params.value(self.pack, name, self.on)


RuleFunction = Callable[[Any, RuleContext], Iterable[Effect]]
PeriodFunction = Callable[[Period, RuleContext], Iterable[Effect]]
RecurrenceFunction = Callable[[RuleContext], Recurrence]


@dataclass(frozen=True, slots=True)
class RecurringRule:
    """A duty the calendar opens: ``fn`` runs once for each period of ``recurrence``."""

    name: str
    pack: str
    clauses: tuple[str, ...]
    recurrence: RecurrenceFunction
    fn: PeriodFunction
    doc: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: what it reacts to, what it implements, and the function itself."""

    name: str
    pack: str
    clauses: tuple[str, ...]
    on: tuple[str, ...]
    fn: RuleFunction
    question: str | None = None
    doc: str = ""
    aspect: str | None = None


@dataclass
class Pack:
    """One source protocol's rules, named by its pack id (e.g. ``islington-2006``)."""

    id: str
    rules: list[Rule] = field(default_factory=list)
    recurring_rules: list[RecurringRule] = field(default_factory=list)

    def rule(
        self,
        *,
        on: type[Event] | tuple[type[Event], ...],
        clauses: Iterable[str],
        question: str | None = None,
        aspect: str | None = None,
    ) -> Callable[[RuleFunction], RuleFunction]:
        """Register the decorated function as a rule of this pack.

        A rule that answers a "may I?" ``question`` may declare the ``aspect`` of it that
        some of its decisions speak to (those decisions carry the same ``aspect``). Two
        adopted packs declaring the same aspect can disagree, so a profile adopting both must
        say which prevails; answers without an aspect only add requirements, which accumulate.
        """
        types = on if isinstance(on, tuple) else (on,)
        cited = tuple(clauses)
        for clause in cited:
            if not clause.startswith(self.id + "/"):
                raise ValueError(f"rule in pack {self.id} cites {clause}, a clause of another pack")

        def register(fn: RuleFunction) -> RuleFunction:
            self.rules.append(
                Rule(
                    name=fn.__name__,
                    pack=self.id,
                    clauses=cited,
                    on=tuple(t.model_fields["type"].default for t in types),
                    fn=fn,
                    question=question,
                    aspect=aspect,
                    doc=(fn.__doc__ or "").strip(),
                )
            )
            return fn

        return register

    def recurring(
        self, *, clauses: Iterable[str], recurrence: RecurrenceFunction
    ) -> Callable[[PeriodFunction], PeriodFunction]:
        """Register a duty the engine opens at the start of every period of ``recurrence``."""
        cited = tuple(clauses)

        def register(fn: PeriodFunction) -> PeriodFunction:
            self.recurring_rules.append(
                RecurringRule(fn.__name__, self.id, cited, recurrence, fn, (fn.__doc__ or "").strip())
            )
            return fn

        return register

    def questions(self) -> set[str]:
        """The "may I?" questions this pack answers."""
        return {r.question for r in self.rules if r.question}

    def contested(self) -> set[tuple[str, str]]:
        """The (question, aspect) pairs this pack answers, where another pack may answer differently."""
        return {(r.question, r.aspect) for r in self.rules if r.question and r.aspect}
