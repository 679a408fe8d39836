"""Protocol parameters as data: deadlines, windows and cycle lengths with dated values.

As in OpenFisca, a parameter has a name, a description, a unit, the clause ids it comes
from, and values that each apply from a date. An authority's profile may add its own dated
values on top of a pack's defaults, so a council changes a number without changing code.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any


class ParameterError(LookupError):
    """A parameter is missing, or has no value on the date asked."""


@dataclass(frozen=True, slots=True)
class Parameter:
    """One named, cited parameter with its values over time (sorted by start date)."""

    pack: str
    name: str
    description: str
    unit: str
    references: tuple[str, ...]
    values: tuple[tuple[date, Any], ...]

    def at(self, on: date) -> Any:
        """The value in force on ``on``: the latest value whose start is on or before it."""
        starts = [start for start, _ in self.values]
        i = bisect_right(starts, on)
        if i == 0:
            raise ParameterError(
                f"{self.pack} parameter {self.name!r} has no value on {on.isoformat()}; "
                f"its first value starts {starts[0].isoformat() if starts else 'never'}"
            )
        return self.values[i - 1][1]

    def overridden(self, values: dict[date, Any]) -> Parameter:
        """This parameter with an authority's own dated values laid over the defaults."""
        merged = dict(self.values)
        merged.update(values)
        return Parameter(
            self.pack, self.name, self.description, self.unit, self.references, tuple(sorted(merged.items()))
        )


class ParameterSet:
    """The parameters in force for one authority, looked up by pack, name and date."""

    def __init__(self, parameters: dict[tuple[str, str], Parameter]) -> None:
        self._parameters = parameters
        self._cache: dict[tuple[str, str, date], Any] = {}

    def get(self, pack: str, name: str) -> Parameter:
        try:
            return self._parameters[(pack, name)]
        except KeyError:
            raise ParameterError(f"pack {pack!r} has no parameter {name!r}") from None

    def value(self, pack: str, name: str, on: date) -> Any:
        key = (pack, name, on)
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = self.get(pack, name).at(on)
            return value

    def all(self) -> list[Parameter]:
        return [self._parameters[k] for k in sorted(self._parameters)]
