"""The steps of an alert subscription: subscribe (double opt-in), confirm, unsubscribe, and the daily digest.

Nothing here says whether an address is already subscribed: subscribing again to a confirmed target sends
nothing, a pending one gets its confirmation again at most every RESEND_MINUTES, and an address has at
most MAX_PENDING_PER_ADDRESS unconfirmed subscriptions a day, so the form cannot be used to flood a
stranger's mailbox. The page says the same thing in every case.
"""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alerts.models import Subscription
from alerts.targets import Target, browse_path, matching
from disclosure.models import Document
from portal.mail import render_templated_mail, send_templated_mail

logger = logging.getLogger(__name__)

CONFIRM_DAYS = 7  # an unconfirmed subscription (and its address) is deleted after this
RESEND_MINUTES = 10
MAX_PENDING_PER_ADDRESS = 5
DIGEST_LIMIT = 30  # documents listed in one digest; the rest are one link away


def site_url(path: str) -> str:
    """An absolute address on the portal for e-mails (GONGKAI_SITE_URL, no request at hand in cron)."""
    return settings.GONGKAI_SITE_URL.rstrip("/") + path


def normalise_email(address: str) -> str:
    local, _, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def _send_confirmation(subscription: Subscription) -> None:
    context = {
        "subscription": subscription,
        "confirm_url": site_url(reverse("alerts:confirm", args=[subscription.token])),
        "days": CONFIRM_DAYS,
        "site_name": settings.GONGKAI_SITE_NAME,
    }
    send_templated_mail("alerts/emails/confirm", context, [subscription.email], language=subscription.language)


@transaction.atomic
def subscribe(email: str, target: Target, *, language: str) -> Subscription | None:
    """Record a pending subscription and e-mail its confirmation link (after commit); None when nothing is sent."""
    email, now = normalise_email(email), timezone.now()
    existing = Subscription.objects.select_for_update().filter(email=email, target_key=target.key).first()
    if existing is None:
        recent = Subscription.objects.pending().filter(email=email, created_at__gte=now - dt.timedelta(days=1))
        if recent.count() >= MAX_PENDING_PER_ADDRESS:
            return None
        try:
            with transaction.atomic():
                existing = Subscription.objects.create(
                    email=email, language=language, token=secrets.token_urlsafe(32), confirmation_sent_at=now,
                    **target.fields(),
                )  # fmt: skip
        except IntegrityError:  # the same address and target subscribed at this very moment
            return None
        _send_confirmation(existing)
        return existing
    if existing.is_confirmed:
        return None
    if existing.confirmation_sent_at and existing.confirmation_sent_at > now - dt.timedelta(minutes=RESEND_MINUTES):
        return None
    existing.confirmation_sent_at, existing.language = now, language
    existing.save(update_fields=["confirmation_sent_at", "language"])
    _send_confirmation(existing)
    return existing


def _expired(subscription, now) -> bool:
    return not subscription.is_confirmed and subscription.created_at < now - dt.timedelta(days=CONFIRM_DAYS)


def find(token: str) -> Subscription | None:
    """The subscription a link's token names, unless it is an unconfirmed one past CONFIRM_DAYS."""
    subscription = (
        Subscription.objects.select_related("organisation", "domain", "item__organisation").filter(token=token).first()
    )
    return None if subscription is None or _expired(subscription, timezone.now()) else subscription


@transaction.atomic
def confirm(token: str) -> Subscription | None:
    """Confirm (idempotent): from now on, new documents of the target go into the daily digest."""
    subscription = Subscription.objects.select_for_update().filter(token=token).first()
    now = timezone.now()
    if subscription is None or _expired(subscription, now):
        return None
    if not subscription.is_confirmed:
        subscription.confirmed_at = subscription.notified_until = now
        subscription.save(update_fields=["confirmed_at", "notified_until"])
    return find(token)


def unsubscribe(token: str) -> bool:
    """Delete the subscription (address included); True if there was one."""
    deleted, _ = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def new_documents(subscription, since, until) -> list:
    """The target's public documents published in (since, until], newest first (search: best first)."""
    documents = (
        Document.objects.public()
        .filter(published_at__gt=since, published_at__lte=until, published_on__gte=timezone.localdate(since))
        .select_related("organisation")
        .only("pk", "title", "document_number", "published_on", "published_at", "organisation__name")
    )
    found = matching(subscription, documents)
    if subscription.kind != "search":
        found = found.order_by("-published_at", "-pk")
    return list(found[: DIGEST_LIMIT + 1])


def _digest_message(subscription, documents) -> EmailMessage:
    unsubscribe_url = site_url(reverse("alerts:unsubscribe", args=[subscription.token]))
    context = {
        "subscription": subscription,
        "documents": documents[:DIGEST_LIMIT],
        "more": len(documents) > DIGEST_LIMIT,
        "browse_url": site_url(browse_path(subscription)),
        "site_url": site_url(""),
        "site_name": settings.GONGKAI_SITE_NAME,
        "unsubscribe_url": unsubscribe_url,
    }
    subject, body = render_templated_mail("alerts/emails/digest", context, language=subscription.language)
    # RFC 2369 and RFC 8058: mail programs offer their own one-click "unsubscribe" button, which POSTs here.
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email], headers=headers)


def send_digest(subscription_pk: int, until) -> bool | None:
    """One subscription's digest of what was published since its watermark, up to `until`.

    The row stays locked while the mail goes out, so two overlapping cron runs never send it twice; the
    watermark moves only when the mail was sent (or there was nothing to send). True: sent; False: the
    mail server failed (tried again next run); None: nothing new.
    """
    with transaction.atomic():
        subscription = (
            Subscription.objects.active()
            .select_for_update(of=("self",))
            .select_related("organisation", "domain", "item__organisation")
            .filter(pk=subscription_pk)
            .first()
        )
        if subscription is None or subscription.notified_until >= until:
            return None
        documents = new_documents(subscription, subscription.notified_until, until)
        sent = None
        if documents:
            try:
                _digest_message(subscription, documents).send()
                sent = True
            except Exception:
                logger.exception("could not send the alert digest of subscription %s", subscription.pk)
                return False
        subscription.notified_until = until
        if sent:
            subscription.last_digest_at = timezone.now()
        subscription.save(update_fields=["notified_until", "last_digest_at"])
        return sent


def send_digests(now=None) -> dict:
    """The daily run: delete expired unconfirmed subscriptions, then send every due digest. Safe to repeat."""
    now = now or timezone.now()
    expired, _ = Subscription.objects.pending().filter(created_at__lt=now - dt.timedelta(days=CONFIRM_DAYS)).delete()
    counts = {"sent": 0, "failed": 0, "nothing_new": 0, "expired": expired}
    due = Subscription.objects.active().filter(notified_until__lt=now).values_list("pk", flat=True)
    for pk in due.iterator():
        result = send_digest(pk, now)
        counts["sent" if result else "failed" if result is False else "nothing_new"] += 1
    return counts
