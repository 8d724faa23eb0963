"""Information processing fees (Art. 42, 国办函〔2020〕109号): notice, payment window, the clock, waiver, report."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.errors import Refusal
from requests_app import annual_report, services
from requests_app.models import EventKind, InformationRequest, ReplyType, State

from .factories import QUERY_CODE, InformationRequestFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _in_progress(organisation):
    return InformationRequestFactory(organisation=organisation, received_on=D(2025, 3, 3), state=State.IN_PROGRESS)


def test_a_per_page_notice_stops_the_clock_until_payment(organisation, handler):
    request = _in_progress(organisation)
    assert request.due_on == D(2025, 3, 31)
    notice = services.send_fee_notice(request, method="page", quantity=120, on=D(2025, 3, 10), by=handler)
    assert notice.amount == 70 * 10 + 20 * 20  # pages 31–100 at 10 yuan, 101–120 at 20
    assert notice.payment_due_on == D(2025, 4, 8)  # 20 working days (04-04 Qingming off)
    request.refresh_from_db()
    assert request.due_on > D(2025, 3, 31)  # while unpaid: paused up to the payment deadline
    services.record_fee_payment(notice, on=D(2025, 3, 14), by=handler)
    request.refresh_from_db()
    # (03-10, 03-14] holds 4 working days not counted: 03-31 + 4 working days
    assert request.due_on == D(2025, 4, 7)
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.FEE_NOTICE_SENT, EventKind.FEE_PAID]


@pytest.mark.parametrize(
    ("method", "quantity", "amount"),
    [("piece", 11, 100), ("piece", 31, 200), ("page", 31, 10), ("page", 201, 70 * 10 + 100 * 20 + 40)],
)
def test_amounts_follow_the_2020_tiers(organisation, handler, method, quantity, amount):
    notice = services.send_fee_notice(
        _in_progress(organisation), method=method, quantity=quantity, on=D(2025, 3, 10), by=handler
    )
    assert notice.amount == amount


def test_refusals(organisation, handler):
    request = _in_progress(organisation)
    with pytest.raises(Refusal, match="不应收费"):
        services.send_fee_notice(request, method="page", quantity=30, on=D(2025, 3, 10), by=handler)
    with pytest.raises(Refusal, match="答复期限内"):
        services.send_fee_notice(request, method="page", quantity=50, on=D(2025, 4, 2), by=handler)
    notice = services.send_fee_notice(request, method="page", quantity=50, on=D(2025, 3, 10), by=handler)
    with pytest.raises(Refusal, match="未缴费"):
        services.send_fee_notice(request, method="page", quantity=50, on=D(2025, 3, 11), by=handler)
    with pytest.raises(Refusal, match="逾期未缴费"):
        services.record_fee_payment(notice, on=D(2025, 4, 9), by=handler)
    with pytest.raises(Refusal, match="理由"):
        services.waive_fee(notice, reason=" ", on=D(2025, 3, 12), by=handler)
    services.waive_fee(notice, reason="申请人为低保对象", on=D(2025, 3, 12), by=handler)
    with pytest.raises(Refusal, match="已处理"):
        services.record_fee_payment(notice, on=D(2025, 3, 13), by=handler)


def test_paid_fees_feed_part_six_and_unpaid_ones_count_as_abandoned(organisation, handler, reviewer):
    paid = _in_progress(organisation)
    notice = services.send_fee_notice(paid, method="piece", quantity=12, on=D(2025, 3, 10), by=handler)
    services.record_fee_payment(notice, on=D(2025, 3, 12), by=handler)
    unpaid = _in_progress(organisation)
    services.send_fee_notice(unpaid, method="page", quantity=40, on=D(2025, 3, 10), by=handler)
    reply = services.draft_reply(unpaid, reply_type=ReplyType.FEE_UNPAID, body="逾期未缴费，不再处理", by=handler)
    services.approve_reply(reply, by=reviewer)
    services.send_reply(unpaid, on=D(2025, 4, 10), by=handler)
    report = annual_report.complete(organisation, 2025, {})
    assert report.fees_charged == 100
    assert report.row("other_2").cells[-1] == 1


def test_the_applicant_sees_the_fee_notice_on_the_tracking_page(client, organisation, handler):
    request = _in_progress(organisation)
    services.send_fee_notice(request, method="page", quantity=120, on=D(2025, 3, 10), by=handler)
    html = client.post(
        reverse("requests_app:track"), {"tracking_number": request.tracking_number, "query_code": QUERY_CODE}
    ).content.decode()
    assert "信息处理费" in html and "1100" in html and "缴费前的时间不计入答复期限" in html


def test_staff_send_a_fee_notice_from_the_request_page(client, organisation, handler):
    request = _in_progress(organisation)
    client.force_login(handler)
    detail = reverse("requests_app:staff_detail", kwargs={"org_pk": organisation.pk, "pk": request.pk})
    assert "发出收费通知" in client.get(detail).content.decode()
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": request.pk, "action": "send_fee_notice"}
    )
    response = client.post(url, {"on": "2025-03-10", "method": "page", "quantity": "120"})
    assert response.status_code == 302
    assert InformationRequest.objects.get(pk=request.pk).fee_notices.get().amount == 1100
    page = client.get(detail).content.decode()
    assert "记录缴费" in page and "减免信息处理费" in page and "发出收费通知</a>" not in page
