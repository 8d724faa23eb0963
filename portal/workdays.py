"""The working-day calendar: the one place the portal decides whether a date is a working day.

Source of truth, in order of precedence:
1. `CalendarOverride` rows edited by the supervising office in the admin;
2. the `holidays` package's China calendar: statutory holidays, plus the weekend days the State
   Council declares working days (调休上班);
3. Monday to Friday are working days, Saturday and Sunday are not.

A year is *confirmed* when the package carries its official schedule or the admin has recorded it
(`ConfirmedCalendarYear`). Dates in unconfirmed years still compute (weekends and the fixed-date
holidays the package knows), but are shown as provisional wherever they appear.

Counting follows Civil Code Art. 201: the day of the triggering event is never counted; day 1 is the
next working day.

The calendar is a pure value (`WorkingCalendar`), so rules built on it are pure functions that tests
drive with tables. The module-level functions use the default calendar, cached per process and
refreshed when an override changes (signals) or after a few minutes (other processes' edits).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from functools import cache

import holidays

CACHE_SECONDS = 300


@cache
def _package_year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, weekend working days) for one year from the holidays package."""
    china = holidays.China(years=year)
    days_off = frozenset(d for d in china if d.year == year)
    working_weekends = frozenset(d for d in china.weekend_workdays if d.year == year)
    return days_off, working_weekends


@cache
def package_confirmed_years() -> frozenset[int]:
    """Years for which the holidays package carries the State Council's official schedule."""
    from holidays.countries.china import ChinaStaticHolidays

    return frozenset(getattr(ChinaStaticHolidays, "special_public_holidays", {}).keys())


@dataclass(frozen=True)
class WorkingCalendar:
    """A working-day calendar: the package's China calendar plus explicit overrides (True = working)."""

    overrides: dict[dt.date, bool] = field(default_factory=dict)
    extra_confirmed_years: frozenset[int] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        days_off, working_weekends = _package_year(day.year)
        if day in working_weekends:
            return True
        if day in days_off:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (start itself not counted); n=0 returns start.

        Raises ValueError (never OverflowError) when the answer would fall past the last date Python knows,
        so a mistyped year 9999 in a form becomes a validation message rather than a crash."""
        if n < 0:
            raise ValueError("n must be zero or positive")
        day = start
        try:
            while n:
                day += dt.timedelta(days=1)
                if self.is_working_day(day):
                    n -= 1
        except OverflowError as error:
            raise ValueError("date out of range") from error
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open interval (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def is_confirmed_year(self, year: int) -> bool:
        return year in package_confirmed_years() or year in self.extra_confirmed_years

    def is_provisional(self, day: dt.date) -> bool:
        return not self.is_confirmed_year(day.year)


_lock = threading.Lock()
_cached: tuple[float, WorkingCalendar] | None = None


def clear_cache() -> None:
    global _cached
    with _lock:
        _cached = None


def default_calendar() -> WorkingCalendar:
    """The calendar with the database overrides (two small queries, then cached)."""
    global _cached
    now = time.monotonic()
    with _lock:
        if _cached is not None and now - _cached[0] < CACHE_SECONDS:
            return _cached[1]
    from portal.models import CalendarOverride, ConfirmedCalendarYear, DayKind

    overrides = {day: kind == DayKind.WORKING_DAY for day, kind in CalendarOverride.objects.values_list("date", "kind")}
    years = frozenset(ConfirmedCalendarYear.objects.values_list("year", flat=True))
    calendar = WorkingCalendar(overrides=overrides, extra_confirmed_years=years)
    with _lock:
        _cached = (now, calendar)
    return calendar


def is_working_day(day: dt.date) -> bool:
    return default_calendar().is_working_day(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    return default_calendar().add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return default_calendar().working_days_between(start, end)


def is_provisional(day: dt.date) -> bool:
    return default_calendar().is_provisional(day)


def unconfirmed_years(around: dt.date, ahead: int = 1) -> list[int]:
    """Years from `around`'s year to `ahead` years later whose official schedule is not yet entered."""
    calendar = default_calendar()
    return [y for y in range(around.year, around.year + ahead + 1) if not calendar.is_confirmed_year(y)]
