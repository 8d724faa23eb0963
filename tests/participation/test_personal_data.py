"""Crawl the seeded demo like a visitor: no commenter's or registrant's name, phone, e-mail or ID number
appears on any public page, feed, calendar or sitemap; drafts and withdrawn items answer 404."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from participation.models import (
    OpenDay,
    PublicComment,
    PublicConsultation,
    Registration,
    RegistrationStatus,
)
from tests.disclosure.test_crawl import crawl

pytestmark = pytest.mark.django_db


def test_no_public_page_shows_commenters_or_registrants(client):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (PublicConsultation.objects.count(), PublicComment.objects.count(), Registration.objects.count())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    assert (PublicConsultation.objects.count(), PublicComment.objects.count(), Registration.objects.count()) == counts
    assert Registration.objects.filter(status=RegistrationStatus.WAITING).exists()  # one open day is full
    assert PublicComment.objects.filter(status="approved").exists()

    start = [
        reverse("participation:home"), reverse("participation:consultations"), reverse("participation:matters"),
        reverse("participation:open_days"), reverse("participation:open_days_ical"), reverse("participation:rss"),
        reverse("participation:atom"), "/sitemap.xml", "/",
    ]  # fmt: skip
    start += [d.get_absolute_url() for d in OpenDay.objects.all()]
    bodies = crawl(client, start)
    for path in start[:4]:
        assert path in bodies
    everything = "\n".join(bodies.values())
    participation_pages = "\n".join(b for url, b in bodies.items() if url.startswith("/participation/"))
    assert any(c.get_absolute_url() in bodies for c in PublicConsultation.objects.public())

    secrets = set()
    for phone, email in PublicComment.objects.values_list("phone", "email"):
        secrets |= {phone, email} - {""}
    for phone, email, id_number, number in Registration.objects.values_list("phone", "email", "id_number", "number"):
        secrets |= {phone, email, id_number, number} - {""}
    secrets |= set(PublicComment.objects.values_list("receipt_number", flat=True))
    assert [s for s in secrets if s in everything] == []
    names = set(PublicComment.objects.values_list("name", flat=True)) | set(
        Registration.objects.values_list("name", flat=True)
    )
    assert [n for n in names if n in participation_pages] == []
    # Comments not approved never show.
    for body in PublicComment.objects.exclude(status="approved").values_list("body", flat=True):
        assert body not in everything
