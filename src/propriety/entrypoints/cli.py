"""The ``propriety`` command: check logs, answer "may I?", browse protocols, verify the record.

Domain errors are turned into messages and exit codes here, in one place (:func:`_errors`):
exit 2 for bad input (a file, a line, a field), exit 1 for a failed verification.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from propriety.adapters.orgfile import OrganisationFileError, load_organisation
from propriety.adapters.profilefile import ProfileFileError, load_profile
from propriety.adapters.store import DuplicateEvent
from propriety.domain.events import Event, event_json_schema, parse_event
from propriety.domain.organisation import Organisation, UnknownReference
from propriety.domain.profile import Profile
from propriety.engine.engine import Engine, ProfileError
from propriety.entrypoints import reading, render
from propriety.service_layer.services import AuthorityMismatch

app = typer.Typer(
    help="Propriety: a council's member/officer protocols, made to run.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
protocols_app = typer.Typer(help="Browse the protocol packs, their clauses and how well they are covered.")
schema_app = typer.Typer(help="Published schemas of Propriety's interchange formats.")
report_app = typer.Typer(help="Reports for the Monitoring Officer and the Standards Committee.")
app.add_typer(protocols_app, name="protocols")
app.add_typer(report_app, name="report")
app.add_typer(schema_app, name="schema")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"

OrgOption = Annotated[str, typer.Option("--org", help="organisation YAML file, or a demo authority's name")]
ProfileOption = Annotated[str, typer.Option("--profile", help="profile YAML file, or a demo authority's name")]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON for programs instead of tables")]
AtOption = Annotated[
    str | None, typer.Option("--at", help="the clock for deadlines, ISO 8601 (default: now)", show_default=False)
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="database URL (default: PROPRIETY_DATABASE_URL or a SQLite file under var/)"),
]


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn the domain's errors into a clear message and exit code 2."""
    try:
        yield
    except (OrganisationFileError, ProfileFileError, ProfileError, reading.InputError, AuthorityMismatch) as exc:
        _fail(str(exc))
    except UnknownReference as exc:
        _fail(f"{exc}: the organisation has no such {exc.kind}; check the id against the organisation file.")
    except DuplicateEvent as exc:
        _fail(f"event {exc.event_id} is already in the log; events are recorded once. Nothing was stored.")


def _demo_file(name: str, filename: str) -> Path | None:
    path = DEMO_DIR / name / filename
    return path if path.is_file() else None


def _demo_names() -> list[str]:
    return sorted(p.name for p in DEMO_DIR.iterdir() if (p / "profile.yaml").is_file())


def resolve_org(value: str) -> Organisation:
    path = Path(value)
    if not path.is_file():
        found = _demo_file(value, "organisation.yaml")
        if found is None:
            _fail(f"no organisation file {value!r}; give a path or a demo name ({', '.join(_demo_names())})")
        path = found
    return load_organisation(path)


def resolve_profile(value: str) -> Profile:
    path = Path(value)
    if not path.is_file():
        found = _demo_file(value, "profile.yaml")
        if found is None:
            _fail(f"no profile file {value!r}; give a path or a demo name ({', '.join(_demo_names())})")
        path = found
    return load_profile(path)


def parse_at(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"--at {value!r} is not an ISO 8601 date or time, e.g. 2026-12-04T17:00:00+00:00")
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# --- check --------------------------------------------------------------------------------


@app.command()
def check(
    events: Annotated[Path, typer.Argument(help="the event log, JSON Lines (one event per line)")],
    org: OrgOption,
    profile: ProfileOption,
    at: AtOption = None,
    json_output: JsonOption = False,
    record: Annotated[
        bool, typer.Option("--record", help="also store the events in the database: all of them, or none")
    ] = False,
    db: DbOption = None,
) -> None:
    """Run the authority's rules over an event log and report obligations, violations and notices."""
    with _errors():
        organisation = resolve_org(org)
        prof = resolve_profile(profile)
        clock = parse_at(at)
        result = reading.check_file(events, organisation, prof, clock, record=record, db=db, progress=err)
        try:
            if json_output:
                render.check_json(result, sys.stdout.buffer)
            else:
                render.check_tables(result, organisation, out)
        finally:
            result.collector.close()


# --- decide -------------------------------------------------------------------------------


@app.command()
def decide(
    event: Annotated[
        str, typer.Argument(help="the proposed event as JSON, @FILE to read it from a file, or - for stdin")
    ],
    org: OrgOption,
    profile: ProfileOption,
    json_output: JsonOption = False,
) -> None:
    """Answer "may I?": run the rules on a proposed event that is never stored."""
    with _errors():
        organisation = resolve_org(org)
        prof = resolve_profile(profile)
        proposed = _proposed_event(event)
        verdict = Engine(prof, organisation).decide(proposed)
        if json_output:
            sys.stdout.write(json.dumps(render.verdict_dict(verdict), indent=2) + "\n")
        else:
            render.verdict_text(verdict, organisation, out)


def _proposed_event(text: str) -> Event:
    if text == "-":
        text = sys.stdin.read()
    elif text.startswith("@"):
        try:
            text = Path(text[1:]).read_text("utf-8")
        except OSError as exc:
            raise reading.InputError(f"{text[1:]}: cannot read it ({exc.strerror})") from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise reading.InputError(f"the proposed event is not valid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(data, dict):
        raise reading.InputError("the proposed event must be a JSON object with a 'type'")
    data.setdefault("id", "hypothetical")
    data.setdefault("at", datetime.now(UTC).isoformat())
    try:
        return parse_event(data)
    except ValidationError as exc:
        raise reading.InputError(reading.explain("the proposed event", exc)) from None


# --- demo ---------------------------------------------------------------------------------


@app.command()
def demo(
    authority: Annotated[str, typer.Option(help="which demo authority to load")] = "northbury",
    db: DbOption = None,
    at: AtOption = None,
    json_output: JsonOption = False,
) -> None:
    """Load a fictional authority and its scripted months of events, then show what is due."""
    from propriety.entrypoints.demo import run_demo

    with _errors():
        if _demo_file(authority, "profile.yaml") is None:
            _fail(f"no demo authority {authority!r}; choose from {', '.join(_demo_names())}")
        run_demo(DEMO_DIR / authority, db=db, at=at, json_output=json_output, out=out)


# --- serve --------------------------------------------------------------------------------


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    demo: Annotated[bool, typer.Option("--demo/--no-demo", help="load the demo authorities and print sign-ins")] = True,
    db: DbOption = None,
) -> None:
    """Serve the web app and the JSON API (http://HOST:PORT, API under /api)."""
    import uvicorn

    from propriety.bootstrap import bootstrap
    from propriety.config import Settings
    from propriety.entrypoints.demo import demo_accounts, load_into
    from propriety.entrypoints.web.app import create_app

    settings = Settings()
    app_ = bootstrap(settings, database_url=db)
    if demo:
        out.print("[bold]Demo sign-ins[/] (fictional people; the passwords change every run):")
        for name in _demo_names():
            load_into(app_, DEMO_DIR / name)
            for role, person, username, password in demo_accounts(app_, DEMO_DIR / name):
                out.print(f"  {role:<19} {person:<32} username: {username:<28} password: {password}", highlight=False)
    out.print(f"Propriety is at http://{host}:{port}/ (API documentation at /api/docs). Press Ctrl+C to stop.")
    uvicorn.run(create_app(settings, app_), host=host, port=port, log_level="warning")


# --- verify -------------------------------------------------------------------------------


@app.command()
def verify(
    db: DbOption = None,
    authority: Annotated[str | None, typer.Option(help="check only this authority's log")] = None,
    json_output: JsonOption = False,
) -> None:
    """Check the event log's hash chain and name the first altered, missing or reordered row."""
    from propriety.bootstrap import bootstrap
    from propriety.service_layer.services import authorities, verify_log

    app_ = bootstrap(database_url=db)
    names = [authority] if authority else authorities(app_.uow)
    reports = [(name, verify_log(app_.uow, name)) for name in names]
    if json_output:
        sys.stdout.write(json.dumps([{"authority": n, **render.report_dict(r)} for n, r in reports], indent=2) + "\n")
    else:
        if not reports:
            out.print("The log is empty: nothing to verify.")
        for name, report in reports:
            mark = "[green]intact[/]" if report.ok else "[bold red]BROKEN[/]"
            out.print(f"{name}: {mark} — {report.message}", highlight=False)
    if any(not r.ok for _, r in reports):
        raise typer.Exit(1)


# --- protocols ----------------------------------------------------------------------------


@protocols_app.command("list")
def protocols_list(
    pack: Annotated[str | None, typer.Option(help="only this pack")] = None,
    json_output: JsonOption = False,
) -> None:
    """List every clause with its kinds and title."""
    from propriety.entrypoints import protocols_view

    protocols_view.list_clauses(pack, json_output, out)


@protocols_app.command("show")
def protocols_show(
    clause_id: Annotated[str, typer.Argument(metavar="ID", help="a clause id, e.g. islington-2006/4.1(b)")],
    json_output: JsonOption = False,
) -> None:
    """Show a clause: summary, interpretation notes, rules, parameters and scenarios."""
    from propriety.entrypoints import protocols_view

    try:
        protocols_view.show_clause(clause_id, json_output, out)
    except KeyError as exc:
        _fail(str(exc.args[0]))


@protocols_app.command("coverage")
def protocols_coverage(
    json_output: JsonOption = False,
    scenarios: Annotated[Path, typer.Option(help="folder of YAML scenarios")] = Path("tests/scenarios"),
) -> None:
    """For every clause: its kinds, the rules that implement it and how many scenarios test it."""
    from propriety.entrypoints import protocols_view

    protocols_view.coverage(scenarios, json_output, out)


# --- reports ------------------------------------------------------------------------------


@report_app.command("parity")
def report_parity(
    events: Annotated[Path, typer.Argument(help="the event log, JSON Lines")],
    org: OrgOption,
    profile: ProfileOption,
    json_output: JsonOption = False,
) -> None:
    """For each matter, what each group was offered and given, and when, with the gaps marked."""
    from propriety.domain.parity import parity_report

    with _errors():
        organisation = resolve_org(org)
        prof = resolve_profile(profile)
        groups = [g.id for g in organisation.groups()]
        matters = parity_report(reading.read_events(events, prof.authority), groups, prof.calendar.timezone)
        if json_output:
            rows = [
                {
                    "matter": m.matter,
                    "groups": {
                        gid: {k: (v.isoformat() if v else None) for k, v in vars(cell).items()}
                        for gid, cell in m.groups.items()
                    },
                    "gaps": m.gaps(),
                }
                for m in matters
            ]
            sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        else:
            render.parity_table(matters, organisation, out)


# --- schema -------------------------------------------------------------------------------


@schema_app.command("events")
def schema_events(
    markdown: Annotated[bool, typer.Option("--markdown", help="a readable Markdown summary instead")] = False,
) -> None:
    """Print the JSON Schema of one line of the event log."""
    if markdown:
        from propriety.entrypoints.eventdoc import events_markdown

        sys.stdout.write(events_markdown())
        return
    sys.stdout.write(json.dumps(event_json_schema(), indent=2) + "\n")


if __name__ == "__main__":  # pragma: no cover
    app()
