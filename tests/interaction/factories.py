"""Messages made through the real intake service (tracking number, query code, due date, first event)."""

import datetime as dt

from django.utils import timezone

from interaction import services
from interaction.models import EventKind, Message, MessageType


def message_type(code="consultation"):
    return MessageType.objects.get(code=code)


def write_message(organisation, *, code="consultation", days_ago=0, **overrides):
    """(message, query code): a citizen's message, moved `days_ago` into the past (deadline recomputed)."""
    data = {
        "organisation": organisation,
        "mailbox": "organisation",
        "message_type": message_type(code),
        "subject": overrides.pop("subject", "低保申请需要哪些材料"),
        "body": overrides.pop("body", "请问申请城乡低保需要准备哪些材料？"),
        "name": overrides.pop("name", "王建华"),
        "phone": overrides.pop("phone", "13905371234"),
        "email": overrides.pop("email", "wang@example.net"),
        "wants_publication": overrides.pop("wants_publication", True),
    }
    message, code_ = services.submit_message({**data, **overrides})
    if days_ago:
        received_on = timezone.localdate() - dt.timedelta(days=days_ago)
        Message.objects.filter(pk=message.pk).update(
            received_on=received_on,
            submitted_at=timezone.now() - dt.timedelta(days=days_ago),
            due_on=services.due_for(organisation, message.message_type, received_on),
        )
        message.events.filter(kind=EventKind.SUBMITTED).update(on=received_on)
        message.refresh_from_db()
    return message, code_
