"""Subscription rules: no flooding a stranger's mailbox, nothing revealed, digests exactly once."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alerts import services
from alerts.models import Kind, Subscription
from alerts.targets import Target
from catalog.models import Domain
from disclosure import services as disclosure
from tests.catalog.factories import publish_catalog
from tests.disclosure.factories import CatalogItemFactory, DocumentFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def published(**kwargs):
    document = DocumentFactory(published=True, **kwargs)
    disclosure.prepare(document)
    document.save()
    return document


def confirmed(target, email="a@example.org", since=None):
    subscription = services.subscribe(email, target, language="zh-hans")
    services.confirm(subscription.token)
    subscription.refresh_from_db()
    subscription.notified_until = since or timezone.now() - dt.timedelta(hours=1)
    subscription.save()
    return subscription


def test_subscribing_again_sends_nothing_new(django_capture_on_commit_callbacks):
    target = Target(Kind.SEARCH, query="低保")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.subscribe("a@example.org", target, language="zh-hans")
        assert services.subscribe("a@example.org", target, language="zh-hans") is None  # resent at most every 10 min
    assert len(mail.outbox) == 1
    Subscription.objects.filter(pk=first.pk).update(confirmation_sent_at=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.subscribe("a@example.org", target, language="en") is not None
    assert len(mail.outbox) == 2 and mail.outbox[0].body != mail.outbox[1].body  # the second one in English
    services.confirm(first.token)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.subscribe("a@example.org", target, language="zh-hans") is None
    assert len(mail.outbox) == 2 and Subscription.objects.count() == 1


def test_an_address_gets_at_most_five_unconfirmed_subscriptions_a_day():
    for n in range(7):
        services.subscribe("victim@example.org", Target(Kind.SEARCH, query=f"词语{n}"), language="zh-hans")
    assert Subscription.objects.filter(email="victim@example.org").count() == services.MAX_PENDING_PER_ADDRESS


def test_unconfirmed_subscriptions_expire_and_are_deleted():
    subscription = services.subscribe("a@example.org", Target(Kind.SEARCH, query="低保"), language="zh-hans")
    Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    assert services.confirm(subscription.token) is None
    assert services.send_digests()["expired"] == 1
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("kind", [Kind.ORGANISATION, Kind.DOMAIN, Kind.ITEM, Kind.SEARCH])
def test_each_kind_of_target_picks_its_new_public_documents(kind):
    office = OrganisationFactory()
    item = CatalogItemFactory(organisation=office)
    publish_catalog(office, item.domain)
    other_domain = Domain.objects.exclude(pk=item.domain_id).first()
    target = {
        Kind.ORGANISATION: Target(kind, organisation=office),
        Kind.DOMAIN: Target(kind, domain=item.domain),
        Kind.ITEM: Target(kind, item=item),
        Kind.SEARCH: Target(kind, query="低保"),
    }[kind]
    subscription = confirmed(target)
    wanted = published(organisation=office, title="关于低保的通知")
    wanted.catalog_items.add(item)
    published(title="关于义务教育的通知", domain=other_domain)
    published(organisation=office, title="依申请公开的低保通知", on_request=True)
    found = services.new_documents(subscription, subscription.notified_until, timezone.now())
    assert [d.pk for d in found] == [wanted.pk]


def test_a_failed_mail_is_tried_again_next_run():
    subscription = confirmed(Target(Kind.SEARCH, query="低保"))
    published(title="关于低保的通知")
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("smtp down")):
        assert services.send_digests()["failed"] == 1
    subscription.refresh_from_db()
    assert subscription.last_digest_at is None
    assert services.send_digests()["sent"] == 1
    assert len(mail.outbox) == 1


def test_digest_lists_at_most_the_limit_and_links_to_the_rest(settings):
    settings.GONGKAI_SITE_URL = "https://gongkai.example.gov.cn"
    office = OrganisationFactory()
    confirmed(Target(Kind.ORGANISATION, organisation=office))
    for n in range(services.DIGEST_LIMIT + 2):
        published(organisation=office, title=f"第{n}号通知")
    services.send_digests()
    body = mail.outbox[0].body
    assert body.count("https://gongkai.example.gov.cn/documents/") == services.DIGEST_LIMIT + 1  # + 查看全部
    assert f"https://gongkai.example.gov.cn{reverse('disclosure:list')}?organisation={office.pk}" in body
    assert "还有更多新信息" in body
