"""Working-day calendar for protocol deadlines.

Council protocols set deadlines in *working days*, not calendar days. For example:

* islington-2006/4.1(b): a member's request for information is answered within
  10 working days;
* lc-member-officer-2019/13.*: a complaint is acknowledged within 5 working days
  (and the later complaint steps count the same way).

A working day is a weekday that is neither a bank holiday in the authority's
nation nor one of the authority's own closure days (the days between Christmas
and New Year, say). Bank holidays come from the ``holidays`` package, never from
a table kept here, so that one-off days such as the State Funeral of Queen
Elizabeth II (19 September 2022) and the Coronation of Charles III (8 May 2023),
and the substitute days when a holiday falls at a weekend, stay right without
anyone editing this module.

Counting follows the usual rule for statutory periods: the day a request is
received is not counted; day 1 is the first working day after it. A request that
arrives on a non-working day, or after the authority's cut-off time, is by
default treated as received on the next working day (see
:class:`ArrivalConvention`).

The engine asks for deadlines very often, so each calendar keeps, per nation and
set of closures, a sorted array of the ordinals of its working days over a span
of years, built lazily and widened as needed; adding working days and counting
them are then a bisection rather than a walk day by day. Pure domain code: the
only outside data is the ``holidays`` package and the time-zone database used to
read aware timestamps as local time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import lru_cache
from typing import Final, Literal, get_args
from zoneinfo import ZoneInfo

import holidays

__all__ = ["NATIONS", "ArrivalConvention", "Nation", "WorkingDayCalendar"]

Nation = Literal["england-and-wales", "scotland", "northern-ireland", "united-kingdom"]
NATIONS: tuple[str, ...] = get_args(Nation)

# The `holidays` package's subdivisions of "GB" that make up each nation.
# England and Wales share one list of bank holidays, but taking the union keeps
# us right if they ever diverge. "united-kingdom" is the union of all four: a
# working day under UK-wide FOI law is one that is not a bank holiday anywhere in
# the UK (Freedom of Information Act 2000, s.10(6)).
_SUBDIVISIONS: Final[dict[str, tuple[str, ...]]] = {
    "england-and-wales": ("ENG", "WLS"),
    "scotland": ("SCT",),
    "northern-ireland": ("NIR",),
    "united-kingdom": ("ENG", "WLS", "SCT", "NIR"),
}

# Saturday and Sunday, as date.weekday() numbers them.
_FIRST_WEEKEND_DAY: Final = 5

# A year has at least this many working days unless an authority closes for
# months at a time; only used to guess how far to widen the index, and the guess
# is checked, so a low value just means one more widening.
_WORKING_DAYS_PER_YEAR_GUESS: Final = 240


class ArrivalConvention(StrEnum):
    """How a request that arrives on a non-working day or after the cut-off is dated."""

    # The usual reading: a request arriving when the office is shut is received
    # when it next opens, and the count starts on the working day after that.
    NEXT_WORKING_DAY = "next-working-day"
    # Some protocols date a request by when it landed, whatever the day; the
    # count still starts on the first working day after that date.
    SAME_DAY = "same-day"


# --------------------------------------------------------------------------
# Bank holidays, from the `holidays` package (cached: building them is slow
# next to a deadline lookup).
# --------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _subdivision_holidays(subdiv: str, year: int) -> tuple[tuple[date, str], ...]:
    calendar = holidays.country_holidays("GB", subdiv=subdiv, years=year)
    # Keep only the asked-for year so that every (subdivision, year) owns its
    # days exactly once, whatever the package does with observed days near
    # 1 January.
    return tuple(sorted((d, str(name)) for d, name in calendar.items() if d.year == year))


@lru_cache(maxsize=4096)
def _nation_holidays(nation: str, year: int) -> tuple[tuple[date, str], ...]:
    names: dict[date, list[str]] = {}
    for subdiv in _SUBDIVISIONS[nation]:
        for d, name in _subdivision_holidays(subdiv, year):
            # The package already joins two holidays on one day with "; ";
            # split so that the union lists each name once.
            seen = names.setdefault(d, [])
            for part in name.split("; "):
                if part not in seen:
                    seen.append(part)
    return tuple((d, "; ".join(parts)) for d, parts in sorted(names.items()))


@lru_cache(maxsize=4096)
def _holiday_dates(nation: str, year: int) -> frozenset[date]:
    return frozenset(d for d, _ in _nation_holidays(nation, year))


def _is_working_day(nation: str, closures: frozenset[date], d: date) -> bool:
    return d.weekday() < _FIRST_WEEKEND_DAY and d not in closures and d not in _holiday_dates(nation, d.year)


@lru_cache(maxsize=4096)
def _working_ordinals(nation: str, closures: frozenset[date], year: int) -> tuple[int, ...]:
    first = date(year, 1, 1).toordinal()
    last = date(year, 12, 31).toordinal()
    return tuple(o for o in range(first, last + 1) if _is_working_day(nation, closures, date.fromordinal(o)))


# --------------------------------------------------------------------------
# The index: sorted ordinals of every working day in a span of whole years.
# --------------------------------------------------------------------------


class _Index:
    """Working days of one nation and closure set for the years first_year..last_year.

    Immutable once built: widening builds a new one, so a reader holding an old
    index (another thread, say) never sees it change under it.
    """

    __slots__ = ("first_year", "hi", "last_year", "lo", "ordinals")

    def __init__(self, nation: str, closures: frozenset[date], first_year: int, last_year: int) -> None:
        self.first_year = first_year
        self.last_year = last_year
        self.lo = date(first_year, 1, 1).toordinal()
        self.hi = date(last_year, 12, 31).toordinal()
        ordinals: list[int] = []
        for year in range(first_year, last_year + 1):
            ordinals.extend(_working_ordinals(nation, closures, year))
        self.ordinals = ordinals


class _IndexHolder:
    """The current index for one (nation, closures), shared by equal calendars."""

    __slots__ = ("closures", "index", "nation")

    def __init__(self, nation: str, closures: frozenset[date]) -> None:
        self.nation = nation
        self.closures = closures
        self.index: _Index | None = None

    def covering(self, first: int, last: int | None = None) -> _Index:
        """An index whose span holds the days `first` and `last` (ordinals), widened if need be."""
        if last is None:
            last = first
        index = self.index
        if index is not None and index.lo <= first <= index.hi and index.lo <= last <= index.hi:
            return index
        low = date.fromordinal(min(first, last)).year
        high = date.fromordinal(max(first, last)).year
        if index is None:
            # Start with a few years around the first dates asked about: most
            # deadlines are weeks away, and widening is cheap anyway.
            return self._replace(max(date.min.year, low - 1), min(date.max.year, high + 2))
        return self._widen(index, min(low, index.first_year), max(high, index.last_year))

    def widened_for(self, index: _Index, position: int) -> _Index:
        """A wider index than `index`, towards where `position` fell outside it.

        Raises OverflowError when the span already reaches the end of the date
        range, as plain date arithmetic does.
        """
        if position >= len(index.ordinals):
            if index.last_year >= date.max.year:
                raise OverflowError("date value out of range")
            missing = (position - len(index.ordinals)) // _WORKING_DAYS_PER_YEAR_GUESS + 1
            return self._widen(index, index.first_year, index.last_year + missing)
        if index.first_year <= date.min.year:
            raise OverflowError("date value out of range")
        missing = -position // _WORKING_DAYS_PER_YEAR_GUESS + 1
        return self._widen(index, index.first_year - missing, index.last_year)

    def _widen(self, index: _Index, first_year: int, last_year: int) -> _Index:
        # Grow by at least half the current span each time, so that a run of
        # lookups drifting outwards rebuilds only a logarithmic number of times.
        growth = max(2, (index.last_year - index.first_year + 1) // 2)
        if first_year < index.first_year:
            first_year = min(first_year, index.first_year - growth)
        if last_year > index.last_year:
            last_year = max(last_year, index.last_year + growth)
        return self._replace(max(date.min.year, first_year), min(date.max.year, last_year))

    def _replace(self, first_year: int, last_year: int) -> _Index:
        index = _Index(self.nation, self.closures, first_year, last_year)
        # One assignment, so other threads see the old index or the new one.
        self.index = index
        return index


_HOLDERS: dict[tuple[str, frozenset[date]], _IndexHolder] = {}


def _holder_for(nation: str, closures: frozenset[date]) -> _IndexHolder:
    key = (nation, closures)
    holder = _HOLDERS.get(key)
    if holder is None:
        # setdefault so that two threads racing here end up sharing one holder.
        holder = _HOLDERS.setdefault(key, _IndexHolder(nation, closures))
    return holder


# --------------------------------------------------------------------------
# The calendar.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkingDayCalendar:
    """The working days of one authority, and deadlines counted in them.

    Equal settings give equal (and equally hashed) calendars, which share one
    cached index of working days.
    """

    nation: Nation = "england-and-wales"
    # The authority's own closure days, on top of bank holidays.
    closures: frozenset[date] = frozenset()
    # Arrivals at or after this local time count as the next working day (only
    # under NEXT_WORKING_DAY); None means any time on a working day counts.
    cutoff: time | None = None
    arrival: ArrivalConvention = ArrivalConvention.NEXT_WORKING_DAY
    # The authority's local time, used to read timezone-aware arrival times.
    timezone: str = "Europe/London"

    _zone: ZoneInfo = field(init=False, repr=False, compare=False, hash=False)
    _holder: _IndexHolder = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.nation not in _SUBDIVISIONS:
            raise ValueError(f"unknown nation {self.nation!r}; expected one of {', '.join(NATIONS)}")
        # Accept any iterable of dates from configuration, but store a frozenset
        # of plain dates so the calendar hashes and compares by value (a
        # datetime would never equal the date it falls on).
        closures = frozenset(d.date() if isinstance(d, datetime) else d for d in self.closures)
        object.__setattr__(self, "closures", closures)
        object.__setattr__(self, "arrival", ArrivalConvention(self.arrival))
        if self.cutoff is not None and self.cutoff.tzinfo is not None:
            # The cut-off is compared with local wall-clock time.
            raise ValueError("cutoff must be a naive local time, e.g. time(17, 0)")
        # Fails here, at configuration time, on an unknown zone name.
        object.__setattr__(self, "_zone", ZoneInfo(self.timezone))
        object.__setattr__(self, "_holder", _holder_for(self.nation, closures))

    # -- which days are working days -------------------------------------

    def is_working_day(self, d: date) -> bool:
        """True unless `d` is a Saturday, Sunday, bank holiday of the nation or closure day."""
        return _is_working_day(self.nation, self.closures, d)

    def bank_holidays(self, year: int) -> dict[date, str]:
        """The nation's bank holidays in `year`, with their names, as the `holidays` package has them.

        Includes the day itself when a holiday falls at a weekend as well as the
        substitute weekday ("... (observed)"). Closure days are not included.
        """
        return dict(_nation_holidays(self.nation, year))

    # -- counting ----------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The date `n` working days after `start`; `start` itself is not counted.

        n == 0 gives `start` if it is a working day, else the next working day.
        n < 0 counts backwards: the |n|-th working day before `start`.
        """
        ordinal = start.toordinal()
        holder = self._holder
        index = holder.index
        # Fast path inline: this is the engine's hottest call.
        if index is None or not index.lo <= ordinal <= index.hi:
            index = holder.covering(ordinal)
        while True:
            if n > 0:
                # Working days up to and including start, then n more.
                position = bisect_right(index.ordinals, ordinal) + n - 1
            else:
                # Working days strictly before start; n == 0 lands on start or
                # the first working day after it.
                position = bisect_left(index.ordinals, ordinal) + n
            if 0 <= position < len(index.ordinals):
                return date.fromordinal(index.ordinals[position])
            index = holder.widened_for(index, position)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in (start, end]; negative if end < start; 0 if equal.

        add_working_days(start, n) == end implies this returns n for n >= 1.
        """
        a = start.toordinal()
        b = end.toordinal()
        index = self._holder.covering(a, b)
        # Working days <= end minus working days <= start, which also gives the
        # negated count of (end, start] when end < start.
        return bisect_right(index.ordinals, b) - bisect_right(index.ordinals, a)

    def next_working_day(self, d: date) -> date:
        """`d` itself if it is a working day, else the next working day."""
        return self.add_working_days(d, 0)

    # -- arrivals and deadlines ----------------------------------------------

    def received_on(self, at: datetime) -> date:
        """The date a request arriving at `at` counts as received, under the arrival convention.

        A timezone-aware `at` is first converted to the calendar's timezone; a
        naive one is taken as already local.
        """
        if at.utcoffset() is not None:
            at = at.astimezone(self._zone)
        day = at.date()
        if self.arrival is ArrivalConvention.SAME_DAY:
            return day
        if self.cutoff is not None and at.time() >= self.cutoff:
            # After hours: received on the first working day after today, even
            # if today is itself a working day.
            return self.add_working_days(day, 1)
        return self.add_working_days(day, 0)

    def due_date(self, received_at: datetime, working_days: int) -> date:
        """The deadline `working_days` working days after the day the request counts as received."""
        return self.add_working_days(self.received_on(received_at), working_days)
