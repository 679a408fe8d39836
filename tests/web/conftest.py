"""A real app on a real SQLite file, with the scenario organisation's fictional people as users."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propriety.bootstrap import App, bootstrap
from propriety.config import Settings
from propriety.entrypoints.web.app import create_app
from propriety.service_layer.accounts import create_user, issue_api_token
from propriety.service_layer.authority import install_authority

ROOT = Path(__file__).parents[2]
PASSWORD = "correct horse battery staple"
PROFILE = """
authority: ashcombe
name: Ashcombe Borough Council
packs: [islington-2006, lc-member-officer-2019]
calendar: {nation: england-and-wales}
precedence:
  - question: officer-attends-group-meeting
    winner: islington-2006
    over: [lc-member-officer-2019]
    reason: the council adopted Islington's stricter rule on who may be present
"""


@pytest.fixture
def app_(tmp_path: Path) -> App:
    app = bootstrap(Settings(environment="test"), database_url=f"sqlite:///{tmp_path / 'web.db'}")
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE)
    with app.uow() as uow:
        install_authority(uow, ROOT / "tests/scenarios/organisation.yaml", profile)
        for person in ("m-ada", "m-cleo", "m-esme", "o-cara", "o-dina", "o-ivy", "o-kit", "a-pat", "m-bram"):
            create_user(uow, person, "ashcombe", person, PASSWORD)
        uow.commit()
    return app


@pytest.fixture
def client(app_: App) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(environment="test"), app_)) as c:
        yield c


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    page = client.get("/sign-in").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    response = client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf_token": csrf.group(1), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def token_for(app_: App, username: str) -> str:
    with app_.uow() as uow:
        user = uow.accounts.user_by_name(username)
        assert user
        token = issue_api_token(uow, user, "tests")
        uow.commit()
    return token
