"""Feeds carry markup from organisation names and document numbers as text, never as HTML for feed readers."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import OrganisationFactory

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_NAME = '民政局<img src=x onerror="alert(1)">'
HOSTILE_NUMBER = "安民发<script>alert(2)</script>〔2026〕1号"


@pytest.fixture
def document():
    organisation = OrganisationFactory(name=HOSTILE_NAME)
    return DocumentFactory(
        organisation=organisation, document_number=HOSTILE_NUMBER, published=True, title="<b>通知</b>"
    )


def rss_items(client, url):
    root = ET.fromstring(client.get(url).content)
    return root.findall("./channel/item")


def atom_entries(client, url):
    root = ET.fromstring(client.get(url).content)
    return root.findall(f"{ATOM}entry")


def assert_text_only(html_payload):
    """What a feed reader renders as HTML holds no element: the markup is shown as text."""
    assert "<img" not in html_payload and "<script" not in html_payload
    assert "&lt;img" in html_payload and "&lt;script&gt;" in html_payload


@pytest.mark.parametrize("kind", ["organisation", "domain"])
def test_rss_description_escapes_every_field(client, document, kind):
    url = (
        f"/feeds/organisation/{document.organisation_id}/rss/"
        if kind == "organisation"
        else f"/feeds/domain/{document.domain.code}/rss/"
    )
    (item,) = rss_items(client, url)
    assert_text_only(item.findtext("description"))
    assert item.findtext("title") == "<b>通知</b>"  # RSS titles are plain text; XML escaping keeps them so


@pytest.mark.parametrize("kind", ["organisation", "domain"])
def test_atom_summary_escapes_every_field(client, document, kind):
    url = (
        f"/feeds/organisation/{document.organisation_id}/atom/"
        if kind == "organisation"
        else f"/feeds/domain/{document.domain.code}/atom/"
    )
    (entry,) = atom_entries(client, url)
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert_text_only(summary.text)
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
