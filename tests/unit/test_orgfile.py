"""The organisation file loader: a good file builds the organisation; a bad one says what, where and how.

The authority and its people are made up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from propriety.adapters.orgfile import OrganisationFileError, Problem, load_organisation, parse_organisation
from propriety.domain.organisation import Role

GOOD = """\
authority: {id: fernleigh, name: Fernleigh District Council, kind: district}
groups:
  - {id: plum, name: Plum Group, party: Plum Party, budget: {amount: "900.50", year: 2026}}
bodies:
  - {id: planning, name: Planning Committee, kind: committee}
wards:
  - {id: quarry, name: Quarry Ward}
directorates:
  - {id: place, name: Place}
restricted_posts:
  - {id: rp-advice, title: Policy Adviser, holder: o-rue, criterion: advice, from: 2024-01-01}
people:
  - id: m-sol
    name: Cllr Sol Arden
    kind: member
    party: Plum Party
    email: sol.arden@example.org
    roles:
      - {role: councillor}
      - {role: group-leader, group: plum, from: 2022-05-10, to: 2026-05-06}
      - {role: ward-councillor, ward: quarry, from: 2022-05-05}
      - {role: committee-chair, body: planning, from: 2023-05-20}
  - id: o-dir
    name: Tam Whitlow
    kind: officer
    roles:
      - {role: director, directorate: place, from: 2019-01-01}
  - id: o-rue
    name: Rue Calder
    kind: officer
    roles:
      - {role: head-of-service, directorate: place, reports_to: o-dir, from: 2020-01-01}
"""


def _problems(text: str, source: str = "org.yaml") -> tuple[Problem, ...]:
    with pytest.raises(OrganisationFileError) as caught:
        parse_organisation(text, source)
    return caught.value.problems


def _only(text: str) -> Problem:
    problems = _problems(text)
    assert len(problems) == 1, problems
    return problems[0]


def _replace(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


def test_a_good_file_builds_the_organisation(tmp_path: Path) -> None:
    path = tmp_path / "fernleigh.yaml"
    path.write_text(GOOD, encoding="utf-8")
    org = load_organisation(path)
    assert org.authority.name == "Fernleigh District Council"
    assert org.person("m-sol").email == "sol.arden@example.org"
    budget = org.group("plum").budget
    assert budget is not None
    assert str(budget.amount) == "900.50"
    assert org.group_leader("plum", date(2026, 5, 6)) == "m-sol"  # `to` is the last day held
    assert org.group_leader("plum", date(2026, 5, 7)) is None
    assert org.is_councillor("m-sol", date(1900, 1, 1))  # `from` defaults to 1900-01-01
    assert org.line_manager("o-rue", date(2025, 1, 1)) == "o-dir"
    assert org.is_politically_restricted("o-rue", date(2025, 1, 1))
    assert org.body_chair("planning", date(2024, 1, 1)) == "m-sol"


def test_unknown_role_names_the_line_path_and_valid_roles() -> None:
    problem = _only(_replace("{role: councillor}", "{role: councilor}"))
    assert (problem.file, problem.line, problem.path) == ("org.yaml", 19, "people[0].roles[0].role")
    assert "unknown role 'councilor'" in problem.message
    assert all(role.value in problem.message for role in Role)


def test_missing_scope_for_a_role() -> None:
    problem = _only(_replace("{role: group-leader, group: plum,", "{role: group-leader,"))
    assert (problem.line, problem.path) == (20, "people[0].roles[1].group")
    assert "role 'group-leader' needs 'group:'" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "line", "path", "message"),
    [
        (
            "group: plum,",
            "group: blue,",
            20,
            "people[0].roles[1].group",
            "unknown group 'blue'; add it under groups:",
        ),
        (
            "ward: quarry,",
            "ward: spire,",
            21,
            "people[0].roles[2].ward",
            "unknown ward 'spire'; add it under wards:",
        ),
        ("body: planning,", "body: zoning,", 22, "people[0].roles[3].body", "unknown body 'zoning'"),
        (
            "{role: director, directorate: place,",
            "{role: director, directorate: space,",
            27,
            "people[1].roles[0].directorate",
            "unknown directorate 'space'; add it under directorates:",
        ),
        (
            "reports_to: o-dir",
            "reports_to: o-boss",
            32,
            "people[2].roles[0].reports_to",
            "unknown person 'o-boss'",
        ),
        ("holder: o-rue", "holder: o-nobody", 11, "restricted_posts[0].holder", "unknown person 'o-nobody'"),
    ],
)
def test_unknown_references(old: str, new: str, line: int, path: str, message: str) -> None:
    problem = _only(_replace(old, new))
    assert (problem.line, problem.path) == (line, path)
    assert message in problem.message
    assert "or correct the id" in problem.message


def test_duplicate_ids_point_at_the_second_and_name_the_first() -> None:
    holder, problem = _problems(_replace("  - id: o-rue\n", "  - id: o-dir\n"))
    assert (holder.line, holder.path) == (11, "restricted_posts[0].holder")  # o-rue is gone
    assert (problem.line, problem.path) == (28, "people[2].id")
    assert "duplicate person id 'o-dir' (first used on line 23)" in problem.message


def test_to_before_from() -> None:
    problem = _only(_replace("to: 2026-05-06", "to: 2021-05-06"))
    assert (problem.line, problem.path) == (20, "people[0].roles[1].to")
    assert "'to' (2021-05-06) is before 'from' (2022-05-10)" in problem.message


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("2022-02-30", "invalid date '2022-02-30'"),
        ("next tuesday", "invalid date 'next tuesday'; write it as YYYY-MM-DD"),
        ("2022", "invalid date 2022; write it as YYYY-MM-DD"),
    ],
)
def test_invalid_dates(bad: str, message: str) -> None:
    problem = _only(_replace("ward: quarry, from: 2022-05-05", f"ward: quarry, from: {bad}"))
    assert (problem.line, problem.path) == (21, "people[0].roles[2].from")
    assert message in problem.message


def test_a_political_adviser_must_be_of_kind_adviser() -> None:
    text = GOOD + "      - {role: political-adviser, group: plum, from: 2024-01-01}\n"
    problem = _only(text)
    assert (problem.line, problem.path) == (33, "people[2].roles[1].role")
    assert "role 'political-adviser' is for a person of kind adviser" in problem.message
    assert "'o-rue' is kind 'officer'" in problem.message


def test_member_roles_only_for_members_and_officer_roles_only_for_officers() -> None:
    text = _replace("{role: councillor}", "{role: monitoring-officer}") + "      - {role: councillor}\n"
    first, second = _problems(text)
    assert (first.line, first.path) == (19, "people[0].roles[0].role")
    assert "role 'monitoring-officer' is for a person of kind officer" in first.message
    assert (second.line, second.path) == (33, "people[2].roles[1].role")
    assert "role 'councillor' is for a person of kind member" in second.message


def test_shape_errors_say_what_is_allowed() -> None:
    text = _replace("kind: committee}", "kind: comittee}")
    text = text.replace("{role: councillor}", "{role: councillor, form: 2020-01-01}")
    kind, field = _problems(text)
    assert (kind.line, kind.path) == (5, "bodies[0].kind")
    assert "'comittee' is not allowed for 'kind'; use 'committee'" in kind.message
    assert (field.line, field.path) == (19, "people[0].roles[0].form")
    assert "unknown field 'form'; remove it or correct the spelling (allowed: role, from, to" in field.message


def test_a_missing_required_field_points_at_its_entry() -> None:
    problem = _only(_replace("    name: Tam Whitlow\n", ""))
    assert (problem.line, problem.path) == (23, "people[1].name")
    assert problem.message == "missing required field 'name'; add it"


def test_a_repeated_key_is_reported() -> None:
    problem = _only(_replace("    kind: member\n", "    kind: member\n    kind: member\n"))
    assert (problem.line, problem.path) == (16, "people[0].kind")
    assert "duplicate key 'kind'" in problem.message


def test_yaml_syntax_errors_carry_file_and_line() -> None:
    problem = _only(_replace("  - {id: quarry, name: Quarry Ward}", "  - {id: quarry, name: Quarry Ward"))
    assert problem.file == "org.yaml"
    assert problem.line == 8
    assert problem.message.startswith("not valid YAML")


def test_arbitrary_tags_are_refused() -> None:
    problem = _only("authority: !!python/object:os.system {}\n")
    assert (problem.line, problem.message[:14]) == (1, "not valid YAML")


def test_empty_file_and_missing_authority() -> None:
    assert "expected a mapping" in _only("").message
    problem = _only(GOOD.replace(GOOD.splitlines()[0] + "\n", ""))
    assert (problem.line, problem.path) == (1, "")
    assert "missing the authority: section" in problem.message


def test_a_section_that_is_not_a_list() -> None:
    problem = _only(_replace("wards:\n  - {id: quarry, name: Quarry Ward}", "wards: {id: quarry, name: Quarry}"))
    assert (problem.line, problem.path) == (6, "wards")
    assert "'wards' must be a list" in problem.message
    # An empty section is allowed; the ward is then unknown where it is used.
    assert _only(_replace("wards:\n  - {id: quarry, name: Quarry Ward}", "wards:")).path == ("people[0].roles[2].ward")


def test_every_problem_is_reported_one_per_line_in_file_order(tmp_path: Path) -> None:
    text = (
        GOOD.replace("{role: councillor}", "{role: councilor}")
        .replace("group: plum,", "group: blue,")
        .replace("holder: o-rue", "holder: o-nobody")
        .replace("reports_to: o-dir, from: 2020-01-01", "reports_to: o-dir, from: 2020-13-01")
    )
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OrganisationFileError) as caught:
        load_organisation(path)
    lines = str(caught.value).splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{path}:11", f"{path}:19", f"{path}:20", f"{path}:32"]
    assert lines[1].startswith(f"{path}:19: people[0].roles[0].role: unknown role 'councilor'; use one of:")
    assert lines[2] == (
        f"{path}:20: people[0].roles[1].group: unknown group 'blue'; add it under groups: or correct the id"
    )
    assert isinstance(caught.value, ValueError)


def test_a_broken_entry_causes_no_knock_on_errors() -> None:
    # The group's budget is malformed; the group is still known, so roles naming it are not flagged.
    problem = _only(_replace('budget: {amount: "900.50", year: 2026}', "budget: {amount: lots, year: 2026}"))
    assert (problem.line, problem.path) == (3, "groups[0].budget.amount")
