"""Full-page screenshots of the main pages, 1280px wide, saved to docs/screenshots/ for the documentation."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CLAUSE = "islington-2006/4.1(b)"

Server = SignIn = Any  # the conftest fixtures' types, for reading


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (and a check that it is a PNG at all)."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def visit(page: Any, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"GET {path} answered {response and response.status}"
    assert page.locator("main h1").is_visible(), f"{path} has no heading"


def shoot(page: Any, name: str) -> Path:
    page.wait_for_load_state("networkidle")
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def a_rich_record(server: Server, person: str) -> str:
    """A record this person may see, preferring an officer-at-a-meeting request with a decision on it."""
    view = server.view()
    mine = view.for_person(person).records()
    decided = [r for r in mine if r.kind == "attendance" and any(e.type == "AttendanceDecided" for e in r.events)]
    chosen = (decided or [r for r in mine if r.kind in ("information", "attendance")] or mine)[0]
    return f"/records/{quote(chosen.case, safe=':')}"


def test_screenshots_of_the_main_pages(server: Server, new_page: Any, sign_in: SignIn) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    page = new_page()
    chief = sign_in(page, "Chief Executive")
    visit(page, "/")
    written.append(shoot(page, "my-work"))
    visit(page, "/requests")
    written.append(shoot(page, "requests"))
    visit(page, a_rich_record(server, chief.person))
    written.append(shoot(page, "record"))
    visit(page, f"/protocols/{quote(CLAUSE, safe='')}")
    written.append(shoot(page, "clause"))
    visit(page, "/compliance")
    written.append(shoot(page, "compliance"))

    councillor = new_page()
    leader = sign_in(councillor, "Group Leader")
    visit(councillor, "/may-i/attend-group-meeting")
    org = server.context().org
    group = next(g.name for g in org.groups() if g.id == org.group_of(leader.person, date.today()))
    councillor.get_by_label("Which group is meeting?").select_option(label=group)
    councillor.get_by_label("Who is asking for the officer?").select_option(label=leader.name)
    councillor.get_by_label("Who is the request addressed to?").select_option(label=chief.name)
    councillor.get_by_role("group", name="Is the request in writing?").get_by_label("Yes").check()
    councillor.get_by_label("Party members who are not councillors").check()
    councillor.get_by_role("button", name="Ask").click()
    councillor.wait_for_selector(".govuk-panel__title")
    written.append(shoot(councillor, "may-i-answer"))

    for path in written:
        assert path.is_file() and path.stat().st_size > 1000, f"{path} was not written"
        width, height = png_size(path)
        assert width == 1280 and height >= 600, f"{path.name} is {width}×{height}"
