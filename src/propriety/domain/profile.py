"""An authority's profile: which packs it adopts, its calendar, its parameters and precedence.

Where two adopted packs answer the same "may I?" question differently (islington-2006/4.5(c)
forbids officers at group meetings with non-members outright; officers-groups/9 lets the
Chief Executive approve in writing), the profile must say which pack wins, and why. A
question answered by two adopted packs with no precedence is an error when the profile loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from propriety.domain.calendar import WorkingDayCalendar


@dataclass(frozen=True, slots=True)
class Precedence:
    """A labelled exception: on ``question`` (or only its ``aspect``), ``winner`` prevails over ``over``."""

    question: str
    winner: str
    over: tuple[str, ...]
    reason: str
    aspect: str | None = None


@dataclass(frozen=True)
class Profile:
    """How one authority runs the protocols."""

    authority: str
    packs: tuple[str, ...]
    calendar: WorkingDayCalendar = field(default_factory=WorkingDayCalendar)
    parameters: dict[tuple[str, str], dict[date, Any]] = field(default_factory=dict)
    precedence: tuple[Precedence, ...] = ()
    name: str = ""

    def winner(self, question: str, packs: set[str], aspect: str | None = None) -> Precedence | None:
        """The precedence that settles ``question`` (or one ``aspect`` of it) among ``packs``."""
        for p in self.precedence:
            if (
                p.question == question
                and (p.aspect is None or p.aspect == aspect)
                and p.winner in packs
                and packs - {p.winner} <= set(p.over)
            ):
                return p
        return None
