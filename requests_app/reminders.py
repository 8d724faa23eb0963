"""Deadline reminders: which open requests need a handler's attention today, and sending them once a day.

The message is the template pair `templates/requests_app/emails/reminder.subject.txt` / `.body.txt`, rendered in
the site's language (settings.LANGUAGE_CODE: staff keep no language preference of their own).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction

from portal.mail import deliver_mail, render_templated_mail
from portal.models import Membership
from portal.roles import Role
from requests_app import deadlines
from requests_app.models import InformationRequest, ReminderSent


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
    """E-mail each handler one message listing their due and overdue requests; record each request once a day."""
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
    for info_request in requests:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(request=info_request, sent_on=today)
        except IntegrityError:  # a concurrent run already took this one
            continue
        left = deadlines.working_days_left(info_request.due_on, today)
        item = {"request": info_request, "days_left": max(left, 0), "days_overdue": max(-left, 0)}
        for address in recipients(info_request, handlers_by_org):
            by_recipient[address].append(item)
    for address, items in by_recipient.items():
        subject, body = render_templated_mail(
            "requests_app/emails/reminder", {"items": items, "today": today}, language=settings.LANGUAGE_CODE
        )
        # A cron run has no request to keep waiting: queue the task now (portal.mail.deliver_mail logs failures).
        deliver_mail.enqueue(subject, body, [address])
    return len(by_recipient)
