"""The statutory clocks of the Regulations on Open Government Information, as pure functions.

Every date here comes from `portal.workdays` (official working days; the day of the triggering event
is never counted). Nothing else is read: callers pass the dates recorded in a request's events, so the
due date is always derived, never typed in. Tests drive these functions with dated tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.workdays import add_working_days, working_days_between

REGULATIONS_IN_FORCE = dt.date(2019, 5, 15)  # the revised Regulations these clocks implement
REPLY_WORKING_DAYS = 20  # Art. 33
CORRECTION_NOTICE_WORKING_DAYS = 7  # Art. 30
CONSULTATION_ANSWER_WORKING_DAYS = 15  # Art. 32 (third party), Art. 34 (co-producing organ)
MAX_EXTENSION_WORKING_DAYS = 20  # Art. 33
SOON_WORKING_DAYS = 3  # the queue and the reminders warn this many working days ahead


def reply_due(
    received_on: dt.date,
    *,
    corrected_on: dt.date | None = None,
    pauses: Iterable[tuple[dt.date, dt.date]] = (),
    extension_days: int = 0,
) -> dt.date:
    """The reply deadline (Art. 30, 32–34).

    20 working days from the corrected application's receipt if there was a correction, else from
    receipt; each consultation pause `(sent, answered)` adds the working days in (sent, answered];
    then the approved extension (0–20 working days) is added.
    """
    if not 0 <= extension_days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValueError(f"extension_days must be between 0 and {MAX_EXTENSION_WORKING_DAYS}")
    if corrected_on is not None and corrected_on < received_on:
        raise ValueError("corrected_on is before received_on")
    start = corrected_on or received_on
    paused = 0
    for begin, end in pauses:
        if end < begin:
            raise ValueError("a pause ends before it begins")
        if begin < received_on:
            raise ValueError("a pause begins before the application was received")
        paused += working_days_between(begin, end)
    return add_working_days(start, REPLY_WORKING_DAYS + paused + extension_days)


def correction_notice_due(received_on: dt.date) -> dt.date:
    """The last day to ask the applicant to correct an unclear application, all at once (Art. 30)."""
    return add_working_days(received_on, CORRECTION_NOTICE_WORKING_DAYS)


def consultation_answer_due(letter_received_on: dt.date) -> dt.date:
    """The last day a third party (Art. 32) or co-producing organ (Art. 34) may answer."""
    return add_working_days(letter_received_on, CONSULTATION_ANSWER_WORKING_DAYS)


def working_days_left(due_on: dt.date, today: dt.date) -> int:
    """Working days from today to the due date: 0 on the due date, negative once overdue."""
    return working_days_between(today, due_on)


def due_soon_horizon(today: dt.date) -> dt.date:
    """The last due date that counts as "due soon" today: the queue filter, the badge and the reminders."""
    return add_working_days(today, SOON_WORKING_DAYS)


def is_due_soon(due_on: dt.date, today: dt.date) -> bool:
    """Due today or within the next SOON_WORKING_DAYS working days (not yet overdue)."""
    return today <= due_on <= due_soon_horizon(today)


class Channel(models.TextChoices):
    """How an application arrived (Art. 29); each has its receipt rule (Art. 31)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST_SIGNED = "post_signed", _("邮寄（需签收）")
    POST_ORDINARY = "post_ordinary", _("平信邮寄（无需签收）")
    FAX = "fax", _("传真")


def receipt_date(channel: str, *, arrived_on: dt.date | None = None, confirmed_on: dt.date | None = None) -> dt.date:
    """The day an application counts as received (Art. 31).

    In person: the day it is handed in (`arrived_on`). Post needing a signature: the day the office
    signs (`arrived_on`). Ordinary post: the day the office confirms with the applicant (`confirmed_on`);
    the office must confirm on the day it arrives, but if it confirms later the confirmation day is still
    the day that counts. Online or fax: the day both sides confirm (`confirmed_on`).
    """
    if channel in (Channel.IN_PERSON, Channel.POST_SIGNED):
        if arrived_on is None:
            raise ValueError("arrived_on is required for this channel")
        return arrived_on
    if channel == Channel.POST_ORDINARY:
        if arrived_on is None or confirmed_on is None:
            raise ValueError("ordinary post needs the arrival and the confirmation date")
        if confirmed_on < arrived_on:
            raise ValueError("confirmed before it arrived")
        return confirmed_on
    if channel in (Channel.ONLINE, Channel.FAX):
        if confirmed_on is None:
            raise ValueError("online and fax applications count from the confirmation")
        if arrived_on is not None and confirmed_on < arrived_on:
            raise ValueError("confirmed before it arrived")
        return confirmed_on
    raise ValueError(f"unknown channel {channel!r}")
