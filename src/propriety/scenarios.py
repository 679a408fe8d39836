"""YAML scenario tests, in the spirit of OpenFisca's: a governance officer can read and add them.

A scenario file names an organisation file and a profile, then lists cases. Each case is
named by a sentence, gives events in order, an optional clock (``at``), and the effects it
expects, and may name the clauses it ``covers`` when it shows a clause staying silent. An
expected list must match the actual list one to one (in any order); each
expected item lists only the fields it cares about, and a field ending in ``~`` matches a
fragment of the text. A case may also ask hypothetical questions (``decide``).

    organisation: ../organisation.yaml
    profile: {authority: ashcombe, packs: [islington-2006]}
    cases:
      - name: an information request not answered in 10 working days is a violation
        events:
          - {type: InformationRequested, at: 2026-03-02T10:00:00+00:00, request: R1, member: m-ada, asked: o-dina}
        at: 2026-03-17T09:00:00+00:00
        expect:
          obligations: [{holder: o-dina, due: 2026-03-16, state: violated}]
          violations: [{clauses: [islington-2006/4.1(b)]}]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from propriety.adapters.orgfile import load_organisation
from propriety.adapters.profilefile import parse_profile
from propriety.domain.events import parse_event
from propriety.domain.organisation import Organisation
from propriety.domain.profile import Profile
from propriety.service_layer.checking import KINDS, CheckRun, ListCollector, decision_dict


@dataclass(frozen=True)
class Case:
    """One named scenario: events in, effects expected."""

    name: str
    file: Path
    events: list[dict[str, Any]]
    at: datetime | date | None
    expect: dict[str, list[dict[str, Any]]]
    decide: list[dict[str, Any]] = field(default_factory=list)
    covers: tuple[str, ...] = ()

    def clauses(self) -> set[str]:
        """The clause ids this case tests: those its expectations cite, plus any it declares it
        ``covers`` (a case showing that a clause must *not* act cites nothing by itself)."""
        found: set[str] = set(self.covers)
        blocks = [*self.expect.values(), *[[d.get("expect", {})] for d in self.decide]]
        for items in blocks:
            for item in items:
                found.update(item.get("clauses", ()))
        return found


@dataclass(frozen=True)
class ScenarioFile:
    path: Path
    org: Organisation
    profile: Profile
    cases: list[Case]


def load_scenario_file(path: Path) -> ScenarioFile:
    data = yaml.safe_load(path.read_text("utf-8"))
    org = load_organisation((path.parent / data["organisation"]).resolve())
    profile = parse_profile(yaml.safe_dump(data["profile"]), f"{path}#profile")
    cases = []
    for raw in data.get("cases", []):
        events = []
        for i, ev in enumerate(raw.get("events", []), start=1):
            ev = dict(ev)
            ev.setdefault("id", f"e{i}")
            events.append(ev)
        cases.append(
            Case(
                name=str(raw["name"]),
                file=path,
                events=events,
                at=_when(raw.get("at")),
                expect=raw.get("expect", {}) or {},
                decide=list(raw.get("decide", []) or []),
                covers=tuple(raw.get("covers", []) or []),
            )
        )
    return ScenarioFile(path, org, profile, cases)


def _when(value: Any) -> datetime | date | None:
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    if value is None or isinstance(value, date):
        return value
    raise ValueError(f"'at' must be an ISO 8601 date or time, not {value!r}")


def discover(root: Path) -> Iterator[ScenarioFile]:
    for path in sorted(root.glob("*/*.yaml")):
        if not path.name.startswith("organisation"):  # a pack's own organisation file, not scenarios
            yield load_scenario_file(path)


def run_case(sf: ScenarioFile, case: Case) -> list[str]:
    """Run one case; returns what did not match (empty when the case passes)."""
    collector = ListCollector()
    run = CheckRun(sf.profile, sf.org, collector)
    for raw in case.events:
        run.feed(parse_event(raw))
    run.finish(case.at)
    failures: list[str] = []
    for kind in KINDS:
        if kind in case.expect:
            failures += _match_list(kind, case.expect[kind] or [], collector.items[kind])
    for i, question in enumerate(case.decide):
        raw = dict(question["event"])
        raw.setdefault("id", f"hypothetical-{i + 1}")
        verdict = run.engine.decide(parse_event(raw))
        actual = [decision_dict(d, None) for d in verdict.decisions]
        failures += _match_list(f"decide[{i}]", [question["expect"]], actual)
    return failures


def _same(actual: Any, wanted: Any) -> bool:
    if isinstance(wanted, list):
        return isinstance(actual, list) and sorted(map(str, actual)) == sorted(map(str, wanted))
    if isinstance(wanted, dict):
        return isinstance(actual, dict) and all(_same(actual.get(k), v) for k, v in wanted.items())
    if isinstance(wanted, date | datetime):
        return str(actual) == wanted.isoformat()
    if isinstance(wanted, bool) or wanted is None:
        return actual is wanted
    return str(actual) == str(wanted)


def _fits(actual: dict[str, Any], wanted: dict[str, Any]) -> bool:
    for key, value in wanted.items():
        if key.endswith("~"):
            if str(value).lower() not in str(actual.get(key[:-1], "")).lower():
                return False
        elif not _same(actual.get(key), value):
            return False
    return True


def _match_list(kind: str, wanted: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[str]:
    remaining = list(actual)
    problems = []
    for w in wanted:
        hit = next((a for a in remaining if _fits(a, w)), None)
        if hit is None:
            problems.append(f"{kind}: expected {w}, not found among {remaining}")
        else:
            remaining.remove(hit)
    if remaining and not problems:
        problems.append(f"{kind}: {len(remaining)} more than expected: {remaining}")
    return problems
