"""End-to-end journeys through the browser: asking, answering, "May I?", complaints, sign-in and need-to-know."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from propriety.adapters.profilefile import load_profile
from propriety.domain.organisation import Role
from propriety.engine.engine import build_parameters
from propriety.service_layer.accounts import MAX_FAILURES

Server = SignIn = SignOut = Any  # the conftest fixtures' types, for reading

CLAUSE = "islington-2006/4.1(b)"
NOT_RIGHT = "The username or password is not right"


def long_date(d: date) -> str:
    """A date as the pages show it: 21 December 2026."""
    return f"{d.day} {d:%B %Y}"


def duty_row(page: Any, clause: str) -> Any:
    """The row of the record's duties table that cites ``clause``."""
    table = page.locator("table", has=page.get_by_text("Duties on this record"))
    return table.locator("tbody tr", has=page.get_by_role("link", name=clause, exact=True))


def test_a_councillor_asks_a_chief_officer_who_answers(
    server: Server, new_page: Any, sign_in: SignIn, sign_out: SignOut
) -> None:
    profile = load_profile(server.demo_folder / "profile.yaml")
    org = server.context().org
    # The Director's demo account; a chief officer under islington-2006/1.3.
    officer = server.accounts.get("Director") or server.account_for(org.holders(Role.DIRECTOR, date.today())[0])
    assert org.is_chief_officer(officer.person, date.today())
    subject = "How many streetlights were repaired in November?"
    islington = "islington-2006" in profile.packs
    days = 0
    if islington:
        days = build_parameters(profile).value("islington-2006", "information_request.working_days", date.today())
        assert days == 10, f"the demo profile allows {days} working days, not the protocol's 10"

    page = new_page()
    councillor = sign_in(page, "Group Leader")
    page.get_by_role("link", name="Requests", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Requests")
    page.get_by_role("button", name="Ask for information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a chief officer for information")
    if islington:
        expect(page.locator("main")).to_contain_text(f"within {days} working days")
    page.get_by_label("Chief officer").select_option(label=officer.name)
    page.get_by_label("What information do you need?").fill(subject)
    sent_from = datetime.now(UTC)
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/records/information:**")
    sent_by = datetime.now(UTC)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Information request")
    duties = page.locator("table", has=page.get_by_text("Duties on this record"))
    clause = CLAUSE if islington else duties.locator("tbody tr a").first.inner_text()  # the clause shown
    row = duty_row(page, clause)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(officer.name)
    expect(row.locator(".govuk-tag")).to_have_text("Due")
    due_text = row.locator("td").first.inner_text().strip()
    if islington:
        calendar = profile.calendar
        expected = {long_date(calendar.due_date(t, days)) for t in (sent_from, sent_by)}
        assert due_text in expected, f"due {due_text!r}; {days} working days from now is {expected}"
    else:
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", due_text), due_text
    record_url = page.url
    expect(page.locator("dd", has_text=subject)).to_have_count(1)

    sign_out(page)
    assert councillor.person != officer.person
    sign_in(page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    to_do = page.locator("table", has=page.get_by_text("What I must do"))
    expect(to_do.locator("tbody tr", has_text=subject)).to_have_count(1)

    page.get_by_role("link", name="Requests", exact=True).click()
    page.get_by_role("link", name=subject).click()
    assert page.url == record_url
    expect(duty_row(page, clause).locator(".govuk-tag")).to_have_text("Due")
    page.get_by_role("button", name="Record that the information was sent").click()
    page.wait_for_load_state()
    assert page.url == record_url
    expect(duty_row(page, clause).locator(".govuk-tag")).to_have_text("Done")
    expect(page.get_by_role("heading", name="Information provided")).to_be_visible()
    expect(page.get_by_role("button", name="Record that the information was sent")).to_have_count(0)


def own_group(server: Server, person: str) -> str:
    """The name of the party group ``person`` belongs to today."""
    org = server.context().org
    group = org.group_of(person, date.today())
    return next(g.name for g in org.groups() if g.id == group)


def test_may_an_officer_attend_a_group_meeting_with_party_members_present(
    server: Server, page: Any, sign_in: SignIn
) -> None:
    leader = sign_in(page, "Group Leader")
    page.get_by_role("link", name="May I?", exact=True).click()
    page.get_by_role("link", name="May an officer attend a group's meeting?").click()
    page.get_by_label("Which group is meeting?").select_option(label=own_group(server, leader.person))
    page.get_by_label("Who is asking for the officer?").select_option(label=leader.name)
    page.get_by_label("Who is the request addressed to?").select_option(label=server.accounts["Chief Executive"].name)
    page.get_by_role("group", name="Is the request in writing?").get_by_label("Yes").check()
    page.get_by_label("Party members who are not councillors").check()
    page.get_by_role("button", name="Ask").click()
    page.wait_for_load_state()

    answer = page.locator(".govuk-panel__title")
    expect(answer).to_have_text(re.compile(r"^(No|Not yet: it needs a decision first)$"))
    expect(page.get_by_role("heading", name="Why").first).to_be_visible()
    reasons = page.locator("main h2:text-is('Why') + p.govuk-body")
    assert reasons.count() >= 1 and all(len(r.strip()) > 20 for r in reasons.all_inner_texts())
    assert "party member" in " ".join(reasons.all_inner_texts()).lower()
    cited = page.locator("main .app-clause-list a").all_inner_texts()
    assert cited, "the answer cites no clauses"
    assert all(re.fullmatch(r"[a-z0-9-]+/[\w.()-]+", c) for c in cited), cited
    if answer.inner_text() == "No":
        # Northbury's profile lets Islington's rule, which allows no exception, prevail.
        assert "islington-2006/4.5(c)" in cited
    first = page.locator("main .app-clause-list a").first
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(cited[0])


def test_may_i_a_sensitive_matter_is_referred_to_the_chief_executive(
    server: Server, page: Any, sign_in: SignIn
) -> None:
    leader = sign_in(page, "Group Leader")
    chief = server.accounts["Chief Executive"]
    page.goto("/may-i/attend-group-meeting")
    page.get_by_label("Which group is meeting?").select_option(label=own_group(server, leader.person))
    page.get_by_label("Who is asking for the officer?").select_option(label=leader.name)
    page.get_by_label("Who is the request addressed to?").select_option(label=chief.name)
    page.get_by_role("group", name="Is the request in writing?").get_by_label("Yes").check()
    page.get_by_role("group", name="Is the matter sensitive?").get_by_label("Yes").check()
    page.get_by_role("button", name="Ask").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Not yet: it needs a decision first")
    expect(page.locator("main p", has_text="Who decides:")).to_contain_text(chief.name)
    expect(page.get_by_role("heading", name="Conditions").first).to_be_visible()
    cited = page.locator("main .app-clause-list a").all_inner_texts()
    assert cited and all(re.fullmatch(r"[a-z0-9-]+/[\w.()-]+", c) for c in cited), cited


def summary_value(page: Any, key: str) -> Any:
    """The value beside ``key`` in the record's summary list."""
    return page.locator(".govuk-summary-list__row", has=page.locator("dt", has_text=key)).first.locator("dd")


def test_a_councillor_complains_about_an_officer_and_the_handler_replies(
    server: Server, new_page: Any, sign_in: SignIn, sign_out: SignOut
) -> None:
    page = new_page()
    councillor = sign_in(page, "Councillor")
    response = page.goto("/complaints")
    assert response is not None
    if response.status == 404:
        pytest.skip("complaints pages not built yet")
    assert response.status == 200
    officer = server.accounts["Officer"]
    summary = "Dismissive remarks to me at the Hollins ward surgery on 1 December"

    page.get_by_role("button", name="Make a complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a complaint")
    page.get_by_label("Who is the complaint about?").select_option(label=officer.name)
    page.get_by_label("What is your complaint?").fill(summary)
    page.get_by_role("button", name="Send complaint").click()
    page.wait_for_url("**/records/complaint:**")
    record_url = page.url
    ref = record_url.rsplit(":", 1)[1]

    expect(page.get_by_role("heading", level=1)).to_contain_text("Complaint")
    expect(summary_value(page, "About")).to_have_text(officer.name)
    expect(summary_value(page, "Made by")).to_have_text(councillor.name)
    expect(page.locator("dd", has_text=summary)).to_have_count(1)
    route = summary_value(page, "Route").locator("a").all_inner_texts()
    assert "lc-member-officer-2019/13.member-about-officer" in route, route  # a councillor's complaint, an officer
    expect(summary_value(page, "Written reply").locator(".govuk-tag")).to_have_text("Due")
    handler_name = summary_value(page, "Handled by").inner_text().strip()
    org = server.context().org
    handler = next(p.id for p in org.people() if p.name == handler_name)
    assert handler not in (councillor.person, officer.person)

    # The officer complained about does not learn who complained.
    other = new_page()
    sign_in(other, officer)
    response = other.goto(record_url)
    assert response is not None and response.status in (200, 404)
    assert councillor.name not in other.locator("main").inner_text()

    sign_out(page)
    sign_in(page, server.account_for(handler))
    page.get_by_role("link", name="Complaints", exact=True).click()
    page.locator("tbody tr", has_text=ref).get_by_role("link").first.click()
    assert page.url == record_url
    page.get_by_label("What do you intend to do?").fill("Meet the officer and their manager, then write to you")
    page.get_by_label("Roughly how long will it take?").fill("about 3 weeks")
    page.get_by_role("button", name="Send the written reply").click()
    page.wait_for_load_state()
    assert page.url == record_url
    expect(summary_value(page, "Written reply").locator(".govuk-tag")).to_have_text("Done")
    expect(page.get_by_role("button", name="Send the written reply")).to_have_count(0)


def test_a_wrong_password_shows_the_error_summary(server: Server, page: Any) -> None:
    account = server.accounts["Councillor"]
    page.goto("/sign-in")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password + "-wrong")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text(NOT_RIGHT)
    expect(page).to_have_title(re.compile(r"^Error: "))
    # The summary links to the field that needs attention.
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Username")).to_be_focused()
    assert page.context.cookies() and not any(c["name"] == "propriety_session" for c in page.context.cookies())


def test_five_wrong_passwords_lock_the_account(server: Server, page: Any, sign_in: SignIn) -> None:
    # An account of its own, so the lock does not get in the way of other tests.
    person = server.accounts["Councillor"].person
    account = server.account_for(person, label="lockout")
    page.goto("/sign-in")
    for attempt in range(1, MAX_FAILURES + 1):
        page.get_by_label("Username").fill(account.username)
        page.get_by_label("Password").fill(f"not-the-password-{attempt}")
        page.get_by_role("button", name="Sign in").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        if attempt < MAX_FAILURES:
            expect(summary).to_contain_text(NOT_RIGHT)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Too many failed attempts")

    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("This account is locked")
    assert page.url.split("?")[0].endswith("/sign-in")
    response = page.goto("/")
    assert response is not None
    assert page.url.split("?")[0].endswith("/sign-in"), "a locked account reached My work"


def test_a_record_outside_your_audience_is_not_found(server: Server, new_page: Any, sign_in: SignIn) -> None:
    adviser = server.accounts["Political Adviser"]
    view = server.view()
    complaints = (r.case for r in view.records.values() if r.kind == "complaint")
    hidden = sorted(c for c in complaints if not view.can_see(adviser.person, c))
    assert hidden, "every demo complaint is visible to the Political Adviser: pick another record"
    case = hidden[0]
    url = f"/records/{quote(case, safe=':')}"
    summary = str(getattr(view.records[case].first, "summary", "") or "")

    # Someone in its audience opens the same address, so the 404 below is need-to-know, not a bad link.
    record = view.records[case]
    audience = sorted(p for p in (record.audience or record.named) if view.can_see(p, case))
    demo = [a for a in server.accounts.values() if a.person in audience]
    insider = demo[0] if demo else server.account_for(audience[0])
    other = new_page()
    sign_in(other, insider)
    response = other.goto(url)
    assert response is not None and response.status == 200, f"{insider.name}, in the audience, cannot open {url}"
    expect(other.get_by_role("heading", level=1)).to_contain_text(case.split(":", 1)[1])

    page = new_page()
    sign_in(page, adviser)
    response = page.goto(url)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    text = page.content()
    assert case.split(":", 1)[1] not in text
    if summary:
        assert summary not in text
    page.goto("/requests")
    assert case.split(":", 1)[1] not in page.content()
