"""Simultaneous clicks on the same request (PostgreSQL, real transactions, one connection per thread).

Each thread loads the request first, as the page the click came from did, then all act at once.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from portal.errors import Refusal
from portal.roles import Role
from requests_app import services
from requests_app.models import EventKind, InformationRequest, State
from tests.factories import OrganisationFactory, member
from tests.race import at_once

from .factories import InformationRequestFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and races need PostgreSQL"),
]


def consistent(request):
    """The events form one chain that ends in the request's state."""
    events = list(request.events.order_by("pk").exclude(from_state="", to_state=""))
    moves = [e for e in events if e.from_state != e.to_state]
    for before, after in zip(moves, moves[1:], strict=False):
        assert after.from_state == before.to_state, [(e.kind, e.from_state, e.to_state) for e in moves]
    assert moves[-1].to_state == request.state


@pytest.fixture
def online():
    organisation = OrganisationFactory()
    handler = member(Role.REQUEST_HANDLER, organisation)
    today = timezone.localdate()
    submitted_at = timezone.make_aware(dt.datetime.combine(today, dt.time(8)))
    request = InformationRequestFactory(
        organisation=organisation, channel="online", state=State.SUBMITTED, received_on=None, submitted_at=submitted_at
    )
    services._event(request, EventKind.SUBMITTED, "", State.SUBMITTED, by=None, on=today)
    return request, handler


def test_confirm_receipt_ten_times_at_once_writes_one_event(online):
    request, handler = online
    today = timezone.localdate()

    def confirm():
        services.confirm_receipt(InformationRequest.objects.get(pk=request.pk), on=today, by=handler)

    _, errors = at_once(*[confirm] * 10)
    assert errors == []  # a repeated click is answered as done, not refused
    request.refresh_from_db()
    assert request.state == State.RECEIVED and request.received_on is not None
    assert request.events.filter(kind=EventKind.RECEIPT_CONFIRMED).count() == 1
    consistent(request)


def test_confirm_receipt_pressed_ten_times_through_the_page(online):
    request, handler = online
    url = f"/staff/org/{request.organisation_id}/requests/{request.pk}/do/confirm_receipt/"

    def press():
        client = Client(raise_request_exception=False)
        client.force_login(handler)
        return client.post(url, {"on": timezone.localdate().isoformat()}).status_code

    statuses, errors = at_once(*[press] * 10)
    assert errors == [] and 500 not in statuses
    assert request.events.filter(kind=EventKind.RECEIPT_CONFIRMED).count() == 1


@pytest.mark.parametrize("rounds", range(5))
def test_withdraw_and_start_handling_at_once_leave_a_consistent_request(rounds):
    organisation = OrganisationFactory()
    handler = member(Role.REQUEST_HANDLER, organisation)
    request = InformationRequestFactory(organisation=organisation, received_on=timezone.localdate())
    services._event(request, EventKind.REGISTERED, "", State.RECEIVED, by=handler, on=request.received_on)
    today = timezone.localdate()

    def withdraw():
        services.withdraw(InformationRequest.objects.get(pk=request.pk), on=today, by=handler, comment="申请人撤回")

    def start():
        services.start_handling(InformationRequest.objects.get(pk=request.pk), on=today, by=handler)

    _, errors = at_once(withdraw, start)
    assert all(isinstance(e, Refusal) for e in errors), errors
    request.refresh_from_db()
    consistent(request)
    kinds = set(request.events.values_list("kind", flat=True))
    if EventKind.STARTED in kinds:  # started first, then withdrawn: both, in that order
        assert request.state == State.WITHDRAWN
    else:  # withdrawn first: starting was refused
        assert request.state == State.WITHDRAWN and errors
    assert request.events.filter(kind=EventKind.WITHDRAWN).count() == 1
