"""What the engine concludes from an event: the effects a rule may produce.

Five kinds, each naming the clause ids that cause it and a plain-English reason:

* :class:`Obligation` — somebody owes something by a date (e.g. islington-2006/4.1(b));
* :class:`Notification` — somebody must be told or copied in (e.g. officers-groups/9);
* :class:`Decision` — the answer to "may I?": permit, deny or refer, with conditions;
* :class:`Violation` — an act, or a missed deadline, that breaks a clause;
* :class:`Audience` — who may see a record (need-to-know, e.g. 13.confidentiality).

Effects are immutable values; the ledger (``propriety.engine.ledger``) tracks the state of
obligations over time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class ObligationState(StrEnum):
    """Where an obligation stands. ``overdue`` is not a state: it is read off the clock."""

    ACTIVE = "active"
    FULFILLED = "fulfilled"
    VIOLATED = "violated"
    DISCHARGED = "discharged"
    CANCELLED = "cancelled"


class Outcome(StrEnum):
    """The three answers a decision can give. Order matters: later is more restrictive."""

    PERMIT = "permit"
    REFER = "refer"
    DENY = "deny"


RESTRICTIVENESS = {Outcome.PERMIT: 0, Outcome.REFER: 1, Outcome.DENY: 2}


@dataclass(frozen=True, slots=True)
class Match:
    """A later event that settles an obligation: its type and the field values it must carry.

    A field whose event value is a list matches when it contains the wanted value, so a
    briefing given to several groups at once settles each group's offer.
    """

    type: str
    where: tuple[tuple[str, Any], ...] = ()

    def matches(self, event: Any) -> bool:
        if event.type != self.type:
            return False
        for name, wanted in self.where:
            value = getattr(event, name, None)
            if isinstance(value, list | tuple | frozenset | set):
                if wanted not in value:
                    return False
            elif value != wanted:
                return False
        return True

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "where": dict(self.where)}


def on(type_: str, **where: Any) -> Match:
    """Shorthand for a :class:`Match`: ``on("InformationProvided", request="R1")``."""
    return Match(type_, tuple(sorted(where.items())))


@dataclass(frozen=True, slots=True)
class Obligation:
    """A duty owed by ``holder``: ``duty`` by ``due``, settled by any event in ``fulfilled_by``.

    ``key`` identifies the duty for the life of the case, so a later rule can cancel or
    replace it and a replay produces the same key.
    """

    key: str
    holder: str | None
    duty: str
    due: date
    clauses: tuple[str, ...]
    reason: str
    fulfilled_by: tuple[Match, ...] = ()
    subject: str | None = None
    beneficiary: str | None = None


@dataclass(frozen=True, slots=True)
class Notification:
    """People who must be told of, or copied into, something; resolved from the organisation."""

    key: str
    recipients: tuple[str, ...]
    about: str
    clauses: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer to a question such as "may this officer attend the group meeting?".

    ``question`` names the question so the engine can combine the answers of several
    rules and packs; ``refer_to`` says whose call it is when the outcome is ``refer``.
    ``aspect`` names the part of the question a rule speaks to (e.g. ``others-present``):
    two packs conflict only when they answer the same aspect differently, so a profile's
    precedence settles that aspect and leaves every other requirement standing.
    """

    question: str
    outcome: Outcome
    clauses: tuple[str, ...]
    reason: str
    refer_to: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    pack: str = ""
    aspect: str | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """A breach: an act a clause forbids, or a deadline that passed with the duty undone.

    For a missed deadline, ``origin`` is the event that opened the duty.
    """

    key: str
    clauses: tuple[str, ...]
    reason: str
    responsible: str | None = None
    obligation: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Audience:
    """Who may see a record, and from whom parts of it are withheld.

    ``withheld`` pairs a field of the record with the people who may see the record but
    not that field — e.g. a complainant's identity hidden from the person complained about.
    ``scope`` is ``case`` when the audience is for the whole case the event belongs to, or
    ``event`` when it lets people see this one event only (a witness sees their own interview,
    not the complaint file).
    """

    record: str
    people: frozenset[str]
    clauses: tuple[str, ...]
    reason: str
    withheld: tuple[tuple[str, frozenset[str]], ...] = ()
    scope: str = "case"


@dataclass(frozen=True, slots=True)
class Remember:
    """Facts a rule keeps about an open case so that a later event's rule can read them.

    The engine holds these only while the case is open (``forget=True`` closes it), so its
    memory grows with open cases, not with the length of the log.
    """

    case: str
    facts: tuple[tuple[str, Any], ...] = ()
    forget: bool = False


@dataclass(frozen=True, slots=True)
class Settle:
    """A rule's instruction to close an open obligation now (fulfil, cancel or discharge)."""

    key: str
    state: ObligationState
    reason: str
    by: str | None = None


Effect = Obligation | Notification | Decision | Violation | Audience | Settle | Remember


@dataclass(slots=True)
class Outcomes:
    """Everything one event produced, in the order the rules produced it."""

    event_id: str
    obligations: list[Obligation] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    audiences: list[Audience] = field(default_factory=list)
    settles: list[Settle] = field(default_factory=list)
    memories: list[Remember] = field(default_factory=list)

    def add(self, effect: Effect) -> None:
        if isinstance(effect, Obligation):
            self.obligations.append(effect)
        elif isinstance(effect, Notification):
            self.notifications.append(effect)
        elif isinstance(effect, Decision):
            self.decisions.append(effect)
        elif isinstance(effect, Violation):
            self.violations.append(effect)
        elif isinstance(effect, Audience):
            self.audiences.append(effect)
        elif isinstance(effect, Settle):
            self.settles.append(effect)
        else:
            self.memories.append(effect)
