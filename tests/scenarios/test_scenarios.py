"""Runs every YAML scenario under tests/scenarios/<pack>/ as its own test, named by its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from propriety.scenarios import Case, ScenarioFile, discover, run_case

ROOT = Path(__file__).parent
CASES: list[tuple[ScenarioFile, Case]] = [(sf, case) for sf in discover(ROOT) for case in sf.cases]


@pytest.mark.parametrize(
    ("sf", "case"),
    CASES,
    ids=[f"{case.file.parent.name}/{case.file.stem}: {case.name}" for _, case in CASES],
)
def test_scenario(sf: ScenarioFile, case: Case) -> None:
    failures = run_case(sf, case)
    assert not failures, "\n".join(failures)


def test_every_scenario_file_has_cases() -> None:
    files = list(discover(ROOT))
    assert files, "no scenario files found"
    for sf in files:
        assert sf.cases, f"{sf.path} has no cases"
