"""The Thameside demo year run through the real check path, asserting the story its README tells.

The Thameside Joint Committee of Councils (src/propriety/demo/thameside-joint/) is fictional: a joint body
whose Members are councillors of member boroughs in three party groups (Meridian, Juniper, Harbour), each
served by Political Advisers. It adopts lc-groups-2019 and lc-member-officer-2019. Harbour's adviser
changes on 1 June (Orla Sparkbrook to Benedikt Kinsella) and Juniper's leader on 15 June (Cllr Petronella
Sowerby to Cllr Anselm Tregarthen). The year runs from 5 January to 4 December 2026; the clock stops at
17:00 on 4 December.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

import pytest
from typer.testing import CliRunner

from propriety.adapters.orgfile import load_organisation
from propriety.adapters.profilefile import load_profile
from propriety.domain.events import Event, parse_event_json
from propriety.engine.engine import Engine
from propriety.entrypoints.cli import DEMO_DIR, app
from propriety.protocols import packs_by_id
from propriety.service_layer.checking import CheckRun, ListCollector

NAME = "thameside-joint"
FOLDER = DEMO_DIR / NAME
EVENTS = FOLDER / "events.jsonl"
CLOCK = "2026-12-04T17:00:00+00:00"
PACKS = ("lc-groups-2019", "lc-member-officer-2019")
LG = "lc-groups-2019/"
LM = "lc-member-officer-2019/"
CE = "o-evadne"
MO = "o-rhiannon"
MONITOR = "o-aurelio"
ADVISERS_SPRING = ["a-lachlan", "a-orla", "a-saoirse", "a-zinnia"]  # Harbour: Orla Sparkbrook until 29 May
ADVISERS_AUTUMN = ["a-benedikt", "a-lachlan", "a-saoirse", "a-zinnia"]  # Harbour: Benedikt Kinsella from 1 June
MERIDIAN_ADVISERS = ["a-lachlan", "a-zinnia"]

Items = dict[str, list[dict[str, Any]]]


def _events() -> list[Event]:
    return [parse_event_json(line) for line in EVENTS.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return _events()


@pytest.fixture(scope="module")
def items(events: list[Event]) -> Items:
    org = load_organisation(FOLDER / "organisation.yaml")
    profile = load_profile(FOLDER / "profile.yaml")
    collector = ListCollector()
    run = CheckRun(profile, org, collector)
    run.feed_all(events)
    run.finish(datetime.fromisoformat(CLOCK))
    return collector.items


def event_id(events: list[Event], type_: str, **fields: Any) -> str:
    """The id of the one event of ``type_`` carrying ``fields``."""
    found = [e.id for e in events if e.type == type_ and all(getattr(e, k, None) == v for k, v in fields.items())]
    assert len(found) == 1, (type_, fields, found)
    return found[0]


def obligation(items: Items, key: str) -> dict[str, Any]:
    """The last record of obligation ``key`` (closed records come first, outstanding ones at the end)."""
    found = [o for o in items["obligations"] if o["key"] == key]
    assert found, key
    return found[-1]


def decision(items: Items, eid: str) -> dict[str, Any]:
    found = [d for d in items["decisions"] if d["event_id"] == eid]
    assert len(found) == 1, (eid, found)
    return found[0]


def notified(items: Items, eid: str, clause: str) -> list[list[str]]:
    """The recipient lists of every notification ``eid`` produced citing ``clause``."""
    found = [n["recipients"] for n in items["notifications"] if n["event_id"] == eid and clause in n["clauses"]]
    assert found, (eid, clause)
    return found


def audience(items: Items, record: str) -> dict[str, Any]:
    found = [a for a in items["audiences"] if a["record"] == record]
    assert len(found) == 1, (record, found)
    return found[0]


# --- the script itself ---------------------------------------------------------------------------


def test_the_script_is_a_year_in_order_with_unique_ids_and_the_right_offsets(events: list[Event]) -> None:
    raw = [json.loads(line) for line in EVENTS.read_text("utf-8").splitlines() if line.strip()]
    assert len(raw) == len(events) == 139
    assert len({e.id for e in events}) == len(events)
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert raw[0]["at"][:10] == "2026-01-05"
    assert raw[-1]["at"][:10] == "2026-12-04"
    for row in raw:
        assert row["authority"] == NAME and row["recorded_by"], row
        summer = "2026-03-29" <= row["at"][:10] <= "2026-10-24"
        assert row["at"].endswith("+01:00" if summer else "+00:00"), row


def test_every_rule_of_the_adopted_packs_produces_something_during_the_year(events: list[Event]) -> None:
    """Each event is evaluated as ``Engine.evaluate`` does it, rule by rule, to see which rules produced
    effects; then the engine applies the event so the next one sees the ledger as the check run does."""
    profile = load_profile(FOLDER / "profile.yaml")
    assert tuple(profile.packs) == PACKS
    engine = Engine(profile, load_organisation(FOLDER / "organisation.yaml"))
    fired: set[tuple[str, str]] = set()
    for event in events:
        engine.advance_to(event.at)
        produced = 0
        for rule, effects in engine.effects_by_rule(event):
            if effects:
                fired.add((rule.pack, rule.name))
                produced += len(effects)
        out = engine.evaluate(event)
        total = sum(
            len(getattr(out, kind))
            for kind in ("obligations", "notifications", "violations", "audiences", "settles", "memories")
        )
        assert (total + len(out.decisions) > 0) == (produced > 0), event.id
        engine.process(event)
    registry = packs_by_id()
    every = {(pack, rule.name) for pack in PACKS for rule in registry[pack].rules}
    assert len(every) == 48
    assert every - fired == set()


# --- violations: the exact set -------------------------------------------------------------------

EXPECTED_VIOLATIONS = Counter(
    {
        # lc-groups-2019
        (LG + "roles.1", "m-ewan"): 1,  # Harbour's leader signs the new adviser's appointment himself
        (LG + "internal.1", "o-idris"): 1,  # letter to all Harbour councillors, adviser not copied
        (LG + "internal.2", "o-philippa"): 1,  # Committee Services arranges Harbour's substitute itself
        (LG + "internal.3", "o-philippa"): 1,  # Grants Committee notice to the new Harbour adviser a day late
        (LG + "internal.5", "o-philippa"): 1,  # a Meridian-only political meeting organised by an officer
        (LG + "internal.7", "o-philippa"): 1,  # Harbour's room refused without a reason
        (LG + "internal.7", "o-honoria"): 1,  # a Director tries to settle the dispute
        (LG + "internal.8", "o-celia"): 2,  # Spring Budget briefing late; Autumn Statement never sent
        (LG + "outside.1", "m-yara"): 1,  # the peer's approach reaches Harbour's adviser late
        (LG + "outside.2", "o-maeve"): 1,  # briefing to Outside Representatives without Harbour's adviser
        (LG + "outside.3", "o-hamza"): 1,  # Meridian material sent before its advisers reviewed it
        (LG + "budget", "m-ewan"): 1,  # banners approved by the leader, not the adviser
        (LG + "budget", "a-saoirse"): 1,  # Juniper overspends
        # lc-member-officer-2019
        (LM + "6.confidentiality", "o-maeve"): 1,  # relays Meridian's discussion to a Harbour councillor
        (LM + "6.requests", CE): 1,  # Harbour refused an officer on the housing settlement
        (LM + "7.undue-influence", "o-idris"): 1,  # never passes the Taxicard report to the CE
        (LM + "7.undue-influence", "o-hamza"): 1,  # reports to his head of service, then late to his director
        (LM + "9", "m-lowri"): 1,  # declares to the former Juniper leader
        (LM + "12.member-officer", "o-hamza"): 1,  # copies a councillor's letter without consent
        (LM + "13.member-about-officer", "m-ines"): 1,  # insists on discipline
        (LM + "13.member-about-officer", "o-idris"): 1,  # breach report BR-2026-01 never acknowledged
        (LM + "13.member-about-director", CE): 2,  # late complete reply; full detail to the complainant
        (LM + "13.officer-about-member", "o-jocasta"): 1,  # outcome told to the complainant late
        (LM + "13.confidentiality", "o-honoria"): 1,  # tells a witness who complained
        (LM + "13.confidentiality", "o-fitzroy"): 1,  # tells a councillor the outcome of a complaint
    }
)


def test_the_year_ends_with_exactly_the_intended_violations(items: Items) -> None:
    assert all(len(v["clauses"]) == 1 for v in items["violations"])
    found = Counter((v["clauses"][0], v["responsible"]) for v in items["violations"])
    assert found == EXPECTED_VIOLATIONS
    assert len(items["violations"]) == sum(EXPECTED_VIOLATIONS.values()) == 27


def test_missed_deadlines_name_the_duty_that_was_missed(items: Items) -> None:
    missed = sorted(v["obligation"] for v in items["violations"] if v["obligation"])
    assert missed == sorted(
        [
            LG + "internal.8:PUB-2026-02:a-orla",
            LG + "internal.8:PUB-2026-04:a-saoirse",
            LG + "internal.3:GC-2026-06:a-benedikt",
            LG + "outside.1:OR-2026-02",
            LM + "7.undue-influence:UI-2026-01:inform-ce",
            LM + "7.undue-influence:UI-2026-02:report",
            LM + "13.member-about-director:CMP-2026-02:acknowledge",
            LM + "13.officer-about-member:CMP-2026-03:outcome",
            LM + "13.member-about-officer:BR-2026-01:acknowledge",
        ]
    )


# --- obligations: put right late, waived, and what is left at the end -----------------------------


def test_duties_put_right_late_stay_breached_but_record_when_they_were_done(items: Items) -> None:
    late = {o["key"]: o["done_late_on"] for o in items["obligations"] if o["done_late_on"]}
    assert late == {
        LG + "internal.8:PUB-2026-02:a-orla": "2026-02-23",
        LG + "internal.3:GC-2026-06:a-benedikt": "2026-06-11",
        LG + "outside.1:OR-2026-02": "2026-07-20",
        LM + "7.undue-influence:UI-2026-01:inform-ce": "2026-04-24",
        LM + "7.undue-influence:UI-2026-02:report": "2026-11-25",
        LM + "13.member-about-director:CMP-2026-02:acknowledge": "2026-06-25",
        LM + "13.officer-about-member:CMP-2026-03:outcome": "2026-10-07",
    }
    assert all(o["state"] == "violated" for o in items["obligations"] if o["done_late_on"])


def test_duties_met_on_time_waived_and_cancelled(items: Items, events: list[Event]) -> None:
    # Met on time: the TEC notices, the MP's approach, the dispute settled by the Chief Executive...
    for key in (
        LG + "internal.3:TEC-2026-03:a-orla",
        LG + "internal.3:LC-2026-11:a-benedikt",
        LG + "outside.1:OR-2026-01",
        LG + "outside.3:MAT-2026-01:review",
        LG + "internal.7:RES-2026-02:dispute",
        LM + "6.requests:ATT-2026-02:serve-alike",
        LM + "13.member-about-officer:CMP-2026-01:acknowledge",
        LM + "13.member-about-officer:CMP-2026-01:outcome",
        LM + "7.undue-influence:UI-2026-02:inform-ce",
    ):
        assert obligation(items, key)["state"] == "fulfilled", key
    assert obligation(items, LG + "internal.7:RES-2026-02:dispute")["closed_by"] == event_id(
        events, "ResourceDisputeSettled", request="RES-2026-02", by=CE
    )
    # Waived by the adviser it was owed to.
    waived = obligation(items, LG + "internal.4:EXT-2026-07:a-benedikt")
    assert (waived["state"], waived["holder"]) == ("discharged", "o-jocasta")
    # Cancelled when the case ended another way (refused; sent out before review).
    assert obligation(items, LM + "6.requests:ATT-2026-04:serve-alike")["state"] == "cancelled"
    assert obligation(items, LG + "outside.3:MAT-2026-02:review")["state"] == "cancelled"
    # A complaint routed past a Director with a declared interest is owed by the Chief Executive.
    assert obligation(items, LM + "13.member-about-officer:CMP-2026-04:acknowledge")["holder"] == CE


def test_the_open_and_overdue_duties_at_the_end(items: Items) -> None:
    outstanding = sorted(
        (o["key"], o["holder"], o["state"], o["overdue"], o["due"])
        for o in items["obligations"]
        if o["state"] in ("active", "violated") and not o["done_late_on"] and not o["closed_on"]
    )
    assert outstanding == sorted(
        [
            (LM + "13.member-about-officer:BR-2026-01:acknowledge", "o-idris", "violated", True, "2026-10-29"),
            (LG + "internal.8:PUB-2026-04:a-saoirse", "o-celia", "violated", True, "2026-11-10"),
            # a Minister's contact at 17:30 on 3 December counts from Friday 4 December
            (LG + "outside.1:OR-2026-03", "m-lowri", "active", False, "2026-12-07"),
            (LM + "13.officer-about-group-leader:CMP-2026-08:outcome", CE, "active", False, "2026-12-07"),
            (LM + "13.officer-about-chair:CMP-2026-09:acknowledge", CE, "active", False, "2026-12-08"),
            # Committee Services' waiver was refused, so the notice is still owed
            (LG + "internal.3:GC-2026-12:a-saoirse", "o-philippa", "active", False, "2026-12-09"),
        ]
    )
    assert len(items["obligations"]) == 39


# --- notifications -------------------------------------------------------------------------------


def test_lc_groups_notifications_reach_the_relevant_advisers(items: Items, events: list[Event]) -> None:
    # internal.1: the CE's letter to every Juniper councillor goes to the Juniper adviser.
    eid = event_id(events, "CorrespondenceSent", correspondence="COR-2026-01")
    assert notified(items, eid, LG + "internal.1") == [["a-saoirse"]]
    # internal.3: member body meetings; Harbour's adviser is whoever holds the post on the day.
    eid = event_id(events, "MeetingScheduled", meeting="LC-2026-01")
    assert notified(items, eid, LG + "internal.3") == [ADVISERS_SPRING]
    eid = event_id(events, "MeetingScheduled", meeting="LC-2026-11")
    assert notified(items, eid, LG + "internal.3") == [ADVISERS_AUTUMN]
    # internal.4: the dinner with the Chamber of Commerce, to the advisers of the Members going.
    eid = event_id(events, "MeetingScheduled", meeting="EXT-2026-07")
    assert notified(items, eid, LG + "internal.4") == [["a-benedikt", "a-lachlan", "a-zinnia"]]
    # internal.2: a substitute asked of the clerk goes to the Member's group adviser.
    eid = event_id(events, "SubstitutionRequested", request="SUB-2026-01")
    assert notified(items, eid, LG + "internal.2") == [["a-saoirse"]]
    # internal.7: a refusal where another group's adviser had the same is drawn to the CE.
    eid = event_id(events, "ResourceDecided", request="RES-2026-02")
    assert notified(items, eid, LG + "internal.7") == [["a-orla", CE]]
    # outside: the Minister (Juniper) met: Juniper's adviser, and all advisers as it was ministerial.
    eid = event_id(events, "OutsideRepresentativeMet", meeting="OM-2026-01")
    assert notified(items, eid, LG + "outside") == [["a-saoirse"], ADVISERS_SPRING]
    # outside.2 and internal.8 go to every adviser.
    eid = event_id(events, "OutsideBriefingSent", briefing="OB-2026-02")
    assert notified(items, eid, LG + "outside.2") == [ADVISERS_AUTUMN]
    eid = event_id(events, "PublicationIssued", publication="PUB-2026-04")
    assert notified(items, eid, LG + "internal.8") == [ADVISERS_AUTUMN]
    # A waiver by someone without standing is refused and the Monitoring Officer is told.
    eid = event_id(events, "ObligationWaived", by="o-philippa")
    assert notified(items, eid, LG + "internal.3") == [[MO]]


def test_lc_member_officer_notifications(items: Items, events: list[Event]) -> None:
    # 13.officer-about-member: the CE and the member's Group Leader on the day.
    eid = event_id(events, "ComplaintLodged", complaint="CMP-2026-03")
    assert notified(items, eid, LM + "13.officer-about-member") == [["m-araminta", CE]]
    eid = event_id(events, "ComplaintLodged", complaint="CMP-2026-07")
    assert notified(items, eid, LM + "13.officer-about-member") == [["m-anselm", CE]]  # Juniper's new leader
    # 13.monitoring: every written complaint or breach taken up as one reaches the nominated monitor.
    monitored = [n for n in items["notifications"] if LM + "13.monitoring" in n["clauses"]]
    assert {tuple(n["recipients"]) for n in monitored} == {(MONITOR,)}
    assert len(monitored) == 9
    # 6.difficulty and an escalated complaint go to the Chief Executive.
    eid = event_id(events, "DifficultyRaised", case="DIF-2026-01")
    assert notified(items, eid, LM + "6.difficulty") == [[CE]]
    eid = event_id(events, "ComplaintEscalated", complaint="CMP-2026-01")
    assert notified(items, eid, LM + "13.member-about-officer") == [[CE]]
    assert len(items["notifications"]) == 35


# --- decisions -----------------------------------------------------------------------------------


def _outcome(items: Items, eid: str) -> tuple[str, list[str], list[str]]:
    d = decision(items, eid)
    return d["outcome"], d["clauses"], d["refer_to"]


def test_lc_groups_decisions(items: Items, events: list[Event]) -> None:
    at_meeting = [e.id for e in events if e.type == "AdviserAttendanceRequested" and e.meeting == "LC-2026-01"]
    assert [_outcome(items, eid) for eid in at_meeting] == [
        ("permit", [LG + "internal.3"], []),
        ("deny", [LG + "internal.3"], []),  # the confidential staffing item
    ]
    at_cmb = [e.id for e in events if e.type == "AdviserAttendanceRequested" and e.meeting == "CMB-2026-10"]
    assert [_outcome(items, eid)[0] for eid in at_cmb] == ["deny", "permit"]  # no right; then invited
    pre = [e.id for e in events if e.type == "AdviserAttendanceRequested" and e.meeting == "EXT-2026-07"]
    assert [_outcome(items, eid) for eid in pre] == [
        ("refer", [LG + "internal.4"], ["m-ewan"]),
        ("permit", [LG + "internal.4"], []),
    ]
    eid = event_id(events, "MeetingScheduled", meeting="MTG-2026-05")
    assert _outcome(items, eid) == ("permit", [LG + "internal.5"], [])  # the Chair and the Minister
    eid = event_id(events, "MeetingScheduled", meeting="SP-2026-07")
    assert _outcome(items, eid) == ("refer", [LG + "internal.5"], MERIDIAN_ADVISERS)
    eid = event_id(events, "SubstitutionRequested", request="SUB-2026-02")
    assert _outcome(items, eid) == ("refer", [LG + "internal.2"], ["a-orla"])
    eid = event_id(events, "ResourceRequested", request="RES-2026-01")
    assert _outcome(items, eid) == ("permit", [LG + "internal.7"], [])
    eid = event_id(events, "ResourceRequested", request="RES-2026-03")
    assert _outcome(items, eid) == ("refer", [LG + "internal.7"], ["o-idris"])


def test_lc_member_officer_decisions(items: Items, events: list[Event]) -> None:
    # 6.requests: every request for an officer goes through the Chief Executive...
    for request in ("ATT-2026-01", "ATT-2026-02", "ATT-2026-03", "ATT-2026-04"):
        eid = event_id(events, "AttendanceRequested", request=request)
        assert _outcome(items, eid) == ("refer", [LM + "6.requests"], [CE]), request
    # ... and with party members present the officer discloses nothing confidential (6.non-members).
    eid = event_id(events, "AttendanceRequested", request="ATT-2026-03")
    assert any("No confidential information" in c for c in decision(items, eid)["conditions"])
    # 5.restricted
    political = {e.person: e.id for e in events if e.type == "PoliticalActivityProposed"}
    assert _outcome(items, political["o-fitzroy"])[0] == "deny"  # restricted: may not canvass
    assert _outcome(items, political["o-hamza"])[0] == "permit"  # not restricted: may stand
    assert _outcome(items, political["o-idris"])[0] == "permit"  # senior, but membership is allowed
    # 8: only Elected Officers, and only for the CE, Directors and Political Advisers.
    panel = {e.member: e.id for e in events if e.type == "RecruitmentPanelProposed"}
    assert {m: _outcome(items, eid)[0] for m, eid in panel.items()} == {
        "m-ewan": "permit",
        "m-yara": "deny",
        "m-araminta": "deny",
    }
    # 12.member-officer
    eid = event_id(events, "MemberCorrespondenceCopied", correspondence="LET-2026-11")
    assert _outcome(items, eid) == ("permit", [LM + "12.member-officer"], [])
    eid = event_id(events, "MemberCorrespondenceCopied", correspondence="LET-2026-14")
    assert _outcome(items, eid) == ("refer", [LM + "12.member-officer"], ["m-petronella"])
    # 13.monitoring: only the Chief Executive nominates.
    eid = event_id(events, "ComplaintsMonitorNominated", by="o-honoria")
    assert _outcome(items, eid) == ("deny", [LM + "13.monitoring"], [])
    # 7.complaints and 13.*: routing by who complains about whom.
    eid = event_id(events, "EnquiryRaised", enquiry="ENQ-2026-07")
    assert _outcome(items, eid) == ("refer", [LM + "7.complaints", LM + "13.member-about-officer"], ["o-jocasta"])
    routes = {
        "CMP-2026-01": ([LM + "13.member-about-officer"], ["o-jocasta"]),
        "CMP-2026-02": ([LM + "13.member-about-director"], [CE]),
        "CMP-2026-03": ([LM + "13.officer-about-member"], ["o-jocasta"]),
        # the Director declared an interest with the complainant, so it passes to the CE (9)
        "CMP-2026-04": ([LM + "13.member-about-officer", LM + "9"], [CE]),
        "CMP-2026-05": ([LM + "13.member-about-chief-executive"], ["x-augustine"]),
        "CMP-2026-07": ([LM + "13.officer-about-member"], ["o-jocasta"]),
        "CMP-2026-08": ([LM + "13.officer-about-group-leader"], [CE]),
        "CMP-2026-09": ([LM + "13.officer-about-chair"], [CE]),
    }
    for complaint, (clauses, handler) in routes.items():
        eid = event_id(events, "ComplaintLodged", complaint=complaint)
        assert _outcome(items, eid) == ("refer", clauses, handler), complaint
    by_phone = decision(items, event_id(events, "ComplaintLodged", complaint="CMP-2026-06"))
    assert by_phone["outcome"] == "refer" and "in writing" in by_phone["reason"]
    # 14: a breach report becomes a complaint, takes its section's own route, or is refused.
    breaches = {e.breach: e.id for e in events if e.type == "BreachReported"}
    assert _outcome(items, breaches["BR-2026-01"]) == (
        "refer",
        [LM + "14", LM + "13.member-about-officer"],
        ["o-idris"],
    )
    assert _outcome(items, breaches["BR-2026-02"]) == ("refer", [LM + "14", LM + "6.difficulty"], [CE])
    assert _outcome(items, breaches["BR-2026-03"]) == ("deny", [LM + "14"], [])
    # 7.undue-influence: reported to a head of service, referred to the officer's director.
    eid = event_id(events, "UndueInfluenceReported", case="UI-2026-02", to="o-leopold")
    assert _outcome(items, eid) == ("refer", [LM + "7.undue-influence"], ["o-jocasta"])
    assert len(items["decisions"]) == 41


# --- who may see what ----------------------------------------------------------------------------


def test_need_to_know(items: Items, events: list[Event]) -> None:
    # internal.9: advisers see member body reports, but not papers on confidential staffing.
    report = audience(items, event_id(events, "DocumentPublished", document="DOC-2026-01"))
    assert set(ADVISERS_SPRING) <= set(report["people"])
    staffing = audience(items, event_id(events, "DocumentPublished", document="DOC-2026-02"))
    assert not set(ADVISERS_SPRING) & set(staffing["people"])
    # 13.confidentiality: the complainant's identity is kept from the officer complained about.
    lodged = audience(items, event_id(events, "ComplaintLodged", complaint="CMP-2026-01"))
    assert lodged["people"] == ["m-araminta", "m-ines", CE, "o-jocasta"]
    assert lodged["withheld"] == {"complainant": ["o-leopold"]}
    # 6.confidentiality / 6.advisers: a group meeting stays with the group, its officers and advisers.
    meeting = audience(items, event_id(events, "GroupMeetingHeld", meeting="GM-2026-03"))
    assert meeting["people"] == ["a-saoirse", "m-anselm", "m-cosmo", "m-lowri", "m-petronella", "o-leopold"]


# --- the command line ----------------------------------------------------------------------------


def test_the_cli_check_reports_the_same_violations(items: Items) -> None:
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(EVENTS),
            "--org",
            NAME,
            "--profile",
            NAME,
            "--at",
            CLOCK,
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["authority"] == NAME
    assert data["events"] == 139
    assert len(data["violations"]) == len(items["violations"]) == 27
    assert len([o for o in data["obligations"] if o["overdue"]]) == 2
