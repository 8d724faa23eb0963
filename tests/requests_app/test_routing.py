"""Routing and intake: passing a request to the competent organ on the platform, and clearing spam."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.errors import Refusal
from requests_app import annual_report, services
from requests_app.models import EventKind, InformationRequest, State
from tests.factories import OrganisationFactory

from .factories import QUERY_CODE, InformationRequestFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_transfer_on_the_platform_is_a_new_receipt_there(organisation, handler):
    competent = OrganisationFactory(name="安平县自然资源局")
    request = InformationRequestFactory(organisation=organisation, received_on=D(2025, 3, 3), state=State.IN_PROGRESS)
    passed_on = services.transfer(request, to_organisation=competent, on=D(2025, 3, 6), by=handler)
    assert request.state == State.TRANSFERRED and request.transferred_to == "安平县自然资源局"
    assert passed_on.organisation == competent and passed_on.state == State.RECEIVED
    assert passed_on.received_on == D(2025, 3, 6) and passed_on.due_on == D(2025, 4, 3)  # its own 20 working days
    assert passed_on.applicant_name == request.applicant_name and passed_on.transferred_from == request
    assert passed_on.events.get().kind == EventKind.TRANSFERRED_IN
    # the applicant follows both with the one query code
    assert services.find_for_applicant(passed_on.tracking_number, QUERY_CODE) == passed_on
    # 36(5) at the sender, a new application at the receiver
    assert annual_report.compute(organisation, 2025).row("unavailable_1").cells[-1] == 1
    assert annual_report.compute(competent, 2025).row("new").cells[-1] == 1
    with pytest.raises(Refusal, match="本机关"):
        services.transfer(
            InformationRequestFactory(organisation=organisation),
            to_organisation=organisation,
            on=D(2025, 3, 6),
            by=handler,
        )


def test_the_tracking_page_points_to_the_new_number(client, organisation, handler):
    request = InformationRequestFactory(organisation=organisation, received_on=D(2025, 3, 3), state=State.IN_PROGRESS)
    passed_on = services.transfer(request, to_organisation=OrganisationFactory(), on=D(2025, 3, 6), by=handler)
    html = client.post(
        reverse("requests_app:track"), {"tracking_number": request.tracking_number, "query_code": QUERY_CODE}
    ).content.decode()
    assert passed_on.tracking_number in html and "查询码不变" in html


def test_staff_transfer_form_offers_the_platforms_organs(client, organisation, handler):
    competent = OrganisationFactory(name="安平县市场监督管理局")
    request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": request.pk, "action": "transfer"}
    )
    assert "安平县市场监督管理局" in client.get(url).content.decode()
    empty = client.post(url, {"on": "2025-03-06", "comment": "", "competent_organ": "", "to_organisation": ""})
    assert empty.status_code == 200 and "请选择本平台上的有权机关" in empty.content.decode()
    client.post(url, {"on": "2025-03-06", "comment": "", "competent_organ": "", "to_organisation": competent.pk})
    assert InformationRequest.objects.filter(organisation=competent).count() == 1


def test_spam_is_cleared_never_counted_and_kept_in_the_history(organisation, handler):
    spam = InformationRequestFactory(organisation=organisation, state=State.SUBMITTED, received_on=None, due_on=None)
    with pytest.raises(Refusal, match="理由"):
        services.discard(spam, reason=" ", on=D(2025, 3, 5), by=handler)
    services.discard(spam, reason="内容为广告", on=D(2025, 3, 5), by=handler)
    assert spam.state == State.DISCARDED and spam.events.get().kind == EventKind.DISCARDED
    received = InformationRequestFactory(organisation=organisation, received_on=D(2025, 3, 3))
    with pytest.raises(Refusal, match="尚未确认收到"):
        services.discard(received, reason="广告", on=D(2025, 3, 5), by=handler)
    report = annual_report.compute(organisation, 2025)
    assert report.row("new").cells[-1] == 1 and report.is_consistent
