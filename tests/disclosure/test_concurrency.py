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


def test_two_editors_saving_the_same_draft_at_once_never_lose_a_save():
    from django.test import Client

    from tests.editing import form_data
    from tests.race import at_once

    org = OrganisationFactory()
    document = DocumentFactory(organisation=org, title="原标题")
    url = f"/staff/org/{org.pk}/documents/{document.pk}/edit/"
    clients, forms = [], []
    for _ in range(4):
        client = Client(raise_request_exception=False)
        client.force_login(member(Role.EDITOR, org))
        clients.append(client)
        forms.append(client.get(url).context["form"])

    def save(index):
        return lambda: clients[index].post(url, form_data(forms[index], title=f"编辑{index}的标题")).status_code

    statuses, errors = at_once(*[save(i) for i in range(4)])
    assert errors == []
    assert sorted(statuses) == [200, 200, 200, 302]  # one saved; three were shown the conflict
    document.refresh_from_db()
    assert document.title == f"编辑{statuses.index(302)}的标题" and document.edit_version == 2
