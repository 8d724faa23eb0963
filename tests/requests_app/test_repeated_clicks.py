"""A click from a page that is out of date: a repeat is answered as done, a conflicting step is refused."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.errors import Refusal
from portal.roles import Role
from requests_app import services
from requests_app.models import EventKind, InformationRequest, State
from tests.factories import member

from .factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(organisation):
    return InformationRequestFactory(organisation=organisation, received_on=timezone.localdate())


def stale(request):
    return InformationRequest.objects.get(pk=request.pk)


def test_a_second_confirmation_from_an_old_page_changes_nothing(organisation, handler):
    today = timezone.localdate()
    submitted_at = timezone.make_aware(dt.datetime.combine(today, dt.time(8)))
    request = InformationRequestFactory(
        organisation=organisation, channel="online", state=State.SUBMITTED, received_on=None, submitted_at=submitted_at
    )
    first, second = stale(request), stale(request)
    services.confirm_receipt(first, on=today, by=handler)
    services.confirm_receipt(second, on=today, by=handler)
    assert second.state == State.RECEIVED
    assert request.events.filter(kind=EventKind.RECEIPT_CONFIRMED).count() == 1


def test_start_handling_twice_is_one_step(received, handler):
    first, second = stale(received), stale(received)
    services.start_handling(first, on=timezone.localdate(), by=handler)
    services.start_handling(second, on=timezone.localdate(), by=handler)
    assert received.events.filter(kind=EventKind.STARTED).count() == 1


def test_withdraw_twice_is_one_step(received, handler):
    first, second = stale(received), stale(received)
    services.withdraw(first, on=timezone.localdate(), by=handler)
    services.withdraw(second, on=timezone.localdate(), by=handler)
    assert received.events.filter(kind=EventKind.WITHDRAWN).count() == 1


def test_starting_a_request_withdrawn_meanwhile_is_refused(received, handler):
    page = stale(received)
    services.withdraw(stale(received), on=timezone.localdate(), by=handler)
    with pytest.raises(Refusal):
        services.start_handling(page, on=timezone.localdate(), by=handler)
    received.refresh_from_db()
    assert received.state == State.WITHDRAWN
    assert not received.events.filter(kind=EventKind.STARTED).exists()


def test_any_step_begun_from_a_state_left_meanwhile_is_refused(received, handler):
    page = stale(received)
    services.withdraw(stale(received), on=timezone.localdate(), by=handler)
    with pytest.raises(Refusal, match="刚刚已被他人更改"):
        services.transfer(page, competent_organ="县财政局", on=timezone.localdate(), by=member(Role.REQUEST_HANDLER))
    received.refresh_from_db()
    assert received.state == State.WITHDRAWN
