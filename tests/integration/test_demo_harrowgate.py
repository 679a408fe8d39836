"""The Harrowgate demo: a fictional London borough that adopts only ``islington-2006``, and its scripted year.

The year (src/propriety/demo/harrowgate/events.jsonl) runs through the real check path and must give
exactly the breaches, open duties, notices and decisions the script intends (see the demo's README.md).
It must also use every rule of the adopted pack at least once. The council and its people are made up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from propriety.adapters.orgfile import load_organisation
from propriety.adapters.profilefile import load_profile
from propriety.domain.events import Event, parse_event_json
from propriety.domain.organisation import Organisation
from propriety.domain.profile import Profile
from propriety.engine.engine import Engine
from propriety.entrypoints.cli import app
from propriety.protocols import packs_by_id
from propriety.service_layer.checking import CheckRun, ListCollector

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "propriety" / "demo" / "harrowgate"
EVENTS = DEMO / "events.jsonl"
FINISH = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
P = "islington-2006/"

Items = dict[str, list[dict[str, Any]]]


# --- loading and running the year ----------------------------------------------------------------


def _org() -> Organisation:
    return load_organisation(DEMO / "organisation.yaml")


def _profile() -> Profile:
    return load_profile(DEMO / "profile.yaml")


def _events() -> list[Event]:
    return [parse_event_json(line) for line in EVENTS.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def year() -> Items:
    """Everything the year produced, through CheckRun as ``propriety check`` runs it."""
    collector = ListCollector()
    run = CheckRun(_profile(), _org(), collector)
    for event in _events():
        run.feed(event)
    run.finish(FINISH)
    return collector.items


def _decisions_by_event(year: Items) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for d in year["decisions"]:
        assert d["event_id"] not in found, f"two decisions for {d['event_id']}"
        found[d["event_id"]] = d
    return found


def _notifications_by_key(year: Items) -> dict[str, dict[str, Any]]:
    return {n["key"]: n for n in year["notifications"]}


def _obligations_by_key(year: Items) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for o in year["obligations"]:
        assert o["key"] not in found, f"obligation {o['key']} reported twice"
        found[o["key"]] = o
    return found


# --- the files themselves -------------------------------------------------------------------------


def test_the_profile_adopts_islington_only_and_loads() -> None:
    profile = _profile()
    assert profile.authority == "harrowgate"
    assert list(profile.packs) == ["islington-2006"]
    Engine(profile, _org())  # refuses a profile with an unresolved conflict


def test_the_log_is_a_well_formed_year() -> None:
    events = _events()
    ids = [e.id for e in events]
    assert len(ids) == len(set(ids)), "event ids must be unique"
    assert [e.at for e in events] == sorted(e.at for e in events), "events must be ordered by 'at'"
    assert events[0].at.date() == date(2026, 1, 5)
    assert events[-1].at.date() == date(2026, 12, 4)
    for event in events:
        assert event.authority == "harrowgate", event.id
        assert event.recorded_by, event.id
        # Greenwich time in winter, British Summer Time from 29 March to 24 October 2026.
        summer = date(2026, 3, 29) <= event.at.date() <= date(2026, 10, 24)
        assert event.at.utcoffset() == timedelta(hours=1 if summer else 0), event.id


def test_the_organisation_changes_hands_mid_year() -> None:
    org = _org()
    before, after = date(2026, 5, 1), date(2026, 6, 1)
    assert org.group_leader("civic", before) == "m-barnaby"
    assert org.group_leader("civic", after) == "m-henrietta"
    assert "m-hollis" in org.ward_councillors("st-aldrics", before)
    assert "m-esperanza" in org.ward_councillors("st-aldrics", after)
    assert "m-hollis" not in org.ward_councillors("st-aldrics", after)
    assert org.body_chair("north-area", after) == "m-esperanza"
    # The Monitoring Officer is the Director of Corporate Resources; the Director of Finance is the CFO.
    assert org.monitoring_officer(after) == "o-gwendolen"
    assert org.has_role("o-gwendolen", "director", after, directorate="corporate-resources")
    assert org.holders("chief-finance-officer", after) == ("o-evander",)


# --- every rule is used ------------------------------------------------------------------------------


def test_every_rule_of_the_adopted_pack_fires() -> None:
    """Run each event rule by rule, as Engine.evaluate does, before the engine applies it."""
    profile = _profile()
    names = [r.name for pack_id in profile.packs for r in packs_by_id()[pack_id].rules]
    fired: set[str] = set()
    engine = Engine(profile, _org())
    for event in _events():
        engine.advance_to(event.at)
        fired.update(rule.name for rule, effects in engine.effects_by_rule(event) if effects)
        engine.process(event)
    assert len(names) == 42
    assert sorted(set(names) - fired) == []


# --- violations --------------------------------------------------------------------------------------

EXPECTED_VIOLATIONS = {
    # (key, clauses, responsible)
    (P + "4.1(b):IR-2026-002:respond:missed", (P + "4.1(b)",), "o-fintan"),
    (P + "4.5(b):budget-2026-27:greenway:missed", (P + "4.5(b)",), "o-evander"),
    (P + "4.1(e):GR-2026-01", (P + "4.1(e)",), "o-evander"),
    (P + "4.2(c):BRF-2026-01:hg-023", (P + "4.2(c)",), "o-ottoline"),
    (P + "8.8:CL-2026-02", (P + "8.8",), "m-hollis"),
    (P + "4.3(a):OCC-2026-02:m-henrietta:missed", (P + "4.3(a)",), "o-cordelia"),
    (P + "7.3(a):MS-2026-02", (P + "7.3(a)",), "o-bettany"),
    (P + "4.1(c):IR-2026-004", (P + "4.1(c)",), "o-isadora"),
    (P + "7.6-committees:CMM-2026-03", (P + "7.6-committees",), None),
    (P + "4.5(d):BR-2026-01", (P + "4.5(d)",), "o-philippa"),
    (P + "4.4(b):EV-2026-01", (P + "4.4(b)",), "o-noor"),
    (P + "7.7:USE-2026-01", (P + "7.7",), "a-quentin"),
    (P + "7.7:PUBN-2026-01:a-marisol", (P + "7.7",), "a-marisol"),
    (P + "4.2(b):OB-2026-02:available:missed", (P + "4.2(b)",), "o-ottoline"),
    (P + "4.1(b):IR-2026-006:foi-demanded", (P + "4.1(b)",), "o-evander"),
    (P + "4.1(b):IR-2026-005:by-new-date:missed", (P + "4.1(b)",), "o-augustin"),
    (P + "4.1(b):IR-2026-008:respond:missed", (P + "4.1(b)",), "o-isadora"),
}


def test_exactly_the_intended_violations(year: Items) -> None:
    got = [(v["key"], tuple(v["clauses"]), v["responsible"]) for v in year["violations"]]
    assert len(got) == len(set(got)) == 17
    assert set(got) == EXPECTED_VIOLATIONS


def test_every_violation_names_the_event_it_came_from(year: Items) -> None:
    """A missed deadline belongs to the event that opened the duty; the store needs that id."""
    assert all(v["event_id"] for v in year["violations"])
    by_key = {v["key"]: v for v in year["violations"]}
    assert by_key[P + "4.5(b):budget-2026-27:greenway:missed"]["event_id"] == "hg-006"
    assert by_key[P + "4.3(a):OCC-2026-02:m-henrietta:missed"]["event_id"] == "hg-040"
    assert by_key[P + "4.2(c):BRF-2026-01:hg-023"]["event_id"] == "hg-023"


# --- obligations -------------------------------------------------------------------------------------


def test_what_is_still_owed_at_the_end(year: Items) -> None:
    outstanding = {
        (o["key"], o["holder"], o["state"], o["overdue"]) for o in year["obligations"] if o["closed_by"] is None
    }
    assert outstanding == {
        # A noise complaints request nobody answered.
        (P + "4.1(b):IR-2026-008:respond", "o-isadora", "violated", True),
        # The local plan briefing for Civic Reform and Greenway, still to be offered to Commonweal.
        (P + "4.5(b):local-plan-review:commonweal", "o-isadora", "active", False),
        # Made at 17:40 on Friday 27 November: counts from Monday 30 November, so due 14 December.
        (P + "4.1(b):IR-2026-009:respond", "o-philippa", "active", False),
    }
    obligations = _obligations_by_key(year)
    assert obligations[P + "4.1(b):IR-2026-009:respond"]["due"] == "2026-12-14"
    assert obligations[P + "4.5(b):local-plan-review:commonweal"]["due"] == "2026-12-08"


def test_duties_met_missed_put_right_late_and_waived(year: Items) -> None:
    ob = _obligations_by_key(year)

    def state(key: str) -> tuple[str, str | None]:
        return ob[P + key]["state"], ob[P + key]["done_late_on"]

    # Met on time.
    assert state("4.1(b):IR-2026-001:respond") == ("fulfilled", None)
    assert state("4.2(b):OB-2026-01:available") == ("fulfilled", None)
    assert state("4.5(a):BR-2026-01:arrange") == ("fulfilled", None)
    assert state("4.5(b):housing-allocations-review:commonweal") == ("fulfilled", None)
    for leader in ("m-barnaby", "m-juniper", "m-rosamund"):
        assert state(f"4.3(a):OCC-2026-01:{leader}") == ("fulfilled", None)
    # A written explanation settles the first duty; the new date is then met.
    assert state("4.1(b):IR-2026-003:respond") == ("fulfilled", None)
    assert state("4.1(b):IR-2026-003:by-new-date") == ("fulfilled", None)
    assert ob[P + "4.1(b):IR-2026-003:by-new-date"]["due"] == "2026-04-30"
    # Missed, then put right late.
    assert state("4.1(b):IR-2026-002:respond") == ("violated", "2026-02-03")
    assert state("4.5(b):budget-2026-27:greenway") == ("violated", "2026-01-28")
    assert state("4.3(a):OCC-2026-02:m-henrietta") == ("violated", "2026-05-29")
    assert state("4.2(b):OB-2026-02:available") == ("violated", "2026-10-06")
    assert state("4.1(b):IR-2026-005:by-new-date") == ("violated", "2026-10-21")
    # The former Civic Reform leader was told of the fire; the new one was owed it.
    assert P + "4.3(a):OCC-2026-02:m-barnaby" not in ob
    # Waived by the group leader it was owed to; declined where there was no legal right.
    assert state("4.5(b):housing-allocations-review:greenway") == ("discharged", None)
    assert ob[P + "4.5(b):housing-allocations-review:greenway"]["note"].startswith("waived by m-juniper")
    assert state("4.1(b):IR-2026-007:respond") == ("discharged", None)
    # Answered in time although the officer first demanded an FOI request (that demand is the breach).
    assert state("4.1(b):IR-2026-006:respond") == ("fulfilled", None)
    # The referral under 1.3 puts the duty on the Assistant Director above the officer asked.
    assert ob[P + "4.1(b):IR-2026-002:respond"]["holder"] == "o-fintan"
    assert ob[P + "4.2(b):OB-2026-02:available"]["holder"] == "o-ottoline"


# --- notifications -----------------------------------------------------------------------------------


def test_who_is_told(year: Items) -> None:
    notes = _notifications_by_key(year)

    def told(key: str) -> tuple[set[str], list[str]]:
        n = notes[key]
        return set(n["recipients"]), n["clauses"]

    # 4.1(c): statistics copied to the Executive member for the portfolio.
    assert told(P + "4.1(c):IR-2026-001") == ({"m-priya"}, [P + "4.1(c)"])
    assert told(P + "4.1(c):IR-2026-004") == ({"m-declan"}, [P + "4.1(c)"])
    # 4.3(a): every group leader, and the new Civic Reform leader after 20 May.
    assert told(P + "4.3(a):OCC-2026-01") == ({"m-rosamund", "m-barnaby", "m-juniper"}, [P + "4.3(a)"])
    assert told(P + "4.3(a):OCC-2026-02") == ({"m-rosamund", "m-henrietta", "m-juniper"}, [P + "4.3(a)"])
    # 4.4(a), 4.4(b): ward councillors of every party, as the ward stood on the day.
    assert told(P + "4.4(a):WM-2026-01:tanners-green") == ({"m-declan", "m-crispin", "m-faye"}, [P + "4.4(a)"])
    assert told(P + "4.4(a):WM-2026-02:st-aldrics") == ({"m-esperanza", "m-imani", "m-juniper"}, [P + "4.4(a)"])
    assert told(P + "4.4(b):EV-2026-01") == ({"m-ambrose", "m-henrietta", "m-rafferty"}, [P + "4.4(b)"])
    # 7.6: opposition and ward requests go through the party office.
    assert told(P + "7.6-opposition-ward:INT-2026-02") == ({"m-henrietta", "a-quentin"}, [P + "7.6-opposition-ward"])
    assert told(P + "7.6-opposition-ward:INT-2026-03") == ({"m-juniper", "a-linnea"}, [P + "7.6-opposition-ward"])
    # 1.1: the councillor's group leader, or for officers the Chief Executive and Monitoring Officer.
    assert told(P + "1.1:OC-2026-01") == ({"m-henrietta"}, [P + "1.1"])
    assert told(P + "1.1:CMP-2026-01") == ({"o-cordelia", "o-gwendolen"}, [P + "1.1"])
    assert told(P + "1.1:CMP-2026-03") == ({"o-gwendolen"}, [P + "1.1"])
    assert told(P + "1.1:CMP-2026-04") == ({"m-rosamund"}, [P + "1.1"])
    # A waiver by the officer who owes the duty is refused, and the Monitoring Officer hears of it.
    assert told("waiver-refused:hg-085") == ({"o-gwendolen"}, [P + "4.2(b)"])
    assert len(year["notifications"]) == 23


# --- decisions ---------------------------------------------------------------------------------------


def _outcome(d: dict[str, Any]) -> tuple[str, str, list[str], list[str]]:
    return d["question"], d["outcome"], d["clauses"], d["refer_to"]


def test_what_was_decided(year: Items) -> None:
    d = _decisions_by_event(year)
    expected: dict[str, tuple[str, str, list[str], list[str]]] = {
        # 1.3 and 4.1(d): information and reports
        "hg-002": ("information-request", "refer", [P + "1.3"], ["o-fintan"]),
        "hg-012": ("group-report", "permit", [P + "4.1(d)", P + "4.1(e)"], []),
        "hg-014": ("group-report", "deny", [P + "4.1(d)"], []),
        "hg-015": ("group-report", "refer", [P + "4.1(d)"], ["o-cordelia"]),
        # 4.2(b): joint opposition meetings need a week's notice unless standing
        "hg-018": ("joint-opposition-meeting", "deny", [P + "4.2(b)"], []),
        "hg-019": ("joint-opposition-meeting", "permit", [P + "4.2(b)"], []),
        "hg-100": ("joint-opposition-meeting", "permit", [P + "4.2(b)"], []),
        # 4.5: group briefings and officers at group meetings
        "hg-060": ("group-briefing", "permit", [P + "4.5(a)"], []),
        "hg-104": ("group-briefing", "refer", [P + "4.5(a)"], ["m-rosamund"]),
        "hg-066": ("officer-attends-group-meeting", "deny", [P + "4.5(c)"], []),
        "hg-067": ("officer-attends-group-meeting", "permit", [P + "4.5(c)", P + "4.5(d)"], []),
        # 5.1, 5.2: complaints, concerns and discipline
        "hg-071": ("officer-concern", "refer", [P + "5.1"], ["o-isadora"]),
        "hg-076": ("formal-complaint", "refer", [P + "5.2"], ["o-evander"]),
        "hg-077": ("formal-complaint", "refer", [P + "5.2"], ["o-cordelia"]),
        "hg-079": ("formal-complaint", "refer", [P + "5.2"], ["o-gwendolen"]),
        "hg-080": ("formal-complaint", "refer", [P + "5.1"], ["o-cordelia"]),
        "hg-084": ("officer-concern", "refer", [P + "5.1"], ["o-cordelia"]),
        "hg-078": ("disciplinary-action", "deny", [P + "5.2"], []),
        "hg-097": ("disciplinary-action", "permit", [P + "5.2"], []),
        # 6.3, 7.3: officers and the media; spokespeople
        "hg-045": ("officer-speaks-to-media", "refer", [P + "7.3(a)"], ["o-ludovic", "o-zinnia"]),
        "hg-049": ("officer-speaks-to-media", "permit", [P + "6.3"], []),
        "hg-036": ("media-spokesperson", "refer", [P + "7.3(b)", P + "7.6-committees"], ["m-sunniva"]),
        "hg-051": ("media-spokesperson", "refer", [P + "7.3(b)"], ["o-isadora"]),
        "hg-052": ("media-spokesperson", "refer", [P + "7.3(b)", P + "7.5"], ["m-priya"]),
        "hg-054": ("media-spokesperson", "refer", [P + "7.3(b)"], ["m-rosamund"]),
        "hg-042": ("media-interview", "permit", [P + "7.5"], []),
        # 7.6-committees: the chair's say over committee media material
        "hg-057": ("committee-media-material", "refer", [P + "7.6-committees"], ["m-sunniva"]),
        "hg-061": ("committee-media-material", "deny", [P + "7.6-committees"], []),
        # 7.2, 7.5: publicity, before and after the notice of election
        "hg-024": ("publicity", "permit", [P + "7.2", P + "7.5"], []),
        "hg-026": ("publicity", "deny", [P + "7.2"], []),
        "hg-033": ("publicity", "refer", [P + "7.2", P + "7.5"], ["o-gwendolen"]),
        "hg-096": ("publicity", "permit", [P + "7.2"], []),
        # 8.2, 8.6, 8.8: council resources and circular letters
        "hg-025": ("use-of-council-resources", "permit", [P + "8.2"], []),
        "hg-030": ("use-of-council-resources", "deny", [P + "8.6"], []),
        "hg-037": ("use-of-council-resources", "deny", [P + "8.6"], []),
        "hg-095": ("use-of-council-resources", "refer", [P + "8.6"], ["o-gwendolen"]),
        "hg-027": ("circular-letter", "refer", [P + "8.8"], ["o-gwendolen", "o-ines", "o-ruairi"]),
        "hg-105": ("circular-letter", "permit", [P + "8.8"], []),
    }
    assert {k: _outcome(v) for k, v in d.items()} == expected


def test_private_and_confidential_records(year: Items) -> None:
    audiences = {a["record"]: set(a["people"]) for a in year["audiences"]}
    # Joint Board: the Executive, the Corporate Management Board and the officers nominated to attend.
    joint_board = audiences["hg-003"]
    assert {"m-rosamund", "m-tobias", "m-priya", "m-declan", "o-cordelia", "o-evander", "o-fintan"} <= joint_board
    assert not joint_board & {"m-barnaby", "m-henrietta", "m-juniper"}
    # The Commonweal budget briefing: its officer and the Commonweal Group only.
    budget = audiences["hg-006"]
    assert "o-evander" in budget and "m-rosamund" in budget
    assert "m-faye" not in budget and "o-ottoline" not in budget


# --- the command line agrees -----------------------------------------------------------------------


def test_propriety_check_reports_the_same_year(year: Items) -> None:
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(EVENTS),
            "--org",
            "harrowgate",
            "--profile",
            "harrowgate",
            "--at",
            "2026-12-04T17:00:00+00:00",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["authority"] == "harrowgate"
    assert data["events"] == len(_events())
    assert len(data["violations"]) == len(year["violations"]) == 17
    assert len(data["decisions"]) == len(year["decisions"])
    assert len(data["notifications"]) == len(year["notifications"])


def test_the_year_loads_into_the_store(tmp_path: Path) -> None:
    """`propriety demo` and `propriety serve` record the year and store its ledger."""
    from propriety.bootstrap import bootstrap
    from propriety.entrypoints.demo import load_into

    app_ = bootstrap(database_url=f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        assert load_into(app_, DEMO) == (len(_events()), 0)
    finally:
        app_.engine.dispose()


def _clauses(items: Iterable[dict[str, Any]]) -> set[str]:
    return {c for item in items for c in item["clauses"]}


MAIN_CLAUSES = """
    1.1 1.3 4.1(b) 4.1(c) 4.1(d) 4.1(e) 4.2(b) 4.2(c) 4.3(a) 4.4(a) 4.4(b) 4.5(a) 4.5(b) 4.5(c) 4.5(d)
    5.1 5.2 6.3 7.2 7.3(a) 7.3(b) 7.5 7.6-committees 7.6-opposition-ward 7.7 8.2 8.6 8.8
"""


def test_the_year_touches_the_pack_s_main_mechanisms(year: Items) -> None:
    cited = _clauses(year["violations"]) | _clauses(year["notifications"]) | _clauses(year["decisions"])
    cited |= _clauses(year["obligations"])
    for ref in MAIN_CLAUSES.split():
        assert P + ref in cited, ref
