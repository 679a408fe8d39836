"""The working-day calendar behind protocol deadlines.

Expected dates here are worked out by hand from the real UK calendar (Easter
dates, the 2022 State Funeral, the 2023 Coronation, weekend substitutes), not
read back from the code under test. The property tests compare the calendar with
a naive day-by-day count built directly on the `holidays` package.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import UTC, date, datetime, time, timedelta, timezone

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propriety.domain.calendar import NATIONS, ArrivalConvention, WorkingDayCalendar

ENGLAND = WorkingDayCalendar()
SCOTLAND = WorkingDayCalendar(nation="scotland")
NORTHERN_IRELAND = WorkingDayCalendar(nation="northern-ireland")
UK = WorkingDayCalendar(nation="united-kingdom")


# --------------------------------------------------------------------------
# The API's fixed points
# --------------------------------------------------------------------------


def test_nations_are_the_four_supported_values() -> None:
    assert set(NATIONS) == {"england-and-wales", "scotland", "northern-ireland", "united-kingdom"}
    assert len(NATIONS) == 4


def test_arrival_convention_values() -> None:
    assert ArrivalConvention.NEXT_WORKING_DAY.value == "next-working-day"
    assert ArrivalConvention.SAME_DAY.value == "same-day"
    assert ArrivalConvention("same-day") is ArrivalConvention.SAME_DAY
    assert ENGLAND.arrival is ArrivalConvention.NEXT_WORKING_DAY


def test_defaults() -> None:
    assert ENGLAND.nation == "england-and-wales"
    assert ENGLAND.closures == frozenset()
    assert ENGLAND.cutoff is None
    assert ENGLAND.timezone == "Europe/London"


def test_calendar_is_frozen_and_hashable_by_value() -> None:
    a = WorkingDayCalendar(closures=frozenset({date(2024, 12, 27)}), cutoff=time(17, 0))
    b = WorkingDayCalendar(closures=frozenset({date(2024, 12, 27)}), cutoff=time(17, 0))
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, ENGLAND}) == 2
    assert a != ENGLAND
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.nation = "scotland"  # type: ignore[misc]
    # Using a calendar (which fills its cache) does not change its value.
    a.add_working_days(date(2024, 1, 1), 30)
    assert a == b and hash(a) == hash(b)


def test_replace_gives_a_working_calendar() -> None:
    scotland = dataclasses.replace(ENGLAND, nation="scotland")
    assert scotland == SCOTLAND
    assert not scotland.is_working_day(date(2024, 1, 2))


def test_configuration_values_are_normalised() -> None:
    cal = WorkingDayCalendar(
        closures={date(2024, 12, 27)},  # type: ignore[arg-type]
        arrival="same-day",  # type: ignore[arg-type]
    )
    assert cal.closures == frozenset({date(2024, 12, 27)})
    assert isinstance(cal.closures, frozenset)
    assert cal.arrival is ArrivalConvention.SAME_DAY


def test_bad_configuration_is_rejected() -> None:
    with pytest.raises(ValueError):
        WorkingDayCalendar(nation="wales")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        WorkingDayCalendar(arrival="whenever")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        WorkingDayCalendar(cutoff=time(17, 0, tzinfo=UTC))
    with pytest.raises(Exception):  # noqa: B017 - ZoneInfoNotFoundError or ValueError
        WorkingDayCalendar(timezone="Europe/Atlantis")


# --------------------------------------------------------------------------
# Bank holidays a council relies on
# --------------------------------------------------------------------------


def test_weekends_are_not_working_days() -> None:
    assert not ENGLAND.is_working_day(date(2024, 3, 9))  # Saturday
    assert not ENGLAND.is_working_day(date(2024, 3, 10))  # Sunday
    assert ENGLAND.is_working_day(date(2024, 3, 11))  # Monday


def test_christmas_and_boxing_day_substitutes_in_england() -> None:
    # Christmas 2021 fell on Saturday and Boxing Day on Sunday, so Monday 27 and
    # Tuesday 28 December were the bank holidays.
    assert not ENGLAND.is_working_day(date(2021, 12, 27))
    assert not ENGLAND.is_working_day(date(2021, 12, 28))
    assert ENGLAND.is_working_day(date(2021, 12, 29))
    # New Year's Day 2022 was a Saturday: Monday 3 January was the substitute.
    assert not ENGLAND.is_working_day(date(2022, 1, 3))
    assert ENGLAND.is_working_day(date(2022, 1, 4))
    # Christmas 2022 fell on Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27.
    assert not ENGLAND.is_working_day(date(2022, 12, 26))
    assert not ENGLAND.is_working_day(date(2022, 12, 27))
    # Christmas 2032 falls on a Saturday too.
    assert not ENGLAND.is_working_day(date(2032, 12, 27))
    assert not ENGLAND.is_working_day(date(2032, 12, 28))


def test_one_off_royal_bank_holidays() -> None:
    for cal in (ENGLAND, SCOTLAND, NORTHERN_IRELAND, UK):
        assert not cal.is_working_day(date(2022, 9, 19))  # State Funeral of Queen Elizabeth II
        assert not cal.is_working_day(date(2023, 5, 8))  # Coronation of Charles III
        assert not cal.is_working_day(date(2022, 6, 2))  # Platinum Jubilee: moved spring holiday
        assert not cal.is_working_day(date(2022, 6, 3))  # Platinum Jubilee
    # The spring bank holiday moved to 2 June in 2022, so the last Monday of May was worked.
    assert ENGLAND.is_working_day(date(2022, 5, 30))


def test_easter_monday_in_england_but_not_scotland() -> None:
    # Easter Sunday 2024 was 31 March.
    good_friday, easter_monday = date(2024, 3, 29), date(2024, 4, 1)
    assert not ENGLAND.is_working_day(good_friday)
    assert not ENGLAND.is_working_day(easter_monday)
    assert not SCOTLAND.is_working_day(good_friday)
    assert SCOTLAND.is_working_day(easter_monday)
    assert not NORTHERN_IRELAND.is_working_day(easter_monday)
    assert not UK.is_working_day(easter_monday)


def test_easter_at_the_ends_of_the_supported_range() -> None:
    # Easter Sunday was 23 April 2000 and will be 25 March 2035.
    assert not ENGLAND.is_working_day(date(2000, 4, 21))
    assert not ENGLAND.is_working_day(date(2000, 4, 24))
    assert not ENGLAND.is_working_day(date(2035, 3, 23))
    assert not ENGLAND.is_working_day(date(2035, 3, 26))
    assert ENGLAND.is_working_day(date(2035, 3, 27))


def test_scottish_holidays() -> None:
    # 2 January is a bank holiday in Scotland only.
    assert not SCOTLAND.is_working_day(date(2024, 1, 2))
    assert ENGLAND.is_working_day(date(2024, 1, 2))
    # 1 and 2 January 2022 were a weekend: Monday 3 and Tuesday 4 were the substitutes.
    assert not SCOTLAND.is_working_day(date(2022, 1, 3))
    assert not SCOTLAND.is_working_day(date(2022, 1, 4))
    assert ENGLAND.is_working_day(date(2022, 1, 4))
    # St Andrew's Day, 30 November 2024, was a Saturday: Monday 2 December was the substitute.
    assert not SCOTLAND.is_working_day(date(2024, 12, 2))
    assert ENGLAND.is_working_day(date(2024, 12, 2))
    # Scotland's summer bank holiday is the first Monday in August, England's the last.
    assert not SCOTLAND.is_working_day(date(2024, 8, 5))
    assert SCOTLAND.is_working_day(date(2024, 8, 26))
    assert ENGLAND.is_working_day(date(2024, 8, 5))
    assert not ENGLAND.is_working_day(date(2024, 8, 26))


def test_northern_irish_holidays() -> None:
    # St Patrick's Day, Monday 17 March 2025.
    assert not NORTHERN_IRELAND.is_working_day(date(2025, 3, 17))
    assert ENGLAND.is_working_day(date(2025, 3, 17))
    # Battle of the Boyne, Wednesday 12 July 2023.
    assert not NORTHERN_IRELAND.is_working_day(date(2023, 7, 12))
    assert ENGLAND.is_working_day(date(2023, 7, 12))
    # 12 July 2025 was a Saturday: Monday 14 July was the substitute.
    assert not NORTHERN_IRELAND.is_working_day(date(2025, 7, 14))
    assert ENGLAND.is_working_day(date(2025, 7, 14))


def test_united_kingdom_is_the_union_of_all_four() -> None:
    for d in (
        date(2024, 4, 1),  # Easter Monday (not Scotland)
        date(2024, 1, 2),  # 2 January (Scotland)
        date(2024, 12, 2),  # St Andrew's Day substitute (Scotland)
        date(2024, 8, 5),  # Scottish summer bank holiday
        date(2024, 8, 26),  # English late summer bank holiday
        date(2025, 3, 17),  # St Patrick's Day (Northern Ireland)
        date(2023, 7, 12),  # Battle of the Boyne (Northern Ireland)
    ):
        assert not UK.is_working_day(d), d
    for year in (2000, 2012, 2022, 2024, 2035):
        union = UK.bank_holidays(year).keys()
        for cal in (ENGLAND, SCOTLAND, NORTHERN_IRELAND):
            assert cal.bank_holidays(year).keys() <= union


def test_bank_holidays_names_and_range() -> None:
    eng_2022 = ENGLAND.bank_holidays(2022)
    assert "Funeral" in eng_2022[date(2022, 9, 19)]
    assert "Easter Monday" in eng_2022[date(2022, 4, 18)]
    assert all(d.year == 2022 for d in eng_2022)
    assert "Coronation" in ENGLAND.bank_holidays(2023)[date(2023, 5, 8)]
    assert "Andrew" in SCOTLAND.bank_holidays(2024)[date(2024, 12, 2)]
    assert date(2024, 4, 1) not in SCOTLAND.bank_holidays(2024)
    # Returned dicts are the caller's own.
    eng_2022.clear()
    assert ENGLAND.bank_holidays(2022)
    # Every supported year has England's eight regular bank holidays at least.
    for year in range(2000, 2036):
        assert len(ENGLAND.bank_holidays(year)) >= 8, year


def test_bank_holidays_are_not_closures() -> None:
    cal = WorkingDayCalendar(closures=frozenset({date(2024, 12, 27)}))
    assert not cal.is_working_day(date(2024, 12, 27))
    assert date(2024, 12, 27) not in cal.bank_holidays(2024)


# --------------------------------------------------------------------------
# Counting working days
# --------------------------------------------------------------------------


def test_ten_working_days_across_christmas() -> None:
    # Friday 17 December 2021: Mon 20 .. Fri 24 are days 1-5; 27, 28 Dec and
    # 3 Jan are bank holidays; Wed 29, Thu 30, Fri 31 are 6-8; Tue 4 and Wed 5
    # January are 9 and 10.
    assert ENGLAND.add_working_days(date(2021, 12, 17), 10) == date(2022, 1, 5)
    # In Scotland (and so UK-wide) 4 January 2022 was also a holiday.
    assert SCOTLAND.add_working_days(date(2021, 12, 17), 10) == date(2022, 1, 6)
    assert UK.add_working_days(date(2021, 12, 17), 10) == date(2022, 1, 6)


def test_closures_shift_deadlines() -> None:
    # The council shuts between Christmas and New Year.
    cal = WorkingDayCalendar(closures=frozenset({date(2021, 12, 29), date(2021, 12, 30), date(2021, 12, 31)}))
    assert not cal.is_working_day(date(2021, 12, 30))
    # Days 1-5 are 20-24 December; then 4, 5, 6, 7, 10 January.
    assert cal.add_working_days(date(2021, 12, 17), 10) == date(2022, 1, 10)
    assert cal.working_days_between(date(2021, 12, 24), date(2022, 1, 4)) == 1
    assert ENGLAND.working_days_between(date(2021, 12, 24), date(2022, 1, 4)) == 4


def test_deadlines_over_royal_bank_holidays() -> None:
    # Received Thursday 15 September 2022; Monday 19 was the State Funeral.
    assert ENGLAND.add_working_days(date(2022, 9, 15), 5) == date(2022, 9, 23)
    # Received Friday 5 May 2023; Monday 8 was the Coronation.
    assert ENGLAND.add_working_days(date(2023, 5, 5), 5) == date(2023, 5, 15)


def test_easter_deadlines_differ_by_nation() -> None:
    # Received Thursday 28 March 2024, two working days.
    assert ENGLAND.add_working_days(date(2024, 3, 28), 2) == date(2024, 4, 3)
    assert SCOTLAND.add_working_days(date(2024, 3, 28), 2) == date(2024, 4, 2)


def test_zero_and_negative_working_days() -> None:
    assert ENGLAND.add_working_days(date(2021, 12, 24), 0) == date(2021, 12, 24)
    assert ENGLAND.add_working_days(date(2021, 12, 25), 0) == date(2021, 12, 29)
    assert ENGLAND.add_working_days(date(2022, 1, 4), -1) == date(2021, 12, 31)
    assert ENGLAND.add_working_days(date(2021, 12, 29), -1) == date(2021, 12, 24)
    assert ENGLAND.add_working_days(date(2021, 12, 29), -2) == date(2021, 12, 23)
    # From a non-working day, one back is the last working day before it.
    assert ENGLAND.add_working_days(date(2021, 12, 27), -1) == date(2021, 12, 24)


def test_next_working_day() -> None:
    assert ENGLAND.next_working_day(date(2021, 12, 24)) == date(2021, 12, 24)
    assert ENGLAND.next_working_day(date(2021, 12, 25)) == date(2021, 12, 29)
    assert ENGLAND.next_working_day(date(2024, 3, 9)) == date(2024, 3, 11)


def test_working_days_between() -> None:
    # (24 Dec 2021, 4 Jan 2022] holds 29, 30, 31 December and 4 January.
    assert ENGLAND.working_days_between(date(2021, 12, 24), date(2022, 1, 4)) == 4
    assert ENGLAND.working_days_between(date(2022, 1, 4), date(2021, 12, 24)) == -4
    assert ENGLAND.working_days_between(date(2022, 1, 4), date(2022, 1, 4)) == 0
    # Friday to Monday is one working day; Saturday to Sunday none.
    assert ENGLAND.working_days_between(date(2024, 3, 8), date(2024, 3, 11)) == 1
    assert ENGLAND.working_days_between(date(2024, 3, 9), date(2024, 3, 10)) == 0
    # 2024 had 366 days: 262 weekdays, of which 8 were English bank holidays.
    assert ENGLAND.working_days_between(date(2023, 12, 31), date(2024, 12, 31)) == 254


def test_counts_far_from_the_first_lookup() -> None:
    # Widening the cached index in both directions must not change answers.
    cal = WorkingDayCalendar(closures=frozenset({date(2030, 6, 3)}))
    assert cal.add_working_days(date(2030, 5, 31), 1) == date(2030, 6, 4)
    assert cal.add_working_days(date(2021, 12, 17), 10) == date(2022, 1, 5)
    assert cal.add_working_days(date(2035, 12, 21), 1) == date(2035, 12, 24)
    start = date(2000, 1, 4)
    far = cal.add_working_days(start, 8000)
    assert cal.working_days_between(start, far) == 8000
    assert cal.add_working_days(far, -8000) == start


def test_out_of_date_range_raises_overflow() -> None:
    with pytest.raises(OverflowError):
        ENGLAND.add_working_days(date(9999, 12, 20), 100)
    with pytest.raises(OverflowError):
        ENGLAND.add_working_days(date(1, 1, 10), -100)


# --------------------------------------------------------------------------
# Arrival and due dates
# --------------------------------------------------------------------------

FIVE_PM = WorkingDayCalendar(cutoff=time(17, 0))


def test_friday_after_cutoff_counts_from_monday() -> None:
    # Friday 8 March 2024.
    assert FIVE_PM.received_on(datetime(2024, 3, 8, 17, 30)) == date(2024, 3, 11)
    assert FIVE_PM.received_on(datetime(2024, 3, 8, 17, 0)) == date(2024, 3, 11)  # at the cut-off
    assert FIVE_PM.received_on(datetime(2024, 3, 8, 16, 59)) == date(2024, 3, 8)
    # A complaint acknowledged within 5 working days.
    assert FIVE_PM.due_date(datetime(2024, 3, 8, 17, 30), 5) == date(2024, 3, 18)
    assert FIVE_PM.due_date(datetime(2024, 3, 8, 16, 59), 5) == date(2024, 3, 15)


def test_weekend_and_holiday_arrivals_count_from_the_next_working_day() -> None:
    assert ENGLAND.received_on(datetime(2024, 3, 9, 10, 0)) == date(2024, 3, 11)  # Saturday
    assert ENGLAND.received_on(datetime(2021, 12, 27, 9, 0)) == date(2021, 12, 29)  # substitute holiday
    # After hours on Christmas Eve 2021 (Friday): next working day is 29 December.
    assert FIVE_PM.received_on(datetime(2021, 12, 24, 18, 0)) == date(2021, 12, 29)
    # Without a cut-off any time on a working day counts as that day.
    assert ENGLAND.received_on(datetime(2024, 3, 8, 23, 59)) == date(2024, 3, 8)
    # Ten working days from a Saturday request: received Monday 11, due Monday 25 March.
    assert ENGLAND.due_date(datetime(2024, 3, 9, 10, 0), 10) == date(2024, 3, 25)


def test_aware_arrivals_are_read_in_local_time() -> None:
    # Friday 5 July 2024, 16:30 UTC is 17:30 BST: after the cut-off.
    assert FIVE_PM.received_on(datetime(2024, 7, 5, 16, 30, tzinfo=UTC)) == date(2024, 7, 8)
    # The same wall time, naive, is taken as local and is before the cut-off.
    assert FIVE_PM.received_on(datetime(2024, 7, 5, 16, 30)) == date(2024, 7, 5)
    # In March (GMT) UTC is local time.
    assert FIVE_PM.received_on(datetime(2024, 3, 8, 16, 30, tzinfo=UTC)) == date(2024, 3, 8)
    # 23:30 UTC on Sunday 30 June 2024 is 00:30 BST on Monday 1 July.
    assert ENGLAND.received_on(datetime(2024, 6, 30, 23, 30, tzinfo=UTC)) == date(2024, 7, 1)
    # An arrival stamped in another zone.
    new_york = timezone(timedelta(hours=-5))
    assert FIVE_PM.received_on(datetime(2024, 3, 8, 11, 0, tzinfo=new_york)) == date(2024, 3, 8)  # 16:00
    assert FIVE_PM.received_on(datetime(2024, 3, 8, 12, 30, tzinfo=new_york)) == date(2024, 3, 11)  # 17:30


def test_same_day_convention() -> None:
    cal = WorkingDayCalendar(cutoff=time(17, 0), arrival=ArrivalConvention.SAME_DAY)
    # A Saturday request is received that Saturday; day 1 is Monday.
    assert cal.received_on(datetime(2024, 3, 9, 10, 0)) == date(2024, 3, 9)
    assert cal.due_date(datetime(2024, 3, 9, 10, 0), 1) == date(2024, 3, 11)
    assert ENGLAND.due_date(datetime(2024, 3, 9, 10, 0), 1) == date(2024, 3, 12)
    # The cut-off does not apply under SAME_DAY.
    assert cal.received_on(datetime(2024, 3, 8, 17, 30)) == date(2024, 3, 8)
    assert cal.due_date(datetime(2024, 3, 8, 17, 30), 5) == date(2024, 3, 15)


def test_information_request_due_in_ten_working_days() -> None:
    # islington-2006/4.1(b): received Friday 15 September 2022 at 10:00;
    # Monday 19 (State Funeral) is skipped, so day 10 is Friday 30 September.
    assert FIVE_PM.due_date(datetime(2022, 9, 15, 10, 0), 10) == date(2022, 9, 30)


# --------------------------------------------------------------------------
# Properties, against a naive day-by-day count built on `holidays` directly
# --------------------------------------------------------------------------

_REFERENCE_SUBDIVISIONS = {
    "england-and-wales": ("ENG", "WLS"),
    "scotland": ("SCT",),
    "northern-ireland": ("NIR",),
    "united-kingdom": ("ENG", "WLS", "SCT", "NIR"),
}


@functools.cache
def _reference_holidays(nation: str, year: int) -> frozenset[date]:
    days: set[date] = set()
    for subdiv in _REFERENCE_SUBDIVISIONS[nation]:
        days.update(holidays.country_holidays("GB", subdiv=subdiv, years=year).keys())
    return frozenset(days)


def _reference_is_working(nation: str, closures: frozenset[date], d: date) -> bool:
    return d.weekday() < 5 and d not in closures and d not in _reference_holidays(nation, d.year)


def _reference_add(nation: str, closures: frozenset[date], start: date, n: int) -> date:
    d = start
    if n == 0:
        while not _reference_is_working(nation, closures, d):
            d += timedelta(days=1)
        return d
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    while remaining:
        d += step
        if _reference_is_working(nation, closures, d):
            remaining -= 1
    return d


def _reference_between(nation: str, closures: frozenset[date], start: date, end: date) -> int:
    lo, hi = min(start, end), max(start, end)
    count = 0
    d = lo
    while d < hi:
        d += timedelta(days=1)
        count += _reference_is_working(nation, closures, d)
    return count if end >= start else -count


nations = st.sampled_from(NATIONS)
# Start dates inside 2000-2035 with room for the counts below.
dates = st.dates(min_value=date(2000, 3, 1), max_value=date(2034, 12, 31))
counts = st.integers(min_value=-40, max_value=300)
positive_counts = st.integers(min_value=1, max_value=300)


@st.composite
def calendars_and_starts(draw: st.DrawFn) -> tuple[WorkingDayCalendar, date]:
    start = draw(dates)
    # Closures near the start date, where they can matter.
    offsets = draw(st.frozensets(st.integers(min_value=-20, max_value=80), max_size=8))
    closures = frozenset(start + timedelta(days=k) for k in offsets)
    cal = WorkingDayCalendar(nation=draw(nations), closures=closures)  # type: ignore[arg-type]
    return cal, start


@settings(max_examples=300, deadline=None)
@given(calendars_and_starts(), counts)
def test_add_working_days_matches_naive_count(cal_start: tuple[WorkingDayCalendar, date], n: int) -> None:
    cal, start = cal_start
    assert cal.add_working_days(start, n) == _reference_add(cal.nation, cal.closures, start, n)


@settings(max_examples=300, deadline=None)
@given(calendars_and_starts(), st.integers(min_value=-120, max_value=400))
def test_working_days_between_matches_naive_count(cal_start: tuple[WorkingDayCalendar, date], days: int) -> None:
    cal, start = cal_start
    end = start + timedelta(days=days)
    assert cal.working_days_between(start, end) == _reference_between(cal.nation, cal.closures, start, end)


@settings(max_examples=300, deadline=None)
@given(calendars_and_starts())
def test_is_working_day_matches_naive(cal_start: tuple[WorkingDayCalendar, date]) -> None:
    cal, start = cal_start
    for k in range(-3, 10):
        d = start + timedelta(days=k)
        assert cal.is_working_day(d) == _reference_is_working(cal.nation, cal.closures, d)


@settings(max_examples=300, deadline=None)
@given(calendars_and_starts(), positive_counts)
def test_add_then_count_round_trips(cal_start: tuple[WorkingDayCalendar, date], n: int) -> None:
    cal, start = cal_start
    due = cal.add_working_days(start, n)
    assert due > start
    assert cal.is_working_day(due)
    assert cal.working_days_between(start, due) == n
    # Every day strictly between the (n-1)th and nth working day is a non-working day.
    previous = cal.add_working_days(start, n - 1) if n > 1 else start
    d = previous + timedelta(days=1)
    while d < due:
        assert not cal.is_working_day(d)
        d += timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(calendars_and_starts(), positive_counts)
def test_negative_counts_invert_positive_ones_from_a_working_day(
    cal_start: tuple[WorkingDayCalendar, date], n: int
) -> None:
    cal, start = cal_start
    origin = cal.next_working_day(start)
    due = cal.add_working_days(origin, n)
    assert cal.add_working_days(due, -n) == origin
    assert cal.working_days_between(due, origin) == -n


@settings(max_examples=200, deadline=None)
@given(calendars_and_starts(), st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=60))
def test_monotonic_in_n(cal_start: tuple[WorkingDayCalendar, date], n: int, extra: int) -> None:
    cal, start = cal_start
    a = cal.add_working_days(start, n)
    b = cal.add_working_days(start, n + extra)
    assert a <= b
    # From a non-working day, 0 working days lands on the next working day, as 1 does; past that
    # every extra working day moves the date on.
    if extra > 0 and (n > 0 or cal.is_working_day(start)):
        assert a < b


@settings(max_examples=200, deadline=None)
@given(calendars_and_starts())
def test_next_working_day_is_the_first_working_day_on_or_after(
    cal_start: tuple[WorkingDayCalendar, date],
) -> None:
    cal, start = cal_start
    nxt = cal.next_working_day(start)
    assert nxt >= start
    assert cal.is_working_day(nxt)
    d = start
    while d < nxt:
        assert not cal.is_working_day(d)
        d += timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(
    calendars_and_starts(),
    st.times(),
    st.sampled_from([None, time(16, 0), time(17, 0), time(17, 30)]),
    st.integers(min_value=0, max_value=30),
)
def test_due_date_is_count_from_received_date(
    cal_start: tuple[WorkingDayCalendar, date], at: time, cutoff: time | None, n: int
) -> None:
    base, start = cal_start
    cal = dataclasses.replace(base, cutoff=cutoff)
    arrival = datetime.combine(start, at)
    received = cal.received_on(arrival)
    assert cal.is_working_day(received)
    assert received >= start
    if cal.is_working_day(start) and (cutoff is None or at < cutoff):
        assert received == start
    else:
        # Closed that day, or after hours: the first working day after it.
        assert received == cal.add_working_days(start, 1)
    assert cal.due_date(arrival, n) == cal.add_working_days(received, n)
