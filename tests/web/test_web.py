"""The web app and API through HTTP, on a real database: sign-in, CSRF, requests, need-to-know."""

from __future__ import annotations

from fastapi.testclient import TestClient

from propriety.bootstrap import App
from tests.web.conftest import PASSWORD, csrf_of, sign_in, token_for


def test_pages_need_a_signed_in_person(client: TestClient) -> None:
    response = client.get("/requests", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=/requests"


def test_the_session_cookie_is_signed_http_only_and_same_site(client: TestClient) -> None:
    page = client.get("/sign-in").text
    response = client.post(
        "/sign-in",
        data={"username": "m-ada", "password": PASSWORD, "csrf_token": csrf_of(page), "next": "/"},
        follow_redirects=False,
    )
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("propriety_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=" in cookie


def test_a_wrong_password_is_refused_without_saying_whether_the_user_exists(client: TestClient) -> None:
    for username in ("m-ada", "nobody-at-all"):
        page = client.get("/sign-in").text
        response = client.post(
            "/sign-in", data={"username": username, "password": "wrong", "csrf_token": csrf_of(page), "next": "/"}
        )
        assert response.status_code == 400
        assert "The username or password is not right" in response.text


def test_five_failures_lock_the_account_even_against_the_right_password(client: TestClient) -> None:
    for _ in range(5):
        page = client.get("/sign-in").text
        client.post("/sign-in", data={"username": "m-cleo", "password": "wrong", "csrf_token": csrf_of(page)})
    page = client.get("/sign-in").text
    response = client.post(
        "/sign-in", data={"username": "m-cleo", "password": PASSWORD, "csrf_token": csrf_of(page), "next": "/"}
    )
    assert response.status_code == 400
    assert "locked" in response.text


def test_a_form_without_its_csrf_token_is_refused(client: TestClient) -> None:
    sign_in(client, "m-esme")
    response = client.post("/requests/information/new", data={"asked": "o-dina", "subject": "bins"})
    assert response.status_code == 403
    assert "expired" in response.text


def test_signing_out_ends_the_session(client: TestClient) -> None:
    sign_in(client, "m-esme")
    home = client.get("/").text
    client.post("/sign-out", data={"csrf_token": csrf_of(home)})
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_councillor_asks_for_information_and_the_officer_owes_an_answer(client: TestClient) -> None:
    sign_in(client, "m-esme")
    form = client.get("/requests/information/new").text
    response = client.post(
        "/requests/information/new",
        data={"asked": "o-dina", "subject": "street lighting repairs", "csrf_token": csrf_of(form)},
    )
    assert response.status_code == 200
    assert "islington-2006/4.1(b)" in response.text
    assert "street lighting repairs" in response.text
    case = str(response.url).rsplit("/", 1)[1]
    # The officer sees the duty in My work and can answer it.
    client.cookies.clear()
    sign_in(client, "o-dina")
    assert "Answer Cllr Esme Tran&#39;s request for information on street lighting repairs" in client.get("/").text
    record = client.get(f"/records/{case}")
    assert record.status_code == 200
    done = client.post(f"/records/{case}/provide", data={"csrf_token": csrf_of(record.text)})
    assert "Done" in done.text


def test_an_empty_information_form_says_what_to_fix(client: TestClient) -> None:
    sign_in(client, "m-esme")
    form = client.get("/requests/information/new").text
    response = client.post("/requests/information/new", data={"csrf_token": csrf_of(form)})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Choose the chief officer you are asking" in response.text


def test_may_i_answers_with_reasons_and_citations_and_stores_nothing(client: TestClient, app_: App) -> None:
    sign_in(client, "m-cleo")
    form = client.get("/may-i/attend-group-meeting").text
    response = client.post(
        "/may-i/attend-group-meeting",
        data={
            "csrf_token": csrf_of(form),
            "group": "blue",
            "requested_by": "m-cleo",
            "addressed_to": "o-cara",
            "in_writing": "yes",
            "others_present": "party-member",
        },
    )
    assert response.status_code == 200
    assert "islington-2006/4.5(c)" in response.text
    assert ">No<" in response.text
    with app_.uow() as uow:
        assert uow.events.count("ashcombe") == 0


def test_the_api_needs_a_token(client: TestClient) -> None:
    response = client.get("/api/me")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_the_api_records_a_fact_and_reports_the_duty_it_opens(client: TestClient, app_: App) -> None:
    headers = {"Authorization": f"Bearer {token_for(app_, 'm-ada')}"}
    assert client.get("/api/me", headers=headers).json()["person"] == "m-ada"
    created = client.post(
        "/api/events",
        headers=headers,
        json={"type": "InformationRequested", "request": "R9", "member": "m-ada", "asked": "o-nia", "subject": "rents"},
    )
    assert created.status_code == 201
    duties = client.get("/api/obligations", headers=headers).json()
    assert [(d["holder"], d["clauses"]) for d in duties] == [("o-nia", ["islington-2006/4.1(b)"])]


def test_a_malformed_event_is_refused_naming_the_field(client: TestClient, app_: App) -> None:
    headers = {"Authorization": f"Bearer {token_for(app_, 'm-ada')}"}
    response = client.post("/api/events", headers=headers, json={"type": "InformationRequested", "request": "R9"})
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["detail"]}
    assert {"member", "asked"} <= fields
    with app_.uow() as uow:
        assert uow.events.count("ashcombe") == 0


def test_the_api_decides_without_storing(client: TestClient, app_: App) -> None:
    headers = {"Authorization": f"Bearer {token_for(app_, 'm-cleo')}"}
    verdict = client.post(
        "/api/decide",
        headers=headers,
        json={"type": "AttendanceRequested", "request": "Q", "group": "blue", "requested_by": "m-cleo",
              "others_present": ["party-member"]},
    ).json()
    assert verdict["decisions"][0]["outcome"] == "deny"
    assert verdict["decisions"][0]["clauses"] == ["islington-2006/4.5(c)"]
    with app_.uow() as uow:
        assert uow.events.count("ashcombe") == 0


def test_the_openapi_document_lists_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/me", "/api/obligations", "/api/records/{case}", "/api/decide", "/api/events"} <= set(paths)
