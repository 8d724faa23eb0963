"""Identity numbers and contact details never reach a public page, feed or export (demo data, every public URL)."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.models import Organisation
from requests_app.models import InformationRequest

pytestmark = pytest.mark.django_db


def test_no_public_page_or_export_shows_identity_numbers_or_contacts(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    secrets = set()
    for number, phone, email, address in InformationRequest.objects.values_list(
        "id_document_number", "phone", "email", "postal_address"
    ):
        secrets |= {number, phone, address} | ({email} if email else set())
    year = timezone.localdate().year
    urls = [
        "/",
        "/guide/",
        reverse("requests_app:apply"),
        reverse("requests_app:track"),
        reverse("requests_app:annual_reports"),
        "/documents/",
        "/sitemap.xml",
    ]
    for organisation in Organisation.objects.all():
        urls += [
            reverse("requests_app:annual_report", kwargs={"org_pk": organisation.pk, "year": year}),
            reverse("requests_app:annual_report_xlsx", kwargs={"org_pk": organisation.pk, "year": year}),
        ]
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="ignore")
        leaked = [s for s in secrets if s in text]
        assert leaked == [], url
