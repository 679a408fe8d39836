"""``propriety protocols``: the clause catalogue, with the rules and scenarios behind each clause."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from propriety.protocols import packs_by_id
from propriety.protocols.catalogue import PACK_IDS, Clause, catalogue, clause, pack_info
from propriety.protocols.parameters import default_parameters


def rules_by_clause() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for pack in packs_by_id().values():
        named = [(r.name, r.clauses) for r in pack.rules] + [(r.name, r.clauses) for r in pack.recurring_rules]
        for rule_name, clauses in named:
            for c in clauses:
                found.setdefault(c, []).append(rule_name)
    return found


def scenarios_by_clause(root: Path) -> Counter[str]:
    """How many scenario cases assert on each clause."""
    from propriety.scenarios import discover

    counts: Counter[str] = Counter()
    if root.is_dir():
        for sf in discover(root):
            for case in sf.cases:
                counts.update(case.clauses())
    return counts


def list_clauses(pack: str | None, json_output: bool, console: Console) -> None:
    clauses = [c for c in catalogue().values() if pack is None or c.pack == pack]
    if json_output:
        rows = [{"clause": c.id, "kinds": list(c.kinds), "title": c.title} for c in clauses]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    for pid in PACK_IDS:
        in_pack = [c for c in clauses if c.pack == pid]
        if not in_pack:
            continue
        table = Table(title=f"{pid} — {pack_info(pid).title}", title_justify="left", expand=True)
        table.add_column("Clause", no_wrap=True)
        table.add_column("Kinds", no_wrap=True)
        table.add_column("Title", ratio=1)
        for c in in_pack:
            table.add_row(c.id, " ".join(c.kinds), c.title)
        console.print(table)


def clause_dict(c: Clause) -> dict[str, Any]:
    rules = [
        {"name": r.name, "on": list(r.on), "doc": r.doc}
        for pack in packs_by_id().values()
        for r in pack.rules
        if c.id in r.clauses
    ] + [
        {"name": r.name, "on": ["the calendar"], "doc": r.doc}
        for pack in packs_by_id().values()
        for r in pack.recurring_rules
        if c.id in r.clauses
    ]
    params = [
        {
            "name": p.name,
            "unit": p.unit,
            "values": {k.isoformat(): v for k, v in p.values},
            "description": p.description,
        }
        for p in default_parameters(c.pack).values()
        if c.id in p.references
    ]
    return {
        "clause": c.id,
        "pack": c.pack,
        "title": c.title,
        "kinds": list(c.kinds),
        "summary": c.summary,
        "interpretation": c.notes or None,
        "rules": rules,
        "parameters": params,
    }


def show_clause(clause_id: str, json_output: bool, console: Console) -> None:
    c = clause(clause_id)
    data = clause_dict(c)
    if json_output:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    console.print(f"[bold]{c.id}[/] — {c.title}", highlight=False)
    console.print(f"Kinds: {' '.join(c.kinds)}   Pack: {pack_info(c.pack).title}", highlight=False)
    console.print(f"\n{c.summary}", highlight=False)
    if c.notes:
        console.print(f"\n[bold]How Propriety reads it:[/] {c.notes}", highlight=False)
    if data["rules"]:
        console.print("\n[bold]Rules[/]")
        for r in data["rules"]:
            console.print(f"  {r['name']} (on {', '.join(r['on'])}): {r['doc']}", highlight=False)
    elif c.enforceable:
        console.print("\n[yellow]No rule implements this clause yet.[/]")
    for p in data["parameters"]:
        console.print(f"\nParameter {p['name']} ({p['unit']}): {p['values']} — {p['description']}", highlight=False)


def coverage_rows(scenarios: Path) -> list[dict[str, Any]]:
    rules = rules_by_clause()
    counts = scenarios_by_clause(scenarios)
    return [
        {"clause": c.id, "kinds": list(c.kinds), "rules": rules.get(c.id, []), "scenarios": counts.get(c.id, 0)}
        for c in catalogue().values()
    ]


def coverage(scenarios: Path, json_output: bool, console: Console) -> None:
    rows = coverage_rows(scenarios)
    if json_output:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title="Coverage: rules and scenarios per clause", title_justify="left", expand=True)
    table.add_column("Clause", no_wrap=True)
    table.add_column("Kinds", no_wrap=True)
    table.add_column("Rules", ratio=1)
    table.add_column("Scenarios", justify="right")
    for r in rows:
        enforceable = set(r["kinds"]) - {"G"}
        style = "" if not enforceable or (r["rules"] and r["scenarios"] >= 2) else "yellow"
        table.add_row(r["clause"], " ".join(r["kinds"]), ", ".join(r["rules"]) or "—", str(r["scenarios"]), style=style)
    console.print(table)
    enforceable_rows = [r for r in rows if set(r["kinds"]) - {"G"}]
    covered = [r for r in enforceable_rows if r["rules"] and r["scenarios"] >= 2]
    console.print(
        f"{len(rows)} clauses; {len(enforceable_rows)} enforceable, of which {len(covered)} have a rule and at "
        f"least 2 scenarios ({100 * len(covered) // max(1, len(enforceable_rows))}%)."
    )
