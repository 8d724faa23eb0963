"""The daily reminder command: before and after the deadline, once a day, recorded only when the mail went out."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from interaction.models import EventKind, Message, ReminderSent

from .factories import write_message

pytestmark = pytest.mark.django_db


def _due(message, due_on):
    Message.objects.filter(pk=message.pk).update(due_on=due_on)


def test_reminds_before_and_after_once_a_day(organisation, handler):
    today = timezone.localdate()
    soon, _ = write_message(organisation, subject="即将到期")
    late, _ = write_message(organisation, subject="已经超期")
    early, _ = write_message(organisation, subject="还早")
    _due(soon, today)
    _due(late, today - dt.timedelta(days=3))
    _due(early, today + dt.timedelta(days=30))
    mail.outbox.clear()
    call_command("send_message_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [[handler.email]]
    assert "即将到期" in mail.outbox[0].body and "已经超期" in mail.outbox[0].body and "还早" not in mail.outbox[0].body
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"before", "after"}
    assert Message.objects.get(pk=late.pk).events.filter(kind=EventKind.REMINDED).count() == 1
    call_command("send_message_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # not twice the same day


def test_nothing_recorded_when_the_mail_fails(organisation, handler):
    message, _ = write_message(organisation)
    _due(message, timezone.localdate())
    with mock.patch("interaction.reminders.send_mail", side_effect=OSError("smtp down")):
        call_command("send_message_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not ReminderSent.objects.exists()
    mail.outbox.clear()
    call_command("send_message_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1 and ReminderSent.objects.count() == 1
