"""Reading an event log from a JSON Lines file, line by line, with exact error positions.

A bad line stops the run with its file, line number and field; if the events were being
recorded, the transaction is rolled back so nothing from the file is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from propriety.domain.events import Event, event_record, parse_event_json
from propriety.domain.organisation import Organisation, UnknownReference
from propriety.domain.profile import Profile
from propriety.service_layer.checking import CheckRun, SpillCollector

BATCH = 2000


class InputError(ValueError):
    """Input a person must fix; the message says what, where and how."""


def explain(where: str, exc: ValidationError) -> str:
    """One line per problem: where, which field, what is wrong."""
    lines = []
    for e in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in e["loc"] if not (isinstance(p, str) and p[:1].isupper()))
        if e["type"] == "json_invalid":
            lines.append(f"{where}: not valid JSON ({e['msg']}); each line must be one JSON object")
        elif e["type"] == "union_tag_invalid":
            lines.append(
                f"{where}: field 'type': unknown event type {e['input'].get('type')!r}; "
                f"`propriety schema events` lists the types"
            )
        elif e["type"] == "union_tag_not_found":
            lines.append(f"{where}: field 'type' is missing; every event needs a type")
        else:
            lines.append(f"{where}: field {loc!r}: {e['msg']}")
    return "\n".join(lines)


@dataclass
class CheckResult:
    """What a check produced, held in spill files until it is printed."""

    source: Path
    authority: str
    at: datetime
    events: int
    collector: SpillCollector
    open_obligations: int
    recorded: bool


def _lines(path: Path, progress: Console | None) -> Iterator[tuple[int, bytes]]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the event log ({exc.strerror}); check the path") from None
    size = path.stat().st_size
    show = progress is not None and progress.is_terminal and size > 5_000_000
    with (
        handle,
        Progress(
            TextColumn("checking {task.fields[name]}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            console=progress,
            disable=not show,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("check", total=size, name=path.name)
        for number, line in enumerate(handle, start=1):
            if show and number % 10_000 == 0:
                bar.update(task, completed=handle.tell())
            yield number, line


def numbered_events(path: Path, authority: str, progress: Console | None = None) -> Iterator[tuple[int, Event]]:
    """Stream validated events; the first bad line raises :class:`InputError` naming it."""
    for number, line in _lines(path, progress):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            event = parse_event_json(line)
        except ValidationError as exc:
            raise InputError(explain(where, exc) + "\nNothing was stored; fix the line and run again.") from None
        if event.authority not in (None, authority):
            raise InputError(
                f"{where}: field 'authority': the event belongs to {event.authority!r} but the profile is for "
                f"{authority!r}; check --profile. Nothing was stored."
            )
        yield number, event


def read_events(path: Path, authority: str, progress: Console | None = None) -> Iterator[Event]:
    """Stream validated events; the first bad line raises :class:`InputError` naming it."""
    for _number, event in numbered_events(path, authority, progress):
        yield event


def feed(run: CheckRun, path: Path, number: int, event: Event) -> None:
    """Run one event, turning an id the organisation does not know into an error naming the line."""
    try:
        run.feed(event)
    except UnknownReference as exc:
        raise InputError(
            f"{path}:{number}: {exc}: the organisation file has no such {exc.kind}; correct the id or add it to "
            f"the organisation. Nothing was stored."
        ) from None


def check_file(
    path: Path,
    org: Organisation,
    profile: Profile,
    at: datetime,
    *,
    record: bool = False,
    db: str | None = None,
    progress: Console | None = None,
) -> CheckResult:
    """Run the rules over the file; with ``record``, store every event or none of them."""
    collector = SpillCollector()
    try:
        run = CheckRun(profile, org, collector)
        events = numbered_events(path, profile.authority, progress)
        if record:
            _check_and_record(run, path, events, profile, db)
        else:
            for number, event in events:
                feed(run, path, number, event)
        run.finish(at)
    except BaseException:
        collector.close()
        raise
    return CheckResult(path, profile.authority, at, run.events, collector, run.engine.ledger.open_count(), record)


def _check_and_record(
    run: CheckRun, path: Path, events: Iterator[tuple[int, Event]], profile: Profile, db: str | None
) -> None:
    from propriety.bootstrap import bootstrap

    app = bootstrap(database_url=db)
    with app.uow() as uow:
        batch: list[dict[str, Any]] = []
        for number, event in events:
            feed(run, path, number, event)
            row = event_record(event)
            row["authority"] = profile.authority
            batch.append(row)
            if len(batch) >= BATCH:
                uow.events.append(profile.authority, batch)
                batch = []
        if batch:
            uow.events.append(profile.authority, batch)
        uow.commit()
