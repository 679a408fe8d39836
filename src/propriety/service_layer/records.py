"""Need-to-know: which records, duties and notices a person may see, and what is withheld.

A *record* is a case: every event about one information request, one complaint or one
briefing. Its audience comes from the rules (an :class:`~propriety.domain.effects.Audience`
effect, e.g. lc-member-officer-2019/13.confidentiality) or, where no rule restricts it, from
the people the case names plus the authority's governance officers. A person outside a
record's audience learns nothing about it: not in pages, lists, counts, searches or exports.
Every screen and endpoint goes through :func:`authority_view`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from propriety.adapters.store import SqlUnitOfWork
from propriety.domain.events import Event, parse_event_json
from propriety.domain.organisation import Organisation, Role, UnknownReference
from propriety.service_layer.authority import AuthorityContext
from propriety.service_layer.checking import CheckRun, ListCollector

GOVERNANCE = (Role.MONITORING_OFFICER, Role.CHIEF_EXECUTIVE, Role.HEAD_OF_GOVERNANCE, Role.HEAD_OF_DEMOCRATIC_SERVICES)
WITHHELD = "withheld"
CASE_FIELDS = (
    "complaint",
    "request",
    "briefing",
    "meeting",
    "case",
    "breach",
    "letter",
    "material",
    "visit",
    "enquiry",
)
FAMILY = {
    "Information": "information",
    "Attendance": "attendance",
    "GroupReport": "report",
    "Briefing": "briefing",
    "Complaint": "complaint",
    "Witness": "complaint",
}


def case_of(event: Event) -> str:
    """The case an event belongs to, e.g. ``information:R1`` or ``complaint:C7``."""
    for name in CASE_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, str):
            family = next((f for prefix, f in FAMILY.items() if event.type.startswith(prefix)), name)
            return f"{family}:{value}"
    return f"event:{event.id}"


def named_people(event: Event, org: Organisation) -> set[str]:
    """Everyone an event names, in any field, who is a person in the organisation."""
    found: set[str] = set()
    ids = {p.id for p in org.people()}
    for name, value in event:
        if name in ("id", "type", "at", "authority"):
            continue
        values = value if isinstance(value, list) else [value]
        found.update(v for v in values if isinstance(v, str) and v in ids)
    return found


@dataclass
class Record:
    """One case: its events, and who may see it."""

    case: str
    events: list[Event] = field(default_factory=list)
    audience: set[str] | None = None
    event_extra: dict[str, set[str]] = field(default_factory=dict)
    withheld: dict[str, set[str]] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)

    @property
    def first(self) -> Event:
        return self.events[0]

    @property
    def kind(self) -> str:
        return self.case.split(":", 1)[0]


@dataclass
class AuthorityView:
    """The authority's log replayed, with every record's audience; filter with :meth:`for_person`."""

    context: AuthorityContext
    at: datetime
    records: dict[str, Record]
    items: dict[str, list[dict[str, Any]]]
    event_case: dict[str, str]

    def governance(self, on: date) -> set[str]:
        org = self.context.org
        return {p for role in GOVERNANCE for p in org.holders(role, on)}

    def can_see(self, person: str, case: str) -> bool:
        record = self.records.get(case)
        if record is None:
            return False
        if any(person in extra for extra in record.event_extra.values()):
            return True
        return self._in_case(person, record)

    def _in_case(self, person: str, record: Record) -> bool:
        if record.audience is not None:
            return person in record.audience
        return person in record.named or person in self.governance(self.at.date())

    def can_see_event(self, person: str, event_id: str) -> bool:
        """Whether this person may see this event: its whole case, or this event alone."""
        case = self.event_case.get(event_id)
        record = self.records.get(case) if case else None
        if record is None:
            return False
        return person in record.event_extra.get(event_id, ()) or self._in_case(person, record)

    def hidden_fields(self, person: str, case: str) -> set[str]:
        record = self.records.get(case)
        if record is None:
            return set()
        return {name for name, people in record.withheld.items() if person in people}

    def withheld_people(self, person: str, case: str) -> set[str]:
        """People whose identity this person may not learn from the case (e.g. the complainant)."""
        record = self.records.get(case)
        fields = self.hidden_fields(person, case)
        if record is None or not fields:
            return set()
        found: set[str] = set()
        for event in record.events:
            for name in fields:
                value = getattr(event, name, None)
                found.update(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
        found.discard(person)
        return found

    def for_person(self, person: str) -> PersonalView:
        return PersonalView(self, person)


@dataclass
class PersonalView:
    """What one person may see: records, duties, notices and breaches, and nothing else."""

    view: AuthorityView
    person: str

    def records(self, kind: str | None = None) -> list[Record]:
        found = [self.record(r.case) for r in self.view.records.values() if kind is None or r.kind == kind]
        shown = [r for r in found if r is not None and r.events]
        return sorted(shown, key=lambda r: (r.first.at, r.case), reverse=True)

    def record(self, case: str) -> Record | None:
        """The case as this person may see it: only the events they may see, or None."""
        found = self.view.records.get(case)
        if found is None or not self.view.can_see(self.person, case):
            return None
        events = [e for e in found.events if self.view.can_see_event(self.person, e.id)]
        if len(events) == len(found.events):
            return found
        return replace(found, events=events)

    def _item_visible(self, event_id: str | None, holder: str | None, owed: str | None = None) -> bool:
        """Whether a duty, breach or notice arising from ``event_id`` may be shown to this person.

        The person who must act always sees it. The person it is owed to sees it unless a rule
        restricted the record it came from and left them out: a group owed the offer of a
        confidential briefing learns of it when the offer is made, not from the duty.
        """
        if self.person == holder:
            return True
        case = self.view.event_case.get(event_id or "")
        if case is None:
            # A duty the calendar opened (a weekly meeting, a cycle's briefing offer) belongs to its
            # holder and the person owed; whether it was met can reveal a confidential meeting.
            return self.person == owed
        if self.view.can_see_event(self.person, event_id or ""):
            return True
        record = self.view.records.get(case)
        return self.person == owed and record is not None and record.audience is None

    def obligations(self) -> list[dict[str, Any]]:
        return [
            self._redacted(o, o["opened_by"])
            for o in self.view.items["obligations"]
            if self._item_visible(o["opened_by"], o["holder"], o.get("beneficiary"))
        ]

    def violations(self) -> list[dict[str, Any]]:
        return [
            self._redacted(v, v["event_id"])
            for v in self.view.items["violations"]
            if self._item_visible(v["event_id"], v["responsible"])
        ]

    def notifications(self) -> list[dict[str, Any]]:
        return [
            self._redacted(n, n["event_id"])
            for n in self.view.items["notifications"]
            if self.person in n["recipients"] or self._item_visible(n["event_id"], None)
        ]

    def notices_to_me(self) -> list[dict[str, Any]]:
        return [
            self._redacted(n, n["event_id"]) for n in self.view.items["notifications"] if self.person in n["recipients"]
        ]

    def withheld(self, case: str) -> set[str]:
        """People this person may not learn of in ``case``."""
        return self.view.withheld_people(self.person, case)

    def event_fields(self, case: str, event: Event) -> dict[str, Any]:
        """An event of ``case`` as JSON-ready fields, with withheld fields and people replaced."""
        hidden = self.view.hidden_fields(self.person, case)
        people = self.withheld(case)
        out: dict[str, Any] = {}
        for name, value in event.model_dump(mode="json", exclude_none=True).items():
            if name in hidden:
                out[name] = WITHHELD
            elif isinstance(value, list):
                out[name] = [WITHHELD if isinstance(v, str) and v in people else v for v in value]
            else:
                out[name] = WITHHELD if isinstance(value, str) and value in people else value
        return out

    def _redacted(self, item: dict[str, Any], event_id: str | None) -> dict[str, Any]:
        """The item with any person withheld from this viewer removed from its names and words."""
        case = self.view.event_case.get(event_id or "")
        people = self.withheld(case) if case else set()
        if not people:
            return item
        names = {}
        for pid in people:
            with contextlib.suppress(UnknownReference):
                names[pid] = self.view.context.org.person(pid).name
        copy = dict(item)
        for key, value in item.items():
            if isinstance(value, str):
                if value in people:
                    copy[key] = WITHHELD
                    continue
                for full_name in names.values():
                    value = value.replace(full_name, "the complainant")
                copy[key] = value
            elif isinstance(value, list):
                copy[key] = [WITHHELD if isinstance(v, str) and v in people else v for v in value]
        return copy

    def decisions(self, case: str) -> list[dict[str, Any]]:
        if not self.view.can_see(self.person, case):
            return []
        record = self.record(case)
        ids = {e.id for e in record.events} if record else set()
        return [d for d in self.view.items["decisions"] if d["event_id"] in ids]


def authority_view(uow: SqlUnitOfWork, context: AuthorityContext, at: datetime) -> AuthorityView:
    """Replay the authority's log as at ``at`` and work out every record's audience."""
    collector = ListCollector()
    run = CheckRun(context.profile, context.org, collector)
    records: dict[str, Record] = {}
    event_case: dict[str, str] = {}
    for stored in uow.events.read(context.authority):
        event = parse_event_json(stored.body)
        if event.at > at:
            break
        run.feed(event)
        case = case_of(event)
        event_case[event.id] = case
        record = records.setdefault(case, Record(case))
        record.events.append(event)
        with contextlib.suppress(UnknownReference):
            record.named |= named_people(event, context.org)
    run.finish(at)
    for audience in collector.items["audiences"]:
        case = event_case.get(audience["record"], audience["record"])
        target = records.get(case)
        if target is None:
            continue
        people = set(audience["people"])
        if audience.get("scope") == "event":
            target.event_extra.setdefault(audience["record"], set()).update(people)
        else:
            target.audience = people if target.audience is None else target.audience | people
        for name, hidden in audience["withheld"].items():
            target.withheld.setdefault(name, set()).update(hidden)
    return AuthorityView(context, at, records, collector.items, event_case)
