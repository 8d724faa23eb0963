"""Daily deadline reminders to the people answering messages: before the deadline and after it.

A reminder is recorded (ReminderSent + a `reminded` event) only once the mail server accepted its mail, so a
failed run is retried by the next one; one reminder per message per day whatever the number of runs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from interaction import deadlines, services
from interaction.models import EventKind, Message, MessageEvent, ReminderSent
from portal.mail import render_templated_mail

logger = logging.getLogger(__name__)


def due_messages(today: dt.date):
    """Open messages due within REMIND_BEFORE_WORKING_DAYS working days or overdue, not reminded today."""
    horizon = deadlines.reply_due(today, deadlines.REMIND_BEFORE_WORKING_DAYS)
    return (
        Message.objects.open().filter(due_on__lte=horizon).exclude(reminders__sent_on=today)
        .select_related("organisation", "handler").order_by("due_on", "pk")
    )  # fmt: skip


def send_reminders(today: dt.date) -> int:
    """One mail per recipient listing their messages; returns the number of mails sent."""
    by_recipient: dict[str, list[Message]] = defaultdict(list)
    answerers: dict[int, list[str]] = {}
    for message in due_messages(today):
        message.reminder = deadlines.reminder_kind(message.due_on, today)
        message.days_left = deadlines.working_days_left(message.due_on, today)
        if message.handler and message.handler.email:
            recipients = [message.handler.email]
        else:
            if message.organisation_id not in answerers:
                answerers[message.organisation_id] = services.answerers_emails(message.organisation)
            recipients = answerers[message.organisation_id]
        for address in recipients:
            by_recipient[address].append(message)
    sent = 0
    for address, messages in by_recipient.items():
        subject, body = render_templated_mail("interaction/emails/reminder", {"messages": messages}, language="zh-hans")
        try:
            send_mail(subject, body, None, [address])
        except Exception:
            logger.exception("reminder to %s not sent; retried on the next run", address)
            continue
        sent += 1
        for message in messages:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(message=message, sent_on=today, kind=message.reminder)
                    MessageEvent.objects.create(message=message, kind=EventKind.REMINDED, on=today,
                                                to_state=message.status, comment=message.reminder)  # fmt: skip
            except IntegrityError:  # recorded already (another recipient's mail, or a concurrent run)
                continue
    return sent
