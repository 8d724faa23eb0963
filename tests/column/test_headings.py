"""The headings of 法定主动公开内容 and the default a document gets (pure rules)."""

import pytest

from disclosure.headings import ARTICLE_21, default_heading, headings_for
from disclosure.headings import StatutoryHeading as H


@pytest.mark.parametrize(
    ("doc_type", "domain", "expected"),
    [
        ("normative", "social-assistance", H.NORMATIVE),  # the type wins over the domain
        ("policy", None, H.NORMATIVE),
        ("interpretation", "employment", H.NORMATIVE),
        ("statistics", "budgets", H.STATISTICS),
        ("plan", None, H.PLANS),
        ("notice", "social-assistance", H.SOCIAL_ASSISTANCE),
        ("notice", "budgets", H.FINANCE),
        ("report", "major-projects", H.MAJOR_PROJECTS),
        ("notice", "land-acquisition", H.LAND),
        ("notice", None, ""),  # nothing suggests a heading: the editor chooses
        ("other", "no-such-domain", ""),
    ],
)
def test_default_heading(doc_type, domain, expected):
    assert default_heading(doc_type, domain) == expected


@pytest.mark.parametrize(
    ("kind", "with_article_21"),
    [("province", False), ("city", True), ("county", True), ("department", True), ("township", True), ("street", True)],
)
def test_article_21_headings_apply_to_counties_and_townships(kind, with_article_21):
    headings = headings_for(kind)
    assert H.NORMATIVE in headings and H.CIVIL_SERVICE in headings
    assert bool(ARTICLE_21 & set(headings)) is with_article_21
    assert len(headings) == (22 if with_article_21 else 15)


@pytest.mark.django_db
def test_a_saved_document_is_filed_under_its_default_heading_unless_chosen():
    from catalog.models import Domain
    from tests.disclosure.factories import DocumentFactory

    assistance = Domain.objects.get(code="social-assistance")
    assert DocumentFactory(domain=assistance).statutory_heading == H.SOCIAL_ASSISTANCE
    chosen = DocumentFactory(domain=assistance, statutory_heading=H.LIVELIHOOD)
    assert chosen.statutory_heading == H.LIVELIHOOD
