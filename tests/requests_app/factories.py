"""Factories for information requests. Personal data uses values the tests can search pages for."""

import datetime as dt

import factory
from django.utils import timezone

from portal.intake import codes
from portal.validators import resident_id_check_character
from requests_app import services
from requests_app.deadlines import Channel
from requests_app.models import ApplicantCategory, Delivery, IdentityDocument, InformationRequest, PreferredForm, State
from tests.factories import OrganisationFactory

RESIDENT_ID = "11010519491231002" + resident_id_check_character("11010519491231002")
PHONE = "13912345678"
EMAIL = "zhang.san@example.net"
QUERY_CODE = "ABCDEFGH23"


def applicant_data(**overrides) -> dict:
    """The fields a citizen types into the form, as services.submit_online takes them."""
    data = {
        "applicant_category": ApplicantCategory.NATURAL_PERSON,
        "applicant_name": "张三丰",
        "id_document_type": IdentityDocument.RESIDENT_ID,
        "id_document_number": RESIDENT_ID,
        "phone": PHONE,
        "email": EMAIL,
        "postal_address": "安平县人民路8号",
        "subject": "2025年城乡低保资金发放明细",
        "description": "安平县民政局2025年各乡镇城乡低保资金发放汇总表",
        "purpose": "",
        "preferred_form": PreferredForm.ELECTRONIC,
        "delivery": Delivery.EMAIL,
    }
    data.update(overrides)
    return data


class InformationRequestFactory(factory.django.DjangoModelFactory):
    """A request already received on `received_on` (state RECEIVED, due date derived)."""

    class Meta:
        model = InformationRequest

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2025
    serial = factory.Sequence(lambda n: 900000 + n)
    tracking_number = factory.LazyAttribute(
        lambda o: codes.format_tracking_number(services.TRACKING_PREFIX, o.year, o.serial)
    )
    query_code_hash = factory.LazyFunction(lambda: codes.hash_query_code(QUERY_CODE, services.QUERY_CODE_PURPOSE))
    channel = Channel.IN_PERSON
    applicant_category = ApplicantCategory.NATURAL_PERSON
    applicant_name = factory.Sequence(lambda n: f"申请人{n}")
    id_document_type = IdentityDocument.RESIDENT_ID
    id_document_number = RESIDENT_ID
    phone = PHONE
    email = EMAIL
    postal_address = "安平县人民路8号"
    subject = factory.Sequence(lambda n: f"申请的信息{n}")
    description = "所需信息的描述"
    preferred_form = PreferredForm.ELECTRONIC
    delivery = Delivery.EMAIL
    state = State.RECEIVED
    received_on = dt.date(2025, 3, 3)
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(dt.datetime.combine(o.received_on or dt.date(2025, 3, 3), dt.time(9)))
    )
    due_on = factory.LazyAttribute(lambda o: services.deadlines.reply_due(o.received_on) if o.received_on else None)
