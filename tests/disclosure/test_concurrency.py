"""Concurrent publication must never hand out the same index number (PostgreSQL, real transactions)."""

import threading

import pytest
from django.db import connection, connections

from disclosure import services
from disclosure.models import Document, Status
from portal.roles import Role
from tests.factories import OrganisationFactory, member

from .factories import DocumentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_parallel_publications_get_distinct_serials(settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = False
    org = OrganisationFactory()
    reviewer = member(Role.REVIEWER, org)
    documents = [DocumentFactory(organisation=org, status=Status.SUBMITTED) for _ in range(8)]
    barrier = threading.Barrier(len(documents))
    errors = []

    def publish(document):
        try:
            barrier.wait()
            services.publish(document, by=reviewer)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(d,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = sorted(Document.objects.filter(organisation=org).values_list("index_serial", flat=True))
    assert serials == list(range(1, 9))
