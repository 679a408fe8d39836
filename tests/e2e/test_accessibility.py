"""axe-core on every page each role sees, on error states, and on the pages anyone can reach.

The rules run are WCAG 2.0, 2.1 and 2.2 at levels A and AA. A failure lists, page by page, each
violation's id, what to fix and the first elements it was found on.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from propriety.entrypoints.demo import ROLES as DEMO_ROLES

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
Server = SignIn = Any  # the conftest fixtures' types, for reading

ROLES = tuple(label for label, _ in DEMO_ROLES)  # one demo sign-in per role
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CLAUSE = "islington-2006/4.1(b)"
MAIN_PAGES = (
    "/",
    "/requests",
    "/requests/information/new",
    "/requests/attendance/new",
    "/may-i",
    "/protocols",
    f"/protocols/{quote(CLAUSE, safe='')}",
    "/compliance",
    "/notices",
)
# Areas built by other work, checked when they exist (a 404 means not built yet).
LATER_AREAS = ("/complaints", "/complaints/new", "/registers", "/registers/relationships/new", "/audit")
FORMS = ("/requests/information/new", "/requests/attendance/new", "/complaints/new", "/registers/relationships/new")
DEMO_DIR = Path(__file__).resolve().parents[2] / "src" / "propriety" / "demo"
OTHER_DEMOS = sorted(p.name for p in DEMO_DIR.iterdir() if (p / "profile.yaml").is_file() and p.name != "northbury")
KIND_ORDER = ("information", "attendance", "complaint", "briefing", "report")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its WCAG A/AA violations."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): run `make assets`, which runs `npm ci`.", pytrace=False)
    page.add_script_tag(path=str(AXE))
    results: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def describe(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{where}:"]
    for v in violations:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        lines.append(f"  - {v['id']} [{v.get('impact')}]: {v['help']} — at {targets}{more}")
    return "\n".join(lines)


class Audit:
    """Collects violations across pages so one test reports them all at once."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.checked: list[str] = []
        self.who = ""  # whose pages these are, for the report

    def check(self, page: Any, where: str) -> None:
        where = f"{where} (as {self.who})" if self.who else where
        self.checked.append(where)
        violations = axe_violations(page)
        if violations:
            self.failures.append(describe(where, violations))

    def visit(self, page: Any, path: str, status: int = 200) -> None:
        response = page.goto(path)
        assert response is not None and response.status == status, (
            f"GET {path} answered {response.status if response else 'nothing'}, expected {status}"
        )
        self.check(page, path)

    def assert_clean(self) -> None:
        if self.failures:
            report = "\n".join(self.failures)
            print(report)
            pytest.fail(f"axe-core found WCAG A/AA violations:\n{report}", pytrace=False)


def a_record_for(server: Server, account: Any) -> str | None:
    """A record page this person may see (an information request if there is one)."""
    mine = server.view(account.authority).for_person(account.person).records()
    mine.sort(key=lambda r: KIND_ORDER.index(r.kind) if r.kind in KIND_ORDER else len(KIND_ORDER))
    return f"/records/{quote(mine[0].case, safe=':')}" if mine else None


@pytest.mark.parametrize("role", ROLES)
def test_every_main_page_of_each_role_passes_axe(role: str, server: Server, page: Any, sign_in: SignIn) -> None:
    account = sign_in(page, role)
    audit = Audit()
    audit_main_pages(audit, page, server, account)
    audit.assert_clean()


@pytest.mark.parametrize("folder", OTHER_DEMOS)
def test_the_other_demo_authorities_pass_axe(folder: str, server: Server, new_page: Any, sign_in: SignIn) -> None:
    """Each other demo authority adopts other packs, so its pages say other things: every role, main pages."""
    authority = server.folders.get(folder)
    if authority is None:
        pytest.skip(f"{folder} is no longer a demo authority")
    audit = Audit()
    for account in server.authorities[authority].values():
        page = new_page()
        sign_in(page, account)
        audit_main_pages(audit, page, server, account, label=f"{authority} {account.role}")
    audit.assert_clean()


def audit_main_pages(audit: Audit, page: Any, server: Server, account: Any, label: str = "") -> None:
    """Check every main page, each May I? question, a record page and any later area, as ``account``."""
    audit.who = label or account.role
    for path in MAIN_PAGES:
        audit.visit(page, path)

    page.goto("/may-i")
    questions = page.locator("main a[href^='/may-i/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert questions, "the May I? page lists no questions"
    for path in questions:
        audit.visit(page, path)

    record = a_record_for(server, account)
    if record is not None:
        audit.visit(page, record)

    for path in LATER_AREAS:
        response = page.goto(path)
        assert response is not None
        if response.status != 404:  # a role refused an area still gets an accessible page
            assert response.status in (200, 403), f"GET {path} answered {response.status}"
            audit.check(page, path)


def test_pages_anyone_can_reach_pass_axe(new_page: Any) -> None:
    page = new_page()
    audit = Audit()
    audit.visit(page, "/sign-in")
    page.get_by_role("button", name="Sign in").click()  # empty: the error state
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    audit.check(page, "/sign-in (submitted empty)")
    audit.visit(page, "/no-such-page", status=404)
    audit.assert_clean()


def test_signed_in_404_page_passes_axe(page: Any, sign_in: SignIn) -> None:
    sign_in(page, "Monitoring Officer")
    audit = Audit()
    audit.visit(page, "/records/information:NO-SUCH-REQUEST", status=404)
    audit.visit(page, "/protocols/no-such-pack%2F99", status=404)
    audit.assert_clean()


def test_forms_submitted_empty_pass_axe(page: Any, sign_in: SignIn) -> None:
    """The error summary and field errors of each form, after sending it with nothing filled in."""
    sign_in(page, "Group Leader")
    audit = Audit()
    for path in FORMS:
        response = page.goto(path)
        assert response is not None
        if response.status == 404 and path not in MAIN_PAGES:
            continue
        page.locator("main form[method=post]").last.locator("button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").is_visible(), f"{path} showed no error summary"
        audit.check(page, f"{path} (submitted empty)")

    page.goto("/may-i")
    questions = page.locator("main a[href^='/may-i/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for path in questions:
        page.goto(path)
        page.get_by_role("button", name="Ask").click()
        page.wait_for_load_state()
        # Errors where a question must be answered; an answer where every question has a default.
        assert page.locator(".govuk-error-summary, .govuk-panel").first.is_visible(), f"{path}: neither"
        audit.check(page, f"{path} (submitted empty)")
    audit.assert_clean()


@pytest.mark.parametrize(
    ("others", "sensitive", "answer"),
    [(["Party members who are not councillors"], "no", "No"), ([], "yes", "Not yet: it needs a decision first")],
    ids=["no", "not-yet"],
)
def test_may_i_answers_pass_axe(
    server: Server, page: Any, sign_in: SignIn, others: list[str], sensitive: str, answer: str
) -> None:
    leader = sign_in(page, "Group Leader")
    org = server.context().org
    group = org.group_of(leader.person, date.today())
    page.goto("/may-i/attend-group-meeting")
    page.get_by_label("Which group is meeting?").select_option(value=group)
    page.get_by_label("Who is asking for the officer?").select_option(label=leader.name)
    page.get_by_label("Who is the request addressed to?").select_option(label=server.accounts["Chief Executive"].name)
    page.get_by_role("group", name="Is the request in writing?").get_by_label("Yes").check()
    page.get_by_role("group", name="Is the matter sensitive?").get_by_label(sensitive.capitalize()).check()
    for label in others:
        page.get_by_label(label).check()
    page.get_by_role("button", name="Ask").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-panel__title").inner_text() == answer
    audit = Audit()
    audit.check(page, f"/may-i/attend-group-meeting (answered {answer!r})")
    audit.assert_clean()
