"""Deadline reminders: which open requests need a handler's attention today, and sending them once a day.

The message is the template pair `templates/requests_app/emails/reminder.subject.txt` / `.body.txt`, rendered in
the site's language (settings.LANGUAGE_CODE: staff keep no language preference of their own).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from portal.mail import render_templated_mail
from portal.models import Membership
from portal.roles import Role
from requests_app import deadlines
from requests_app.models import InformationRequest, ReminderSent

logger = logging.getLogger(__name__)


def due_requests(today: dt.date):
    """Open requests due within 3 working days or overdue (clock running), not yet reminded today."""
    return (
        InformationRequest.objects.open()
        .filter(due_on__lte=deadlines.due_soon_horizon(today))
        .exclude(reminders__sent_on=today)
        .select_related("organisation", "handler")
        .order_by("due_on", "pk")
    )


def recipients(info_request, handlers_by_org) -> list[str]:
    """The assigned handler, else every request handler of the organisation."""
    if info_request.handler and info_request.handler.email:
        return [info_request.handler.email]
    return handlers_by_org.get(info_request.organisation_id, [])


def send_reminders(today: dt.date) -> int:
    """E-mail each handler one message listing their due and overdue requests; record each request once a day,
    only when its mail went out. Returns the number of messages sent."""
    requests = list(due_requests(today))
    handlers_by_org = defaultdict(list)
    for org_id, email in (
        Membership.objects.filter(
            organisation__in={r.organisation_id for r in requests}, role=Role.REQUEST_HANDLER, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
        .distinct()
    ):
        handlers_by_org[org_id].append(email)
    by_recipient: dict[str, list[dict]] = defaultdict(list)
    requests_of: dict[str, list[int]] = defaultdict(list)
    claimed = []
    for info_request in requests:
        try:
            with transaction.atomic():
                claimed.append(ReminderSent.objects.create(request=info_request, sent_on=today))
        except IntegrityError:  # a concurrent run already took this one
            continue
        left = deadlines.working_days_left(info_request.due_on, today)
        item = {"request": info_request, "days_left": max(left, 0), "days_overdue": max(-left, 0)}
        for address in recipients(info_request, handlers_by_org):
            by_recipient[address].append(item)
            requests_of[address].append(info_request.pk)
    # Sent here, by the cron job itself (the mailer's short timeout applies): a reminder stays recorded only
    # when every mail naming it went out, so the next run (the same day too) tries the others again.
    sent, undelivered = 0, set()
    for address, items in by_recipient.items():
        subject, body = render_templated_mail(
            "requests_app/emails/reminder", {"items": items, "today": today}, language=settings.LANGUAGE_CODE
        )
        try:
            send_mail(subject, body, None, [address])
        except Exception:
            logger.exception("could not send the deadline reminder to %s", address)
            undelivered.update(requests_of[address])
            continue
        sent += 1
    reached = set().union(*requests_of.values()) if requests_of else set()
    ReminderSent.objects.filter(
        pk__in=[r.pk for r in claimed if r.request_id in undelivered or r.request_id not in reached]
    ).delete()
    return sent
