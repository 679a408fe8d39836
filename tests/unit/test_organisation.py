"""The organisation model answers the questions protocol rules ask, as at a date.

The authority, its people and its parties are made up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from propriety.adapters.orgfile import parse_organisation
from propriety.domain.organisation import (
    Appointment,
    Authority,
    Organisation,
    Person,
    Role,
    UnknownReference,
)

WEXCOMBE = """\
authority: {id: wexcombe, name: Wexcombe Borough Council, kind: london-borough}
groups:
  - {id: gold, name: Gold Group, party: Gold Party, budget: {amount: "1800.00", year: 2025}}
  - {id: teal, name: Teal Group, party: Teal Party}
bodies:
  - {id: licensing, name: Licensing Committee, kind: committee}
wards:
  - {id: millbrook, name: Millbrook}
  - {id: harbour, name: Harbour}
directorates:
  - {id: resources, name: Resources}
  - {id: environment, name: Environment}
restricted_posts:
  - {id: rp-press, title: Press Lead, holder: o-max, criterion: media, from: 2024-01-01}
people:
  - id: m-ash
    name: Cllr Ash Porter
    kind: member
    party: Gold Party
    roles:
      - {role: councillor, from: 2022-05-05}
      - {role: group-leader, group: gold, from: 2022-05-10, to: 2025-09-30}
      - {role: group-member, group: gold, from: 2025-10-01}
      - {role: leader-of-council, from: 2022-05-10, to: 2025-09-30}
      - {role: ward-councillor, ward: millbrook, from: 2022-05-05}
  - id: m-bea
    name: Cllr Bea Quill
    kind: member
    party: Gold Party
    roles:
      - {role: councillor, from: 2022-05-05}
      - {role: group-member, group: gold, from: 2022-05-05, to: 2025-09-30}
      - {role: group-leader, group: gold, from: 2025-10-01}
      - {role: executive-member, portfolio: housing, from: 2022-05-10}
      - {role: committee-chair, body: licensing, from: 2022-05-10}
      - {role: ward-councillor, ward: millbrook, from: 2022-05-05}
  - id: m-cal
    name: Cllr Cal Rowe
    kind: member
    party: Teal Party
    roles:
      - {role: councillor, from: 2022-05-05}
      - {role: group-leader, group: teal, from: 2022-05-10}
      - {role: committee-member, body: licensing, from: 2022-05-10}
      - {role: ward-councillor, ward: millbrook, from: 2022-05-05}
  - id: m-dee
    name: Cllr Dee Sato
    kind: member
    party: Teal Party
    roles:
      - {role: councillor, from: 2022-05-05}
      - {role: group-secretary, group: teal, from: 2022-05-10}
      - {role: committee-vice-chair, body: licensing, from: 2022-05-10}
      - {role: ward-councillor, ward: harbour, from: 2022-05-05}
  - id: a-eli
    name: Eli Vance
    kind: adviser
    roles:
      - {role: political-adviser, group: gold, from: 2023-01-01}
  - id: a-fay
    name: Fay Okoro
    kind: adviser
    roles:
      - {role: political-adviser, group: teal, from: 2024-01-01, to: 2025-12-31}
  - id: o-gus
    name: Gus Lindqvist
    kind: officer
    roles:
      - {role: chief-executive, from: 2019-04-01}
  - id: o-hal
    name: Hal Mercer
    kind: officer
    roles:
      - {role: director, directorate: resources, reports_to: o-gus, from: 2020-01-01}
  - id: o-ivy
    name: Ivy Dunmore
    kind: officer
    roles:
      - {role: head-of-service, directorate: resources, reports_to: o-hal, from: 2020-06-01}
  - id: o-jon
    name: Jon Ashby
    kind: officer
    roles:
      - {role: officer, directorate: resources, reports_to: o-ivy, from: 2021-03-01}
  - id: o-kit
    name: Kit Hale
    kind: officer
    roles:
      - {role: assistant-director, directorate: environment, reports_to: o-lea, from: 2021-01-01}
  - id: o-lea
    name: Lea Brandt
    kind: officer
    roles:
      - {role: director, directorate: environment, reports_to: o-gus, from: 2020-01-01}
  - id: o-max
    name: Max Pell
    kind: officer
    roles:
      - {role: media-office, reports_to: o-gus, from: 2023-01-01}
  - id: o-nia
    name: Nia Farrow
    kind: officer
    roles:
      - {role: monitoring-officer, reports_to: o-hal, from: 2020-01-01}
      - {role: head-of-governance, directorate: resources, reports_to: o-hal, from: 2020-01-01}
  - id: x-oli
    name: Oli Penrose MP
    kind: external
    roles:
      - {role: outside-representative, party: Gold Party, representative_kind: mp, from: 2024-07-05}
  - id: x-pat
    name: Pat Lowell
    kind: external
    roles:
      - {role: independent-person, from: 2023-01-01}
"""

BEFORE = date(2025, 6, 1)  # Ash leads the Gold Group
AFTER = date(2026, 1, 15)  # Bea has taken over


@pytest.fixture(scope="module")
def org() -> Organisation:
    return parse_organisation(WEXCOMBE, "wexcombe.yaml")


def test_entities_are_listed_sorted_by_id(org: Organisation) -> None:
    assert [p.id for p in org.people()][:3] == ["a-eli", "a-fay", "m-ash"]
    assert [g.id for g in org.groups()] == ["gold", "teal"]
    budget = org.group("gold").budget
    assert budget is not None
    assert str(budget.amount) == "1800.00"
    assert org.body("licensing").kind == "committee"
    assert [w.id for w in org.wards()] == ["harbour", "millbrook"]
    assert org.directorate("resources").name == "Resources"
    assert org.authority.timezone == "Europe/London"


def test_a_leader_replaced_mid_year_leads_only_until_the_change(org: Organisation) -> None:
    assert org.group_leader("gold", BEFORE) == "m-ash"
    assert org.group_leader("gold", AFTER) == "m-bea"
    assert org.group_leader("gold", date(2025, 9, 30)) == "m-ash"  # the end date is the last day held
    assert org.group_leader("gold", date(2025, 10, 1)) == "m-bea"
    assert org.has_role("m-ash", Role.LEADER_OF_COUNCIL, BEFORE)
    assert not org.has_role("m-ash", Role.LEADER_OF_COUNCIL, AFTER)


def test_group_leaders_are_the_leaders_of_every_group(org: Organisation) -> None:
    assert org.group_leaders(BEFORE) == ("m-ash", "m-cal")
    assert org.group_leaders(AFTER) == ("m-bea", "m-cal")
    assert org.group_leaders(date(2022, 5, 6)) == ()


def test_group_members_include_leader_and_secretary(org: Organisation) -> None:
    assert org.group_members("gold", BEFORE) == ("m-ash", "m-bea")
    assert org.group_members("gold", AFTER) == ("m-ash", "m-bea")
    assert org.group_members("teal", BEFORE) == ("m-cal", "m-dee")
    assert org.group_secretary("teal", BEFORE) == "m-dee"
    assert org.group_secretary("gold", BEFORE) is None


def test_group_of_a_councillor_and_of_an_adviser(org: Organisation) -> None:
    assert org.group_of("m-bea", BEFORE) == "gold"
    assert org.group_of("m-dee", BEFORE) == "teal"
    assert org.group_of("a-fay", BEFORE) == "teal"
    assert org.group_of("a-fay", AFTER) is None
    assert org.group_of("o-gus", BEFORE) is None


def test_advisers_serve_one_group_while_in_post(org: Organisation) -> None:
    assert org.advisers("gold", BEFORE) == ("a-eli",)
    assert org.advisers("teal", BEFORE) == ("a-fay",)
    assert org.advisers("teal", AFTER) == ()
    assert org.all_advisers(BEFORE) == ("a-eli", "a-fay")
    assert org.all_advisers(AFTER) == ("a-eli",)


def test_staff_and_councillors(org: Organisation) -> None:
    assert org.is_councillor("m-cal", BEFORE)
    assert not org.is_councillor("o-gus", BEFORE)
    assert org.is_officer("o-jon", BEFORE)
    assert not org.is_officer("o-jon", date(2021, 2, 28))  # not yet in post
    assert not org.is_officer("a-eli", BEFORE)
    assert org.is_member_of_staff("a-eli", BEFORE)
    assert org.is_member_of_staff("o-jon", BEFORE)
    assert not org.is_member_of_staff("a-fay", AFTER)
    assert not org.is_member_of_staff("m-ash", BEFORE)


def test_ward_councillors_of_every_party(org: Organisation) -> None:
    assert org.ward_councillors("millbrook", BEFORE) == ("m-ash", "m-bea", "m-cal")
    assert org.ward_councillors("harbour", BEFORE) == ("m-dee",)
    assert org.wards_of("m-dee", BEFORE) == ("harbour",)
    assert org.wards_of("o-gus", BEFORE) == ()


def test_bodies_and_portfolios(org: Organisation) -> None:
    assert org.body_chair("licensing", BEFORE) == "m-bea"
    assert org.body_vice_chair("licensing", BEFORE) == "m-dee"
    assert org.body_members("licensing", BEFORE) == ("m-bea", "m-cal", "m-dee")
    assert org.executive_member_for("housing", BEFORE) == "m-bea"
    assert org.executive_member_for("parks", BEFORE) is None


def test_statutory_and_corporate_posts(org: Organisation) -> None:
    assert org.chief_executive(BEFORE) == "o-gus"
    assert org.monitoring_officer(BEFORE) == "o-nia"
    assert org.head_of_governance(BEFORE) == "o-nia"
    assert org.media_office(BEFORE) == ("o-max",)
    assert org.complaints_monitoring_officer(BEFORE) is None
    assert org.chair_of_body(BEFORE) is None
    assert org.outside_representatives("Gold Party", BEFORE) == ("x-oli",)
    assert org.outside_representatives("Gold Party", date(2024, 7, 4)) == ()
    assert org.outside_representatives("Teal Party", BEFORE) == ()
    assert org.holders(Role.INDEPENDENT_PERSON, BEFORE) == ("x-pat",)


def test_scope_left_out_matches_any_scope(org: Organisation) -> None:
    assert org.has_role("m-cal", Role.GROUP_LEADER, BEFORE)
    assert org.has_role("m-cal", Role.GROUP_LEADER, BEFORE, group="teal")
    assert not org.has_role("m-cal", Role.GROUP_LEADER, BEFORE, group="gold")
    assert org.has_role("m-cal", "group-leader", BEFORE)  # role names are accepted as text too
    assert org.holders(Role.DIRECTOR, BEFORE) == ("o-hal", "o-lea")
    assert org.holders(Role.DIRECTOR, BEFORE, directorate="environment") == ("o-lea",)


def test_appointments_of_a_person_on_a_date(org: Organisation) -> None:
    roles = {a.role for a in org.appointments_of("m-ash", AFTER)}
    assert roles == {Role.COUNCILLOR, Role.GROUP_MEMBER, Role.WARD_COUNCILLOR}


def test_line_manager_and_director_walk_up_line_management(org: Organisation) -> None:
    assert org.line_manager("o-jon", BEFORE) == "o-ivy"
    assert org.line_manager("o-gus", BEFORE) is None
    assert org.director_of("o-jon", BEFORE) == "o-hal"  # via the head of service
    assert org.director_of("o-ivy", BEFORE) == "o-hal"
    assert org.director_of("o-kit", BEFORE) == "o-lea"
    # A director's own director is the one above them; here the chain reaches the CE first.
    assert org.director_of("o-hal", BEFORE) is None
    assert org.director_of("o-max", BEFORE) is None  # reports straight to the CE
    assert org.director_of("m-ash", BEFORE) is None


def test_chief_officers_per_islington_1_3(org: Organisation) -> None:
    chief = {pid for pid in (p.id for p in org.people()) if org.is_chief_officer(pid, BEFORE)}
    # CE, directors, an assistant director, and officers reporting directly to a director.
    assert chief == {"o-gus", "o-hal", "o-lea", "o-kit", "o-ivy", "o-nia"}
    assert not org.is_chief_officer("o-jon", BEFORE)  # reports to a head of service
    assert not org.is_chief_officer("o-max", BEFORE)  # reports to the CE, not a director


def test_politically_restricted_by_designation_or_seniority(org: Organisation) -> None:
    assert org.is_politically_restricted("o-max", BEFORE)  # designated post (media)
    assert not org.is_politically_restricted("o-max", date(2023, 6, 1))  # before designation
    assert org.is_politically_restricted("o-gus", BEFORE)  # head of paid service
    assert org.is_politically_restricted("o-hal", BEFORE)  # director
    assert org.is_politically_restricted("o-kit", BEFORE)  # assistant director
    assert org.is_politically_restricted("o-nia", BEFORE)  # monitoring officer
    assert not org.is_politically_restricted("o-jon", BEFORE)
    assert not org.is_politically_restricted("o-ivy", BEFORE)


@pytest.mark.parametrize(
    ("call", "kind", "ref"),
    [
        (lambda o: o.person("nobody"), "person", "nobody"),
        (lambda o: o.has_role("nobody", Role.COUNCILLOR, BEFORE), "person", "nobody"),
        (lambda o: o.group_leader("purple", BEFORE), "group", "purple"),
        (lambda o: o.holders(Role.COMMITTEE_CHAIR, BEFORE, body="nowhere"), "body", "nowhere"),
        (lambda o: o.ward_councillors("atlantis", BEFORE), "ward", "atlantis"),
        (lambda o: o.directorate("magic"), "directorate", "magic"),
        (lambda o: o.holders("grand-vizier", BEFORE), "role", "grand-vizier"),
        (lambda o: o.director_of("nobody", BEFORE), "person", "nobody"),
    ],
)
def test_unknown_references_are_refused(
    org: Organisation, call: Callable[[Organisation], object], kind: str, ref: str
) -> None:
    with pytest.raises(UnknownReference) as caught:
        call(org)
    assert (caught.value.kind, caught.value.id) == (kind, ref)


def test_director_of_survives_a_line_management_cycle() -> None:
    start = date(2020, 1, 1)
    org = Organisation(
        Authority("loop", "Loopford Council", "district"),
        people=[Person("o-a", "A", "officer"), Person("o-b", "B", "officer")],
        appointments=[
            Appointment("o-a", Role.OFFICER, start, directorate="d", reports_to="o-b"),
            Appointment("o-b", Role.OFFICER, start, directorate="d", reports_to="o-a"),
        ],
    )
    assert org.director_of("o-a", start) is None
    assert not org.is_chief_officer("o-a", start)


def test_an_appointment_for_an_unknown_person_is_refused() -> None:
    with pytest.raises(UnknownReference):
        Organisation(
            Authority("x", "X", "district"),
            appointments=[Appointment("ghost", Role.COUNCILLOR, date(2020, 1, 1))],
        )
