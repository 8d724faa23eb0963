"""A stored list (disclosure/stored_lists.py) is never kept stale by a race with an edit, and first readers at once
store one shell and one row per document (PostgreSQL, real transactions and threads)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from disclosure import stored_lists
from disclosure.models import RenderedListRow
from portal import plain_pages
from portal.models import StoredPage
from tests.disclosure.factories import published
from tests.factories import OrganisationFactory
from tests.race import InBackground

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real transactions and threads need PostgreSQL"),
]
ADDRESS = "/documents/?sort=new"


@pytest.fixture(autouse=True)
def _stored_pages_on(settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.GONGKAI_STORED_PAGES = True
    settings.GONGKAI_STORED_PLAIN_PAGES = True
    plain_pages._not_storable.clear()
    stored_lists.compiled_list.cache_clear()
    stored_lists._kept_shells.clear()


def test_a_row_rendered_before_an_edit_committed_is_not_served_after_it(monkeypatch):
    document = published(organisation=OrganisationFactory(), title="修改前的标题")
    rendered, committed = threading.Event(), threading.Event()
    real_render_row = stored_lists.render_row

    def finish_after_the_edit(document, language):
        html = real_render_row(document, language)
        rendered.set()  # the reader has rendered the row from the document before the edit …
        assert committed.wait(10)  # … and stores it after the edit committed (and its invalidation ran)
        return html

    monkeypatch.setattr(stored_lists, "render_row", finish_after_the_edit)
    reader = InBackground(lambda: Client().get(ADDRESS).content.decode())
    assert rendered.wait(10)
    document.title = "修改后的标题"
    document.save()  # autocommit: committed here
    committed.set()
    first, errors = reader.join()
    assert errors == [] and "修改前的标题" in first
    assert RenderedListRow.objects.filter(document=document, html__contains="修改前的标题").exists()  # stored stale
    monkeypatch.setattr(stored_lists, "render_row", real_render_row)
    again = Client().get(ADDRESS).content.decode()
    assert "修改后的标题" in again and "修改前的标题" not in again


def test_readers_storing_the_same_list_at_once_leave_one_shell_and_one_row_each():
    from tests.race import at_once

    org = OrganisationFactory()
    documents = [published(organisation=org, title=f"同时读取的文件{n}") for n in range(3)]
    results, errors = at_once(*[lambda: Client().get(ADDRESS).status_code for _ in range(6)])
    assert errors == [] and results == [200] * 6
    assert StoredPage.objects.filter(path=ADDRESS, language="zh-hans").count() == 1
    assert RenderedListRow.objects.filter(language="zh-hans").count() == len(documents)
