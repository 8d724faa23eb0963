import datetime as dt
import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from disclosure import services
from disclosure.models import Attachment, Status
from tests.catalog.factories import publish_catalog
from tests.factories import OrganisationFactory

from .factories import CatalogItemFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def published(**kwargs):
    document = DocumentFactory(published=True, **kwargs)
    services.prepare(document)
    document.save()
    return document


def test_list_shows_public_documents_with_bounded_queries(client, django_assert_max_num_queries):
    for i in range(25):
        published(validity="expired" if i % 2 else "valid", validity_changed_on=dt.date(2026, 1, 1))
    DocumentFactory(title="草稿不应出现")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("disclosure:list"))
    assert response.status_code == 200
    assert "草稿不应出现" not in response.content.decode()
    assert len(response.context["page"].object_list) == 20
    assert response.context["page"].next_cursor


@pytest.mark.parametrize("stored", [True, False], ids=["stored list", "templates"])
def test_keyset_pages_walk_every_document_once(client, settings, stored):
    # 45 documents on 3 dates: the cursor must break ties on pk across page boundaries. Walked as a reader does,
    # by the "next" links, through the stored list (disclosure/stored_lists.py) and the templates.
    settings.GONGKAI_STORED_PAGES = stored
    docs = [published(published_on=dt.date(2026, 1, 1) + dt.timedelta(days=i % 3)) for i in range(45)]
    seen, address = [], reverse("disclosure:list") + "?sort=new"
    while address:
        html = client.get(address).content.decode()
        seen += [int(pk) for pk in re.findall(r'<a href="/documents/(\d+)/" lang="zh-CN">', html)]
        following = re.search(r'<a href="(\?[^"]*)" rel="next">', html)
        address = reverse("disclosure:list") + unescape(following[1]) if following else None
    assert sorted(seen) == sorted(d.pk for d in docs)


def test_previous_page_cursor_returns_the_page_before():
    from disclosure.models import Document
    from disclosure.pagination import paginate

    for i in range(7):
        published(published_on=dt.date(2026, 1, 1) + dt.timedelta(days=i))
    qs = Document.objects.public()
    first = paginate(qs, per_page=3)
    second = paginate(qs, after=first.next_cursor, per_page=3)
    back = paginate(qs, before=second.previous_cursor, per_page=3)
    assert [d.pk for d in back.object_list] == [d.pk for d in first.object_list]
    assert back.is_first
    oldest_first = paginate(qs, per_page=3, newest_first=False)
    assert oldest_first.object_list[0].published_on == dt.date(2026, 1, 1)


def test_filters_by_organisation_tree_domain_item_year_and_validity(client, settings):
    settings.GONGKAI_STORED_PAGES = False  # the view's own page (context); the stored list's: test_stored_lists.py
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    in_child = published(organisation=child, published_on=dt.date(2025, 5, 1))
    elsewhere = published()
    item = CatalogItemFactory(organisation=child)
    publish_catalog(child, item.domain)  # only items of a published catalog may be filtered by
    in_child.catalog_items.add(item)
    url = reverse("disclosure:list")

    def pks(**params):
        return {d.pk for d in client.get(url, params).context["page"].object_list}

    assert pks(organisation=parent.pk) == {in_child.pk}
    assert pks(item=item.pk) == {in_child.pk}
    draft_item = CatalogItemFactory(organisation=child, second_level="未发布的草稿事项")
    in_child.catalog_items.add(draft_item)
    assert pks(item=draft_item.pk) == set()  # neither its documents nor everything
    assert "未发布的草稿事项" not in client.get(url, {"item": draft_item.pk}).content.decode()
    assert pks(year=2025) == {in_child.pk}
    assert pks(domain=in_child.domain.code) == {in_child.pk, elsewhere.pk}
    assert pks(validity="repealed") == set()
    assert client.get(url, {"organisation": "x", "year": "abc", "after": "garbage"}).status_code == 200


def test_detail_shows_metadata_and_mark(client, django_assert_max_num_queries):
    document = published(document_number="安民发〔2026〕3号")
    interpretation = published(organisation=document.organisation, doc_type="interpretation", interprets=document)
    with django_assert_max_num_queries(8):
        response = client.get(document.get_absolute_url())
    html = response.content.decode()
    for text in [
        "索引号",
        document.index_number,
        "发布机构",
        "成文日期",
        "文号",
        "安民发〔2026〕3号",
        "有效性",
        "此件公开发布",
    ]:
        assert text in html
    assert interpretation.get_absolute_url() in html
    assert document.get_absolute_url() in client.get(interpretation.get_absolute_url()).content.decode()
    assert client.get(reverse("disclosure:print", args=[document.pk])).status_code == 200


@pytest.mark.parametrize("traits", [{}, {"withheld": True}, {"on_request": True}, {"status": Status.WITHDRAWN}])
def test_non_public_document_and_attachment_are_404(client, traits):
    document = DocumentFactory(**({"published": True} | traits)) if traits else DocumentFactory()
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(b"%PDF-1.4", name="a.pdf"), original_name="秘密.pdf", kind="pdf", size=8
    )
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(reverse("disclosure:attachment", args=[document.pk, attachment.pk])).status_code == 404


def test_attachment_download_with_chinese_filename(client):
    document = published()
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(b"%PDF-1.4", name="x.pdf"), original_name="低保标准.pdf", kind="pdf", size=8
    )
    response = client.get(reverse("disclosure:attachment", args=[document.pk, attachment.pk]))
    assert response.status_code == 200
    assert "filename*=utf-8''%E4%BD%8E%E4%BF%9D%E6%A0%87%E5%87%86.pdf" in response["Content-Disposition"]


def test_superseded_url_redirects_to_corrected_version(client):
    old = published(status=Status.SUPERSEDED)
    new = published(organisation=old.organisation, index_number=old.index_number, supersedes=old)
    response = client.get(old.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == new.get_absolute_url()


@pytest.mark.parametrize("query", ["低保", "社保", "城乡低保标准", "济政办发"])
def test_search_finds_two_character_and_longer_queries(client, query, django_assert_max_num_queries):
    hit = published(title="关于提高城乡低保和社保补贴标准的通知", document_number="济政办发[2026]7号")
    published(title="2026年义务教育招生工作方案")
    DocumentFactory(title="关于低保社保的内部请示", withheld=True, published=True)
    # up to 3 window slices + the page on PostgreSQL, + the narrowing selects' choices (cached once built)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("disclosure:search"), {"q": query})
    results = response.context["page"]["object_list"]
    assert [d.pk for d in results] == [hit.pk]
    assert "<mark>" in response.content.decode()
    assert "内部请示" not in response.content.decode()


def test_search_escapes_input(client):
    published(title="普通通知")
    response = client.get(reverse("disclosure:search"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_feeds_sitemap_robots(client, django_assert_max_num_queries):
    document = published()
    DocumentFactory(organisation=document.organisation, title="未发布草稿", published=True, withheld=True)
    for name, args in [("org_rss", [document.organisation.pk]), ("org_atom", [document.organisation.pk]),
                       ("domain_rss", [document.domain.code]), ("domain_atom", [document.domain.code])]:  # fmt: skip
        with django_assert_max_num_queries(4):
            body = client.get(reverse(f"disclosure:{name}", args=args)).content.decode()
        assert document.title in body and "未发布草稿" not in body
    index = client.get(reverse("portal:sitemap")).content.decode()
    assert "sitemap-documents.xml" in index and "sitemap-catalog.xml" in index  # the site's one sitemap
    section = client.get(reverse("portal:sitemap_section", args=["documents"])).content.decode()
    assert document.get_absolute_url() in section
    robots = client.get(reverse("portal:robots")).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_home_page_lists_latest_documents(client, django_assert_max_num_queries):
    oldest = published(title="最早的一份文件", published_on=dt.date(2020, 1, 1))
    newest = [published(validity="repealed", validity_changed_on=dt.date(2026, 1, 1)) for _ in range(8)]
    # 5 on a cold cache: the documents, the apps' home sections (the site's annual work report is the fifth);
    # and 2 more for a first reader of the plain address, who stores the page (portal/plain_pages.py) …
    with django_assert_max_num_queries(7):
        html = client.get("/").content.decode()
    assert all(d.title in html for d in newest) and "废止" in html
    with django_assert_max_num_queries(1):  # … which the next reader gets in one query
        assert client.get("/").content.decode() == html
    assert oldest.title not in html  # only the 8 newest


def test_search_window_holds_the_most_recent_matches_not_the_most_recent_documents(client, monkeypatch):
    from disclosure import search

    monkeypatch.setattr(search, "RANKED_WINDOW", 2)
    hit = published(title="城乡低保资金发放公示", published_on=dt.date(2020, 1, 1))
    for day in range(1, 4):
        published(title="义务教育招生公告", published_on=dt.date(2026, 1, day))
    response = client.get(reverse("disclosure:search"), {"q": "低保"})
    assert [d.pk for d in response.context["page"]["object_list"]] == [hit.pk]


@pytest.mark.parametrize(("validity", "label"), [("expired", "此文件已失效"), ("repealed", "此文件已废止")])
def test_invalid_documents_stay_readable_and_labelled(client, validity, label):
    repealing = published(title="新办法")
    document = published(validity=validity, validity_changed_on=dt.date(2026, 6, 1), repealed_by=repealing)
    html = client.get(document.get_absolute_url()).content.decode()
    assert label in html and "2026-06-01" in html
    assert repealing.get_absolute_url() in html


def test_detail_names_only_catalog_items_that_were_published(client):
    organisation = OrganisationFactory()
    shown = CatalogItemFactory(organisation=organisation, second_level="已发布事项")
    publish_catalog(organisation, shown.domain)
    later_removed = CatalogItemFactory(organisation=organisation, domain=shown.domain, second_level="后来删除的事项")
    publish_catalog(organisation, shown.domain)
    from catalog import services as catalog_services
    from portal.roles import Role
    from tests.factories import member

    catalog_services.remove_item(later_removed, by=member(Role.EDITOR, organisation))
    publish_catalog(organisation, shown.domain)
    working = CatalogItemFactory(organisation=organisation, domain=shown.domain, second_level="工作稿事项")
    document = published(organisation=organisation)
    document.catalog_items.add(shown, later_removed, working)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "已发布事项" in html and "后来删除的事项" in html
    assert "工作稿事项" not in html


def test_list_filter_refuses_an_unpublished_catalog_item(client):
    organisation = OrganisationFactory()
    working = CatalogItemFactory(organisation=organisation, second_level="未发布的工作稿事项")
    document = published(organisation=organisation)
    document.catalog_items.add(working)
    response = client.get(reverse("disclosure:list"), {"item": working.pk})
    assert response.status_code == 200
    assert response.context["item"] is None
    assert "未发布的工作稿事项" not in response.content.decode()


def test_cleanup_pages_are_paginated(client, django_assert_max_num_queries):
    from disclosure.models import CleanupBatch, CleanupEntry
    from disclosure.views import CLEANUP_PER_PAGE

    organisation = OrganisationFactory()
    batches = CleanupBatch.objects.bulk_create(
        CleanupBatch(organisation=organisation, held_on=dt.date(2026, 1, 1), scope=f"范围{i}")
        for i in range(CLEANUP_PER_PAGE + 1)
    )
    documents = [published(organisation=organisation) for _ in range(CLEANUP_PER_PAGE + 1)]
    CleanupEntry.objects.bulk_create(
        CleanupEntry(batch=batches[0], document=d, new_validity="expired", effective_on=dt.date(2026, 1, 1))
        for d in documents
    )
    with django_assert_max_num_queries(4):
        response = client.get(reverse("disclosure:cleanup_list"))
    assert len(response.context["page_obj"].object_list) == CLEANUP_PER_PAGE
    assert "下一页" in response.content.decode()
    with django_assert_max_num_queries(5):
        detail = client.get(batches[0].get_absolute_url())
    assert len(detail.context["page_obj"].object_list) == CLEANUP_PER_PAGE
    assert len(client.get(batches[0].get_absolute_url(), {"page": 2}).context["page_obj"].object_list) == 1


def test_list_counts_nothing_and_shows_a_total_only_when_it_fits_on_one_page(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        published()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("disclosure:list"))
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert response.context["page"].total == 3 and "共 3 条" in response.content.decode()
    for _ in range(20):
        published()
    response = client.get(reverse("disclosure:list"))
    assert response.context["page"].total is None and "共 " not in response.content.decode()
