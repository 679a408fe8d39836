"""The clause catalogue against the source protocols in ../shared/seeds.

Proves that every clause id of protocol-clauses.tsv is catalogued once, in order, with the right kinds;
that every clause's anchor finds its place in the pack's source document; and that the catalogue's own
wording paraphrases the documents rather than copying them (no 10-word run in common, tokenised exactly
as ../shared/tools/verbatim_check.py does).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.seeds

REPO = Path(__file__).parents[2]
CATALOGUE = REPO / "src/propriety/protocols/catalogue"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
TSV = SHARED / "protocol-clauses.tsv"

if not (SEEDS.is_dir() and TSV.is_file()):
    pytest.skip(f"source protocols not available at {SHARED}", allow_module_level=True)

PACKS = ("lc-groups-2019", "officers-groups", "ce-groups-2009", "lc-member-officer-2019", "islington-2006")
RUN = 10
TEXT_FIELDS = ("title", "summary", "notes")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def expected_clauses() -> list[tuple[str, list[str]]]:
    rows = TSV.read_text().splitlines()
    assert rows[0].split("\t") == ["clause_id", "kinds"]
    out = []
    for row in rows[1:]:
        if row.strip():
            clause_id, kinds = row.split("\t")
            out.append((clause_id, kinds.split()))
    return out


@cache
def load_pack(pack: str) -> dict:
    data = yaml.safe_load((CATALOGUE / f"{pack}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), pack
    return data


@cache
def seed_text(seed: str) -> str:
    return (SEEDS / seed).read_text(errors="ignore")


@cache
def seed_shingles() -> frozenset[str]:
    grams: set[str] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        w = words(seed.read_text(errors="ignore"))
        grams.update(" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1))
    return frozenset(grams)


def copied_runs(text: str) -> list[str]:
    """Every run of RUN consecutive words that ``text`` shares with a source protocol."""
    w = words(text)
    shingles = seed_shingles()
    return [run for run in (" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1)) if run in shingles]


def all_clauses() -> list[tuple[str, dict]]:
    return [(pack, clause) for pack in PACKS for clause in load_pack(pack)["clauses"]]


CLAUSES = all_clauses()
CLAUSE_IDS = [clause["id"] for _, clause in CLAUSES]


def test_catalogue_has_exactly_the_packs():
    assert sorted(p.stem for p in CATALOGUE.glob("*.yaml")) == sorted(PACKS)


@pytest.mark.parametrize("pack", PACKS)
def test_pack_header(pack):
    data = load_pack(pack)
    assert data["pack"] == pack
    assert isinstance(data["title"], str) and data["title"].strip()
    assert (SEEDS / data["seed"]).is_file(), data["seed"]
    assert "adopted" in data


def test_ids_and_kinds_match_the_clause_list_in_order():
    got = [(clause["id"], clause["kinds"]) for _, clause in CLAUSES]
    assert got == expected_clauses()
    assert len(set(CLAUSE_IDS)) == len(CLAUSE_IDS)


@pytest.mark.parametrize(("pack", "clause"), CLAUSES, ids=CLAUSE_IDS)
def test_clause_belongs_to_its_pack_and_is_complete(pack, clause):
    assert clause["id"].startswith(f"{pack}/")
    for field in ("title", "summary", "anchor"):
        assert isinstance(clause.get(field), str) and clause[field].strip(), field
    assert set(clause) <= {"id", "title", "kinds", "summary", "anchor", "notes"}


@pytest.mark.parametrize(("pack", "clause"), CLAUSES, ids=CLAUSE_IDS)
def test_anchor_finds_the_clause_in_its_seed(pack, clause):
    text = seed_text(load_pack(pack)["seed"])
    assert re.search(clause["anchor"], text), f"{clause['id']}: anchor {clause['anchor']!r} not in seed"


@pytest.mark.parametrize(("pack", "clause"), CLAUSES, ids=CLAUSE_IDS)
def test_wording_is_paraphrased_not_copied(pack, clause):
    for field in TEXT_FIELDS:
        copied = copied_runs(clause.get(field) or "")
        assert not copied, f"{clause['id']} {field} repeats the source: {copied[0]!r}"


@pytest.mark.parametrize("pack", PACKS)
def test_whole_file_shares_no_run_with_the_seeds(pack):
    copied = copied_runs((CATALOGUE / f"{pack}.yaml").read_text(encoding="utf-8"))
    assert not copied, f"{pack}.yaml repeats the source: {copied[0]!r}"
