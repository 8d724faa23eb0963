"""Deadline rules as tables, on a fixed calendar (no database)."""

import datetime as dt

import pytest

from interaction import deadlines
from portal.workdays import WorkingCalendar

D = dt.date
CAL = WorkingCalendar()  # holidays package China + weekends


@pytest.mark.parametrize(
    ("type_default", "override", "code", "expected"),
    [
        (None, None, "consultation", 5),
        (None, None, "complaint", 10),
        (None, None, "", 10),
        (7, None, "consultation", 7),
        (7, 3, "consultation", 3),
        (None, 15, "help", 15),
    ],
)
def test_reply_working_days(type_default, override, code, expected):
    assert deadlines.reply_working_days(type_default, override, code) == expected


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (D(2025, 3, 10), 5, D(2025, 3, 17)),  # Monday + 5 working days → next Monday
        (D(2025, 3, 14), 5, D(2025, 3, 21)),  # Friday: the weekend is not counted
        (D(2025, 3, 15), 5, D(2025, 3, 21)),  # received on Saturday
        (D(2025, 9, 29), 5, D(2025, 10, 13)),  # Oct 1–8 off; Sat Oct 11 is a make-up working day
        (D(2025, 3, 10), 10, D(2025, 3, 24)),
    ],
)
def test_reply_due_on_the_official_calendar(received, days, due):
    assert deadlines.reply_due(received, days, CAL) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [(D(2025, 3, 10), D(2025, 3, 13)), (D(2025, 3, 13), D(2025, 3, 18)), (D(2025, 4, 30), D(2025, 5, 8))],
)
def test_error_reports_within_three_working_days(received, due):
    assert deadlines.error_report_due(received, CAL) == due


@pytest.mark.parametrize(
    ("due", "today", "kind"),
    [
        (D(2025, 3, 17), D(2025, 3, 10), None),  # 5 working days left
        (D(2025, 3, 12), D(2025, 3, 10), "before"),  # 2 left
        (D(2025, 3, 10), D(2025, 3, 10), "before"),  # the last day
        (D(2025, 3, 7), D(2025, 3, 10), "after"),
        (None, D(2025, 3, 10), None),
    ],
)
def test_reminder_kind(due, today, kind):
    assert deadlines.reminder_kind(due, today, CAL) == kind


@pytest.mark.parametrize(
    ("received", "answered", "today", "months", "reached"),
    [
        (D(2025, 1, 10), None, D(2025, 4, 10), 3, False),  # exactly 3 months: not more than
        (D(2025, 1, 10), None, D(2025, 4, 11), 3, True),
        (D(2025, 1, 10), D(2025, 4, 20), D(2025, 6, 1), 3, True),  # answered, but after 3 months
        (D(2025, 1, 10), D(2025, 2, 1), D(2025, 6, 1), 3, False),
        (D(2024, 11, 30), None, D(2025, 2, 28), 3, False),  # month ends: Feb 28 is the 3-month mark
        (D(2025, 1, 10), None, D(2025, 3, 11), 2, True),
    ],
)
def test_unanswered_months(received, answered, today, months, reached):
    assert deadlines.unanswered_months_reached(received, answered, today, months) is reached


@pytest.mark.parametrize(
    ("received", "today", "near"),
    [
        (D(2025, 1, 10), D(2025, 3, 26), False),
        (D(2025, 1, 10), D(2025, 3, 27), True),
        (D(2025, 1, 10), D(2025, 5, 1), True),
    ],
)
def test_near_veto(received, today, near):
    assert deadlines.near_veto(received, today) is near


def test_working_days_left_and_taken():
    assert deadlines.working_days_left(D(2025, 3, 17), D(2025, 3, 10), CAL) == 5
    assert deadlines.working_days_left(D(2025, 3, 7), D(2025, 3, 10), CAL) == -1
    assert deadlines.working_days_taken(D(2025, 3, 10), D(2025, 3, 14), CAL) == 4
    assert deadlines.working_days_taken(D(2025, 3, 10), D(2025, 3, 10), CAL) == 0
