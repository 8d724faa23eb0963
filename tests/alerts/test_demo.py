import io

import pytest
from django.core import mail
from django.core.management import call_command

from alerts.models import Kind, Subscription

pytestmark = pytest.mark.django_db


def test_demo_subscriptions_of_every_kind_and_a_first_digest():
    call_command("seed_demo", stdout=io.StringIO())
    assert set(Subscription.objects.active().values_list("kind", flat=True)) == set(Kind.values)
    assert Subscription.objects.pending().exists()
    count = Subscription.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Subscription.objects.count() == count  # idempotent
    out = io.StringIO()
    call_command("send_alert_digests", stdout=out)
    assert "sent" in out.getvalue()
    assert all(message.extra_headers["List-Unsubscribe"].startswith("<http") for message in mail.outbox)
