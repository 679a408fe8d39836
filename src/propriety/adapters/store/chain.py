"""The hash chain that makes the event log tamper-evident.

Every protocol act leaves an event; each stored event carries the hash of the one before it, so altering,
removing or reordering any row breaks the chain and `EventLog.verify` can say where.

Byte layout hashed by `link_hash` (SHA-256, hex digest)::

    b"propriety-chain-v1"
    + field(prev_hash) + field(authority) + field(str(position)) + field(body)

where ``field(text) = len(utf8(text)).to_bytes(8, "big") + utf8(text)``. Length prefixes make the layout
unambiguous: no choice of authority or body can make two different rows hash the same bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

GENESIS = "0" * 64
"""The `prev_hash` of the first event in every authority's chain."""

_DOMAIN = b"propriety-chain-v1"


def canonical_json(obj: Any) -> str:
    """Serialise `obj` the one way the chain hashes it: sorted keys, no whitespace, UTF-8."""
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def _field(text: str) -> bytes:
    data = text.encode("utf-8")
    return len(data).to_bytes(8, "big") + data


def link_hash(prev_hash: str, authority: str, position: int, body: str) -> str:
    """Hash one link of the chain: the previous link's hash, where this row sits, and what it says."""
    digest = hashlib.sha256(_DOMAIN)
    for part in (prev_hash, authority, str(position), body):
        digest.update(_field(part))
    return digest.hexdigest()
