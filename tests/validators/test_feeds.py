"""Atom feeds checked against RFC 4287's required elements with an XML parser, and conditional GET (304)
on the feeds and the sitemap. No well-kept Atom validator is published on PyPI or npm (feedvalidator.org's
code is unmaintained), so the rules of RFC 4287 §4.1 are checked here one by one."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_problems(xml: bytes) -> list[str]:
    """What RFC 4287 requires of a feed and its entries that this document lacks (empty when valid)."""
    root = ElementTree.fromstring(xml)
    problems = []
    if root.tag != f"{ATOM}feed":
        return [f"root element is {root.tag}, not atom:feed"]

    def single(parent, name, where):
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1 or not (found[0].text or "").strip():
            problems.append(f"{where} has {len(found)} atom:{name} (exactly one, not empty, required)")

    for name in ("id", "title", "updated"):
        single(root, name, "feed")
    feed_has_author = bool(root.findall(f"{ATOM}author/{ATOM}name"))
    alternate = [link for link in root.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
    if len(alternate) > 1:
        problems.append("feed has more than one alternate link")
    ids = set()
    for index, entry in enumerate(root.findall(f"{ATOM}entry")):
        where = f"entry {index}"
        for name in ("id", "title", "updated"):
            single(entry, name, where)
        if not (feed_has_author or entry.findall(f"{ATOM}author/{ATOM}name")):
            problems.append(f"{where} has no atom:author (and the feed has none)")
        entry_id = entry.findtext(f"{ATOM}id")
        if entry_id in ids:
            problems.append(f"{where} repeats the id {entry_id}")
        ids.add(entry_id)
        has_content = entry.find(f"{ATOM}content") is not None
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if not has_content and not links:
            problems.append(f"{where} has neither atom:content nor an alternate link")
        for link in entry.findall(f"{ATOM}link"):
            if not link.get("href"):
                problems.append(f"{where} has a link without href")
        for stamp in ("updated", "published"):
            text = entry.findtext(f"{ATOM}{stamp}")
            if text and "T" not in text:
                problems.append(f"{where} {stamp} is not an RFC 3339 date-time: {text}")
    return problems


@pytest.fixture
def published():
    county = OrganisationFactory(name="安平县人民政府")
    office = OrganisationFactory(name="安平县民政局", parent=county)
    now = timezone.now()
    for index in range(3):
        DocumentFactory(
            organisation=office,
            title=f"关于低保标准的通知 {index} <&>",
            published=True,
            published_at=now - timedelta(days=index),
        )
    return county, office


def atom_urls(county):
    from catalog.models import Domain

    domain = Domain.objects.filter(is_active=True).first()
    return [
        reverse("disclosure:org_atom", args=[county.pk]),
        reverse("disclosure:domain_atom", args=[domain.code]),
        reverse("interaction:atom"),
        reverse("participation:atom"),
    ]


def test_every_atom_feed_has_what_rfc_4287_requires(client, published):
    county, _office = published
    for url in atom_urls(county):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml"), url
        assert atom_problems(response.content) == [], url


def test_document_entries_carry_updated_and_the_publishing_organisation_as_author(client, published):
    county, office = published
    root = ElementTree.fromstring(client.get(reverse("disclosure:org_atom", args=[county.pk])).content)
    assert root.findtext(f"{ATOM}author/{ATOM}name") == county.name
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == office.name
        assert entry.findtext(f"{ATOM}updated")
    assert "关于低保标准的通知 0 <&>" in {e.findtext(f"{ATOM}title") for e in entries}  # escaped, read back whole


def test_an_empty_feed_is_still_valid(client):
    county = OrganisationFactory()
    for url in atom_urls(county):
        assert atom_problems(client.get(url).content) == [], url


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_feeds_answer_conditional_get_with_304(client, published, kind):
    county, _office = published
    url = reverse(f"disclosure:org_{kind}", args=[county.pk])
    first = client.get(url)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    older = client.get(url, headers={"if-modified-since": http_date(0)})
    assert older.status_code == 200


def test_sitemap_answers_conditional_get_with_304(client, published):
    for url in (reverse("portal:sitemap"), reverse("portal:sitemap_section", args=["documents"])):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.has_header("ETag"), url
        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304, url
