"""The calendar drives the clocks: entering a holiday recomputes open requests at once, with a record."""

import datetime as dt

import pytest

from portal.models import CalendarOverride, ConfirmedCalendarYear, DayKind
from requests_app.models import EventKind, State

from .factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_new_holiday_moves_open_due_dates_and_is_recorded(django_capture_on_commit_callbacks):
    open_request = InformationRequestFactory(received_on=D(2025, 3, 3), state=State.IN_PROGRESS)
    closed = InformationRequestFactory(received_on=D(2025, 3, 3), state=State.CLOSED)
    assert open_request.due_on == closed.due_on == D(2025, 3, 31)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarOverride.objects.create(date=D(2025, 3, 12), kind=DayKind.HOLIDAY, note="示例")
    open_request.refresh_from_db()
    closed.refresh_from_db()
    assert open_request.due_on == D(2025, 4, 1)  # one working day fewer in the window
    assert closed.due_on == D(2025, 3, 31)  # concluded requests keep their history
    event = open_request.events.get(kind=EventKind.DUE_RECOMPUTED)
    assert "2025-03-31" in event.comment and "2025-04-01" in event.comment and "2025-03-12" in event.comment
    assert event.actor is None and event.from_state == event.to_state == State.IN_PROGRESS


def test_removing_it_moves_them_back_and_an_unchanged_date_logs_nothing(django_capture_on_commit_callbacks):
    request = InformationRequestFactory(received_on=D(2025, 3, 3), state=State.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        holiday = CalendarOverride.objects.create(date=D(2025, 3, 12), kind=DayKind.HOLIDAY)
    with django_capture_on_commit_callbacks(execute=True):
        holiday.delete()
    request.refresh_from_db()
    assert request.due_on == D(2025, 3, 31)
    assert request.events.filter(kind=EventKind.DUE_RECOMPUTED).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        ConfirmedCalendarYear.objects.create(year=2030)  # changes no working day
    assert request.events.filter(kind=EventKind.DUE_RECOMPUTED).count() == 2
