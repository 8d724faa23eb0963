"""The period, feedback and sign-up rules as tables."""

import datetime as dt

import pytest

from participation import rules
from participation.forms import period_warning
from participation.models import DecisionKind, Phase, RegistrationStatus
from portal.workdays import WorkingCalendar

D = dt.date
CAL = WorkingCalendar()  # the holidays package's China calendar, no database overrides


@pytest.mark.parametrize(
    ("kind", "opens", "closes", "length", "too_short"),
    [
        (DecisionKind.MAJOR_DECISION, D(2026, 3, 2), D(2026, 3, 31), 30, False),  # both ends count
        (DecisionKind.MAJOR_DECISION, D(2026, 3, 2), D(2026, 3, 30), 29, True),
        (DecisionKind.MAJOR_DECISION, D(2026, 3, 2), D(2026, 3, 2), 1, True),
        (DecisionKind.NORMATIVE, D(2026, 3, 2), D(2026, 3, 10), 7, False),  # Mon..Tue next week: 7 working days
        (DecisionKind.NORMATIVE, D(2026, 3, 2), D(2026, 3, 9), 6, True),
        (DecisionKind.NORMATIVE, D(2026, 3, 7), D(2026, 3, 15), 5, True),  # starts on a Saturday
        # National Day week 2026: Oct 1-7 off, so 7 working days stretch well past the week.
        (DecisionKind.NORMATIVE, D(2026, 9, 28), D(2026, 10, 9), 5, True),
        (DecisionKind.NORMATIVE, D(2026, 9, 28), D(2026, 10, 12), 7, False),  # Saturday Oct 10 is a make-up day
    ],
)
def test_check_period(kind, opens, closes, length, too_short):
    check = rules.check_period(kind, opens, closes, CAL)
    assert (check.length, check.too_short) == (length, too_short)


def test_other_drafts_have_no_statutory_minimum():
    assert rules.check_period(DecisionKind.OTHER, D(2026, 3, 2), D(2026, 3, 3), CAL) is None
    assert period_warning(None) is None


@pytest.mark.parametrize(
    ("kind", "closes", "expected"),
    [
        (DecisionKind.MAJOR_DECISION, D(2026, 3, 20), "19 天"),
        (DecisionKind.NORMATIVE, D(2026, 3, 5), "4 个工作日"),
        (DecisionKind.NORMATIVE, D(2026, 3, 20), None),
    ],
)
def test_period_warning_text(kind, closes, expected):
    warning = period_warning(rules.check_period(kind, D(2026, 3, 2), closes, CAL))
    if expected is None:
        assert warning is None
    else:
        assert expected in str(warning)


@pytest.mark.parametrize(
    ("closes", "n", "due"),
    [
        (D(2026, 3, 2), 5, D(2026, 3, 9)),  # Monday + 5 working days
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # over the National Day holiday (Oct 1-7 off)
        (D(2026, 3, 6), 0, D(2026, 3, 6)),
    ],
)
def test_feedback_due(closes, n, due):
    assert rules.feedback_due(closes, CAL, working_days=n) == due


@pytest.mark.parametrize(
    ("due", "published", "today", "overdue", "on_time"),
    [
        (D(2026, 4, 1), None, D(2026, 4, 1), False, False),
        (D(2026, 4, 1), None, D(2026, 4, 2), True, False),
        (D(2026, 4, 1), D(2026, 4, 1), D(2026, 5, 1), False, True),
        (D(2026, 4, 1), D(2026, 4, 3), D(2026, 5, 1), False, False),  # late, no longer outstanding
        (None, None, D(2026, 5, 1), False, False),
    ],
)
def test_feedback_overdue_and_on_time(due, published, today, overdue, on_time):
    assert rules.feedback_overdue(due, published, today) is overdue
    assert rules.feedback_on_time(due, published) is on_time


@pytest.mark.parametrize(
    ("today", "answered", "phase"),
    [
        (D(2026, 3, 1), False, Phase.UPCOMING),
        (D(2026, 3, 2), False, Phase.OPEN),
        (D(2026, 3, 31), False, Phase.OPEN),
        (D(2026, 4, 1), False, Phase.CLOSED),
        (D(2026, 4, 1), True, Phase.ANSWERED),
    ],
)
def test_phase(today, answered, phase):
    assert rules.phase(D(2026, 3, 2), D(2026, 3, 31), answered, today) == phase


T = dt.datetime


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (T(2026, 3, 1, 8, 59), rules.SignupState.NOT_YET),
        (T(2026, 3, 1, 9, 0), rules.SignupState.OPEN),
        (T(2026, 3, 5, 18, 0), rules.SignupState.OPEN),
        (T(2026, 3, 5, 18, 1), rules.SignupState.CLOSED),
    ],
)
def test_signup_state(now, state):
    assert rules.signup_state(T(2026, 3, 1, 9, 0), T(2026, 3, 5, 18, 0), now) == state


@pytest.mark.parametrize(
    ("capacity", "confirmed", "place", "left"),
    [
        (2, 0, RegistrationStatus.CONFIRMED, 2),
        (2, 1, RegistrationStatus.CONFIRMED, 1),
        (2, 2, RegistrationStatus.WAITING, 0),
        (2, 3, RegistrationStatus.WAITING, 0),
    ],
)
def test_place_for(capacity, confirmed, place, left):
    assert rules.place_for(capacity, confirmed) == place
    assert rules.places_left(capacity, confirmed) == left
