"""``propriety demo``: a fictional authority's scripted months, recorded and reported."""

from __future__ import annotations

import json
import secrets
import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console

from propriety.adapters.orgfile import load_organisation
from propriety.adapters.profilefile import load_profile
from propriety.bootstrap import App, bootstrap
from propriety.domain.events import Event, parse_event_json
from propriety.domain.organisation import Role
from propriety.entrypoints.render import obligations_table
from propriety.protocols.common import name
from propriety.service_layer.accounts import create_user, hash_password
from propriety.service_layer.authority import install_authority
from propriety.service_layer.services import rebuild_ledger, record_in, verify_log


def load_demo_events(folder: Path) -> list[Event]:
    lines = (folder / "events.jsonl").read_text("utf-8").splitlines()
    return [parse_event_json(line) for line in lines if line.strip()]


ROLES = (
    ("Monitoring Officer", Role.MONITORING_OFFICER),
    ("Chief Executive", Role.CHIEF_EXECUTIVE),
    ("Director", Role.DIRECTOR),
    ("Officer", Role.OFFICER),
    ("Group Leader", Role.GROUP_LEADER),
    ("Councillor", Role.GROUP_MEMBER),
    ("Political Adviser", Role.POLITICAL_ADVISER),
)


def load_into(app: App, folder: Path) -> tuple[int, int]:
    """Install a demo authority's configuration and, if its log is empty, its scripted events.

    Returns the number of scripted events and how many were already in the log.
    """
    org = load_organisation(folder / "organisation.yaml")
    profile = load_profile(folder / "profile.yaml")
    events = load_demo_events(folder)
    with app.uow() as uow:
        install_authority(uow, folder / "organisation.yaml", folder / "profile.yaml")
        already = uow.events.count(profile.authority)
        if already == 0:
            record_in(uow, org, profile, events, at=max(e.at for e in events))
        uow.commit()
    return len(events), already


def demo_accounts(app: App, folder: Path) -> list[tuple[str, str, str, str]]:
    """A sign-in for one person in each role, with a fresh random password each time.

    Returns (role, name, username, password) rows to print.
    """
    org = load_organisation(folder / "organisation.yaml")
    profile = load_profile(folder / "profile.yaml")
    today = max(e.at for e in load_demo_events(folder)).date()
    rows = []
    with app.uow() as uow:
        for label, role in ROLES:
            holders = org.holders(role, today)
            if not holders:
                continue
            person = holders[0]
            username = f"{profile.authority}-{person}"
            password = secrets.token_urlsafe(9)
            user = uow.accounts.user_by_name(username)
            if user is None:
                create_user(uow, username, profile.authority, person, password)
            else:
                uow.accounts.set_password(user.id, hash_password(password))
                uow.accounts.set_failures(user.id, 0, None)
            rows.append((label, org.person(person).name, username, password))
        uow.commit()
    return rows


def run_demo(folder: Path, *, db: str | None, at: str | None, json_output: bool, out: Console) -> None:
    org = load_organisation(folder / "organisation.yaml")
    profile = load_profile(folder / "profile.yaml")
    events = load_demo_events(folder)
    # The demo's clock stops at its last event unless told otherwise, so it reads the same any day.
    clock = datetime.fromisoformat(at) if at else max(e.at for e in events)
    app = bootstrap(database_url=db)
    _, already = load_into(app, folder)
    items = rebuild_ledger(app.uow, org, profile, at=clock)
    report = verify_log(app.uow, profile.authority)
    if json_output:
        payload = {k: items[k] for k in ("obligations", "violations", "notifications", "decisions")}
        sys.stdout.write(
            json.dumps({"authority": profile.authority, "at": clock.isoformat(), **payload}, indent=2) + "\n"
        )
        return
    out.print(f"[bold]{profile.name or profile.authority}[/] — a fictional authority", highlight=False)
    out.print(
        f"{len(events)} scripted events {'recorded' if already == 0 else 'already in the log'} "
        f"at {app.engine.url.render_as_string(hide_password=True)}; as at {clock:%A %d %B %Y %H:%M}.",
        highlight=False,
    )
    out.print(f"Hash chain: {'intact' if report.ok else 'BROKEN'} — {report.message}", highlight=False)
    outstanding = [o for o in items["obligations"] if o["state"] in ("active", "violated") and not o["done_late_on"]]
    obligations_table(out, "Due", [o for o in outstanding if not o["overdue"]], org)
    obligations_table(out, "Overdue", [o for o in outstanding if o["overdue"]], org)
    out.print(f"\n[bold]Violations ({len(items['violations'])})[/]")
    for v in items["violations"]:
        out.print(f"  • {', '.join(v['clauses'])}: {v['reason']} ({name(org, v['responsible'])})", highlight=False)
    out.print(f"\n[bold]Notifications ({len(items['notifications'])})[/]")
    for n in items["notifications"]:
        out.print(
            f"  • To {', '.join(name(org, p) for p in n['recipients'])}: {n['about']} ({', '.join(n['clauses'])})",
            highlight=False,
        )
