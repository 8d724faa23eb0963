"""Search: tokenisation (pure, table-driven), 文号/索引号 lookup, filters, bounded counts, the re-index command."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from disclosure import search, services
from disclosure.models import Document, DocumentType
from tests.factories import OrganisationFactory

from .factories import DocumentFactory


def published(**kwargs):
    document = DocumentFactory(published=True, **kwargs)
    services.prepare(document)
    document.save()
    return document


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("低保金", ["低保金"]),
        ("低保标准", ["低保", "标准"]),
        ("关于提高城乡低保标准的通知", ["关于", "提高", "城乡", "低保", "标准", "通知"]),  # 的 dropped, not glued
        ("义务教育 招生", ["义务教育", "招生"]),
        ("金", ["金"]),  # a single character counts when nothing longer is there
        ("金 低保", ["低保"]),  # never glued across a space
    ],
)
def test_query_words(query, words):
    assert search.query_words(query) == words


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("安民发〔2024〕3号", "安民发〔2024〕3号"),
        ("安民发[2024]3号", "安民发〔2024〕3号"),
        ("安民发（2024） 3号", "安民发〔2024〕3号"),
        ("2024】3", "2024〕3"),
        ("113411000000000000/2024-00012", "113411000000000000/2024-00012"),
        ("低保", None),
    ],
)
def test_number_fragment(query, fragment):
    assert search.number_fragment(query) == fragment


def test_tokens_hold_bigrams_of_the_whole_text():
    tokens = search.document_tokens("通知", "", "按时发放城乡低保金，提高低保标准").split()
    assert {"保金", "低保", "保标", "标准"} <= set(tokens)


def test_tsquery_matches_long_words_by_their_bigrams():
    assert search.tsquery(["低保金"]) == "('低保金' | ('低保' & '保金'))"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["低保金", "低保标准", "城乡低保金发放"])
def test_compounds_in_the_body_are_found(client, query):
    hit = published(
        title="民政局关于做好2026年社会救助工作的通知", body="各乡镇：按时足额发放城乡低保金，低保标准提高10%。"
    )
    published(title="义务教育招生公告", body="招生范围……")
    response = client.get(reverse("disclosure:search"), {"q": query})
    assert [d.pk for d in response.context["page"]["object_list"]] == [hit.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["disclosure:search", "disclosure:search_csv"])
@pytest.mark.parametrize("query", ["2024\x00〕3", "低\x00保", "\x00"])
def test_a_nul_character_in_the_query_is_dropped_not_a_500(client, path, query):
    """PostgreSQL refuses NUL in any string (the fuzz test found the number lookup's 500)."""
    hit = published(title="关于印发低保办法的通知", document_number="安民发〔2024〕3号")
    response = client.get(reverse(path), {"q": query})
    assert response.status_code == 200
    if path == "disclosure:search" and query != "\x00":
        assert [d.pk for d in response.context["page"]["object_list"]] == [hit.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["安民发〔2024〕3号", "安民发[2024]3号", "2024〕3", "2024]3号"])
def test_finds_by_document_number_whole_or_part(client, query):
    hit = published(title="关于印发救助办法的通知", document_number="安民发〔2024〕3号")
    published(title="另一份通知", document_number="安民发〔2024〕30号", published_on=dt.date(2020, 1, 1))
    published(title="2024年工作要点", document_number="安民发〔2023〕3号")
    response = client.get(reverse("disclosure:search"), {"q": query})
    results = [d.pk for d in response.context["page"]["object_list"]]
    assert results[0] == hit.pk and response.context["found"].by_number


@pytest.mark.django_db
def test_exact_number_ranks_before_partial_matches(client):
    partial = published(document_number="西安民发〔2024〕3号", published_on=dt.date(2026, 5, 1))
    exact = published(document_number="安民发〔2024〕3号", published_on=dt.date(2024, 1, 1))
    response = client.get(reverse("disclosure:search"), {"q": "安民发〔2024〕3号"})
    assert [d.pk for d in response.context["page"]["object_list"]] == [exact.pk, partial.pk]


@pytest.mark.django_db
def test_finds_by_index_number_whole_or_part(client):
    hit = published(title="救助办法")
    hit.index_number = "113411000000000000/2024-00012"
    hit.save()
    published(title="其他")
    for query in ("113411000000000000/2024-00012", "2024-00012"):
        response = client.get(reverse("disclosure:search"), {"q": query})
        assert [d.pk for d in response.context["page"]["object_list"]] == [hit.pk]


@pytest.mark.django_db
def test_filters_narrow_the_results(client):
    office = OrganisationFactory(name="安平县民政局")
    hit = published(
        organisation=office, title="低保资金公示", published_on=dt.date(2025, 3, 1), doc_type=DocumentType.NOTICE
    )
    published(title="低保政策问答", published_on=dt.date(2025, 3, 1))
    published(organisation=office, title="低保标准通知", published_on=dt.date(2024, 3, 1))
    response = client.get(
        reverse("disclosure:search"),
        {"q": "低保", "organisation": office.pk, "year": 2025, "doc_type": DocumentType.NOTICE},
    )
    assert [d.pk for d in response.context["page"]["object_list"]] == [hit.pk]
    assert "找到 1 条结果" in response.content.decode()
    # the narrowing is kept in the export links and pages
    assert f"organisation={office.pk}" in response.context["export_query"]


@pytest.mark.django_db
def test_nothing_found_in_a_narrowed_search_says_so(client):
    published(title="低保资金公示", published_on=dt.date(2025, 3, 1))
    html = client.get(reverse("disclosure:search"), {"q": "低保", "year": 2019}).content.decode()
    assert "在所选范围内没有找到" in html


@pytest.mark.django_db
def test_count_is_bounded_by_the_ranked_window(client, monkeypatch):
    monkeypatch.setattr(search, "RANKED_WINDOW", 3)
    for day in range(1, 6):
        published(title="低保资金公示", published_on=dt.date(2026, 1, day))
    response = client.get(reverse("disclosure:search"), {"q": "低保"})
    found = response.context["found"]
    assert (found.count, found.more, found.count_label) == (3, True, "3+")
    assert "3 条以上" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_search_queries_are_bounded_whatever_the_data_size(client, size, django_assert_max_num_queries):
    office = OrganisationFactory()
    for i in range(size):
        published(organisation=office, title=f"低保资金公示第{i}期", document_number=f"安民发〔2024〕{i}号")
    for query in ({"q": "低保"}, {"q": "2024〕1"}, {"q": "低保", "organisation": office.pk, "year": 2026}):
        with django_assert_max_num_queries(7):
            assert client.get(reverse("disclosure:search"), query).status_code == 200


@pytest.mark.django_db
def test_bad_filter_values_never_fail(client):
    published(title="低保资金公示")
    for params in ({"q": "低保", "year": "abc"}, {"q": "低保", "organisation": "999999"}, {"q": "x" * 500}):
        assert client.get(reverse("disclosure:search"), params).status_code == 200


@pytest.mark.django_db
def test_reindex_rebuilds_the_tokens():
    document = published(title="通知", body="发放城乡低保金")
    Document.objects.filter(pk=document.pk).update(search_tokens="")
    call_command("reindex_documents", batch=1)
    assert "保金" in Document.objects.get(pk=document.pk).search_tokens.split()
