"""Reply deadlines of messages and error reports, in working days on the official calendar. Pure functions.

Every function takes an optional `calendar` (a portal.workdays.WorkingCalendar); without one the default
calendar (holidays package + the supervising office's overrides) is used. Tests pass their own.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from portal import workdays

CONSULTATION = "consultation"  # 咨询: the one type with the shorter default
DEFAULT_CONSULTATION_WORKING_DAYS = 5
DEFAULT_OTHER_WORKING_DAYS = 10
ERROR_REPORT_WORKING_DAYS = 3  # 我为政府网站找错
REMIND_BEFORE_WORKING_DAYS = 2  # the daily reminder starts this many working days before the deadline
VETO_MONTHS = 3  # a valid message unanswered for more than 3 months fails the site (单项否决)
NEAR_VETO_DAYS = 15  # self-check warns this many days before the 3-month mark


def _calendar(calendar):
    return calendar or workdays.default_calendar()


def default_working_days(type_code: str) -> int:
    return DEFAULT_CONSULTATION_WORKING_DAYS if type_code == CONSULTATION else DEFAULT_OTHER_WORKING_DAYS


def reply_working_days(type_default: int | None, organisation_override: int | None, type_code: str = "") -> int:
    """The organisation's own rule wins over the type's default, which wins over the built-in default."""
    if organisation_override:
        return organisation_override
    if type_default:
        return type_default
    return default_working_days(type_code)


def reply_due(received_on: dt.date, working_days: int, calendar=None) -> dt.date:
    """The last day to answer: `working_days` working days after receipt (the day of receipt not counted)."""
    return _calendar(calendar).add_working_days(received_on, working_days)


def error_report_due(received_on: dt.date, calendar=None) -> dt.date:
    return reply_due(received_on, ERROR_REPORT_WORKING_DAYS, calendar)


def working_days_left(due_on: dt.date, today: dt.date, calendar=None) -> int:
    """0 on the last day, negative once overdue (the working days since the deadline)."""
    return _calendar(calendar).working_days_between(today, due_on)


def working_days_taken(received_on: dt.date, answered_on: dt.date, calendar=None) -> int:
    return max(_calendar(calendar).working_days_between(received_on, answered_on), 0)


def reminder_kind(due_on: dt.date | None, today: dt.date, calendar=None) -> str | None:
    """ "before" within REMIND_BEFORE_WORKING_DAYS of the deadline, "after" once it has passed, else None."""
    if due_on is None:
        return None
    if due_on < today:
        return "after"
    if working_days_left(due_on, today, calendar) <= REMIND_BEFORE_WORKING_DAYS:
        return "before"
    return None


def veto_date(received_on: dt.date) -> dt.date:
    """The first day on which a still unanswered message counts as unanswered for more than 3 months."""
    return received_on + relativedelta(months=VETO_MONTHS) + dt.timedelta(days=1)


def unanswered_months_reached(received_on: dt.date, answered_on: dt.date | None, today: dt.date, months: int) -> bool:
    """Was the message (still) without an answer `months` calendar months after receipt?"""
    end = answered_on or today
    return end > received_on + relativedelta(months=months)


def near_veto(received_on: dt.date, today: dt.date) -> bool:
    """Unanswered and within NEAR_VETO_DAYS of the 3-month mark, or past it."""
    return today >= veto_date(received_on) - dt.timedelta(days=NEAR_VETO_DAYS)
