"""The clause catalogue: every clause of the five packs with its title, kinds and summary.

The catalogue is data (``catalogue/<pack>.yaml``), written in our own words; each clause
cites its id exactly as ``protocol-clauses.tsv`` gives it. Kinds: W workflow, O obligation,
N notification, D decision, P prohibition, V visibility, R register, G guidance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

PACK_IDS: tuple[str, ...] = (
    "lc-groups-2019",
    "officers-groups",
    "ce-groups-2009",
    "lc-member-officer-2019",
    "islington-2006",
)
ENFORCEABLE_KINDS = frozenset("WONDPVR")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: its id, a short title, kinds, a summary in our words and any reading notes."""

    id: str
    pack: str
    title: str
    kinds: tuple[str, ...]
    summary: str
    notes: str = ""
    anchor: str = ""

    @property
    def ref(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def enforceable(self) -> bool:
        return bool(ENFORCEABLE_KINDS.intersection(self.kinds))


@dataclass(frozen=True, slots=True)
class PackInfo:
    """A source document: its pack id, our title for it, its seed file and date."""

    id: str
    title: str
    seed: str
    adopted: date
    clauses: tuple[Clause, ...]


def _read(pack: str) -> dict[str, Any]:
    text = resources.files("propriety.protocols").joinpath("catalogue", f"{pack}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def pack_info(pack: str) -> PackInfo:
    data = _read(pack)
    clauses = tuple(
        Clause(
            id=c["id"],
            pack=pack,
            title=str(c.get("title", "")).strip(),
            kinds=tuple(c["kinds"]),
            summary=" ".join(str(c.get("summary", "")).split()),
            notes=" ".join(str(c.get("notes", "") or "").split()),
            anchor=str(c.get("anchor", "")),
        )
        for c in data["clauses"]
    )
    adopted = data.get("adopted")
    return PackInfo(
        id=pack,
        title=str(data.get("title", pack)),
        seed=str(data.get("seed", "")),
        adopted=adopted if isinstance(adopted, date) else date(2000, 1, 1),
        clauses=clauses,
    )


@cache
def catalogue() -> dict[str, Clause]:
    """Every clause of every pack, by id, in document order."""
    return {c.id: c for pack in PACK_IDS for c in pack_info(pack).clauses}


def clause(clause_id: str) -> Clause:
    try:
        return catalogue()[clause_id]
    except KeyError:
        raise KeyError(f"no clause {clause_id!r}; clause ids look like islington-2006/4.1(b)") from None
