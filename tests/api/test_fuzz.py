"""Schema-driven fuzzing (schemathesis) of every API operation against the WSGI app.

The OpenAPI document is generated from the code at import (drf-spectacular, no request needed) and each
operation becomes a test. Bounded: a few examples per operation over a small data set made with the
factories, so the whole file runs in seconds. Finds any 5xx and any response that breaks the document
(status code, content type, headers, body schema).
"""

import datetime as dt

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from column import services as column_services
from column.models import Leader, Part
from disclosure import services
from disclosure.models import Attachment, CleanupBatch, CleanupEntry, DocumentType
from interaction.models import Message
from portal.roles import Role
from portal.wsgi import application
from sitereport import services as site_services
from tests.catalog.factories import NegativeListEntryFactory, publish_catalog
from tests.column.conftest import publish as publish_part
from tests.column.conftest import write as write_part
from tests.disclosure.factories import CatalogItemFactory, DocumentFactory
from tests.factories import OrganisationFactory, member
from tests.interaction.factories import write_message
from tests.participation.factories import CommentFactory, ConsultationFactory, OpenDayFactory
from tests.sitereport.factories import keepers, published_report
from tests.villages.factories import item as village_item
from tests.villages.factories import resident_id, village
from tests.villages.factories import staff as village_staff
from villages import rules as village_rules
from villages import services as village_services
from villages.models import Column, ItemStatus

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


def _published(**kwargs):
    document = DocumentFactory(published=True, **kwargs)
    services.prepare(document)
    document.save()
    return document


@pytest.fixture
def wsgi_in_test_transaction():
    """Like Django's test client: the app must not close the test's connection when a response finishes."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_data(db, settings, wsgi_in_test_transaction):
    """A small county: two levels of organisations, public and hidden documents, a catalog, a clean-up."""
    settings.GONGKAI_API_RATE = None
    county = OrganisationFactory(pk=1, kind="county")
    office = OrganisationFactory(pk=2, parent=county)
    policy = _published(organisation=office, doc_type=DocumentType.POLICY, published_on=dt.date(2025, 3, 1))
    _published(organisation=office, doc_type=DocumentType.INTERPRETATION, interprets=policy)
    for i in range(5):
        _published(organisation=county, published_on=dt.date(2026, 1, 1) + dt.timedelta(days=i))
    DocumentFactory(organisation=office)
    Attachment.objects.create(
        document=policy, file=ContentFile(b"%PDF-1.4", name="a.pdf"), original_name="附件.pdf", kind="pdf", size=8
    )
    item = CatalogItemFactory(organisation=office)
    publish_catalog(office, item.domain)
    policy.catalog_items.add(item)
    NegativeListEntryFactory(organisation=office)
    publish_catalog(office, None, items=0)
    batch = CleanupBatch.objects.create(organisation=office, held_on=dt.date(2026, 2, 1), scope="规范性文件")
    CleanupEntry.objects.create(batch=batch, document=policy, new_validity="expired", effective_on=dt.date(2026, 2, 1))
    # Interaction and participation: an answered, published message and one in progress; consultations with and
    # without feedback and a draft; open days coming, past with a summary, and a draft.
    message, _code = write_message(office)
    Message.objects.filter(pk=message.pk).update(
        status="answered", reply="答复", answered_on=dt.date(2026, 2, 2), public_subject="公开标题",
        public_body="公开内容", published_at=timezone.now(),
    )  # fmt: skip
    write_message(county)
    consultation = ConsultationFactory(organisation=office, final_document=policy, comment_count=1, commenter_count=1,
                                       feedback_published_at=timezone.now(), feedback_published_on=dt.date(2026, 2, 3))  # fmt: skip
    CommentFactory(consultation=consultation, status="approved")
    ConsultationFactory(organisation=county)
    ConsultationFactory(organisation=county, status="draft")
    OpenDayFactory(organisation=office)
    OpenDayFactory(organisation=county, starts_at=timezone.now() - dt.timedelta(days=9), signup_opens_at=timezone.now()
                   - dt.timedelta(days=20), signup_closes_at=timezone.now() - dt.timedelta(days=10), summary="总结",
                   attendance=5, summary_published_at=timezone.now())  # fmt: skip
    OpenDayFactory(organisation=county, status="draft")
    # The site's annual work report: last year's published, this year's a draft.
    clerk, reviewer = keepers(county)
    published_report(county, timezone.localdate().year - 1, clerk=clerk, reviewer=reviewer)
    site_services.start(county, timezone.localdate().year, by=clerk)
    # The column: a published guide (two versions), rules and a profile with a leader; a draft beside them.
    editor, reviewer = member(Role.EDITOR, office), member(Role.REVIEWER, office)
    for part in (Part.GUIDE, Part.GUIDE, Part.RULES):
        publish_part(office, part, editor, reviewer)
    profile = write_part(office, Part.PROFILE, editor)
    column_services.save_leader(Leader(profile=profile, name="张三", post="局长", duties="主持全面工作。"), by=editor)
    column_services.transition(profile, "submit", by=editor)
    column_services.transition(profile, "publish", by=reviewer)
    write_part(county, Part.GUIDE, member(Role.EDITOR, county))
    # Village affairs: a decision, a quarter's finances and a benefit list published, a draft beside them.
    town = OrganisationFactory(kind="township", parent=county)
    place = village(town)
    village_clerk, village_reviewer = village_staff(town)
    for column, fields in (
        (Column.DECISIONS, {}),
        (Column.DECISIONS, {"state": ItemStatus.DRAFT}),
        (Column.FINANCES, {"year": 2025, "quarter": 2, "income": 10, "spending": 4, "assets": 0}),
    ):
        village_item(place, column=column, clerk=village_clerk, reviewer=village_reviewer,
                     **{"state": ItemStatus.PUBLISHED, **fields})  # fmt: skip
    benefits = village_item(place, column=Column.BENEFITS, benefit_kind="dibao", clerk=village_clerk)
    household = village_rules.read_recipient_row(["张三", resident_id(1), 2, 300])[0]
    village_services.import_recipients(benefits, [household], by=village_clerk, filename="名单.xlsx")
    village_services.transition(benefits, "submit", by=village_clerk)
    village_services.transition(benefits, "publish", by=village_reviewer)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case, api_data):
    # The site gzips responses for clients that ask (GZipMiddleware); schemathesis' WSGI transport asks but does not
    # decompress, so the fuzzer asks for the body as it is (HTTP clients such as requests decompress on their own).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
