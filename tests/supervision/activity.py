"""A period of activity (calendar year 2025) with a known value for every built-in indicator."""

import datetime as dt
from decimal import Decimal

from disclosure.models import CleanupBatch, DocumentEvent, DocumentType, EventKind, Status, Validity
from portal.roles import Role
from requests_app.models import Remedy, RemedyKind, RemedyOutcome, State
from supervision.models import Designation, Training
from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.disclosure.factories import DocumentFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.requests_app.factories import InformationRequestFactory

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
D = dt.date


def doc(org, published_on, *, items=(), formed_on=None, late=False, **extra):
    document = DocumentFactory(
        organisation=org, published=True, published_on=published_on, formed_on=formed_on, written_on=formed_on,
        is_late=late, **extra,
    )  # fmt: skip
    if items:
        document.catalog_items.set(items)
    return document


def build():
    """Organisation A with a year of activity, B with a designation lacking contacts and a training it held."""
    a = OrganisationFactory(name="甲局")
    b = OrganisationFactory(name="乙局")
    d = domain()
    i1 = CatalogItemFactory(organisation=a, domain=d, time_limit="信息形成或者变更之日起20个工作日内")
    i2 = CatalogItemFactory(organisation=a, domain=d, time_limit="及时公开")
    i3 = CatalogItemFactory(organisation=a, domain=d, time_limit="每月更新")
    i4 = CatalogItemFactory(organisation=a, domain=d, time_limit="20个工作日")
    CatalogItemFactory(organisation=a, domain=d, time_limit="及时公开", mode_proactive=False)
    publish_catalog(a, d)
    # An item added to the working copy after publication is not a column yet.
    CatalogItemFactory(organisation=a, domain=d)

    doc(a, D(2025, 12, 20), items=[i1], formed_on=D(2025, 12, 10))  # on time
    doc(a, D(2025, 6, 2), items=[i1, i2], formed_on=D(2025, 3, 3), late=True)  # late on both rules; i2 goes stale
    doc(a, D(2025, 12, 1), items=[i3])  # no formation date: no rule
    doc(a, D(2025, 5, 5), formed_on=D(2025, 5, 1), doc_type=DocumentType.NORMATIVE, needs_interpretation=True,
        validity=Validity.EXPIRED)  # fmt: skip
    policy = doc(a, D(2025, 5, 6), formed_on=D(2025, 5, 4), doc_type=DocumentType.POLICY, needs_interpretation=True)
    doc(a, D(2025, 5, 6), formed_on=D(2025, 5, 4), doc_type=DocumentType.INTERPRETATION, interprets=policy)
    doc(a, D(2024, 3, 1), items=[i4], formed_on=D(2024, 2, 1))  # outside the period (but i4 is not empty)
    DocumentFactory(organisation=a, formed_on=D(2025, 7, 1))  # a draft: counts nowhere
    DocumentFactory(organisation=a, withheld=True, status=Status.PUBLISHED, next_review_on=D(2025, 11, 1))
    reassessed = DocumentFactory(organisation=a, on_request=True, status=Status.PUBLISHED)
    event = DocumentEvent.objects.create(document=reassessed, kind=EventKind.REASSESSED_KEEP)
    DocumentEvent.objects.filter(pk=event.pk).update(at=dt.datetime(2025, 6, 10, 10, tzinfo=dt.UTC))
    CleanupBatch.objects.create(organisation=a, held_on=D(2024, 6, 1), scope="2023年以前的规范性文件")
    CleanupBatch.objects.create(organisation=a, held_on=D(2023, 6, 1), scope="更早的清理")

    def request(**kwargs):
        return InformationRequestFactory(organisation=a, **kwargs)

    r1 = request(received_on=D(2025, 3, 3), state=State.ANSWERED, concluded_on=D(2025, 3, 20))
    r2 = request(received_on=D(2025, 4, 1), due_on=D(2025, 4, 29), state=State.ANSWERED, concluded_on=D(2025, 5, 15))
    request(received_on=D(2025, 6, 2), due_on=D(2025, 6, 30), state=State.IN_PROGRESS)
    r4 = request(received_on=D(2024, 12, 2), due_on=D(2025, 1, 15), state=State.CLOSED, concluded_on=D(2025, 1, 10))
    request(received_on=D(2025, 7, 1), state=State.WITHDRAWN, concluded_on=D(2025, 7, 3))
    Remedy.objects.create(request=r2, kind=RemedyKind.RECONSIDERATION, filed_on=D(2025, 6, 1),
                          outcome=RemedyOutcome.CORRECTED, decided_on=D(2025, 8, 1))  # fmt: skip
    Remedy.objects.create(request=r4, kind=RemedyKind.LAWSUIT_DIRECT, filed_on=D(2025, 1, 20),
                          outcome=RemedyOutcome.UPHELD, decided_on=D(2025, 2, 1))  # fmt: skip
    Remedy.objects.create(request=r1, kind=RemedyKind.RECONSIDERATION, filed_on=D(2025, 4, 1))  # pending

    Designation.objects.create(organisation=a, unit="办公室", officer="王政务", phone="0537-6500001")
    Designation.objects.create(organisation=b, unit="办公室", officer="李政务", phone="", email="")
    training = Training.objects.create(held_on=D(2025, 4, 15), topic="条例培训", organiser=b, hours=Decimal("2"))
    training.attendees.add(MembershipFactory(organisation=a, role=Role.EDITOR))
    Training.objects.create(held_on=D(2024, 4, 15), topic="去年的培训", organiser=a, hours=Decimal("2"))
    return a, b, {"items": [i1, i2, i3, i4], "requests": [r1, r2, r4]}

