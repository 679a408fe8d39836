"""Recurring periods: weeks and meeting cycles, for duties the calendar itself opens.

ce-groups-2009/2.2 asks for a weekly meeting; 2.3 and 2.4 ask for things once a cycle, where
the cycle's length is a parameter. A :class:`Recurrence` divides time into consecutive
periods of fixed length from an anchor date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days, both ends included."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Recurrence:
    """Consecutive periods of ``length_days`` days, the first starting on ``anchor``."""

    anchor: date
    length_days: int

    def __post_init__(self) -> None:
        if self.length_days < 1:
            raise ValueError("a recurring period lasts at least one day")

    @classmethod
    def weekly(cls, anchor: date) -> Recurrence:
        """Monday-to-Sunday weeks (the anchor is moved back to its Monday)."""
        return cls(anchor - timedelta(days=anchor.weekday()), 7)

    def containing(self, day: date) -> Period:
        index = (day - self.anchor).days // self.length_days
        start = self.anchor + timedelta(days=index * self.length_days)
        return Period(start, start + timedelta(days=self.length_days - 1))

    def started_between(self, after: date, upto: date) -> list[Period]:
        """Periods whose first day falls after ``after`` and on or before ``upto``."""
        periods: list[Period] = []
        period = self.containing(after)
        while True:
            period = Period(period.end + timedelta(days=1), period.end + timedelta(days=self.length_days))
            if period.start > upto:
                return periods
            periods.append(period)
