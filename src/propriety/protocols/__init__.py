"""The protocol packs: one module per source document, named after its pack id."""

from __future__ import annotations

from functools import cache

from propriety.protocols.registry import Pack


@cache
def packs_by_id() -> dict[str, Pack]:
    """Every pack, by id, in the order of ``protocol-clauses.tsv``."""
    from propriety.protocols import (
        ce_groups_2009,
        islington_2006,
        lc_groups_2019,
        lc_member_officer_2019,
        officers_groups,
    )

    modules = (lc_groups_2019, officers_groups, ce_groups_2009, lc_member_officer_2019, islington_2006)
    return {m.pack.id: m.pack for m in modules}
