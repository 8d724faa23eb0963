"""Demo subscriptions for `manage.py seed_demo`: confirmed ones of every kind and one awaiting confirmation.

Idempotent: a subscription is keyed by address and target. Confirmed ones are back-dated two days, so the
first `manage.py send_alert_digests` of a demo has something to announce.
"""

import datetime as dt
import secrets

from django.utils import timezone

from alerts.models import Kind, Subscription
from alerts.targets import Target
from catalog.models import CatalogItem, Domain


def _targets(organisations):
    targets = []
    if "civil-affairs" in organisations:
        targets.append(
            ("zhang.wei@example.org", Target(Kind.ORGANISATION, organisation=organisations["civil-affairs"]), True)
        )
    domain = Domain.objects.filter(code="social-assistance").first()
    if domain:
        targets.append(("li.na@example.org", Target(Kind.DOMAIN, domain=domain), True))
    targets.append(("wang.fang@example.org", Target(Kind.SEARCH, query="低保"), True))
    item = CatalogItem.objects.ever_published().order_by("pk").first()
    if item:
        targets.append(("zhao.lei@example.org", Target(Kind.ITEM, item=item), True))
    if "education" in organisations:
        targets.append(
            ("chen.jing@example.org", Target(Kind.ORGANISATION, organisation=organisations["education"]), False)
        )
    return targets


def seed(context: dict, out) -> None:
    now = timezone.now()
    created = 0
    for email, target, confirmed in _targets(context.get("organisations", {})):
        if Subscription.objects.filter(email=email, target_key=target.key).exists():
            continue
        since = now - dt.timedelta(days=2) if confirmed else None
        Subscription.objects.create(
            email=email, token=secrets.token_urlsafe(32), confirmation_sent_at=since or now, confirmed_at=since,
            notified_until=since, **target.fields(),
        )  # fmt: skip
        created += 1
    out.write(f"alerts: {created} demo subscriptions")
