"""How results look: tables for people, JSON for programs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import orjson
from rich.console import Console
from rich.table import Table

from propriety.adapters.store import VerifyReport
from propriety.domain.organisation import Organisation
from propriety.domain.parity import MatterParity
from propriety.engine.engine import Verdict
from propriety.entrypoints.reading import CheckResult
from propriety.protocols.common import name
from propriety.service_layer.checking import decision_dict, notification_dict

SHOWN = 40


def check_json(result: CheckResult, stream: IO[bytes]) -> None:
    """Stream the JSON object: ``obligations``, ``violations`` and ``notifications`` arrays, and more."""
    head = {
        "authority": result.authority,
        "at": result.at.isoformat(),
        "events": result.events,
        "recorded": result.recorded,
    }
    stream.write(orjson.dumps(head)[:-1])
    for kind in ("obligations", "violations", "notifications", "decisions"):
        stream.write(b',"' + kind.encode() + b'":[')
        first = True
        for line in result.collector.read(kind):
            if not first:
                stream.write(b",")
            stream.write(line)
            first = False
        stream.write(b"]")
    stream.write(b"}\n")
    stream.flush()


def _rows(result: CheckResult, kind: str) -> Iterable[dict[str, Any]]:
    for line in result.collector.read(kind):
        yield orjson.loads(line)


def check_tables(result: CheckResult, org: Organisation, console: Console) -> None:
    """The report a Monitoring Officer reads: what is due, what is overdue, what was breached."""
    counts = result.collector.counts
    console.print(
        f"[bold]{result.authority}[/]: {result.events} events checked as at {result.at.isoformat()}"
        + (" (recorded in the log)" if result.recorded else ""),
        highlight=False,
    )
    outstanding = [
        o for o in _rows(result, "obligations") if o["state"] in ("active", "violated") and not o["done_late_on"]
    ]
    due = [o for o in outstanding if not o["overdue"]]
    overdue = [o for o in outstanding if o["overdue"]]
    obligations_table(console, "Due", due, org)
    obligations_table(console, "Overdue", overdue, org)
    violations = list(_rows(result, "violations"))
    table = Table(title=f"Violations ({len(violations)})", title_justify="left", expand=True)
    table.add_column("Clauses", no_wrap=True)
    table.add_column("Who")
    table.add_column("What happened", ratio=1)
    for v in violations[:SHOWN]:
        table.add_row("\n".join(v["clauses"]), name(org, v["responsible"]), v["reason"])
    console.print(table)
    if len(violations) > SHOWN:
        console.print(f"… and {len(violations) - SHOWN} more; use --json for all of them.")
    console.print(
        f"Notifications sent: {counts['notifications']}. Decisions made: {counts['decisions']}. "
        f"Obligations: {counts['obligations']} in all, {len(due)} due, {len(overdue)} overdue."
    )


def obligations_table(console: Console, title: str, rows: list[dict[str, Any]], org: Organisation) -> None:
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Who owes it")
    table.add_column("What is owed", ratio=1)
    table.add_column("Clauses", no_wrap=True)
    for o in rows[:SHOWN]:
        table.add_row(o["due"], name(org, o["holder"]), o["duty"], "\n".join(o["clauses"]))
    console.print(table)
    if len(rows) > SHOWN:
        console.print(f"… and {len(rows) - SHOWN} more; use --json for all of them.")


def verdict_dict(verdict: Verdict) -> dict[str, Any]:
    out = verdict.outcomes
    decision = verdict.decisions[0] if verdict.decisions else None
    return {
        "decision": decision_dict(decision, None) if decision else None,
        "decisions": [decision_dict(d, None) for d in verdict.decisions],
        "would_oblige": [
            {
                "holder": o.holder,
                "duty": o.duty,
                "due": o.due.isoformat(),
                "clauses": list(o.clauses),
                "reason": o.reason,
            }
            for o in out.obligations
        ],
        "would_notify": [notification_dict(n, out.event_id) for n in out.notifications],
        "would_breach": [{"clauses": list(v.clauses), "reason": v.reason} for v in out.violations],
    }


def verdict_text(verdict: Verdict, org: Organisation, console: Console) -> None:
    if not verdict.decisions:
        console.print("No adopted protocol clause decides this; nothing here forbids it or needs consent.")
    for d in verdict.decisions:
        answer = {"permit": "[green]Yes[/]", "deny": "[bold red]No[/]", "refer": "[yellow]Not yet: ask first[/]"}
        console.print(f"{answer[d.outcome.value]} — {d.question.replace('-', ' ')}", highlight=False)
        if d.refer_to:
            console.print(f"Decided by: {', '.join(name(org, p) for p in d.refer_to)}", highlight=False)
        console.print(f"Why: {d.reason}", highlight=False)
        for c in d.conditions:
            console.print(f"  • {c}", highlight=False)
        console.print(f"Cites: {', '.join(d.clauses)}", highlight=False)
    out = verdict.outcomes
    for n in out.notifications:
        console.print(
            f"Would notify {', '.join(name(org, p) for p in n.recipients)} ({', '.join(n.clauses)})", highlight=False
        )
    for o in out.obligations:
        console.print(
            f"Would oblige {name(org, o.holder)}: {o.duty}, by {o.due} ({', '.join(o.clauses)})", highlight=False
        )


def report_dict(report: VerifyReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "checked": report.checked,
        "problem": report.problem,
        "position": report.position,
        "event_id": report.event_id,
        "message": report.message,
    }


def parity_table(matters: list[MatterParity], org: Organisation, console: Console) -> None:
    """One row per matter, one column per group: given, offered or requested dates; gaps in red."""
    groups = [g for g in org.groups()]
    table = Table(title="Parity between groups (ce-groups-2009/2.1, islington-2006/4.5(b))", title_justify="left")
    table.add_column("Matter", no_wrap=True)
    for g in groups:
        table.add_column(g.name)
    for m in matters:
        gaps = set(m.gaps())
        cells = []
        for g in groups:
            c = m.groups.get(g.id)
            if g.id in gaps:
                cells.append("[bold red]left out[/]")
            elif c is None or not (c.given or c.offered or c.requested):
                cells.append("—")
            else:
                parts = [
                    f"{label} {when}"
                    for label, when in (("given", c.given), ("offered", c.offered), ("asked", c.requested))
                    if when
                ]
                cells.append("\n".join(parts))
        table.add_row(m.matter, *cells)
    console.print(table)
