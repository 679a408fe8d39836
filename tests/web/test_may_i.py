"""May I?: each guided question answered through HTTP, with its outcome, reasons and clause ids.

The questions run on a real app and database: the conftest app (islington-2006 and
lc-member-officer-2019 adopted), an app adopting all five packs, a joint body with Elected
Officers (for recruitment panels), and an authority that adopted neither pack (whose
protocols do not govern these questions). Nothing asked is ever stored.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from propriety.bootstrap import App, bootstrap
from propriety.config import Settings
from propriety.entrypoints.web.app import create_app
from propriety.entrypoints.web.routes.mayi import QUESTIONS
from propriety.service_layer.accounts import hash_password
from propriety.service_layer.authority import install_authority
from tests.web.conftest import PASSWORD, PROFILE, ROOT, csrf_of, sign_in

ALL_PACKS = """
authority: {authority}
name: {name}
packs: [lc-groups-2019, officers-groups, ce-groups-2009, lc-member-officer-2019, islington-2006]
calendar: {{nation: england-and-wales}}
precedence:
  - question: officer-attends-group-meeting
    winner: islington-2006
    over: [lc-groups-2019, officers-groups, ce-groups-2009, lc-member-officer-2019]
    reason: the council adopted Islington's stricter rule on who may be present
"""

NEW_QUESTIONS = (
    "copy-member-letter",
    "speak-to-press",
    "send-circular-letter",
    "recruitment-panel",
    "political-activity",
    "use-council-resources",
)


@cache
def password_hash() -> str:
    """One argon2 hash of the shared test password, reused for every user (hashing is slow on purpose)."""
    return hash_password(PASSWORD)


def build_app(tmp_path: Path, organisation: str, profile: str, users: tuple[str, ...]) -> App:
    """A real app on its own SQLite file, with ``users`` (person ids, also their usernames)."""
    app = bootstrap(Settings(environment="test"), database_url=f"sqlite:///{tmp_path / 'may-i.db'}")
    profile_file = tmp_path / "profile.yaml"
    profile_file.write_text(profile)
    with app.uow() as uow:
        context = install_authority(uow, ROOT / organisation, profile_file)
        for person in users:
            uow.accounts.add_user(person, context.authority, person, password_hash(), datetime.now(UTC).isoformat())
        uow.commit()
    return app


def client_for(app: App) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(environment="test"), app)) as c:
        yield c


@pytest.fixture
def app_(tmp_path: Path) -> App:
    """The conftest's authority (islington-2006 and lc-member-officer-2019), with only the users signed in here."""
    return build_app(tmp_path, "tests/scenarios/organisation.yaml", PROFILE, ("o-ivy", "m-esme"))


@pytest.fixture
def all_packs_app(tmp_path: Path) -> App:
    profile = ALL_PACKS.format(authority="ashcombe", name="Ashcombe Borough Council")
    return build_app(tmp_path, "tests/scenarios/organisation.yaml", profile, ("o-ivy", "o-max", "m-esme"))


@pytest.fixture
def all_packs(all_packs_app: App) -> Iterator[TestClient]:
    yield from client_for(all_packs_app)


@pytest.fixture
def joint_body(tmp_path: Path) -> Iterator[TestClient]:
    """Thamesmead Joint Councils (fictional): Gita is an Elected Officer; Iris was one until May 2025."""
    app = build_app(
        tmp_path,
        "tests/scenarios/lc-member-officer-2019/org/organisation.yaml",
        "authority: thamesmead-joint\npacks: [lc-member-officer-2019]\ncalendar: {nation: england-and-wales}\n",
        ("m-gita", "m-iris"),
    )
    yield from client_for(app)


@pytest.fixture
def groups_only(tmp_path: Path) -> Iterator[TestClient]:
    """An authority that adopted only ce-groups-2009: none of the new questions is governed there."""
    app = build_app(
        tmp_path,
        "tests/scenarios/organisation.yaml",
        "authority: ashcombe\npacks: [ce-groups-2009]\ncalendar: {nation: england-and-wales}\n",
        ("o-ivy", "m-esme"),
    )
    yield from client_for(app)


def ask(client: TestClient, key: str, answers: dict[str, str | list[str]]) -> Response:
    form = client.get(f"/may-i/{key}")
    assert form.status_code == 200, form.text
    return client.post(f"/may-i/{key}", data={"csrf_token": csrf_of(form.text), **answers})


def text_of(response: Response) -> str:
    """The page as plain text, whitespace collapsed, for asserting on sentences."""
    body = re.sub(r"<[^>]+>", " ", response.text)
    return re.sub(r"\s+", " ", html.unescape(body))


def answer_heading(response: Response) -> str:
    found = re.search(r'id="answer">([^<]+)<', response.text)
    assert found, "no answer on the page"
    return found.group(1)


def clauses_shown(response: Response) -> list[str]:
    return [
        html.unescape(c)
        for c in re.findall(r'<a class="govuk-link" href="/protocols/[^"]+">([^<]+)</a>', response.text)
    ]


# --- copying a member's letter (lc-member-officer-2019/12.member-officer) ----------------------------


def test_copying_a_letter_without_the_authors_consent_waits_for_the_author(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    response = ask(
        client,
        "copy-member-letter",
        {"author": "m-cleo", "copied_to": ["m-ada", "m-esme"], "author_told": "yes", "author_consented": "no"},
    )
    assert response.status_code == 200
    assert answer_heading(response) == "Not yet: it needs a decision first"
    text = text_of(response)
    assert "only after getting Cllr Cleo Marsh's consent" in text
    assert "Who decides: Cllr Cleo Marsh" in text
    assert "Get Cllr Cleo Marsh's consent before copying it." in text
    assert "Going ahead as you describe would be a breach" in text
    assert "Ivy Castell copied Cllr Cleo Marsh's correspondence to Cllr Ada Fenwick and Cllr Esme Tran" in text
    assert clauses_shown(response) == ["lc-member-officer-2019/12.member-officer"]


def test_copying_a_letter_with_the_author_told_and_consenting_is_allowed(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    response = ask(
        client,
        "copy-member-letter",
        {"author": "m-cleo", "copied_to": "m-ada", "author_told": "yes", "author_consented": "yes"},
    )
    assert answer_heading(response) == "Yes"
    text = text_of(response)
    assert "agreed to it being copied to Cllr Ada Fenwick" in text
    assert "Copy only because it is necessary" in text
    assert "Who decides: nobody else" in text
    assert clauses_shown(response) == ["lc-member-officer-2019/12.member-officer"]


# --- speaking to the press (islington-2006/7.3(a), 6.3) ----------------------------------------------


def test_an_officer_consults_the_media_office_before_speaking_to_the_press(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    response = ask(client, "speak-to-press", {"subject": "library opening hours"})
    assert answer_heading(response) == "Not yet: it needs a decision first"
    text = text_of(response)
    assert "without first consulting the media office" in text
    assert "Who decides: Max Ferreira" in text
    assert clauses_shown(response) == ["islington-2006/7.3(a)"]


def test_a_union_representative_may_speak_to_the_press_on_a_union_matter(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    response = ask(
        client, "speak-to-press", {"subject": "the pay offer", "union_representative": "yes", "union_matter": "yes"}
    )
    assert answer_heading(response) == "Yes"
    text = text_of(response)
    assert "Ivy Castell speaks as a union representative" in text
    assert "They speak for the union, not on behalf of the council." in text
    assert clauses_shown(response) == ["islington-2006/6.3"]


# --- circular letters (islington-2006/8.8) -------------------------------------------------------------


def test_a_circular_letter_using_council_resources_needs_clearance_first(client: TestClient) -> None:
    sign_in(client, "m-esme")
    response = ask(client, "send-circular-letter", {"uses_council_resources": "yes", "justification": "ward flooding"})
    assert answer_heading(response) == "Not yet: it needs a decision first"
    text = text_of(response)
    assert "Councillors do not send circular letters using council resources" in text
    assert "Who decides: Kit Mensah" in text
    assert "The clearance is given personally and recorded before the letter is sent." in text
    assert clauses_shown(response) == ["islington-2006/8.8"]


def test_a_circular_letter_that_uses_no_council_resources_may_go(client: TestClient) -> None:
    sign_in(client, "m-esme")
    response = ask(client, "send-circular-letter", {"uses_council_resources": "no"})
    assert answer_heading(response) == "Yes"
    assert "The letter uses no council resources" in text_of(response)
    assert clauses_shown(response) == ["islington-2006/8.8"]


def test_the_circular_letter_form_assumes_council_resources_until_told_otherwise(client: TestClient) -> None:
    sign_in(client, "m-esme")
    form = client.get("/may-i/send-circular-letter").text
    assert re.search(
        r'id="uses_council_resources" name="uses_council_resources" type="radio" value="yes" checked', form
    )


# --- recruitment panels (lc-member-officer-2019/8) --------------------------------------------------


def test_a_councillor_who_is_not_an_elected_officer_does_not_sit_on_a_directors_panel(client: TestClient) -> None:
    sign_in(client, "m-esme")
    response = ask(client, "recruitment-panel", {"post": "director", "vacancy": "V12"})
    assert answer_heading(response) == "No"
    assert "Cllr Esme Tran is not an Elected Officer" in text_of(response)
    assert clauses_shown(response) == ["lc-member-officer-2019/8"]


def test_an_elected_officer_may_help_recruit_the_chief_executive(joint_body: TestClient) -> None:
    sign_in(joint_body, "m-gita")
    response = ask(joint_body, "recruitment-panel", {"post": "chief-executive"})
    assert answer_heading(response) == "Yes"
    text = text_of(response)
    assert "Cllr Gita Ormsby is an Elected Officer" in text
    assert "recruitment and selection procedure" in text
    assert clauses_shown(response) == ["lc-member-officer-2019/8"]


def test_recruiting_to_other_posts_is_for_management_not_members(joint_body: TestClient) -> None:
    sign_in(joint_body, "m-gita")
    response = ask(joint_body, "recruitment-panel", {"post": "other"})
    assert answer_heading(response) == "No"
    assert "management and Human Resources" in text_of(response)


def test_the_date_asked_about_decides_which_posts_are_held(joint_body: TestClient) -> None:
    sign_in(joint_body, "m-iris")
    when = {"at-day": "15", "at-month": "1", "at-year": "2025"}
    then = ask(joint_body, "recruitment-panel", {"post": "director", **when})
    assert answer_heading(then) == "Yes"
    now = ask(joint_body, "recruitment-panel", {"post": "director"})
    assert answer_heading(now) == "No"
    assert "Cllr Iris Vance is not an Elected Officer" in text_of(now)


# --- political activity (lc-member-officer-2019/5.restricted) ---------------------------------------


def test_the_holder_of_a_restricted_post_may_not_canvass(all_packs: TestClient) -> None:
    sign_in(all_packs, "o-max")
    response = ask(all_packs, "political-activity", {"activity": "canvass"})
    assert answer_heading(response) == "No"
    assert "canvass at an election" in text_of(response)
    assert clauses_shown(response) == ["lc-member-officer-2019/5.restricted"]


def test_an_officer_in_an_unrestricted_post_may_act_as_election_agent(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    response = ask(client, "political-activity", {"activity": "election-agent"})
    assert answer_heading(response) == "Yes"
    text = text_of(response)
    assert "does not hold a politically restricted post" in text
    assert "lc-member-officer-2019/5.politics" in text
    assert clauses_shown(response) == ["lc-member-officer-2019/5.restricted"]


def test_the_political_activities_offered_are_the_events_own_values(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    form = client.get("/may-i/political-activity").text
    offered = re.findall(r'name="activity" type="radio" value="([^"]+)"', form)
    assert offered == [
        "stand-for-election",
        "party-office",
        "election-agent",
        "canvass",
        "speak-publicly-on-party-politics",
        "party-membership",
    ]


# --- council resources (islington-2006/8.2, 8.6) ------------------------------------------------------


def test_council_resources_may_be_used_for_casework(client: TestClient) -> None:
    sign_in(client, "m-esme")
    response = ask(client, "use-council-resources", {"purpose": "casework", "resource": "ward office telephone"})
    assert answer_heading(response) == "Yes"
    text = text_of(response)
    assert "Council resources may be used for casework for constituents." in text
    assert "strictly for council duties" in text
    assert clauses_shown(response) == ["islington-2006/8.2"]


def test_council_resources_may_not_be_used_for_personal_publicity(client: TestClient) -> None:
    sign_in(client, "m-esme")
    response = ask(client, "use-council-resources", {"purpose": "personal-publicity"})
    assert answer_heading(response) == "No"
    assert "individual publicity" in text_of(response)
    assert clauses_shown(response) == ["islington-2006/8.6"]


def test_party_political_use_that_helps_the_councils_functions_goes_to_the_monitoring_officer(
    client: TestClient,
) -> None:
    sign_in(client, "m-esme")
    response = ask(
        client, "use-council-resources", {"purpose": "party-political", "conducive_to_council_functions": "yes"}
    )
    assert answer_heading(response) == "Not yet: it needs a decision first"
    assert "Who decides: Kit Mensah" in text_of(response)
    assert clauses_shown(response) == ["islington-2006/8.6"]


# --- several packs, not adopted, nothing stored, incomplete forms ------------------------------------


def test_every_new_question_is_answered_with_all_five_packs_adopted(all_packs: TestClient) -> None:
    sign_in(all_packs, "m-esme")
    response = ask(all_packs, "use-council-resources", {"purpose": "party-political"})
    assert answer_heading(response) == "No"
    assert clauses_shown(response) == ["islington-2006/8.6"]
    page = all_packs.get("/may-i").text
    for key in NEW_QUESTIONS:
        assert f'href="/may-i/{key}"' in page
    assert "Not covered by this authority" not in page


@pytest.mark.parametrize(
    ("key", "answers", "pack"),
    [
        ("copy-member-letter", {"author": "m-cleo", "copied_to": "m-ada"}, "lc-member-officer-2019"),
        ("speak-to-press", {}, "islington-2006"),
        ("send-circular-letter", {}, "islington-2006"),
        ("recruitment-panel", {"post": "director"}, "lc-member-officer-2019"),
        ("political-activity", {"activity": "canvass"}, "lc-member-officer-2019"),
        ("use-council-resources", {"purpose": "personal-publicity"}, "islington-2006"),
    ],
)
def test_a_question_whose_pack_is_not_adopted_says_the_protocols_do_not_govern_it(
    groups_only: TestClient, key: str, answers: dict[str, str], pack: str
) -> None:
    councillor = key in ("send-circular-letter", "recruitment-panel", "use-council-resources")
    sign_in(groups_only, "m-esme" if councillor else "o-ivy")
    form = groups_only.get(f"/may-i/{key}")
    assert "This authority's protocols do not govern this" in text_of(form)
    response = ask(groups_only, key, answers)
    assert response.status_code == 200
    assert "There is a problem" not in response.text
    assert answer_heading(response) == "This authority's protocols do not govern this"
    text = text_of(response)
    assert f"({pack}), which Ashcombe Borough Council has not adopted" in text
    assert "Propriety can give no yes or no here" in text
    assert "Nothing you asked has been recorded." in text
    assert all(c.startswith(pack + "/") for c in clauses_shown(response))
    assert "Not covered by this authority's protocols" in groups_only.get("/may-i").text


def test_a_question_no_adopted_clause_applies_to_says_so_and_cites_what_was_checked(client: TestClient) -> None:
    # lc-member-officer-2019/8 is about councillors on recruitment panels; an officer on one is outside it.
    sign_in(client, "o-ivy")
    response = ask(client, "recruitment-panel", {"post": "director"})
    assert answer_heading(response) == "Nothing in the protocols stops this"
    text = text_of(response)
    assert "None of the clauses this authority has adopted on this applies to what you described" in text
    assert clauses_shown(response) == ["lc-member-officer-2019/8"]


def test_asking_stores_nothing(client: TestClient, app_: App) -> None:
    sign_in(client, "o-ivy")
    ask(client, "copy-member-letter", {"author": "m-cleo", "copied_to": "m-ada"})
    ask(client, "speak-to-press", {"subject": "bins"})
    ask(client, "political-activity", {"activity": "canvass"})
    client.cookies.clear()
    sign_in(client, "m-esme")
    ask(client, "send-circular-letter", {})
    ask(client, "recruitment-panel", {"post": "director"})
    ask(client, "use-council-resources", {"purpose": "personal-publicity"})
    with app_.uow() as uow:
        assert uow.events.count("ashcombe") == 0
    assert "There are no requests you can see." in client.get("/requests").text


@pytest.mark.parametrize(
    ("key", "answers", "messages"),
    [
        (
            "copy-member-letter",
            {"author_told": "yes"},
            ["Choose the councillor who wrote the letter", "Choose at least one councillor you would copy it to"],
        ),
        ("recruitment-panel", {"vacancy": "V1"}, ["Choose the post being filled"]),
        ("political-activity", {}, ["Choose what you would do"]),
        ("use-council-resources", {"resource": "stationery"}, ["Choose what the resources are for"]),
        ("political-activity", {"activity": "not-an-activity"}, ["Choose what you would do"]),
        (
            "recruitment-panel",
            {"post": "director", "at-day": "31", "at-month": "2", "at-year": "2027"},
            ["The date must be a real date"],
        ),
    ],
)
def test_an_incomplete_form_is_refused_with_an_error_summary(
    client: TestClient, app_: App, key: str, answers: dict[str, str], messages: list[str]
) -> None:
    sign_in(client, "m-esme")
    response = ask(client, key, answers)
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "<title>Error:" in response.text
    summary = response.text.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    for message in messages:
        assert message in summary
    assert 'id="answer"' not in response.text
    # What was typed is kept.
    for name, value in answers.items():
        if name in ("vacancy", "resource"):
            assert f'value="{value}"' in response.text
    with app_.uow() as uow:
        assert uow.events.count("ashcombe") == 0


def test_every_error_summary_link_leads_to_a_field(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    response = ask(client, "copy-member-letter", {})
    for anchor in re.findall(r'<li><a href="#([^"]+)">', response.text):
        assert f'id="{anchor}"' in response.text


def test_every_question_has_a_form(client: TestClient) -> None:
    sign_in(client, "o-ivy")
    for q in QUESTIONS:
        page = client.get(f"/may-i/{q.key}")
        assert page.status_code == 200, q.key
        for f in q.fields:
            assert f'name="{f.name}' in page.text, (q.key, f.name)
