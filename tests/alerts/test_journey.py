"""The subscription journey through the pages and Django's mail outbox: subscribe, confirm, digest, unsubscribe."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from alerts.models import Subscription
from disclosure import services as disclosure
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/alerts/\S+/)")


def published(**kwargs):
    document = DocumentFactory(published=True, **kwargs)
    disclosure.prepare(document)
    document.save()
    return document


def test_subscribe_confirm_receive_a_digest_and_unsubscribe(client, settings, django_capture_on_commit_callbacks):
    settings.GONGKAI_SITE_URL = "http://testserver"
    office = OrganisationFactory(name="安平县民政局")
    branch = OrganisationFactory(name="城关民政所", parent=office)
    page = client.get(reverse("alerts:subscribe"), {"organisation": office.pk})
    assert f'<option value="{office.pk}" selected' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("alerts:subscribe"), {"email": "Citizen@Example.NET", "organisation": office.pk})
    assert response.status_code == 302 and response["Location"] == reverse("alerts:sent")
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["Citizen@example.net"]
    assert "安平县民政局" in confirmation.body
    confirm_path = LINK.search(confirmation.body).group(1)

    # Before confirming, nothing is sent; a GET of the link (a mail scanner) confirms nothing.
    published(organisation=office, title="确认前发布的通知")
    assert client.get(confirm_path).status_code == 200
    call_command("send_alert_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert client.post(confirm_path).status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.is_confirmed

    # Published after confirmation, in the organisation or below it: the next digest lists them once.
    new = published(organisation=branch, title="关于调整城乡低保标准的通知")
    published(title="别的机构的通知")
    DocumentFactory(organisation=office, title="草稿不应通知")
    call_command("send_alert_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    digest = mail.outbox[1]
    assert "关于调整城乡低保标准的通知" in digest.body and new.get_absolute_url() in digest.body
    assert "别的机构的通知" not in digest.body and "草稿不应通知" not in digest.body
    assert "确认前发布的通知" not in digest.body
    unsubscribe_url = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in digest.body
    call_command("send_alert_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # nothing new: nothing sent twice

    # One click: the mail program's own button POSTs without a session or CSRF token.
    unsubscribe_path = unsubscribe_url.removeprefix("http://testserver")
    assert "退订并删除我的邮箱地址" in client.get(unsubscribe_path).content.decode()
    response = client.post(unsubscribe_path)
    assert response.status_code == 200 and "已退订" in response.content.decode()
    assert not Subscription.objects.exists()
    assert client.post(unsubscribe_path).status_code == 200  # again: still fine, says the same


def test_list_and_search_pages_offer_the_subscription(client):
    office = OrganisationFactory()
    published(organisation=office, title="低保通知")
    page = client.get(reverse("disclosure:list"), {"organisation": office.pk}).content.decode()
    assert f"{reverse('alerts:subscribe')}?organisation={office.pk}" in page
    search = client.get(reverse("disclosure:search"), {"q": "低保"}).content.decode()
    assert reverse("alerts:subscribe") + "?q=%E4%BD%8E%E4%BF%9D" in search
