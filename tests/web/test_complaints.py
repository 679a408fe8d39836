"""Complaints through the web app: routing, the 5-working-day reply, need-to-know and the forms.

Ashcombe adopts lc-member-officer-2019, so a councillor's complaint about an officer goes to the
officer's director (13.member-about-officer), and only the handler, the Chief Executive, the
Chair and the complainant see it (13.confidentiality): the officer complained about is not in
that circle, so for them the complaint does not exist.
"""

from __future__ import annotations

import re
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

ROUTE = "lc-member-officer-2019/13.member-about-officer"


def lodge(client: TestClient, complainant: str, about: str, summary: str, grounds: tuple[str, ...] = ()) -> str:
    """Lodge a complaint through the form; returns its case, e.g. ``complaint:CMP-...``."""
    client.cookies.clear()
    sign_in(client, complainant)
    form = client.get("/complaints/new")
    assert form.status_code == 200
    response = client.post(
        "/complaints/new",
        data={"csrf_token": csrf_of(form.text), "about": about, "summary": summary, "grounds": list(grounds)},
    )
    assert response.status_code == 200, response.text
    assert "/records/complaint:" in str(response.url)
    return str(response.url).rsplit("/records/", 1)[1]


def as_(client: TestClient, person: str) -> None:
    client.cookies.clear()
    sign_in(client, person)


def test_the_form_offers_guidance_clauses_of_the_adopted_packs_only(client: TestClient) -> None:
    as_(client, "m-esme")
    page = client.get("/complaints/new").text
    assert 'value="lc-member-officer-2019/3(d)"' in page  # a guidance (G) clause
    assert 'value="islington-2006/5.2"' in page
    assert "lc-groups-2019/" not in page  # not adopted by Ashcombe
    assert '<option value="o-ivy">Ivy Castell</option>' in page
    assert '<option value="m-ada">' not in page  # a councillor complains about officers


def test_a_councillors_complaint_about_an_officer_goes_to_the_officers_director(client: TestClient) -> None:
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins", ("lc-member-officer-2019/3(d)",))
    page = client.get(f"/records/{case}").text
    assert "Dina Rahman" in page and ROUTE in page

    as_(client, "o-dina")
    record = client.get(f"/records/{case}")
    assert record.status_code == 200
    assert ROUTE in record.text
    assert "Reply in writing to the complaint about Ivy Castell" in record.text
    assert "within 5 working days" in record.text
    assert "Cllr Esme Tran" in record.text  # the handler knows who complained
    assert "Acknowledge the complaint" in record.text
    listed = client.get("/complaints").text
    assert case in listed and "About Ivy Castell" in listed and "Cllr Esme Tran" in listed
    assert "Reply in writing to the complaint about Ivy Castell" in client.get("/").text


def test_the_person_complained_about_cannot_see_it_at_all(client: TestClient, app_: App) -> None:
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    as_(client, "o-ivy")
    assert client.get(f"/records/{case}").status_code == 404
    listed = client.get("/complaints").text
    assert case.split(":", 1)[1] not in listed and "Cllr Esme Tran" not in listed
    assert "Complaints you can see (0)" in listed
    headers = {"Authorization": f"Bearer {token_for(app_, 'o-ivy')}"}
    assert all(r["kind"] != "complaint" for r in client.get("/api/records", headers=headers).json())
    assert client.get(f"/api/records/{case}", headers=headers).status_code == 404


def test_a_councillor_with_no_part_in_it_finds_nothing(client: TestClient, app_: App) -> None:
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    ref = case.split(":", 1)[1]
    as_(client, "m-cleo")
    response = client.get(f"/records/{case}")
    assert response.status_code == 404
    assert ref not in response.text
    listed = client.get("/complaints").text
    assert ref not in listed and "Complaints you can see (0)" in listed
    assert ref not in client.get("/").text
    headers = {"Authorization": f"Bearer {token_for(app_, 'm-cleo')}"}
    assert all(ref not in r["case"] for r in client.get("/api/records", headers=headers).json())
    assert client.get(f"/api/records/{case}", headers=headers).status_code == 404
    # Nor can they act on it.
    form = client.get("/complaints").text
    posted = client.post(f"/records/{case}/escalate", data={"csrf_token": csrf_of(form)})
    assert posted.status_code == 404


def test_a_witness_sees_the_complainant_withheld(client: TestClient, app_: App) -> None:
    """The rules keep the complainant's identity from a witness (13.confidentiality), on every page."""
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    ref = case.split(":", 1)[1]
    headers = {"Authorization": f"Bearer {token_for(app_, 'o-dina')}"}
    created = client.post(
        "/api/events",
        headers=headers,
        json={"type": "WitnessInterviewed", "complaint": ref, "witness": "o-kit", "by": "o-dina"},
    )
    assert created.status_code == 201
    as_(client, "o-kit")
    listed = client.get("/complaints").text
    assert ref in listed and "Withheld" in listed and "Cllr Esme Tran" not in listed
    record = client.get(f"/records/{case}").text
    assert "Withheld" in record and "Cllr Esme Tran" not in record
    assert "Acknowledge the complaint" not in record


def test_acknowledging_needs_the_intended_action_and_the_time(client: TestClient) -> None:
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    as_(client, "o-dina")
    page = client.get(f"/records/{case}").text
    response = client.post(
        f"/records/{case}/acknowledge",
        data={"csrf_token": csrf_of(page), "intended_action": "Speak to her manager", "expected_time": ""},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Say roughly how long it will take" in response.text
    assert 'href="#expected_time"' in response.text and 'id="expected_time"' in response.text
    assert "Speak to her manager" in response.text  # what was typed is kept
    response = client.post(f"/records/{case}/acknowledge", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 400
    assert "Say what you intend to do about the complaint" in response.text


def test_a_full_acknowledgement_marks_the_duty_done(client: TestClient) -> None:
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    as_(client, "o-dina")
    page = client.get(f"/records/{case}").text
    assert re.search(r"Reply in writing to the complaint about Ivy Castell.*?Due<", page, re.S)
    done = client.post(
        f"/records/{case}/acknowledge",
        data={"csrf_token": csrf_of(page), "intended_action": "Speak to her manager", "expected_time": "Two weeks"},
    )
    assert done.status_code == 200
    assert re.search(r"Reply in writing to the complaint about Ivy Castell.*?>Done<", done.text, re.S)
    assert "Acknowledge the complaint" not in done.text
    as_(client, "m-esme")
    assert "Acknowledged" in client.get("/complaints").text


def test_only_the_handler_acknowledges(client: TestClient) -> None:
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    page = client.get(f"/records/{case}").text
    assert "Acknowledge the complaint" not in page
    response = client.post(
        f"/records/{case}/acknowledge",
        data={"csrf_token": csrf_of(page), "intended_action": "x", "expected_time": "y"},
    )
    assert response.status_code == 403


def test_the_whole_journey_to_the_chief_executive(client: TestClient, app_: App) -> None:
    with app_.uow() as uow:
        create_user(uow, "o-jo", "ashcombe", "o-jo", PASSWORD)
        uow.commit()
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    as_(client, "o-dina")
    page = client.get(f"/records/{case}").text
    token = csrf_of(page)
    client.post(
        f"/records/{case}/acknowledge",
        data={"csrf_token": token, "intended_action": "Look into it", "expected_time": "A month"},
    )
    investigated = client.post(
        f"/records/{case}/investigate",
        data={"csrf_token": token, "investigator": "o-jo", "finding": "The call was curt"},
    )
    assert investigated.status_code == 200
    empty = client.post(f"/records/{case}/outcome", data={"csrf_token": token})
    assert empty.status_code == 400 and "Say what the outcome of the complaint is" in empty.text
    outcome = client.post(f"/records/{case}/outcome", data={"csrf_token": token, "outcome": "Upheld; training given"})
    assert outcome.status_code == 200
    assert "Tell someone the outcome" in outcome.text
    assert 'value="outcome-only" checked' in outcome.text
    assert "Tell Cllr Esme Tran the outcome of the complaint" in outcome.text
    told = client.post(
        f"/records/{case}/communicate", data={"csrf_token": token, "to": "m-esme", "detail": "outcome-only"}
    )
    assert told.status_code == 200
    assert re.search(r"Tell Cllr Esme Tran the outcome of the complaint.*?>Done<", told.text, re.S)

    # The investigator now sees the complaint, finding and all.
    as_(client, "o-jo")
    assert "The call was curt" in client.get(f"/records/{case}").text

    # The complainant sees the outcome but not the finding, and may take it further.
    as_(client, "m-esme")
    mine = client.get(f"/records/{case}").text
    assert "Upheld; training given" in mine
    assert "The call was curt" not in mine
    assert "Take it to the Chief Executive" in mine
    escalated = client.post(f"/records/{case}/escalate", data={"csrf_token": csrf_of(mine)})
    assert escalated.status_code == 200
    assert "Take it to the Chief Executive" not in escalated.text
    assert "Referred to the Chief Executive" in client.get("/complaints").text
    as_(client, "o-cara")
    assert "referred for an independent assessment" in client.get("/notices").text


def test_an_empty_complaint_form_says_what_to_fix(client: TestClient) -> None:
    as_(client, "m-esme")
    form = client.get("/complaints/new").text
    response = client.post("/complaints/new", data={"csrf_token": csrf_of(form), "grounds": ["not-a/clause"]})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    for message in (
        "Choose who the complaint is about",
        "Say briefly what the complaint is about",
        "Choose grounds only from the clauses listed",
    ):
        assert message in response.text
    # A complaint about someone on your own side has no route under the protocols: refused.
    response = client.post("/complaints/new", data={"csrf_token": csrf_of(form), "about": "m-ada", "summary": "x"})
    assert response.status_code == 400


ISLINGTON_ONLY = """
authority: ashcombe
name: Ashcombe Borough Council
packs: [islington-2006]
calendar: {nation: england-and-wales}
"""


@pytest.fixture
def islington_client(tmp_path: Path) -> Iterator[TestClient]:
    app = bootstrap(Settings(environment="test"), database_url=f"sqlite:///{tmp_path / 'islington.db'}")
    profile = tmp_path / "profile.yaml"
    profile.write_text(ISLINGTON_ONLY)
    with app.uow() as uow:
        install_authority(uow, ROOT / "tests/scenarios/organisation.yaml", profile)
        for person in ("m-esme", "o-dina", "o-ivy", "m-cleo"):
            create_user(uow, person, "ashcombe", person, PASSWORD)
        uow.commit()
    with TestClient(create_app(Settings(environment="test"), app)) as c:
        yield c


def test_without_lc_member_officer_the_complaint_is_addressed_to_the_director_and_not_confidential(
    islington_client: TestClient,
) -> None:
    """islington-2006/5.2 routes it to the Director but sets no audience, so those it names, and the
    governance officers, see it; nothing is withheld from the person complained about."""
    client = islington_client
    case = lodge(client, "m-esme", "o-ivy", "Rude on the phone about the bins")
    assert "islington-2006/5.2" in client.get(f"/records/{case}").text
    as_(client, "o-dina")
    record = client.get(f"/records/{case}")
    assert record.status_code == 200 and "Acknowledge the complaint" in record.text
    as_(client, "o-ivy")
    listed = client.get("/complaints").text
    assert case.split(":", 1)[1] in listed and "Cllr Esme Tran" in listed
    as_(client, "m-cleo")
    assert client.get(f"/records/{case}").status_code == 404
    as_(client, "m-esme")
    assert "Everyone the complaint names" in client.get("/complaints/new").text
