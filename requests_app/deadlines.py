"""The statutory clocks of the Regulations on Open Government Information, as pure functions.

Every date here comes from `portal.workdays` (official working days; the day of the triggering event
is never counted). Nothing else is read: callers pass the dates recorded in a request's events, so the
due date is always derived, never typed in. Tests drive these functions with dated tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.workdays import add_working_days, is_working_day, working_days_between

REGULATIONS_IN_FORCE = dt.date(2019, 5, 15)  # the revised Regulations these clocks implement
REPLY_WORKING_DAYS = 20  # Art. 33
CORRECTION_NOTICE_WORKING_DAYS = 7  # Art. 30
CONSULTATION_ANSWER_WORKING_DAYS = 15  # Art. 32 (third party), Art. 34 (co-producing organ)
MAX_EXTENSION_WORKING_DAYS = 20  # Art. 33
SOON_WORKING_DAYS = 3  # the queue and the reminders warn this many working days ahead


def stopped_interval(sent_on: dt.date, answer_due_on: dt.date, answered_on: dt.date | None = None):
    """The interval `(sent, end]` a consultation stops the reply clock (Art. 32–34).

    It ends with the answer or with the party's answer deadline, whichever comes first: after the deadline
    the organ decides itself (Art. 32) or the organ consulted is deemed to agree (Art. 34), so a late answer
    never keeps the clock stopped. While no answer is in, the interval runs to the deadline: the due date
    shown is then the latest lawful one, and it moves earlier when the answer arrives. A fee notice's payment
    window (sent, paid or waived or the payment deadline] is not counted either (Art. 42, 国办函〔2020〕109号).
    """
    end = answer_due_on if answered_on is None else min(answered_on, answer_due_on)
    return (sent_on, max(end, sent_on))


def merge_intervals(intervals: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The union of half-open intervals `(begin, end]`: overlapping or touching ones become one.

    Several third parties consulted at once stop the clock once, not once per party (Art. 33).
    """
    merged: list[list[dt.date]] = []
    for begin, end in sorted(intervals):
        if end < begin:
            raise ValueError("an interval ends before it begins")
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return [(begin, end) for begin, end in merged]


@dataclass(frozen=True)
class DueDateExplanation:
    """How a reply due date was computed, for the staff page and the applicant's tracking page."""

    start: dt.date  # receipt, or the corrected application's receipt
    corrected: bool
    stopped: tuple[tuple[dt.date, dt.date, int], ...]  # merged (begin, end, working days not counted)
    extension_days: int
    due_on: dt.date
    days_off: tuple[dt.date, ...]  # weekdays that are holidays between start and due date
    working_weekends: tuple[dt.date, ...]  # weekend days that are working days (调休) in that span

    @property
    def stopped_working_days(self) -> int:
        return sum(days for _begin, _end, days in self.stopped)


def explain_reply_due(
    received_on: dt.date,
    *,
    corrected_on: dt.date | None = None,
    pauses: Iterable[tuple[dt.date, dt.date]] = (),
    extension_days: int = 0,
) -> DueDateExplanation:
    """The reply deadline (Art. 30, 32–34) with every step that moved it.

    20 working days from the corrected application's receipt if there was a correction, else from
    receipt; the union of the stopped intervals `(begin, end]` adds its working days; then the approved
    extension (0–20 working days) is added.
    """
    if not 0 <= extension_days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValueError(f"extension_days must be between 0 and {MAX_EXTENSION_WORKING_DAYS}")
    if corrected_on is not None and corrected_on < received_on:
        raise ValueError("corrected_on is before received_on")
    start = corrected_on or received_on
    pauses = list(pauses)
    if any(begin < received_on for begin, _end in pauses):
        raise ValueError("a pause begins before the application was received")
    stopped = tuple((begin, end, working_days_between(begin, end)) for begin, end in merge_intervals(pauses))
    paused = sum(days for _begin, _end, days in stopped)
    due_on = add_working_days(start, REPLY_WORKING_DAYS + paused + extension_days)
    days_off, working_weekends = [], []
    day = start
    while day < due_on:
        day += dt.timedelta(days=1)
        working = is_working_day(day)
        if day.weekday() < 5 and not working:
            days_off.append(day)
        elif day.weekday() >= 5 and working:
            working_weekends.append(day)
    return DueDateExplanation(
        start=start,
        corrected=corrected_on is not None,
        stopped=stopped,
        extension_days=extension_days,
        due_on=due_on,
        days_off=tuple(days_off),
        working_weekends=tuple(working_weekends),
    )


def reply_due(
    received_on: dt.date,
    *,
    corrected_on: dt.date | None = None,
    pauses: Iterable[tuple[dt.date, dt.date]] = (),
    extension_days: int = 0,
) -> dt.date:
    """The reply deadline; see `explain_reply_due` for the rule and the steps."""
    return explain_reply_due(
        received_on, corrected_on=corrected_on, pauses=pauses, extension_days=extension_days
    ).due_on


def correction_notice_due(received_on: dt.date) -> dt.date:
    """The last day to ask the applicant to correct an unclear application, all at once (Art. 30)."""
    return add_working_days(received_on, CORRECTION_NOTICE_WORKING_DAYS)


FEE_PAYMENT_WORKING_DAYS = 20  # 国办函〔2020〕109号


def fee_payment_due(notice_sent_on: dt.date) -> dt.date:
    """The last day to pay an information processing fee: 20 working days, counted from the day after the notice.

    The portal knows when the notice was sent, not when it arrived, so it counts from the sending; an office that
    knows a later receipt date extends nothing by that, which keeps the applicant's window at least as long.
    """
    return add_working_days(notice_sent_on, FEE_PAYMENT_WORKING_DAYS)


def consultation_answer_due(letter_received_on: dt.date) -> dt.date:
    """The last day a third party (Art. 32) or co-producing organ (Art. 34) may answer."""
    return add_working_days(letter_received_on, CONSULTATION_ANSWER_WORKING_DAYS)


def latest_overdue_submission(today: dt.date, confirm_within: int) -> dt.date:
    """The last submission day whose confirmation is overdue today.

    An online application should be confirmed within `confirm_within` working days of its submission (the
    day of submission not counted); one submitted on or before the returned day and still unconfirmed is
    overdue to confirm. Walks back from yesterday until `confirm_within` working days lie in between.
    """
    if confirm_within < 0:
        raise ValueError("confirm_within must be zero or positive")
    day, counted = today - dt.timedelta(days=1), 0
    while counted < confirm_within:
        counted += is_working_day(day)
        day -= dt.timedelta(days=1)
    return day


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
