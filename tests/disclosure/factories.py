"""Factories for documents; published ones get an index number the way services.publish would."""

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from catalog.models import CatalogItem, Domain
from disclosure import services
from disclosure.models import Attachment, Attribute, Document, DocumentType, Status
from portal.legal import WithholdingGround
from tests.factories import OrganisationFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.LazyFunction(lambda: Domain.objects.order_by("number").first())
    title = factory.Sequence(lambda n: f"关于调整城乡低保标准的通知（第{n}号）")
    document_number = factory.Sequence(lambda n: f"安民发〔2026〕{n}号")
    doc_type = DocumentType.NOTICE
    written_on = dt.date(2026, 3, 2)
    formed_on = dt.date(2026, 3, 2)
    body = "<p>为保障困难群众基本生活，现将城乡最低生活保障标准调整如下。</p>"
    attribute = Attribute.PROACTIVE
    status = Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            published_on=factory.LazyFunction(lambda: timezone.localdate()),
            index_year=factory.LazyFunction(lambda: timezone.localdate().year),
            index_serial=factory.Sequence(lambda n: n + 1),
            index_number=factory.LazyAttribute(
                lambda d: f"{d.organisation.credit_code}/{d.index_year}-{d.index_serial:05d}"
            ),
        )
        withheld = factory.Trait(
            attribute=Attribute.WITHHELD,
            withholding_ground=WithholdingGround.INTERNAL_AFFAIRS,
            withholding_explanation="内部人事管理信息。",
        )
        on_request = factory.Trait(
            attribute=Attribute.ON_REQUEST,
            withholding_ground=WithholdingGround.PROCESS_INFORMATION,
            withholding_explanation="过程性信息。",
        )


class CatalogItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogItem

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.LazyFunction(lambda: Domain.objects.order_by("number").first())
    first_level = "社会救助"
    second_level = factory.Sequence(lambda n: f"最低生活保障{n}")


def published(**kwargs):
    """A published document prepared as publication leaves it (index number, rendered body, search text)."""
    document = DocumentFactory(published=True, **kwargs)
    services.prepare(document)
    document.save()
    return document


def attach(document, name="附件一.pdf"):
    return Attachment.objects.create(
        document=document, file=ContentFile(b"%PDF-1.4", name="a.pdf"), original_name=name, kind="pdf", size=8
    )
