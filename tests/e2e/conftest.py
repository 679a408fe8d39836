"""Browser tests: the real app served by uvicorn on a fresh SQLite database, driven by Chromium.

The demo authorities in ``src/propriety/demo/`` are loaded as ``propriety serve`` loads them, with a
sign-in for one person in each role. The suite is skipped on a machine without /usr/bin/chromium,
but never in CI (``CI`` set): there a missing browser is a failure.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
WEB = REPO / "src" / "propriety" / "entrypoints" / "web"
CSS = WEB / "static" / "propriety.css"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DEMO_DIR = REPO / "src" / "propriety" / "demo"
PRIMARY_DEMO = "northbury"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}


def _prerequisites() -> None:
    """Skip (outside CI) or fail (in CI) when the browser is missing; fail when assets are not built."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"The browser tests need Chromium at {CHROMIUM}, and CI must run them: install it "
                "(apt-get install chromium) on the CI machine.",
                pytrace=False,
            )
        pytest.skip(f"no Chromium at {CHROMIUM}; the browser tests run in CI")
    if not CSS.exists():
        pytest.fail(f"The built assets are missing ({CSS.relative_to(REPO)}): run `make assets` first.", pytrace=False)


@dataclass(frozen=True)
class Account:
    """A sign-in for one person."""

    role: str
    name: str
    person: str
    username: str
    password: str
    authority: str = ""


@dataclass
class Server:
    """The running app, its demo authority and the sign-ins made for it."""

    url: str
    app: Any  # propriety.bootstrap.App
    authority: str
    demo_folder: Path
    accounts: dict[str, Account]  # role label -> sign-in, for the primary demo authority
    authorities: dict[str, dict[str, Account]] = field(default_factory=dict)  # every demo authority's sign-ins
    folders: dict[str, str] = field(default_factory=dict)  # demo folder name -> authority id
    _extra: dict[str, Account] = field(default_factory=dict)

    def context(self) -> Any:
        from propriety.service_layer.authority import load_context

        with self.app.uow() as uow:
            return load_context(uow, self.authority)

    def view(self, authority: str | None = None) -> Any:
        """The authority's records as they stand now, with each record's audience."""
        from propriety.service_layer.authority import load_context
        from propriety.service_layer.records import authority_view

        with self.app.uow() as uow:
            return authority_view(uow, load_context(uow, authority or self.authority), datetime.now(UTC))

    def account_for(self, person: str, label: str = "extra") -> Account:
        """A sign-in for ``person`` (created once; reused by the demo roles where one exists)."""
        for account in (*self.accounts.values(), *self._extra.values()):
            if account.person == person and (label == "extra" or account.role == label):
                return account
        from propriety.service_layer.accounts import create_user

        org = self.context().org
        username = f"{self.authority}-{person}-{label}-e2e"
        password = secrets.token_urlsafe(12)
        with self.app.uow() as uow:
            create_user(uow, username, self.authority, person, password)
            uow.commit()
        account = Account(label, org.person(person).name, person, username, password, self.authority)
        self._extra[username] = account
        return account


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(url: str, thread: threading.Thread, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not thread.is_alive():
            pytest.fail("The web app stopped while starting; see the log above.", pytrace=False)
        try:
            with urllib.request.urlopen(f"{url}/sign-in", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    pytest.fail(f"The web app did not answer at {url} within {timeout:.0f} seconds.", pytrace=False)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Serve the app with uvicorn in a background thread on a fresh database holding the demo authorities."""
    _prerequisites()
    import uvicorn

    from propriety.adapters.profilefile import load_profile
    from propriety.bootstrap import bootstrap
    from propriety.config import Settings
    from propriety.entrypoints.demo import demo_accounts, load_into
    from propriety.entrypoints.web.app import create_app

    var = tmp_path_factory.mktemp("e2e")
    settings = Settings(
        var_dir=var,
        database_url=f"sqlite:///{var / 'propriety.db'}",
        environment="test",
        secret_key=secrets.token_urlsafe(32),
    )
    app_ = bootstrap(settings)
    folders = sorted(p for p in DEMO_DIR.iterdir() if (p / "profile.yaml").is_file())
    assert folders, f"no demo authority (a folder with profile.yaml) under {DEMO_DIR}"
    authorities: dict[str, dict[str, Account]] = {}
    by_folder: dict[str, str] = {}
    for folder in folders:
        try:
            load_into(app_, folder)
            rows = demo_accounts(app_, folder)
        except FileNotFoundError as exc:
            pytest.fail(
                f"The demo authority {folder.name} is incomplete ({exc.strerror}: {exc.filename}); "
                "`propriety serve` cannot load it either.",
                pytrace=False,
            )
        authority = load_profile(folder / "profile.yaml").authority
        accounts = {}
        for role, person_name, username, password in rows:
            person = username.removeprefix(f"{authority}-")  # demo_accounts names them <authority>-<person>
            accounts[role] = Account(role, person_name, person, username, password, authority)
        authorities[authority] = accounts
        by_folder[folder.name] = authority
    # The journeys follow Northbury's scripted months (README.md there); another demo only if it is gone.
    primary = PRIMARY_DEMO if PRIMARY_DEMO in by_folder else folders[0].name

    port = _free_port()
    config = uvicorn.Config(create_app(settings, app_), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="propriety-e2e-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, thread)
        authority = by_folder[primary]
        yield Server(url, app_, authority, DEMO_DIR / primary, authorities[authority], authorities, by_folder)
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        app_.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright's sync API."""
    _prerequisites()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Any, server: Server) -> Iterator[Callable[[], Any]]:
    """Make pages in fresh browser contexts (no shared cookies), 1280px wide, on the test server."""
    contexts: list[Any] = []

    def make() -> Any:
        context = browser.new_context(base_url=server.url, viewport=VIEWPORT)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[[], Any]) -> Any:
    """A page in a fresh browser context."""
    return new_page()


SignIn = Callable[..., Account]


@pytest.fixture
def sign_in(server: Server) -> SignIn:
    """``sign_in(page, role)``: fill the sign-in form for a demo role (or an :class:`Account`).

    ``authority=`` picks a role in another demo authority than the primary one.
    """

    def _sign_in(
        page: Any, role: str | Account, *, authority: str | None = None, expect_success: bool = True
    ) -> Account:
        if isinstance(role, Account):
            account = role
        else:
            account = (server.authorities[authority] if authority else server.accounts)[role]
        page.goto("/sign-in")
        page.get_by_label("Username").fill(account.username)
        page.get_by_label("Password").fill(account.password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if expect_success:
            assert not page.url.split("?")[0].endswith("/sign-in"), (
                f"signing in as {account.username} failed: {page.locator('main').inner_text()}"
            )
        return account

    return _sign_in


@pytest.fixture
def sign_out() -> Callable[[Any], None]:
    """``sign_out(page)``: press Sign out in the service navigation."""

    def _sign_out(page: Any) -> None:
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/sign-in")

    return _sign_out
