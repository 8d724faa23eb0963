"""The office's home table: red/amber/green, sorting (undefined values last), the year, English."""

import pytest
from django.urls import reverse

from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.factories import OrganisationFactory
from tests.requests_app.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


def with_empty_columns(name, n):
    org = OrganisationFactory(name=name)
    if n:
        CatalogItemFactory.create_batch(n, organisation=org, domain=domain())
        publish_catalog(org, domain())
    return org


def names(response):
    return [row["organisation"].name for row in response.context["rows"]]


def test_sorting_and_colours(client, supervisor):
    many, few, none = with_empty_columns("甲", 6), with_empty_columns("乙", 2), with_empty_columns("丙", 0)
    client.force_login(supervisor)
    url = reverse("supervision:dashboard")
    assert names(client.get(url, {"sort": "empty_columns", "order": "desc"})) == ["甲", "乙", "丙"]
    response = client.get(url, {"sort": "empty_columns", "order": "asc"})
    assert names(response) == ["丙", "乙", "甲"]
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html and "rag-red" in html and "rag-amber" in html and "rag-green" in html
    # A rate with nothing to rate sorts last either way.
    InformationRequestFactory(organisation=few, received_on=None, due_on=None)
    for order in ("asc", "desc"):
        rows = client.get(url, {"sort": "requests_on_time_rate", "order": order}).context["rows"]
        assert len(rows) == 3
    bad = client.get(url, {"year": "abc", "sort": "nonsense", "kind": "nonsense"})
    assert bad.status_code == 200
    assert {many.name, few.name, none.name} <= set(names(bad))


def test_english(client, supervisor):
    client.force_login(supervisor)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("supervision:dashboard")).content.decode()
    assert "Empty columns (catalog items without documents)" in html and "空白栏目" not in html
