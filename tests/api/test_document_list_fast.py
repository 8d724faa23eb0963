"""The API's document list is built directly from the rows (api.serializers.DocumentListSerializer): every value,
in every state, language and host, is what DRF's fields of `DocumentSerializer` make, in the same order."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation
from rest_framework import serializers as drf

from api import serializers as s
from disclosure.models import DocumentType, Validity
from disclosure.views import public_documents
from tests.disclosure.factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents():
    today = timezone.localdate()
    made = [
        published(title="关于印发<低保>办法的通知", document_number="清政发〔2026〕1号"),
        published(document_number="", doc_type=DocumentType.INTERPRETATION),
        published(validity=Validity.REPEALED, validity_changed_on=today + dt.timedelta(days=9)),
        published(validity=Validity.EXPIRED, validity_changed_on=today - dt.timedelta(days=3)),
        published(domain=None),
    ]
    return list(public_documents().filter(pk__in=[d.pk for d in made]).order_by("pk"))


def _through_drf_fields(documents, context):
    return drf.ListSerializer(child=s.DocumentSerializer(context=context), context=context).to_representation(documents)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("host", ["gov.example.cn", "10.0.0.7:8443"])
def test_the_fast_list_is_what_drfs_fields_make(documents, language, host, settings):
    settings.ALLOWED_HOSTS = ["gov.example.cn", "10.0.0.7"]
    request = RequestFactory().get("/api/v1/documents/", HTTP_HOST=host, secure=host.endswith("8443"))
    context = {"request": request, "format": None}
    with translation.override(language):
        fast = s.DocumentSerializer(documents, many=True, context=context).data
        slow = _through_drf_fields(documents, context)
    assert [list(row) for row in fast] == [list(row) for row in slow]  # the keys' order too
    assert [dict(row) for row in fast] == [dict(row) for row in slow]
    assert {(row["validity"], row["validity_pending"]) for row in fast} == {
        ("valid", ""),
        ("valid", "repealed"),
        ("expired", ""),
    }
    assert any(row["domain"] is None for row in fast)


def test_the_subclasses_go_through_drf(documents):
    request = RequestFactory().get("/api/v1/documents/", HTTP_HOST="localhost")
    interpretation = s.InterpretationSerializer(documents, many=True, context={"request": request}).data
    assert all("interprets" in row for row in interpretation)


@pytest.fixture
def county(documents):
    office = documents[0].organisation
    more = [published(organisation=office, published_on=dt.date(2026, 3, 1) + dt.timedelta(days=n)) for n in range(25)]
    return {"office": office, "documents": documents + more}


def queries(county):
    office, documents = county["office"], county["documents"]
    cursor = f"{documents[10].published_on.isoformat()}.{documents[10].pk}"
    domain = documents[-1].domain.code
    return [
        {},
        {"organisation": office.pk},
        {"organisation": office.pk, "domain": domain, "sort": "old"},
        {"after": cursor},
        {"before": cursor, "page_size": 3},
        {"year": 2026, "validity": "valid", "page_size": 100},
        {"doc_type": DocumentType.INTERPRETATION},
        {"organisation": 999_999},  # names nothing public: the usual path's empty list
        {"year": "abc"},  # malformed: the usual path's 400
        {"page_size": 0},
        {"domain": ""},
        {"organisation": "+5"},  # not an id: the usual path's 400
        {"organisation": "abc", "page_size": 0},  # the filter's 400 comes first
        {"item": "5 "},
        {"after": "2024-01-01.99999999999999999999"},  # an id no database holds: the first page
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_compiled_document_list_answers_as_the_orm_path(client, county, settings, language):
    """api/views.py `compiled_page`: body, status and headers as the queryset through DRF gives them."""
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for query in queries(county):
        settings.GONGKAI_STORED_PAGES = False
        usual = client.get("/api/v1/documents/", query)
        settings.GONGKAI_STORED_PAGES = True
        compiled = client.get("/api/v1/documents/", query)
        assert compiled.status_code == usual.status_code, query
        assert compiled.content == usual.content, query
        assert compiled["ETag"] == usual["ETag"], query


def test_the_compiled_document_list_costs_one_query(client, county, settings, django_assert_num_queries):
    settings.GONGKAI_STORED_PAGES = True
    path = f"/api/v1/documents/?organisation={county['office'].pk}"
    client.get(path)
    with django_assert_num_queries(1):
        assert client.get(path).status_code == 200
