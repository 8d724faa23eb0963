"""A stored plain page (portal/plain_pages.py) is never kept stale by a race with a publication (PostgreSQL, real
transactions and threads): the generation is read before the page is rendered, so a page rendered from the rows
before a commit is stored under a generation the commit's bump has made old."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from disclosure import services
from disclosure.models import Status
from portal import plain_pages
from portal.models import StoredPage
from portal.roles import Role
from tests.disclosure.factories import DocumentFactory, published
from tests.factories import OrganisationFactory, member
from tests.race import InBackground

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real transactions and threads need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def _stored_pages_on(settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.GONGKAI_STORED_PAGES = True
    settings.GONGKAI_STORED_PLAIN_PAGES = True
    settings.GONGKAI_FORBID_SELF_APPROVAL = False


def test_a_page_rendered_before_a_publication_committed_is_not_served_after_it(monkeypatch):
    org = OrganisationFactory()
    reviewer = member(Role.REVIEWER, org)
    published(organisation=org, title="较早发布的文件")
    waiting = DocumentFactory(organisation=org, status=Status.SUBMITTED, title="竞态中发布的文件")
    path = reverse("disclosure:list")
    rendered, committed = threading.Event(), threading.Event()
    real_of = plain_pages.Stored.of

    def finish_after_the_publication(body):
        rendered.set()  # the reader has rendered the page from the rows before the publication …
        assert committed.wait(10)  # … and goes on (reads what it reads next, stores) after the publication committed
        return real_of(body)

    monkeypatch.setattr(plain_pages.Stored, "of", staticmethod(finish_after_the_publication))
    reader = InBackground(lambda: Client().get(path).content.decode())
    assert rendered.wait(10)
    services.publish(waiting, by=reviewer)  # commits; its bumps run now and on commit
    committed.set()
    first, errors = reader.join()
    assert errors == []
    assert "较早发布的文件" in first and "竞态中发布的文件" not in first
    assert StoredPage.objects.filter(path=path).exists()  # the reader's page was stored, under the old generation
    monkeypatch.setattr(plain_pages.Stored, "of", real_of)
    assert "竞态中发布的文件" in Client().get(path).content.decode()


def test_readers_storing_the_same_page_at_once_leave_one_row():
    from tests.race import at_once

    org = OrganisationFactory()
    published(organisation=org, title="同时读取的文件")
    path = reverse("catalog:home")
    results, errors = at_once(*[lambda: Client().get(path).status_code for _ in range(6)])
    assert errors == [] and results == [200] * 6
    assert StoredPage.objects.filter(path=path, language="zh-hans").count() == 1
