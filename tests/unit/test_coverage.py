"""Every enforceable clause keeps a rule and at least two scenarios; this test fails if one drops."""

from __future__ import annotations

from pathlib import Path

from propriety.entrypoints.protocols_view import coverage_rows
from propriety.protocols.catalogue import catalogue

SCENARIOS = Path(__file__).parents[1] / "scenarios"


def test_every_enforceable_clause_has_a_rule_and_two_scenarios() -> None:
    rows = coverage_rows(SCENARIOS)
    assert len(rows) == len(catalogue()) == 172
    short = [
        f"{r['clause']}: {len(r['rules'])} rule(s), {r['scenarios']} scenario(s)"
        for r in rows
        if set(r["kinds"]) - {"G"} and (not r["rules"] or r["scenarios"] < 2)
    ]
    assert not short, "clauses below the bar:\n" + "\n".join(short)
    assert sum(1 for r in rows if set(r["kinds"]) - {"G"}) == 86


def test_every_rule_cites_only_real_clauses() -> None:
    from propriety.protocols import packs_by_id

    known = set(catalogue())
    cited = {c for pack in packs_by_id().values() for rule in pack.rules for c in rule.clauses}
    cited |= {c for pack in packs_by_id().values() for rule in pack.recurring_rules for c in rule.clauses}
    assert cited <= known, sorted(cited - known)
