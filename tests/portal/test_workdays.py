"""The working-day calendar, checked against the State Council's published schedules."""

import datetime as dt

import pytest

from portal import workdays
from portal.models import CalendarOverride, ConfirmedCalendarYear, DayKind
from portal.workdays import WorkingCalendar

D = dt.date
CAL = WorkingCalendar()

IS_WORKING_DAY = [
    # (date, working?, why)
    (D(2024, 2, 4), True, "Sunday made a working day before the 2024 Spring Festival"),
    (D(2024, 2, 9), True, "2024: 除夕 was not yet a statutory holiday (it is from 2025)"),
    (D(2024, 2, 12), False, "2024 Spring Festival"),
    (D(2024, 2, 17), False, "Saturday inside the 2024 Spring Festival break"),
    (D(2024, 2, 18), True, "Sunday make-up working day 2024"),
    (D(2024, 4, 7), True, "Sunday make-up working day after Qingming 2024"),
    (D(2024, 9, 29), True, "Sunday make-up working day before National Day 2024"),
    (D(2024, 10, 7), False, "National Day holiday 2024"),
    (D(2024, 10, 12), True, "Saturday make-up working day after National Day 2024"),
    (D(2025, 1, 26), True, "Sunday make-up working day, Spring Festival 2025"),
    (D(2025, 1, 28), False, "2025 除夕"),
    (D(2025, 2, 4), False, "last day of the 2025 Spring Festival break"),
    (D(2025, 2, 5), True, "first working day after Spring Festival 2025"),
    (D(2025, 2, 8), True, "Saturday make-up working day 2025"),
    (D(2025, 4, 27), True, "Sunday make-up working day before Labour Day 2025"),
    (D(2025, 5, 5), False, "Labour Day break 2025"),
    (D(2025, 9, 28), True, "Sunday make-up working day before National Day 2025"),
    (D(2025, 10, 8), False, "last day of the 2025 National Day / Mid-Autumn break"),
    (D(2025, 10, 11), True, "Saturday make-up working day 2025"),
    (D(2026, 1, 4), True, "Sunday make-up working day after New Year 2026"),
    (D(2026, 2, 14), True, "Saturday make-up working day before Spring Festival 2026"),
    (D(2026, 2, 17), False, "2026 Spring Festival"),
    (D(2026, 2, 23), False, "last day of the 2026 Spring Festival break"),
    (D(2026, 2, 28), True, "Saturday make-up working day after Spring Festival 2026"),
    (D(2026, 5, 5), False, "Labour Day break 2026"),
    (D(2026, 5, 9), True, "Saturday make-up working day 2026"),
    (D(2026, 10, 7), False, "National Day break 2026"),
    (D(2026, 10, 10), True, "Saturday make-up working day 2026"),
    (D(2026, 11, 25), True, "an ordinary Wednesday"),
    (D(2026, 11, 28), False, "an ordinary Saturday"),
    (D(2027, 1, 1), False, "New Year's Day 2027 (fixed date, provisional year)"),
    (D(2027, 3, 3), True, "an ordinary Wednesday in a provisional year"),
]


@pytest.mark.parametrize(("day", "working", "why"), IS_WORKING_DAY, ids=[str(r[0]) for r in IS_WORKING_DAY])
def test_is_working_day(day, working, why):
    assert CAL.is_working_day(day) is working, why


ADD_WORKING_DAYS = [
    # (start, n, expected, why)
    (D(2025, 3, 3), 20, D(2025, 3, 31), "reference: received Mon 2025-03-03, reply due 2025-03-31"),
    (D(2025, 1, 24), 7, D(2025, 2, 10), "reference: correction notice over Spring Festival 2025"),
    (D(2025, 4, 1), 20, D(2025, 4, 29), "reference: 20 wd from 2025-04-01, Sun 04-27 is on"),
    (D(2025, 4, 29), 9, D(2025, 5, 15), "reference: 9 wd after 04-29 over Labour Day 2025"),
    (D(2025, 3, 3), 0, D(2025, 3, 3), "zero days is the start itself"),
    (D(2025, 3, 7), 1, D(2025, 3, 10), "Friday + 1 is Monday"),
    (D(2025, 3, 8), 1, D(2025, 3, 10), "a Saturday start: day 1 is Monday"),
    (D(2025, 9, 26), 3, D(2025, 9, 30), "Fri 09-26: Sun 09-28 (make-up) is day 1, 09-29 day 2, 09-30 day 3"),
    (D(2024, 9, 27), 2, D(2024, 9, 30), "Sun 2024-09-29 make-up day counts as day 1"),
    (D(2026, 2, 13), 1, D(2026, 2, 14), "Sat 2026-02-14 make-up day is day 1"),
    (D(2026, 2, 14), 1, D(2026, 2, 24), "after 02-14 the next working day is 02-24"),
    (D(2026, 2, 12), 20, D(2026, 3, 18), "20 wd across Spring Festival 2026 (Sat 02-14 and 02-28 on)"),
    (D(2025, 12, 31), 20, D(2026, 1, 29), "20 wd across New Year 2026 (01-01..03 off, Sun 01-04 on)"),
    (D(2026, 9, 18), 7, D(2026, 9, 29), "7 wd with Sun 2026-09-20 make-up day"),
    (D(2026, 9, 30), 1, D(2026, 10, 8), "the day after National Day 2026 break"),
]


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"), ADD_WORKING_DAYS, ids=[f"{r[0]}+{r[1]}" for r in ADD_WORKING_DAYS]
)
def test_add_working_days(start, n, expected, why):
    assert CAL.add_working_days(start, n) == expected, why


BETWEEN = [
    (D(2025, 4, 7), D(2025, 4, 18), 9, "reference: consultation interval (04-07, 04-18]"),
    (D(2025, 3, 3), D(2025, 3, 31), 20, "inverse of the 20-day example"),
    (D(2025, 3, 3), D(2025, 3, 3), 0, "empty interval"),
    (D(2025, 3, 31), D(2025, 3, 3), -20, "reversed interval is negative (overdue)"),
    (D(2025, 1, 24), D(2025, 2, 10), 7, "over Spring Festival 2025"),
    (D(2026, 9, 30), D(2026, 10, 8), 1, "National Day 2026: only 10-08 counts"),
]


@pytest.mark.parametrize(("start", "end", "expected", "why"), BETWEEN, ids=[f"{r[0]}..{r[1]}" for r in BETWEEN])
def test_working_days_between(start, end, expected, why):
    assert CAL.working_days_between(start, end) == expected, why


def test_add_and_between_are_inverse_over_many_starts():
    start = D(2024, 1, 1)
    for offset in range(0, 1000, 7):
        day = start + dt.timedelta(days=offset)
        for n in (1, 7, 15, 20):
            assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(D(2025, 1, 1), -1)


def test_overrides_win_over_the_package():
    cal = WorkingCalendar(overrides={D(2026, 11, 25): False, D(2026, 11, 28): True})
    assert not cal.is_working_day(D(2026, 11, 25))
    assert cal.is_working_day(D(2026, 11, 28))


def test_provisional_years():
    assert not CAL.is_provisional(D(2026, 5, 1))
    assert CAL.is_provisional(D(2027, 5, 1))
    assert not WorkingCalendar(extra_confirmed_years=frozenset({2027})).is_provisional(D(2027, 5, 1))


@pytest.mark.django_db
def test_database_overrides_are_used_and_refresh_on_save():
    day = D(2027, 3, 8)  # a Monday in the not-yet-published 2027 schedule
    assert workdays.is_working_day(day)
    CalendarOverride.objects.create(date=day, kind=DayKind.HOLIDAY, note="春节", source_document="国办发明电〔2026〕")
    assert not workdays.is_working_day(day)
    assert workdays.unconfirmed_years(D(2026, 11, 25)) == [2027]
    ConfirmedCalendarYear.objects.create(year=2027, source_document="国办发明电〔2026〕")
    assert workdays.unconfirmed_years(D(2026, 11, 25)) == []
    assert not workdays.is_provisional(day)


@pytest.mark.django_db
def test_admin_warns_about_unconfirmed_year(admin_client):
    response = admin_client.get("/admin/")
    assert "2027 年的法定节假日安排尚未确认" in response.content.decode()
    response = admin_client.get("/admin/portal/calendaroverride/")
    assert "2027 年的法定节假日安排尚未确认" in response.content.decode()


@pytest.mark.django_db
def test_workday_date_tag_marks_provisional_dates():
    from portal.templatetags.portal_tags import workday_date

    assert "暂定" in workday_date(D(2027, 3, 3))
    assert "暂定" not in workday_date(D(2026, 3, 3))
