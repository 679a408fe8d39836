"""Registers through the web app: relationships (need-to-know), restricted posts, group budgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propriety.bootstrap import App, bootstrap
from propriety.config import Settings
from propriety.entrypoints.web.app import create_app
from propriety.service_layer.accounts import create_user
from propriety.service_layer.authority import install_authority
from tests.web.conftest import PASSWORD, ROOT, csrf_of, sign_in, token_for

GROUPS_PROFILE = """
authority: ashcombe
name: Ashcombe Borough Council
packs: [lc-groups-2019, lc-member-officer-2019]
calendar: {nation: england-and-wales}
"""


def as_(client: TestClient, person: str) -> None:
    client.cookies.clear()
    sign_in(client, person)


def declare(client: TestClient, person: str, with_person: str, kind: str, declared_to: str | None = None) -> str:
    """Declare through the form, keeping the default recipient unless one is given; returns the page after."""
    as_(client, person)
    form = client.get("/registers/relationships/new").text
    data = {"csrf_token": csrf_of(form), "with_person": with_person, "kind": kind}
    if declared_to is None:
        chosen = form.split('id="declared_to"', 1)[1].split("</select>", 1)[0]
        declared_to = chosen.split('" selected', 1)[0].rsplit('value="', 1)[1]
    data["declared_to"] = declared_to
    response = client.post("/registers/relationships/new", data=data)
    assert response.status_code == 200, response.text
    return response.text


def test_the_form_defaults_to_the_right_person(client: TestClient) -> None:
    as_(client, "m-bram")  # Red Group's secretary: declares to the Leader, Cllr Ada Fenwick
    assert '<option value="m-ada" selected>' in client.get("/registers/relationships/new").text
    as_(client, "o-ivy")  # an officer: declares to the Chief Executive
    assert '<option value="o-cara" selected>' in client.get("/registers/relationships/new").text


def test_a_declaration_is_seen_by_the_declarer_and_the_recipient_only(client: TestClient, app_: App) -> None:
    after = declare(client, "m-bram", "o-ivy", "family")
    assert "Your declaration has been recorded" in after
    assert "Family relationship" in after and "Ivy Castell" in after

    as_(client, "m-ada")  # the Group Leader it was declared to
    page = client.get("/registers").text
    assert "Family relationship" in page and "Cllr Bram Oduya" in page

    as_(client, "o-kit")  # the Monitoring Officer sees every declaration
    page = client.get("/registers").text
    assert "Every declaration (1)" in page and "Cllr Bram Oduya" in page

    as_(client, "m-cleo")  # another councillor, with no part in it
    page = client.get("/registers").text
    assert "Family relationship" not in page and "Cllr Bram Oduya" not in page
    assert "Declarations you can see (0)" in page
    headers = {"Authorization": f"Bearer {token_for(app_, 'm-cleo')}"}
    assert client.get("/api/records", headers=headers).json() == []


def test_a_declaration_to_the_wrong_person_is_flagged(client: TestClient) -> None:
    after = declare(client, "m-bram", "o-ivy", "business", declared_to="o-dina")
    assert "Problem" in after
    assert "it should be declared to the Leader of Red Group" in after


def test_the_relationship_form_says_what_to_fix(client: TestClient) -> None:
    as_(client, "m-bram")
    form = client.get("/registers/relationships/new").text
    response = client.post(
        "/registers/relationships/new", data={"csrf_token": csrf_of(form), "with_person": "m-ada", "declared_to": ""}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    for message in (
        "Choose who you have the relationship with",  # a fellow councillor is not the other side
        "Say whether the relationship is personal, family or business",
        "Choose who you are declaring the relationship to",
    ):
        assert message in response.text


def test_restricted_posts_are_public_within_the_authority(client: TestClient) -> None:
    as_(client, "m-cleo")
    page = client.get("/registers").text
    assert "Press Officer" in page and "Max Ferreira" in page
    assert "Speaks regularly to journalists" in page
    assert "Dina Rahman" in page  # a Director: restricted without designation
    assert "Cllr Ada Fenwick" not in page


def test_the_budget_register_is_not_used_without_lc_groups(client: TestClient) -> None:
    as_(client, "a-pat")
    page = client.get("/registers").text
    assert "This register is not used by this authority: it does not adopt lc-groups-2019." in page


@pytest.fixture
def groups_client(tmp_path: Path) -> Iterator[tuple[TestClient, App]]:
    app = bootstrap(Settings(environment="test"), database_url=f"sqlite:///{tmp_path / 'groups.db'}")
    profile = tmp_path / "profile.yaml"
    profile.write_text(GROUPS_PROFILE)
    with app.uow() as uow:
        install_authority(uow, ROOT / "tests/scenarios/organisation.yaml", profile)
        for person in ("a-pat", "m-cleo", "o-kit"):
            create_user(uow, person, "ashcombe", person, PASSWORD)
        uow.commit()
    with TestClient(create_app(Settings(environment="test"), app)) as c:
        yield c, app


def test_group_budgets_show_the_spends_the_viewer_may_see(groups_client: tuple[TestClient, App]) -> None:
    client, app_ = groups_client
    headers = {"Authorization": f"Bearer {token_for(app_, 'a-pat')}"}
    spent = client.post(
        "/api/events",
        headers=headers,
        json={
            "type": "BudgetSpent",
            "spend": "S1",
            "group": "red",
            "amount": "250.00",
            "purpose": "leaflet design",
            "approved_by": "a-pat",
            "year": 2026,
        },
    )
    assert spent.status_code == 201
    for person in ("a-pat", "o-kit"):  # the Red Group's adviser, who approved it; the Monitoring Officer
        as_(client, person)
        page = client.get("/registers").text
        red = page.split('id="budget-red"', 1)[1].split('id="budget-blue"', 1)[0]
        assert "£3,000.00" in red and "£250.00" in red and "£2,750.00" in red and "leaflet design" in red
    as_(client, "m-cleo")  # Blue Group's Leader cannot see Red Group's spending
    page = client.get("/registers").text
    red = page.split('id="budget-red"', 1)[1].split('id="budget-blue"', 1)[0]
    assert "£3,000.00" in red and "leaflet design" not in red
