"""The list page's filter fields are rendered once per publication generation, language and filter values
(disclosure.views.filter_fields_html), and never show a stale organisation or another visitor's choice."""

import pytest
from django.test import override_settings
from django.urls import reverse

from portal import caching
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
LIST = reverse("disclosure:list")
NO_PAGE_CACHE = override_settings(GONGKAI_PUBLIC_PAGE_CACHE_SECONDS=0)


def rendered(client, **params):
    return client.get(LIST, params).content.decode()


@NO_PAGE_CACHE
def test_the_fields_come_from_the_cache_until_a_publication(client, monkeypatch):
    org = OrganisationFactory(name="安平县民政局")
    DocumentFactory(organisation=org, published=True)
    first = rendered(client)
    calls = []
    real = caching.cached_public_data
    monkeypatch.setattr(
        "disclosure.views.cached_public_data", lambda name, compute: real(name, lambda: calls.append(name) or compute())
    )
    assert rendered(client) == first and calls == []  # stored: nothing rendered again
    caching.bump_public_generation()
    rendered(client)
    assert len(calls) == 1


@NO_PAGE_CACHE
def test_a_renamed_organisation_shows_at_once(client):
    org = OrganisationFactory(name="安平县民政局")
    DocumentFactory(organisation=org, published=True)
    assert "安平县民政局" in rendered(client)
    org.name = "安平县社会事务局"
    org.save()
    page = rendered(client)
    assert "安平县社会事务局" in page and "安平县民政局" not in page


@NO_PAGE_CACHE
def test_each_visitors_choice_is_their_own(client):
    org = OrganisationFactory(name="安平县民政局")
    DocumentFactory(organisation=org, published=True)
    rendered(client)
    chosen = rendered(client, organisation=org.pk)
    assert f'<option value="{org.pk}" selected' in chosen
    assert f'<option value="{org.pk}" selected' not in rendered(client)


@NO_PAGE_CACHE
def test_a_form_with_errors_is_rendered_for_its_visitor(client):
    rendered(client)
    response = client.get(LIST, {"year": "abc"})
    assert response.context["filter_fields"] is None and 'aria-invalid="true"' in response.content.decode()


@NO_PAGE_CACHE
def test_the_english_page_has_english_fields(client):
    DocumentFactory(published=True)
    zh = rendered(client)
    client.cookies["django_language"] = "en"  # the language switcher's cookie (portal/middleware.py)
    en = rendered(client)
    assert "发布机构（含下级）" in zh and "Issuing organisation (incl. subordinates)" not in zh
    assert "Issuing organisation (incl. subordinates)" in en and "发布机构（含下级）" not in en


@NO_PAGE_CACHE
def test_the_search_page_keeps_its_narrowing_fields_per_choice(client):
    org = OrganisationFactory(name="安平县民政局")
    DocumentFactory(organisation=org, published=True, title="城乡低保标准的通知")
    search = reverse("disclosure:search")
    plain = client.get(search, {"q": "低保"})
    narrowed = client.get(search, {"q": "低保", "organisation": org.pk})
    assert plain.context["filter_fields"] and narrowed.context["filter_fields"]
    assert f'<option value="{org.pk}" selected' in narrowed.content.decode()
    assert f'<option value="{org.pk}" selected' not in client.get(search, {"q": "社保"}).content.decode()


@NO_PAGE_CACHE
def test_the_selects_choices_are_read_only_to_render_them(client, monkeypatch):
    """A province has thousands of organisations: validating a choice is a lookup by key, and the stored fields
    need no choices, so neither the list with its fields stored nor the API reads them (docs/performance.md)."""
    org = OrganisationFactory(name="安平县民政局")
    DocumentFactory(organisation=org, published=True)
    read = []
    real = caching.cached_public_data
    monkeypatch.setattr(
        "disclosure.filters.cached_public_data", lambda name, compute: read.append(name) or real(name, compute)
    )
    rendered(client, organisation=org.pk)
    assert sorted(read) == ["filter-choices:domain", "filter-choices:organisation"]  # rendered once
    read.clear()
    assert f'<option value="{org.pk}" selected' in rendered(client, organisation=org.pk)
    assert client.get("/api/v1/documents/", {"organisation": org.pk}).status_code == 200
    assert read == []
    invalid = client.get(LIST, {"organisation": 999999})  # a form with errors is rendered for its visitor
    assert invalid.status_code == 200 and 'aria-invalid="true"' in invalid.content.decode()


@NO_PAGE_CACHE
def test_a_province_sized_select_lists_the_government_organs(client, settings):
    """Above GONGKAI_FILTER_ORGANISATIONS_MAX organisations the select leaves out the village and community
    committees (found through their township); one chosen by address still filters and shows as chosen."""
    settings.GONGKAI_FILTER_ORGANISATIONS_MAX = 2
    township = OrganisationFactory(name="城关镇人民政府", kind="township")
    village = OrganisationFactory(name="东关村民委员会", kind="village", parent=township)
    OrganisationFactory(name="清源县教育局", kind="department")
    DocumentFactory(organisation=village, published=True, title="东关村低保公示")
    page = rendered(client)
    assert "城关镇人民政府</option>" in page and "清源县教育局</option>" in page
    assert f'<option value="{village.pk}"' not in page
    chosen = rendered(client, organisation=village.pk)
    assert f'<option value="{village.pk}" selected' in chosen and "东关村低保公示" in chosen
    assert f'<option value="{village.pk}"' not in rendered(client, organisation=township.pk)
    settings.GONGKAI_FILTER_ORGANISATIONS_MAX = 400
    caching.bump_public_generation()
    assert f'<option value="{village.pk}"' in rendered(client)
