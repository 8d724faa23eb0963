"""The gates, proven from the outside: crawl the API of the seeded demo like a client would.

Every URL the API hands out is followed (links to the HTML site and attachment downloads are collected,
not fetched). Nothing `Document.objects.public()` excludes may show its title, index number or
attachment anywhere, and its API URL must answer 404; catalog working copies never published stay out.
"""

import io
import json
from collections import deque

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import CatalogItem, CatalogVersion, Domain
from column.models import Guide, Part, PartVersion, Profile, Rules
from disclosure.models import Attachment, Document, DocumentType, Status, Validity
from interaction.models import Message
from participation.models import OpenDay, PublicComment, PublicConsultation
from portal.models import Organisation
from requests_app.models import AnnualReport
from sitereport.models import SiteReport
from tests.participation.factories import ConsultationFactory, OpenDayFactory
from villages.demo import resident_id as demo_resident_id
from villages.models import BenefitRecipient, VillageItem
from villages.models import Column as VillageColumn

pytestmark = pytest.mark.django_db

API = "http://testserver/api/v1/"


def _start_urls():
    base = reverse("api:documents")
    urls = [reverse("api:index")]
    urls += [f"{base}?organisation={pk}" for pk in Organisation.objects.values_list("pk", flat=True)]
    urls += [f"{base}?domain={code}" for code in Domain.objects.values_list("code", flat=True)]
    urls += [f"{base}?doc_type={t}" for t in DocumentType.values]
    urls += [f"{base}?validity={v}" for v in Validity.values]
    urls += [f"{base}?sort=old", f"{base}?year=2025", f"{base}?page_size=100"]
    urls += [f"{base}?item={pk}" for pk in CatalogItem.objects.ever_published().values_list("pk", flat=True)]
    urls += [reverse("api:catalog-versions") + "?current=true", reverse("api:catalog-versions") + "?negative_list=true"]
    for name in ("messages", "consultations", "open-days"):
        urls += [
            reverse(f"api:{name}") + f"?organisation={pk}" for pk in Organisation.objects.values_list("pk", flat=True)
        ]
    urls += [reverse("api:consultations") + "?has_feedback=true", reverse("api:open-days") + "?coming=false"]
    for name in ("column-parts", "village-items"):
        urls += [
            reverse(f"api:{name}") + f"?organisation={pk}" for pk in Organisation.objects.values_list("pk", flat=True)
        ]
    urls += [reverse("api:column-parts") + f"?part={part}" for part in Part.values]
    urls += [reverse("api:column-parts") + "?current=false"]
    urls += [reverse("api:village-items") + f"?column={column}" for column in VillageColumn.values]
    return urls


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def crawl(client, start, limit=3000):
    seen, queue, bodies, outside = set(), deque(start), {}, set()
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"] != "application/json":  # the schema and the docs page: no data
            continue
        bodies[url] = response.content.decode()
        for text in _strings(json.loads(response.content)):
            if text.startswith(API):
                queue.append(text.removeprefix("http://testserver"))
            elif text.startswith("http://testserver/"):
                outside.add(text.removeprefix("http://testserver"))
    return bodies, outside


def test_crawl_of_the_api_reveals_nothing_non_public(client):
    call_command("seed_demo", stdout=io.StringIO())
    # The demo publishes every consultation and open day it seeds: add the hidden states (draft, under review,
    # withdrawn) beside them, and a published consultation whose feedback is written but not yet published.
    county = Organisation.objects.active().in_tree_order().first()
    for status in ("draft", "submitted", "withdrawn"):
        ConsultationFactory(organisation=county, status=status, title=f"隐藏的意见征集（{status}）")
        OpenDayFactory(organisation=county, status=status, theme=f"隐藏的政府开放日（{status}）")
    ConsultationFactory(organisation=county, adopted_views="尚未发布的采纳情况")
    hidden = Document.objects.exclude(pk__in=Document.objects.public())
    kinds = set(hidden.values_list("status", "attribute"))
    assert {s for s, _ in kinds} >= {Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN}
    assert {a for _, a in kinds} >= {"on_request", "withheld"}
    assert Attachment.objects.filter(document__in=hidden).exists()

    bodies, outside = crawl(client, _start_urls())
    everything = "\n".join(bodies.values())
    assert len(bodies) > 200
    public = Document.objects.public()
    assert reverse("api:document-detail", args=[public.first().pk]) in bodies
    assert all(reverse("api:document-detail", args=[d.pk]) in bodies for d in public.filter(doc_type="interpretation"))

    public_titles = set(public.values_list("title", flat=True))
    for document in hidden:
        if not any(document.title in title for title in public_titles):
            assert document.title not in everything, document.title
        if document.index_number and not public.filter(index_number=document.index_number):
            assert document.index_number not in everything
        assert client.get(reverse("api:document-detail", args=[document.pk])).status_code == 404
    for attachment in Attachment.objects.filter(document__in=hidden):
        assert reverse("disclosure:attachment", args=[attachment.document_id, attachment.pk]) not in outside
    public_attachment = Attachment.objects.filter(document__in=public).first()
    assert reverse("disclosure:attachment", args=[public_attachment.document_id, public_attachment.pk]) in outside

    # Catalog items only ever named from published versions; unpublished working-copy wording stays out.
    never_published = CatalogItem.objects.exclude(pk__in=CatalogItem.objects.ever_published())
    published_wording = set(CatalogVersion.objects.values_list("items__second_level", flat=True))
    for item in never_published:
        if item.second_level not in published_wording:
            assert f'"second_level":"{item.second_level}"' not in everything
    for version in CatalogVersion.objects.exclude(pk__in=CatalogVersion.objects.published()):
        assert client.get(reverse("api:catalog-version-detail", args=[version.pk])).status_code == 404

    # Annual reports: drafts and submitted reports are not shown; only the published version's words.
    published_texts = set(AnnualReport.objects.published().values_list("overview", flat=True))
    assert published_texts and all(text in everything for text in published_texts if text)
    for report in AnnualReport.objects.exclude(pk__in=AnnualReport.objects.published()):
        if report.overview and report.overview not in published_texts:
            assert report.overview not in everything

    # Messages, consultations and open days: only what their public gates let through, nothing personal.
    assert Message.objects.public().exists() and Message.objects.exclude(pk__in=Message.objects.public()).exists()
    public_subjects = set(Message.objects.public().values_list("public_subject", flat=True))
    for message in Message.objects.public():
        assert reverse("api:message-detail", args=[message.pk]) in bodies
        assert message.tracking_number not in everything and message.phone not in everything
        if message.email:
            assert message.email not in everything
    for message in Message.objects.exclude(pk__in=Message.objects.public()):
        if not any(message.subject in subject for subject in public_subjects):
            assert message.subject not in everything, message.subject
        assert client.get(reverse("api:message-detail", args=[message.pk])).status_code == 404
    hidden_consultations = PublicConsultation.objects.exclude(pk__in=PublicConsultation.objects.public())
    assert hidden_consultations.exists()
    for consultation in PublicConsultation.objects.public():
        assert reverse("api:consultation-detail", args=[consultation.pk]) in bodies
    public_consultation_titles = set(PublicConsultation.objects.public().values_list("title", flat=True))
    for consultation in hidden_consultations:
        if consultation.title not in public_consultation_titles:
            assert consultation.title not in everything, consultation.title
        assert client.get(reverse("api:consultation-detail", args=[consultation.pk])).status_code == 404
    for consultation in PublicConsultation.objects.public().filter(feedback_published_at__isnull=True):
        if consultation.adopted_views:
            assert consultation.adopted_views not in everything
    for comment in PublicComment.objects.all():
        assert comment.receipt_number not in everything and comment.name not in everything
        if comment.phone:
            assert comment.phone not in everything
    for comment in PublicComment.objects.exclude(pk__in=PublicComment.objects.public()):
        assert comment.body not in everything
    hidden_days = OpenDay.objects.exclude(pk__in=OpenDay.objects.public())
    assert hidden_days.exists()
    for open_day in OpenDay.objects.public():
        assert reverse("api:open-day-detail", args=[open_day.pk]) in bodies
    public_themes = set(OpenDay.objects.public().values_list("theme", flat=True))
    for open_day in hidden_days:
        if open_day.theme not in public_themes:
            assert open_day.theme not in everything, open_day.theme
        assert client.get(reverse("api:open-day-detail", args=[open_day.pk])).status_code == 404
    # The site's annual work report: the published year is reached from the index, the year in draft is not.
    for report in SiteReport.objects.published():
        assert reverse("api:site-report", args=[report.year]) in bodies
    drafts = SiteReport.objects.exclude(pk__in=SiteReport.objects.published())
    assert drafts.exists()
    for report in drafts.exclude(year__in=SiteReport.objects.published().values("year")):
        assert reverse("api:site-report", args=[report.year]) not in bodies
        assert client.get(reverse("api:site-report", args=[report.year])).status_code == 404

    # The column's written parts: every published version is reached; working copies never published stay out.
    public_versions = PartVersion.objects.public()
    assert public_versions.exists()
    for version in public_versions:
        assert reverse("api:column-part-detail", args=[version.pk]) in bodies
    published_data = json.dumps(list(public_versions.values_list("data", flat=True)), ensure_ascii=False)
    prose = {Guide: ("arrangement", "obtaining", "request_procedure", "office_name"),
             Rules: ("confidentiality_review", "dynamic_adjustment", "request_handling", "publication_review"),
             Profile: ("functions", "internal_units", "subordinate_bodies")}  # fmt: skip
    unpublished = 0
    for model, fields in prose.items():
        for copy in model.objects.exclude(status="published"):
            for value in (getattr(copy, name) for name in fields):
                if value and value not in published_data:
                    unpublished += 1
                    assert value not in everything, value
    assert unpublished  # the demo's draft guide and the rules under review
    for version in PartVersion.objects.exclude(pk__in=public_versions):
        assert client.get(reverse("api:column-part-detail", args=[version.pk])).status_code == 404
    # Village affairs: published items only; benefit lists reached, masked, never a full ID number.
    public_items = VillageItem.objects.public()
    hidden_items = VillageItem.objects.exclude(pk__in=public_items)
    assert public_items.exists() and {"draft", "submitted", "withdrawn"} <= set(
        hidden_items.values_list("status", flat=True)
    )
    for village_item in public_items:
        assert reverse("api:village-item-detail", args=[village_item.pk]) in bodies
    public_item_titles = set(public_items.values_list("title", flat=True))
    for village_item in hidden_items:
        if village_item.title not in public_item_titles:
            assert village_item.title not in everything, village_item.title
        assert client.get(reverse("api:village-item-detail", args=[village_item.pk])).status_code == 404
        assert client.get(reverse("api:village-item-recipients", args=[village_item.pk])).status_code == 404
    shown_recipients = BenefitRecipient.objects.filter(item__in=public_items)
    assert shown_recipients.exists()
    for recipient in shown_recipients:
        assert f'"masked_id":"{recipient.masked_id}"' in everything
    assert all(demo_resident_id(v, n) not in everything for v in range(10) for n in range(30))
