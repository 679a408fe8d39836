"""The ``propriety`` command as a Monitoring Officer and a program use it: check, decide, verify,
protocols, schema and demo, with their exit codes (0 fine, 1 a broken record, 2 bad input).

The authority and its people are the fictional ones of tests/scenarios/organisation.yaml.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from propriety.adapters.store import SqlUnitOfWork, make_engine
from propriety.domain.events import EVENT_TYPES
from propriety.entrypoints.cli import DEMO_DIR, app

REPO = Path(__file__).resolve().parents[2]
ORG = REPO / "tests" / "scenarios" / "organisation.yaml"
SCENARIOS = REPO / "tests" / "scenarios"
CLAUSES_TSV = REPO.parent / "shared" / "protocol-clauses.tsv"

VERTICAL_SLICE = (
    "islington-2006/4.1(b)",
    "islington-2006/4.5(c)",
    "officers-groups/9",
    "ce-groups-2009/2.1",
    "islington-2006/4.5(b)",
    "lc-member-officer-2019/13.member-about-officer",
)

GOOD_EVENTS: list[dict[str, Any]] = [
    {
        "id": "e1",
        "type": "InformationRequested",
        "at": "2026-03-02T10:00:00+00:00",
        "request": "R1",
        "member": "m-esme",
        "asked": "o-dina",
        "subject": "street lighting",
    },
    {
        "id": "e2",
        "type": "InformationRequested",
        "at": "2026-03-02T11:00:00+00:00",
        "request": "R2",
        "member": "m-cleo",
        "asked": "o-nia",
    },
    {
        "id": "e3",
        "type": "BriefingGiven",
        "at": "2026-03-03T14:00:00+00:00",
        "briefing": "B1",
        "groups": ["blue"],
        "by": "o-nia",
        "matter": "council-tax",
    },
    {
        "id": "e4",
        "type": "ComplaintLodged",
        "at": "2026-03-04T10:00:00+00:00",
        "complaint": "C1",
        "complainant": "m-cleo",
        "about": "o-ivy",
    },
    {
        "id": "e5",
        "type": "AttendanceRequested",
        "at": "2026-03-05T10:00:00+00:00",
        "request": "A1",
        "group": "blue",
        "requested_by": "m-cleo",
        "addressed_to": "o-cara",
        "others_present": ["member-of-public"],
    },
    {"id": "e6", "type": "InformationProvided", "at": "2026-03-12T16:00:00+00:00", "request": "R1", "by": "o-dina"},
]

PROFILE = """\
authority: {authority}
packs: [officers-groups, lc-member-officer-2019, islington-2006]
precedence:
  - question: officer-attends-group-meeting
    winner: islington-2006
    over: [officers-groups, lc-member-officer-2019]
    reason: the council adopted the stricter Islington rule
"""

runner = CliRunner()


def invoke(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def write_events(path: Path, events: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


@pytest.fixture
def authority() -> str:
    # PostgreSQL databases are shared by a module's tests, so each test has its own authority.
    return f"ashcombe-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def profile(tmp_path: Path, authority: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE.format(authority=authority), encoding="utf-8")
    return path


@pytest.fixture
def islington(tmp_path: Path) -> Path:
    path = tmp_path / "islington.yaml"
    path.write_text("authority: ashcombe\npacks: [islington-2006]\n", encoding="utf-8")
    return path


@pytest.fixture
def store(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def count_events(engine: Engine, authority: str) -> int:
    with SqlUnitOfWork(engine) as uow:
        return uow.events.count(authority)


# --- check -----------------------------------------------------------------------------------


def test_check_json_lists_obligations_violations_and_notifications_with_their_clauses(
    tmp_path: Path, profile: Path, authority: str
) -> None:
    events = write_events(tmp_path / "events.jsonl", GOOD_EVENTS)
    result = invoke("check", events, "--org", ORG, "--profile", profile, "--at", "2026-03-20T09:00:00+00:00", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["authority"] == authority
    assert data["events"] == len(GOOD_EVENTS)
    for kind in ("obligations", "violations", "notifications"):
        assert isinstance(data[kind], list) and data[kind], kind
        for item in data[kind]:
            assert isinstance(item["clauses"], list) and item["clauses"], item
            assert all(re.fullmatch(r"[a-z0-9-]+/\S+", c) for c in item["clauses"]), item
            assert isinstance(item["reason"], str) and item["reason"], item
    for o in data["obligations"]:
        assert {"holder", "due", "state"} <= o.keys()
    states = {o["key"]: o["state"] for o in data["obligations"]}
    assert states["islington-2006/4.1(b):R1:respond"] == "fulfilled"
    assert states["islington-2006/4.1(b):R2:respond"] == "violated"
    r2 = next(o for o in data["obligations"] if o["key"] == "islington-2006/4.1(b):R2:respond")
    assert (r2["holder"], r2["due"], r2["overdue"]) == ("o-nia", "2026-03-16", True)
    assert any(v["obligation"] == "islington-2006/4.1(b):R2:respond" for v in data["violations"])


def test_check_tables_name_what_is_due_overdue_and_breached(tmp_path: Path, profile: Path) -> None:
    events = write_events(tmp_path / "events.jsonl", GOOD_EVENTS)
    result = invoke("check", events, "--org", ORG, "--profile", profile, "--at", "2026-03-20T09:00:00+00:00")
    assert result.exit_code == 0, result.output
    for heading in ("Due (", "Overdue (", "Violations ("):
        assert heading in result.stdout


BAD_LINES = {
    "invalid-json": ('{"id": "e3", "type": "InformationRequested", "at": ', "not valid JSON"),
    "unknown-type": (
        '{"id": "e3", "type": "InformationWhispered", "at": "2026-03-03T10:00:00+00:00"}',
        "InformationWhispered",
    ),
    "missing-field": (
        '{"id": "e3", "type": "InformationRequested", "at": "2026-03-03T10:00:00+00:00", "request": "R3", '
        '"member": "m-dev"}',
        "'asked'",
    ),
}


@pytest.mark.parametrize("bad", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_a_bad_line_stops_the_check_naming_file_line_and_field_and_stores_nothing(
    tmp_path: Path, profile: Path, authority: str, db_url: str, store: Engine, bad: tuple[str, str]
) -> None:
    line, named = bad
    path = tmp_path / "events.jsonl"
    good = [json.dumps(e) for e in GOOD_EVENTS[:2]]
    path.write_text("\n".join([*good, line, json.dumps(GOOD_EVENTS[3])]) + "\n", encoding="utf-8")
    result = invoke("check", path, "--org", ORG, "--profile", profile, "--record", "--db", db_url)
    assert result.exit_code == 2, result.output
    assert f"{path}:3:" in result.stderr
    assert named in result.stderr
    assert "Nothing was stored" in result.stderr
    assert count_events(store, authority) == 0


def test_a_bad_line_after_a_full_batch_still_stores_nothing(
    tmp_path: Path, profile: Path, authority: str, db_url: str, store: Engine
) -> None:
    # More good lines than one batch of appends, then a bad one: the appended batch is rolled back.
    n = 2_100
    lines = [
        json.dumps(
            {
                "id": f"q{i}",
                "type": "InformationRequested",
                "at": "2026-03-02T10:00:00+00:00",
                "request": f"R{i}",
                "member": "m-esme",
                "asked": "o-dina",
            }
        )
        for i in range(n)
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join([*lines, '{"id": "late", "type": "InformationProvided"}']) + "\n", encoding="utf-8")
    result = invoke("check", path, "--org", ORG, "--profile", profile, "--record", "--db", db_url)
    assert result.exit_code == 2, result.output
    assert f"{path}:{n + 1}:" in result.stderr
    assert count_events(store, authority) == 0


def test_check_record_stores_every_event_and_verify_guards_them(
    tmp_path: Path, profile: Path, authority: str, db_url: str, store: Engine, tamper: Any
) -> None:
    events = write_events(tmp_path / "events.jsonl", GOOD_EVENTS)
    result = invoke(
        "check", events, "--org", ORG, "--profile", profile, "--at", "2026-03-20", "--record", "--db", db_url, "--json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["recorded"] is True
    assert count_events(store, authority) == len(GOOD_EVENTS)

    verified = invoke("verify", "--db", db_url, "--authority", authority)
    assert verified.exit_code == 0, verified.output
    assert "intact" in verified.stdout

    # Recording the same file again is refused whole.
    again = invoke("check", events, "--org", ORG, "--profile", profile, "--record", "--db", db_url)
    assert again.exit_code == 2
    assert "e1" in again.stderr and "Nothing was stored" in again.stderr
    assert count_events(store, authority) == len(GOOD_EVENTS)

    tamper(
        store,
        "UPDATE events SET body = replace(body, 'm-cleo', 'm-dev') WHERE authority = :a AND position = 2",
        a=authority,
    )
    broken = invoke("verify", "--db", db_url, "--authority", authority)
    assert broken.exit_code == 1, broken.output
    assert "BROKEN" in broken.stdout
    assert "position 2" in broken.stdout

    report = invoke("verify", "--db", db_url, "--authority", authority, "--json")
    assert report.exit_code == 1
    [entry] = json.loads(report.stdout)
    assert (entry["authority"], entry["ok"], entry["problem"], entry["position"], entry["event_id"]) == (
        authority,
        False,
        "altered",
        2,
        "e2",
    )


def test_a_malformed_organisation_file_is_named_with_its_line(tmp_path: Path, profile: Path) -> None:
    text = ORG.read_text("utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.strip() == "kind: member")
    lines[number - 1] = lines[number - 1].replace("kind: member", "kind: wizard")
    org = tmp_path / "organisation.yaml"
    org.write_text("\n".join(lines) + "\n", encoding="utf-8")
    events = write_events(tmp_path / "events.jsonl", GOOD_EVENTS[:1])
    result = invoke("check", events, "--org", org, "--profile", profile)
    assert result.exit_code == 2
    assert f"{org}:{number}:" in result.stderr
    assert "wizard" in result.stderr


def test_an_unknown_pack_in_the_profile_is_named(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("authority: ashcombe\npacks: [islington-2006, ipswich-1999]\n", encoding="utf-8")
    events = write_events(tmp_path / "events.jsonl", GOOD_EVENTS[:1])
    result = invoke("check", events, "--org", ORG, "--profile", profile)
    assert result.exit_code == 2
    assert "ipswich-1999" in result.stderr
    assert f"{profile}:2:" in result.stderr


def test_a_profile_with_an_unresolved_conflict_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("authority: ashcombe\npacks: [officers-groups, islington-2006]\n", encoding="utf-8")
    events = write_events(tmp_path / "events.jsonl", GOOD_EVENTS[:1])
    result = invoke("check", events, "--org", ORG, "--profile", profile)
    assert result.exit_code == 2
    assert "officer-attends-group-meeting" in result.stderr


# --- decide ----------------------------------------------------------------------------------

ATTENDANCE = json.dumps(
    {
        "type": "AttendanceRequested",
        "at": "2026-05-11T10:00:00+01:00",
        "request": "Q1",
        "group": "blue",
        "requested_by": "m-cleo",
        "addressed_to": "o-cara",
        "others_present": ["party-member"],
    }
)


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty folder with no database configured, to see whether anything gets stored."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("PROPRIETY_DATABASE_URL", raising=False)
    monkeypatch.delenv("PROPRIETY_VAR_DIR", raising=False)
    return cwd


def test_decide_json_denies_an_officer_at_a_meeting_with_party_members_under_islington(
    islington: Path, elsewhere: Path
) -> None:
    result = invoke("decide", ATTENDANCE, "--org", ORG, "--profile", islington, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    decision = data["decision"]
    assert decision["outcome"] == "deny"
    assert decision["clauses"] == ["islington-2006/4.5(c)"]
    assert decision["reason"]
    assert [d["outcome"] for d in data["decisions"]] == ["deny"]
    assert list(elsewhere.iterdir()) == []  # no database, no var folder


def test_decide_text_cites_the_clause_and_stores_nothing(islington: Path, elsewhere: Path) -> None:
    result = invoke("decide", ATTENDANCE, "--org", ORG, "--profile", islington)
    assert result.exit_code == 0, result.output
    assert "islington-2006/4.5(c)" in result.stdout
    assert "No" in result.stdout
    assert list(elsewhere.iterdir()) == []


def test_decide_reads_the_proposal_from_a_file(tmp_path: Path, islington: Path) -> None:
    proposal = tmp_path / "proposal.json"
    proposal.write_text(ATTENDANCE, encoding="utf-8")
    result = invoke("decide", f"@{proposal}", "--org", ORG, "--profile", islington, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["decision"]["outcome"] == "deny"


def test_decide_with_a_bad_proposal_says_which_field(islington: Path) -> None:
    proposal = json.dumps({"type": "AttendanceRequested", "request": "Q1", "group": "blue"})
    result = invoke("decide", proposal, "--org", ORG, "--profile", islington)
    assert result.exit_code == 2
    assert "requested_by" in result.stderr
    not_json = invoke("decide", "{not json", "--org", ORG, "--profile", islington)
    assert not_json.exit_code == 2
    assert "not valid JSON" in not_json.stderr


# --- protocols -------------------------------------------------------------------------------


def test_coverage_lists_every_clause_in_order_with_rules_and_scenarios() -> None:
    if not CLAUSES_TSV.is_file():
        pytest.skip(f"{CLAUSES_TSV} is not available")
    rows = CLAUSES_TSV.read_text("utf-8").splitlines()
    assert rows[0].split("\t") == ["clause_id", "kinds"]
    expected = [row.split("\t")[0] for row in rows[1:] if row.strip()]
    assert len(expected) == 172

    result = invoke("protocols", "coverage", "--json", "--scenarios", SCENARIOS)
    assert result.exit_code == 0, result.output
    coverage = json.loads(result.stdout)
    assert [c["clause"] for c in coverage] == expected
    for c in coverage:
        assert isinstance(c["kinds"], list) and c["kinds"], c
        assert all(isinstance(k, str) and len(k) == 1 and k.isupper() for k in c["kinds"]), c
        assert isinstance(c["rules"], list) and all(isinstance(r, str) for r in c["rules"]), c
        assert isinstance(c["scenarios"], int), c
    by_id = {c["clause"]: c for c in coverage}
    for clause in VERTICAL_SLICE:
        assert len(by_id[clause]["rules"]) >= 1, clause
        assert by_id[clause]["scenarios"] >= 2, clause


def test_coverage_kinds_match_the_clause_list() -> None:
    if not CLAUSES_TSV.is_file():
        pytest.skip(f"{CLAUSES_TSV} is not available")
    rows = [row.split("\t") for row in CLAUSES_TSV.read_text("utf-8").splitlines()[1:] if row.strip()]
    result = invoke("protocols", "coverage", "--json", "--scenarios", SCENARIOS)
    coverage = {c["clause"]: c["kinds"] for c in json.loads(result.stdout)}
    for clause_id, kinds in rows:
        assert coverage[clause_id] == kinds.split(), clause_id


def test_show_gives_the_interpretation_note() -> None:
    result = invoke("protocols", "show", "officers-groups/10")
    assert result.exit_code == 0, result.output
    assert "must not suppress" in result.stdout
    as_json = invoke("protocols", "show", "officers-groups/10", "--json")
    assert "must not suppress" in json.loads(as_json.stdout)["interpretation"]


def test_show_an_unknown_clause_exits_2_and_says_what_ids_look_like() -> None:
    result = invoke("protocols", "show", "nonsense/1")
    assert result.exit_code == 2
    assert "nonsense/1" in result.stderr
    assert "islington-2006/4.1(b)" in result.stderr  # an example of a real id


# --- schema ----------------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    result = invoke("schema", "events")
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_the_event_schema_covers_every_event_type() -> None:
    schema = _schema()
    defs = schema["$defs"]
    variants = schema.get("oneOf") or schema.get("anyOf") or []
    listed = set()
    for variant in variants:
        ref = variant["$ref"].removeprefix("#/$defs/")
        listed.add(defs[ref]["properties"]["type"]["const"])
    assert listed == set(EVENT_TYPES)
    assert set(schema["discriminator"]["mapping"]) == set(EVENT_TYPES)
    assert schema["discriminator"]["propertyName"] == "type"
    required = set(defs["InformationRequested"]["required"])
    assert {"id", "at", "request", "member", "asked"} <= required


def test_a_good_event_validates_against_the_schema_and_a_bad_one_does_not() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema()
    jsonschema.validate(GOOD_EVENTS[0], schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({k: v for k, v in GOOD_EVENTS[0].items() if k != "asked"}, schema)


# --- demo and the installed command ----------------------------------------------------------


def test_the_demo_shows_what_is_due_and_breached_with_clause_ids(tmp_path: Path) -> None:
    if not (DEMO_DIR / "northbury" / "profile.yaml").is_file():
        pytest.skip("the Northbury demo authority is not there yet")
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    result = invoke("demo", "--db", db)
    assert result.exit_code == 0, result.output
    for heading in ("Due", "Overdue", "Violations"):
        assert heading in result.stdout
    assert re.search(
        r"\b(?:lc-groups-2019|officers-groups|ce-groups-2009|lc-member-officer-2019|islington-2006)/\S+", result.stdout
    )
    # A second run finds the log already loaded, and leaves it intact.
    again = invoke("demo", "--db", db)
    assert again.exit_code == 0, again.output
    assert "intact" in again.stdout


def test_the_installed_command_prints_its_help() -> None:
    command = Path(sys.executable).parent / "propriety"
    if not command.is_file():
        pytest.skip(f"{command} is not installed")
    done = subprocess.run([str(command), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    for name in ("check", "decide", "verify", "protocols", "schema", "demo"):
        assert name in done.stdout


def test_an_event_naming_someone_the_organisation_lacks_is_reported_with_its_line(tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    complaint = {
        "id": "e1",
        "type": "ComplaintLodged",
        "at": "2026-03-02T10:00:00+00:00",
        "complaint": "C1",
        "complainant": "m-nobody",
        "about": "o-ivy",
    }
    log.write_text(json.dumps(complaint) + "\n")
    profile = tmp_path / "profile.yaml"
    profile.write_text("authority: ashcombe\npacks: [lc-member-officer-2019]\n")
    result = runner.invoke(app, ["check", str(log), "--org", str(ORG), "--profile", str(profile)])
    assert result.exit_code == 2
    assert f"{log}:1: unknown person 'm-nobody'" in result.output
