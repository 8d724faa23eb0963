"""Two overlapping digest runs send a subscriber one e-mail, not two (PostgreSQL, real transactions)."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from alerts import services
from alerts.models import Kind, Subscription
from alerts.targets import Target
from disclosure import services as disclosure
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_parallel_digest_runs_send_once():
    office = OrganisationFactory()
    subscription = services.subscribe(
        "a@example.org", Target(Kind.ORGANISATION, organisation=office), language="zh-hans"
    )
    services.confirm(subscription.token)
    Subscription.objects.filter(pk=subscription.pk).update(notified_until=timezone.now() - dt.timedelta(hours=1))
    document = DocumentFactory(published=True, organisation=office)
    disclosure.prepare(document)
    document.save()
    mail.outbox = []
    until = timezone.now()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(services.send_digest(subscription.pk, until))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results, key=str) == [None, None, None, True]
    assert len(mail.outbox) == 1
