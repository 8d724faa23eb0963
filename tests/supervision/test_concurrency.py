"""Races on PostgreSQL with real transactions: two cron hosts run the self-check at once; two clicks answer."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from portal.errors import Refusal
from portal.roles import Role
from supervision import services
from supervision.models import SelfCheckRun, SupervisionOrder
from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def run_in_parallel(target, n):
    barrier = threading.Barrier(n)
    errors, results = [], []

    def work():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # surfaced by the assertions
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_parallel_self_checks_record_and_mail_once():
    org = OrganisationFactory()
    member(Role.EDITOR, org)
    CatalogItemFactory.create_batch(2, organisation=org, domain=domain())
    publish_catalog(org, domain())
    today = dt.date(2026, 5, 6)
    results, errors = run_in_parallel(lambda: services.run_self_check([org], today), 4)
    assert errors == []
    assert sorted(results) == [0, 0, 0, 1]
    assert SelfCheckRun.objects.filter(organisation=org, on=today).count() == 1
    assert len(mail.outbox) == 1


def test_parallel_answers_record_one():
    org = OrganisationFactory()
    reviewer = member(Role.REVIEWER, org)
    order = SupervisionOrder.objects.create(organisation=org, subject="s", details="d", deadline=timezone.localdate())
    results, errors = run_in_parallel(lambda: services.answer_order(order, by=reviewer, answer="已整改"), 3)
    assert len(results) == 1 and len(errors) == 2 and all(isinstance(e, Refusal) for e in errors)
    order.refresh_from_db()
    assert order.state == SupervisionOrder.State.ANSWERED
