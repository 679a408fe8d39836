"""The engine: applies an authority's adopted packs to a stream of events.

For each event, in order, the engine

1. moves the clock to the event's date, turning obligations whose due date has passed into
   violations;
2. runs every rule registered for the event's type, in a fixed order (pack, then
   registration), each seeing the ledger as it stood before the event;
3. applies the effects: opens obligations, settles the ones the event fulfils, keeps or
   forgets case notes, and combines decisions on the same question.

The same events always give the same ledger, so the ledger is a projection of the log.
A hypothetical ("may I?") runs step 2 on an event that is never applied or stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from propriety.domain.effects import (
    RESTRICTIVENESS,
    Decision,
    Effect,
    Notification,
    Obligation,
    ObligationState,
    Outcome,
    Outcomes,
    Violation,
)
from propriety.domain.events import Event, ObligationWaived
from propriety.domain.organisation import Organisation, Role
from propriety.domain.parameters import ParameterSet
from propriety.domain.profile import Profile
from propriety.engine.ledger import Entry, Ledger, Sink
from propriety.protocols import packs_by_id
from propriety.protocols.parameters import default_parameters
from propriety.protocols.registry import Pack, Rule, RuleContext


class ProfileError(ValueError):
    """The profile cannot be run as it stands (unknown pack, unresolved conflict...)."""


def build_parameters(profile: Profile) -> ParameterSet:
    """The adopted packs' default parameters with the profile's dated overrides laid on top."""
    params = {}
    for pack in profile.packs:
        for name, p in default_parameters(pack).items():
            params[(pack, name)] = p
    for (pack, name), values in profile.parameters.items():
        if (pack, name) not in params:
            raise ProfileError(f"the profile sets {pack} parameter {name!r}, which that pack does not have")
        params[(pack, name)] = params[(pack, name)].overridden(values)
    return ParameterSet(params)


def check_conflicts(profile: Profile, packs: list[Pack]) -> None:
    """Refuse a profile in which two adopted packs answer the same aspect of a question and the
    profile does not say which prevails."""
    by_point: dict[tuple[str, str], set[str]] = {}
    for pack in packs:
        for point in pack.contested():
            by_point.setdefault(point, set()).add(pack.id)
    problems = []
    for (question, aspect), ids in sorted(by_point.items()):
        if len(ids) > 1 and profile.winner(question, ids, aspect) is None:
            problems.append(
                f"packs {', '.join(sorted(ids))} both answer {question!r} ({aspect}); add a precedence entry "
                f"to the profile naming the winner and the reason"
            )
    if problems:
        raise ProfileError(f"profile for {profile.authority}: " + "; ".join(problems))


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer to a hypothetical: the decisions, and what acting would set in motion."""

    decisions: tuple[Decision, ...]
    outcomes: Outcomes


class Engine:
    """Runs one authority's rules over its events and keeps its ledger."""

    def __init__(self, profile: Profile, org: Organisation, *, sink: Sink | None = None) -> None:
        registry = packs_by_id()
        unknown = [p for p in profile.packs if p not in registry]
        if unknown:
            raise ProfileError(f"unknown pack(s) {', '.join(unknown)}; known packs: {', '.join(registry)}")
        self.profile = profile
        self.org = org
        self.packs = [registry[p] for p in profile.packs]
        check_conflicts(profile, self.packs)
        self.params = build_parameters(profile)
        self.calendar = profile.calendar
        self.tz = ZoneInfo(profile.calendar.timezone)
        self.ledger = Ledger(sink)
        self.today: date | None = None
        self._dispatch: dict[str, list[Rule]] = {}
        for pack in self.packs:
            for rule in pack.rules:
                for t in rule.on:
                    self._dispatch.setdefault(t, []).append(rule)
        self._ctx = RuleContext(org, self.calendar, self.params, self.ledger, date.min)
        self._recurring = [r for pack in self.packs for r in pack.recurring_rules]

    # --- the clock -------------------------------------------------------------------------

    def local_date(self, at: datetime) -> date:
        return at.astimezone(self.tz).date()

    def advance_to(self, when: datetime | date) -> list[Violation]:
        """Move the clock forward; deadlines that have passed become violations."""
        today = when if isinstance(when, date) and not isinstance(when, datetime) else None
        if today is None:
            assert isinstance(when, datetime)
            today = self.local_date(when)
        if self.today is not None and today <= self.today:
            return []
        previous, self.today = self.today, today
        self._open_recurring(previous, today)
        return self.ledger.advance(today)

    def _open_recurring(self, previous: date | None, today: date) -> None:
        """Open the duties of every recurring period that has begun since the clock last moved.

        On the engine's first day only the current period is opened: a log that starts
        mid-year does not owe every week since the anchor.
        """
        ctx = self._ctx
        ctx.on = today
        for rule in self._recurring:
            ctx.pack = rule.pack
            recurrence = rule.recurrence(ctx)
            periods = (
                [recurrence.containing(today)] if previous is None else recurrence.started_between(previous, today)
            )
            for period in periods:
                for effect in rule.fn(period, ctx):
                    if isinstance(effect, Obligation):
                        self.ledger.open(effect, f"calendar:{period.start.isoformat()}", period.start)

    # --- running rules -------------------------------------------------------------------------

    def rules_for(self, event_type: str) -> list[Rule]:
        return self._dispatch.get(event_type, [])

    def effects_by_rule(self, event: Event) -> Iterator[tuple[Rule, list[Effect]]]:
        """Each rule registered for ``event``, in order, with the effects it gives; nothing is applied.

        Every rule sees the ledger as it stood before the event. This is what :meth:`evaluate`
        combines, and what a test uses to see which rules act.
        """
        ctx = self._ctx
        ctx.on = self.local_date(event.at)
        for rule in self._dispatch.get(event.type, ()):
            ctx.pack = rule.pack
            effects = list(rule.fn(event, ctx))
            for effect in effects:
                if isinstance(effect, Decision) and not effect.pack:
                    # The rule has just made this decision and nothing else holds it yet, so it is
                    # stamped in place; dataclasses.replace here was a fifth of a decision's cost.
                    object.__setattr__(effect, "pack", rule.pack)
            yield rule, effects

    def evaluate(self, event: Event) -> Outcomes:
        """Run the rules on ``event`` without changing anything: the basis of "may I?"."""
        out = Outcomes(event.id)
        for _rule, effects in self.effects_by_rule(event):
            for effect in effects:
                out.add(effect)
        out.decisions = combine_decisions(out.decisions, self.profile)
        return out

    def process(self, event: Event) -> tuple[Outcomes, list[Violation], list[Entry]]:
        """Apply ``event``: returns its outcomes, violations of deadlines passed, and settled duties."""
        on = self.local_date(event.at)
        missed = self.advance_to(on)
        out = self.evaluate(event)
        ledger = self.ledger
        for memory in out.memories:
            ledger.remember(memory.case, dict(memory.facts), memory.forget)
        settled = ledger.settle_matching(event, on)
        if isinstance(event, ObligationWaived):
            entry = self._waive(event, on, out)
            if entry is not None:
                settled.append(entry)
        for s in out.settles:
            entry = ledger.settle(s.key, s.state, event.id, on, s.reason)
            if entry is not None:
                settled.append(entry)
        for ob in out.obligations:
            ledger.open(ob, event.id, on)
        return out, missed, settled

    def _waive(self, event: ObligationWaived, on: date, out: Outcomes) -> Entry | None:
        """Discharge a duty if the waiver comes from someone with standing to give it.

        Waiving is not a rule of any pack. We read the standing narrowly: the Monitoring
        Officer, the Chief Executive, or the person the duty is owed to. Any other waiver is
        refused, and the Monitoring Officer is told, citing the duty's own clauses.
        """
        entry = self.ledger.get(event.obligation)
        if entry is None:
            return None
        org = self.org
        ob = entry.obligation
        if (
            event.by == ob.beneficiary
            or org.has_role(event.by, Role.MONITORING_OFFICER, on)
            or org.has_role(event.by, Role.CHIEF_EXECUTIVE, on)
        ):
            return self.ledger.settle(
                ob.key, ObligationState.DISCHARGED, event.id, on, f"waived by {event.by}: {event.reason}"
            )
        mo = org.monitoring_officer(on)
        if mo:
            out.add(
                Notification(
                    key=f"waiver-refused:{event.id}",
                    recipients=(mo,),
                    about=f"A waiver of '{ob.duty}' by someone without standing to waive it",
                    clauses=ob.clauses,
                    reason="Only the Monitoring Officer, the Chief Executive or the person the duty is owed to "
                    "may waive it; the duty remains open.",
                )
            )
        return None

    def decide(self, event: Event) -> Verdict:
        """Answer a hypothetical: what would the adopted protocols say to this event?"""
        out = self.evaluate(event)
        return Verdict(tuple(out.decisions), out)


def combine_decisions(decisions: list[Decision], profile: Profile) -> list[Decision]:
    """One decision per question.

    Packs conflict only where they answer the same aspect of a question differently; there
    the profile's precedence keeps the winner's answer and the decision names the clauses
    it overrode. Everything left then combines as one: the most restrictive outcome stands
    (deny, then refer, then permit), conditions accumulate, and every rule that reached
    that outcome is cited.
    """
    if len(decisions) <= 1:
        return decisions
    by_question: dict[str, list[Decision]] = {}
    for d in decisions:
        by_question.setdefault(d.question, []).append(d)
    combined = []
    for question, answers in by_question.items():
        kept, notes = _settle_conflicts(question, answers, profile)
        result = _most_restrictive(kept)
        if notes:
            result = replace(result, reason=result.reason + " " + " ".join(notes))
        combined.append(result)
    return combined


def _settle_conflicts(question: str, answers: list[Decision], profile: Profile) -> tuple[list[Decision], list[str]]:
    by_aspect: dict[str, list[Decision]] = {}
    kept: list[Decision] = []
    for d in answers:
        if d.aspect is None:
            kept.append(d)
        else:
            by_aspect.setdefault(d.aspect, []).append(d)
    notes = []
    for ds in by_aspect.values():
        packs = {d.pack for d in ds}
        if len(packs) < 2 or len({d.outcome for d in ds}) < 2:
            kept.extend(ds)
            continue
        rule = profile.winner(question, packs, ds[0].aspect)
        if rule is None:
            # Unreachable for a checked profile; the most restrictive answer stands.
            kept.extend(ds)
            continue
        won = [d for d in ds if d.pack == rule.winner]
        lost = [c for d in ds if d.pack != rule.winner for c in d.clauses]
        kept.extend(won)
        notes.append(
            f"This authority applies {', '.join(dict.fromkeys(c for d in won for c in d.clauses))} "
            f"over {', '.join(dict.fromkeys(lost))} here: {rule.reason.rstrip('.')}."
        )
    return kept, notes


def _most_restrictive(decisions: list[Decision]) -> Decision:
    worst = max(decisions, key=lambda d: RESTRICTIVENESS[d.outcome])
    deciding = [d for d in decisions if d.outcome is worst.outcome]
    clauses = tuple(dict.fromkeys(c for d in deciding for c in d.clauses))
    conditions: tuple[str, ...] = ()
    if worst.outcome is not Outcome.DENY:
        conditions = tuple(dict.fromkeys(c for d in decisions for c in d.conditions))
    refer_to = tuple(dict.fromkeys(r for d in deciding for r in d.refer_to))
    packs = tuple(dict.fromkeys(d.pack for d in deciding))
    return Decision(
        question=worst.question,
        outcome=worst.outcome,
        clauses=clauses,
        reason=" ".join(dict.fromkeys(d.reason for d in deciding)),
        refer_to=refer_to,
        conditions=conditions,
        pack=", ".join(packs),
        aspect=None,
    )
