"""Journey: a citizen subscribes to an organisation's new documents from the list page, on a phone, then
confirms from the e-mail, receives a digest and unsubscribes with one click."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from alerts.models import Subscription
from disclosure import services
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_subscribes_confirms_and_unsubscribes(page, live_server, settings):
    settings.GONGKAI_SITE_URL = live_server.url
    office = OrganisationFactory(name="安平县民政局")
    document = DocumentFactory(published=True, organisation=office, title="关于调整城乡低保标准的通知")
    services.prepare(document)
    document.save()
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/documents/?organisation={office.pk}")
    page.get_by_role("link", name="邮件订阅安平县民政局").click()
    expect(page.get_by_label("发布机构（含下级）")).to_have_value(str(office.pk))
    page.get_by_label("电子邮箱").fill("citizen@example.net")
    page.get_by_role("button", name="订阅").click()
    expect(page.get_by_role("heading", name="请查收确认邮件")).to_be_visible()
    page.wait_for_load_state()  # the stylesheet applied before the width is read
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    confirm_url = re.search(r"http\S+/alerts/confirm/\S+/", mail.outbox[0].body).group(0)
    page.goto(confirm_url)
    page.get_by_role("button", name="确认订阅").click()
    expect(page.get_by_role("heading", name="订阅成功")).to_be_visible()

    later = DocumentFactory(published=True, organisation=office, title="关于发放临时救助金的公告")
    services.prepare(later)
    later.save()
    call_command("send_alert_digests", stdout=io.StringIO())
    digest = mail.outbox[-1]
    assert "关于发放临时救助金的公告" in digest.body
    page.goto(re.search(r"http\S+/alerts/unsubscribe/\S+/", digest.body).group(0))
    page.get_by_role("button", name="退订并删除我的邮箱地址").click()
    expect(page.get_by_role("heading", name="已退订")).to_be_visible()
    assert not Subscription.objects.exists()
