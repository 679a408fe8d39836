"""Loads each pack's default parameters from ``parameters/<pack>.yaml``."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from propriety.domain.parameters import Parameter


@cache
def default_parameters(pack: str) -> dict[str, Parameter]:
    """The pack's parameters with their dated default values, by name."""
    path = resources.files("propriety.protocols").joinpath("parameters", f"{pack}.yaml")
    if not path.is_file():
        return {}
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8")) or {}
    out: dict[str, Parameter] = {}
    for name, spec in data.items():
        refs = spec["reference"]
        values = spec["values"]
        out[name] = Parameter(
            pack=pack,
            name=name,
            description=" ".join(str(spec.get("description", "")).split()),
            unit=str(spec.get("unit", "")),
            references=tuple(refs if isinstance(refs, list) else [refs]),
            values=tuple(sorted((_as_date(k), v) for k, v in values.items())),
        )
    return out


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
