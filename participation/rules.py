"""The rules of participation as pure functions (table-tested in tests/participation/test_rules.py).

Consultation periods: a major administrative decision is put to the public for generally not less than
30 days (《重大行政决策程序暂行条例》 Art. 15), an administrative normative document for generally not less
than 7 working days (国办发〔2018〕37号); a shorter period must be explained. Both ends of the period count.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from participation.models import DecisionKind, Phase

MAJOR_DECISION_MIN_DAYS = 30
NORMATIVE_MIN_WORKING_DAYS = 7


@dataclass(frozen=True)
class PeriodCheck:
    length: int  # the period's length in `unit`
    minimum: int
    working_days: bool  # the unit: working days (True) or calendar days

    @property
    def too_short(self) -> bool:
        return self.length < self.minimum


def _calendar(calendar):
    if calendar is not None:
        return calendar
    from portal import workdays

    return workdays.default_calendar()


def check_period(kind: str, opens_on: dt.date, closes_on: dt.date, calendar=None) -> PeriodCheck | None:
    """The period measured against the kind's minimum; None when the kind has no statutory minimum."""
    if kind == DecisionKind.MAJOR_DECISION:
        return PeriodCheck((closes_on - opens_on).days + 1, MAJOR_DECISION_MIN_DAYS, working_days=False)
    if kind == DecisionKind.NORMATIVE:
        length = _calendar(calendar).working_days_between(opens_on - dt.timedelta(days=1), closes_on)
        return PeriodCheck(length, NORMATIVE_MIN_WORKING_DAYS, working_days=True)
    return None


def feedback_due(closes_on: dt.date, calendar=None, working_days: int | None = None) -> dt.date:
    """The day by which the feedback (意见采纳情况反馈) should be published: N working days after closing."""
    n = settings.GONGKAI_PARTICIPATION_FEEDBACK_WORKING_DAYS if working_days is None else working_days
    return _calendar(calendar).add_working_days(closes_on, n)


def feedback_overdue(due_on: dt.date | None, published_on: dt.date | None, today: dt.date) -> bool:
    """Unpublished after the due day (a late publication is no longer overdue, but it was not on time)."""
    return due_on is not None and published_on is None and today > due_on


def feedback_on_time(due_on: dt.date | None, published_on: dt.date | None) -> bool:
    return due_on is not None and published_on is not None and published_on <= due_on


def phase(opens_on: dt.date, closes_on: dt.date, answered: bool, today: dt.date) -> str:
    if answered:
        return Phase.ANSWERED
    if today < opens_on:
        return Phase.UPCOMING
    if today <= closes_on:
        return Phase.OPEN
    return Phase.CLOSED


class SignupState:
    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"


def signup_state(opens_at: dt.datetime, closes_at: dt.datetime, now: dt.datetime) -> str:
    if now < opens_at:
        return SignupState.NOT_YET
    if now <= closes_at:
        return SignupState.OPEN
    return SignupState.CLOSED


def place_for(capacity: int, confirmed: int) -> str:
    """A new sign-up gets a place while places are left, otherwise joins the waiting list."""
    from participation.models import RegistrationStatus

    return RegistrationStatus.CONFIRMED if confirmed < capacity else RegistrationStatus.WAITING


def places_left(capacity: int, confirmed: int) -> int:
    return max(capacity - confirmed, 0)
