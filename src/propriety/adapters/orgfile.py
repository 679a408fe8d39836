"""Read an authority's organisation (people, posts over time, groups, bodies, wards) from a YAML file.

The Monitoring Officer or Democratic Services keep this file; every rule that asks "who is the Group
Leader?", "who is this officer's Director?" (lc-member-officer-2019/13.*), "is this a Chief Officer?"
(islington-2006/1.3) or "is this post politically restricted?" (lc-member-officer-2019/5.restricted)
reads the :class:`~propriety.domain.organisation.Organisation` built from it.

The format::

    authority: {id: northbury, name: Northbury District Council, kind: district}   # timezone optional
    groups:
      - {id: red, name: Red Group, party: Red Party, budget: {amount: "2500.00", year: 2026}}
    bodies:            # kind: committee | member-body | executive | joint-board | council
      - {id: planning, name: Planning Committee, kind: committee}   #  | sub-committee | panel
    wards:
      - {id: abbey, name: Abbey Ward}
    directorates:
      - {id: place, name: Place}
    restricted_posts:  # criterion: advice | media | senior
      - {id: rp-comms, title: Head of Communications, holder: o-ellis, criterion: media, from: 2024-01-01}
    people:
      - id: m-ada
        name: Cllr Ada Fenwick
        kind: member   # member | officer | adviser | external; optional party:, email:
        roles:
          - {role: councillor, from: 2022-05-05}
          - {role: group-leader, group: red, from: 2022-05-10}
          - {role: ward-councillor, ward: abbey, from: 2022-05-05, to: 2026-05-06}
      - id: o-ellis
        name: Ellis Grant
        kind: officer
        roles:
          - {role: head-of-service, directorate: place, reports_to: o-dir, from: 2020-01-01}

A role entry has ``role`` (a :class:`~propriety.domain.organisation.Role` value), ``from`` (defaults
to 1900-01-01), ``to`` (the last day held, inclusive; absent while still held), the scope the role
needs (see ``ROLE_SCOPE``: ``group``, ``body``, ``ward``, ``directorate``, ``portfolio``, or ``party``
and ``representative_kind`` (mp | mep | gla-member | peer) for an outside representative), and for
officer posts ``reports_to`` (the line manager's person id). Dates are written YYYY-MM-DD.

Nothing is half-loaded: a file with any problem raises :class:`OrganisationFileError`, which lists
every problem found as ``FILE:LINE: PATH: MESSAGE`` (PATH like ``people[1].roles[0].group``), each
saying what is wrong and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from propriety.domain.organisation import (
    ROLE_PERSON_KINDS,
    ROLE_SCOPE,
    Appointment,
    Authority,
    Body,
    BodyKind,
    Budget,
    Directorate,
    Organisation,
    PartyGroup,
    Person,
    PersonKind,
    RepresentativeKind,
    RestrictedPost,
    RestrictionCriterion,
    Role,
    Ward,
)

DEFAULT_FROM = date(1900, 1, 1)

PathPart = str | int


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an organisation file, and where."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


class OrganisationFileError(ValueError):
    """The organisation file cannot be used; ``problems`` lists everything wrong with it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def load_organisation(path: Path) -> Organisation:
    """Read and check the organisation file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise OrganisationFileError(
            [Problem(str(path), 1, "", f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8")]
        ) from None
    return parse_organisation(text, str(path))


def parse_organisation(text: str, source: str) -> Organisation:
    """Check the YAML ``text`` (named ``source`` in messages) and build the organisation it describes."""
    root, data = _read_yaml(text, source)
    checker = _Checker(source, root)
    organisation = checker.check(data)
    if checker.problems or organisation is None:
        raise OrganisationFileError(sorted(checker.problems, key=lambda p: p.line))
    return organisation


# -- YAML ---------------------------------------------------------------------------------------------

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# PyYAML's implicit resolvers minus the timestamp one.
_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is reported with its place, not a crash."""

    yaml_implicit_resolvers = _RESOLVERS


def _read_yaml(text: str, source: str) -> tuple[Node | None, Any]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = "; ".join(part for part in (exc.context, exc.problem) if part)
        message = f"not valid YAML: {what}; check the indentation, colons and quotes here"
        raise OrganisationFileError([Problem(source, line, "", message)]) from None
    except yaml.YAMLError as exc:
        raise OrganisationFileError([Problem(source, 1, "", f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return root, data


def _line_of(root: Node | None, path: Sequence[PathPart]) -> int:
    """The 1-based line of the deepest node along ``path`` (for a mapping key: the key's own line)."""
    if root is None:
        return 1
    node, line = root, root.start_mark.line + 1
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            found = next((kv for kv in node.value if isinstance(kv[0], ScalarNode) and kv[0].value == part), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _duplicate_keys(node: Node, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[tuple[PathPart, ...], Node]]:
    """Keys repeated within one mapping: YAML would silently keep only the last value."""
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else ""
            if name in seen:
                yield (*path, name), key
            seen.add(name)
            yield from _duplicate_keys(value, (*path, name))
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*path, index))


def _format_path(path: Sequence[PathPart]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# -- the file's shape ---------------------------------------------------------------------------------


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"invalid date {value!r} ({exc}); write a real date as YYYY-MM-DD") from None
    raise ValueError(f"invalid date {value!r}; write it as YYYY-MM-DD, e.g. 2024-05-02")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Id = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _AuthorityIn(_In):
    id: Id
    name: str
    kind: str
    timezone: str = "Europe/London"


class _BudgetIn(_In):
    amount: Decimal
    year: int
    currency: Literal["GBP"] = "GBP"


class _Entry(_In):
    """An entry of a list section: it has an id other entries refer to."""

    id: Id


class _GroupIn(_Entry):
    name: str
    party: str
    budget: _BudgetIn | None = None


class _BodyIn(_Entry):
    name: str
    kind: BodyKind


class _NamedIn(_Entry):
    name: str


class _RestrictedPostIn(_Entry):
    title: str
    holder: Id | None = None
    criterion: RestrictionCriterion
    from_: IsoDate = Field(default=DEFAULT_FROM, alias="from")
    to: IsoDate | None = None


class _RoleIn(_In):
    role: str
    from_: IsoDate = Field(default=DEFAULT_FROM, alias="from")
    to: IsoDate | None = None
    group: Id | None = None
    body: Id | None = None
    ward: Id | None = None
    directorate: Id | None = None
    portfolio: Id | None = None
    reports_to: Id | None = None
    representative_kind: RepresentativeKind | None = None
    party: str | None = None


class _PersonIn(_Entry):
    name: str
    kind: PersonKind
    party: str | None = None
    email: str | None = None
    roles: list[Any] = Field(default_factory=list)  # each checked on its own, so one bad role hides no other


_M = TypeVar("_M", bound=_In)
_E = TypeVar("_E", bound=_Entry)

# Section name -> (model of one entry, the kind of id its entries declare).
_SECTIONS: Mapping[str, tuple[type[_Entry], str]] = {
    "groups": (_GroupIn, "group"),
    "bodies": (_BodyIn, "body"),
    "wards": (_NamedIn, "ward"),
    "directorates": (_NamedIn, "directorate"),
    "restricted_posts": (_RestrictedPostIn, "restricted post"),
    "people": (_PersonIn, "person"),
}
_TOP_LEVEL = ("authority", *_SECTIONS)


def _allowed_fields(model: type[BaseModel], loc: Sequence[PathPart]) -> list[str]:
    """The field names accepted at ``loc`` inside ``model`` (following nested models)."""
    for part in loc:
        field = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
        options = (field.annotation, *get_args(field.annotation)) if field else ()
        nested = [t for t in options if isinstance(t, type) and issubclass(t, BaseModel)]
        if not nested:
            break
        model = nested[0]
    return [f.alias or n for n, f in model.model_fields.items()]


def _explain(model: type[BaseModel], error: ErrorDetails) -> str:
    """Turn a pydantic error into a sentence saying what is wrong and what to do."""
    loc, kind, value = error["loc"], error["type"], error.get("input")
    name = str(loc[-1]) if loc else "entry"
    if kind == "missing":
        return f"missing required field '{name}'; add it"
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_fields(model, loc[:-1]))
        return f"unknown field '{name}'; remove it or correct the spelling (allowed: {allowed})"
    if kind == "literal_error":
        return f"{value!r} is not allowed for '{name}'; use {error.get('ctx', {}).get('expected', '')}"
    if kind == "model_type":
        example = ", ".join(f"{field}: ..." for field in _allowed_fields(model, loc)[:2])
        return f"expected a mapping of fields, e.g. {{{example}}}"
    if kind == "list_type":
        return f"'{name}' must be a list, one entry per line starting with '- '"
    if kind == "string_type":
        return f"expected text for '{name}', got {value!r}; put it in quotes"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return f"invalid '{name}': {error['msg']}"


# -- checking -----------------------------------------------------------------------------------------


class _Checker:
    """Collects every problem in a parsed file, then builds the organisation if there are none."""

    def __init__(self, source: str, root: Node | None) -> None:
        self.source = source
        self.root = root
        self.problems: list[Problem] = []
        # ids declared, including by entries too broken to use (so they cause no knock-on errors).
        self.ids: dict[str, set[str]] = {kind: set() for _, kind in _SECTIONS.values()}
        self.unreadable: set[str] = set()  # kinds whose whole section is malformed

    def report(self, path: Sequence[PathPart], message: str, line: int | None = None) -> None:
        where = _line_of(self.root, path) if line is None else line
        self.problems.append(Problem(self.source, where, _format_path(path), message))

    def check(self, data: Any) -> Organisation | None:
        if self.root is not None:
            for path, key in _duplicate_keys(self.root):
                message = f"duplicate key '{path[-1]}'; YAML keeps only the last one, so remove one"
                self.report(path, message, key.start_mark.line + 1)
        if not isinstance(data, dict):
            self.report([], "expected a mapping with authority:, groups:, bodies:, wards:, people: ...")
            return None
        for key in data:
            if key not in _TOP_LEVEL:
                self.report([str(key)], f"unknown section '{key}'; use one of: {', '.join(_TOP_LEVEL)}")
        authority = self._authority(data)
        groups = self._section(data, "groups", _GroupIn)
        bodies = self._section(data, "bodies", _BodyIn)
        wards = self._section(data, "wards", _NamedIn)
        directorates = self._section(data, "directorates", _NamedIn)
        posts = self._section(data, "restricted_posts", _RestrictedPostIn)
        people = self._section(data, "people", _PersonIn)
        for index, post in posts:
            self._check_post(index, post)
        appointments = [appt for index, person in people for appt in self._roles(index, person)]
        if self.problems or authority is None:
            return None
        return Organisation(
            authority,
            people=[Person(p.id, p.name, p.kind, p.party, p.email) for _, p in people],
            appointments=appointments,
            groups=[PartyGroup(g.id, g.name, g.party, _budget(g.budget)) for _, g in groups],
            bodies=[Body(b.id, b.name, b.kind) for _, b in bodies],
            wards=[Ward(w.id, w.name) for _, w in wards],
            directorates=[Directorate(d.id, d.name) for _, d in directorates],
            restricted_posts=[RestrictedPost(p.id, p.title, p.holder, p.criterion, p.from_, p.to) for _, p in posts],
        )

    def _authority(self, data: dict[Any, Any]) -> Authority | None:
        if "authority" not in data:
            self.report([], "missing the authority: section; add authority: {id: ..., name: ..., kind: ...}")
            return None
        found = self._validate(["authority"], data["authority"], _AuthorityIn)
        return Authority(found.id, found.name, found.kind, found.timezone) if found else None

    def _section(self, data: dict[Any, Any], section: str, model: type[_E]) -> list[tuple[int, _E]]:
        raw = data.get(section)
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.report([section], f"'{section}' must be a list, one entry per line starting with '- '")
            self.unreadable.add(_SECTIONS[section][1])
            return []
        kind = _SECTIONS[section][1]
        entries: list[tuple[int, _E]] = []
        first_seen: dict[str, int] = {}
        for index, item in enumerate(raw):
            entry = self._validate([section, index], item, model)
            raw_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(raw_id, str):
                self.ids[kind].add(raw_id.strip())
            if entry is None:
                continue
            entry_id = entry.id
            if entry_id in first_seen:
                line = _line_of(self.root, [section, first_seen[entry_id], "id"])
                self.report(
                    [section, index, "id"],
                    f"duplicate {kind} id '{entry_id}' (first used on line {line}); give each {kind} its own id",
                )
                continue
            first_seen[entry_id] = index
            entries.append((index, entry))
        return entries

    def _validate(self, path: list[PathPart], item: Any, model: type[_M]) -> _M | None:
        try:
            return model.model_validate(item)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self.report([*path, *error["loc"]], _explain(model, error))
            return None

    def _check_ref(self, path: list[PathPart], kind: str, value: str | None, section: str) -> None:
        if value is not None and value not in self.ids[kind] and kind not in self.unreadable:
            self.report(path, f"unknown {kind} '{value}'; add it under {section}: or correct the id")

    def _check_span(self, path: list[PathPart], start: date, end: date | None) -> None:
        if end is not None and end < start:
            self.report([*path, "to"], f"'to' ({end}) is before 'from' ({start}); correct one of the dates")

    def _check_post(self, index: int, post: _RestrictedPostIn) -> None:
        path: list[PathPart] = ["restricted_posts", index]
        self._check_ref([*path, "holder"], "person", post.holder, "people")
        self._check_span(path, post.from_, post.to)

    def _roles(self, index: int, person: _PersonIn) -> Iterator[Appointment]:
        for number, item in enumerate(person.roles):
            path: list[PathPart] = ["people", index, "roles", number]
            entry = self._validate(path, item, _RoleIn)
            if entry is not None and (appointment := self._appointment(path, person, entry)):
                yield appointment

    def _appointment(self, path: list[PathPart], person: _PersonIn, entry: _RoleIn) -> Appointment | None:
        try:
            role = Role(entry.role)
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            self.report([*path, "role"], f"unknown role '{entry.role}'; use one of: {valid}")
            return None
        before = len(self.problems)
        self._check_kind(path, person, role)
        for field in ROLE_SCOPE[role]:
            if getattr(entry, field) is None:
                self.report(
                    [*path, field],
                    f"role '{role}' needs '{field}:'; add it, e.g. {{role: {role}, {field}: ...}}",
                )
        self._check_ref([*path, "group"], "group", entry.group, "groups")
        self._check_ref([*path, "body"], "body", entry.body, "bodies")
        self._check_ref([*path, "ward"], "ward", entry.ward, "wards")
        self._check_ref([*path, "directorate"], "directorate", entry.directorate, "directorates")
        self._check_ref([*path, "reports_to"], "person", entry.reports_to, "people")
        if entry.reports_to == person.id:
            self.report([*path, "reports_to"], "a person cannot report to themselves; name their line manager")
        self._check_span(path, entry.from_, entry.to)
        if len(self.problems) > before:
            return None
        return Appointment(
            person=person.id,
            role=role,
            start=entry.from_,
            end=entry.to,
            group=entry.group,
            body=entry.body,
            ward=entry.ward,
            directorate=entry.directorate,
            portfolio=entry.portfolio,
            reports_to=entry.reports_to,
            representative_kind=entry.representative_kind,
            party=entry.party,
        )

    def _check_kind(self, path: list[PathPart], person: _PersonIn, role: Role) -> None:
        kinds = ROLE_PERSON_KINDS[role]
        if person.kind in kinds:
            return
        allowed = " or ".join(sorted(kinds))
        self.report(
            [*path, "role"],
            f"role '{role}' is for a person of kind {allowed}, but '{person.id}' is kind '{person.kind}'; "
            "correct the person's kind or remove the role",
        )


def _budget(budget: _BudgetIn | None) -> Budget | None:
    return Budget(budget.amount, budget.year, budget.currency) if budget else None
