"""The subscription form: one target, clear errors that keep the input, honeypot, throttle, no 500s."""

import pytest
from django.core import mail
from django.urls import reverse

from alerts.models import Subscription
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "a@example.org"}, "请在发布机构、公开领域、检索词中选择一项"),
        ({"email": "a@example.org", "query": "低保", "domain": "social-assistance"}, "请在发布机构、公开领域、检索词中选择一项"),
        ({"email": "not-an-address", "query": "低保"}, "有效的 Email 地址"),
        ({"email": "a@example.org", "query": "！！！"}, "请输入能够检索的词语"),
        ({"email": "a@example.org", "organisation": "999999"}, "选择一个有效的选项"),
    ],
)  # fmt: skip
def test_bad_input_is_explained_and_kept(client, data, message):
    response = client.post(reverse("alerts:subscribe"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert data["email"] in body
    assert not Subscription.objects.exists()


def test_honeypot_looks_like_success_and_does_nothing(client):
    response = client.post(reverse("alerts:subscribe"), {"email": "a@example.org", "query": "低保", "website": "x"})
    assert response.status_code == 302
    assert not Subscription.objects.exists()


def test_throttled_per_client(client, settings):
    settings.GONGKAI_ALERTS_SUBSCRIBE_PER_HOUR = 2
    for n in range(2):
        client.post(reverse("alerts:subscribe"), {"email": f"a{n}@example.org", "query": "低保"})
    response = client.post(reverse("alerts:subscribe"), {"email": "b@example.org", "query": "低保"})
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Subscription.objects.count() == 2


def test_the_answer_never_says_whether_an_address_is_subscribed(client):
    data = {"email": "a@example.org", "organisation": OrganisationFactory().pk}
    first = client.post(reverse("alerts:subscribe"), data, follow=True).content
    again = client.post(reverse("alerts:subscribe"), data, follow=True).content
    assert first == again


def test_unknown_or_expired_links(client):
    assert client.get(reverse("alerts:confirm", args=["no-such-token"])).status_code == 404
    assert client.post(reverse("alerts:confirm", args=["no-such-token"])).status_code == 404
    assert client.get(reverse("alerts:unsubscribe", args=["no-such-token"])).status_code == 200


def test_confirmation_mail_in_the_visitors_language(client, django_capture_on_commit_callbacks):
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("alerts:subscribe"), {"email": "a@example.org", "query": "低保"})
    assert Subscription.objects.get().language == "en"
    assert "请确认" not in mail.outbox[0].subject


def test_robots_keep_out_of_the_token_pages(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /alerts/confirm/" in robots and "Disallow: /alerts/unsubscribe/" in robots
