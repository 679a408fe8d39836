"""Read an authority profile: the packs it adopts, its calendar, parameters and precedence.

The format::

    authority: northbury
    name: Northbury District Council
    packs: [officers-groups, ce-groups-2009]
    calendar:
      nation: england-and-wales        # scotland | northern-ireland | united-kingdom
      closures: [2026-12-29]           # the authority's own closure days
      cutoff: "17:00"                  # requests arriving at or after this count from the next working day
      arrival: next-working-day        # or same-day
    parameters:                        # dated values laid over each pack's defaults
      islington-2006:
        information_request.working_days: {2027-04-01: 15}
    precedence:                        # where two adopted packs answer one question
      - question: officer-attends-group-meeting
        winner: islington-2006
        over: [officers-groups]
        reason: the council adopted Islington's stricter rule in its constitution

``--profile`` takes a path to such a file or the name of a built-in demo profile.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from propriety.domain.calendar import NATIONS, ArrivalConvention, WorkingDayCalendar
from propriety.domain.profile import Precedence, Profile
from propriety.protocols.catalogue import PACK_IDS


class ProfileFileError(ValueError):
    """A profile file that cannot be used; the message names file, line, field and the fix."""


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _CalendarIn(_In):
    nation: str = "england-and-wales"
    closures: list[date] = Field(default_factory=list)
    cutoff: time | None = None
    arrival: ArrivalConvention = ArrivalConvention.NEXT_WORKING_DAY
    timezone: str = "Europe/London"


class _PrecedenceIn(_In):
    question: str
    winner: str
    over: list[str]
    reason: str = Field(min_length=1)
    aspect: str | None = None


class _ProfileIn(_In):
    authority: str = Field(min_length=1)
    name: str = ""
    packs: list[str] = Field(min_length=1)
    calendar: _CalendarIn = Field(default_factory=_CalendarIn)
    parameters: dict[str, dict[str, dict[date, Any]]] = Field(default_factory=dict)
    precedence: list[_PrecedenceIn] = Field(default_factory=list)


def _line(root: yaml.Node | None, path: tuple[int | str, ...]) -> int | None:
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if found is None:
                key = next((k for k, _ in node.value if k.value == str(part)), None)
                return key.start_mark.line + 1 if key is not None else line
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line


def parse_profile(text: str, source: str) -> Profile:
    """Build a :class:`Profile` from YAML text; every problem is reported with file and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise ProfileFileError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}); fix the syntax") from exc
    try:
        spec = _ProfileIn.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            path = tuple(err["loc"])
            dotted = ".".join(str(p) for p in path)
            lines.append(f"{source}:{_line(root, path)}: {dotted or '(top)'}: {err['msg']}")
        raise ProfileFileError("\n".join(lines)) from None
    problems = []
    for i, pack in enumerate(spec.packs):
        if pack not in PACK_IDS:
            problems.append(
                f"{source}:{_line(root, ('packs', i))}: packs[{i}]: unknown pack {pack!r}; "
                f"choose from {', '.join(PACK_IDS)}"
            )
    if spec.calendar.nation not in NATIONS:
        problems.append(
            f"{source}:{_line(root, ('calendar', 'nation'))}: calendar.nation: unknown nation "
            f"{spec.calendar.nation!r}; choose from {', '.join(NATIONS)}"
        )
    for pack in spec.parameters:
        if pack not in spec.packs:
            problems.append(
                f"{source}:{_line(root, ('parameters', pack))}: parameters.{pack}: the profile does not adopt "
                f"this pack; add it to packs or remove these parameters"
            )
    if problems:
        raise ProfileFileError("\n".join(problems))
    calendar = WorkingDayCalendar(
        nation=spec.calendar.nation,  # type: ignore[arg-type]
        closures=frozenset(spec.calendar.closures),
        cutoff=spec.calendar.cutoff,
        arrival=spec.calendar.arrival,
        timezone=spec.calendar.timezone,
    )
    return Profile(
        authority=spec.authority,
        name=spec.name,
        packs=tuple(spec.packs),
        calendar=calendar,
        parameters={
            (pack, name): values for pack, params in spec.parameters.items() for name, values in params.items()
        },
        precedence=tuple(Precedence(p.question, p.winner, tuple(p.over), p.reason, p.aspect) for p in spec.precedence),
    )


def load_profile(path: Path) -> Profile:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ProfileFileError(f"{path}: cannot read the profile ({exc.strerror}); check the path") from None
    return parse_profile(text, str(path))
