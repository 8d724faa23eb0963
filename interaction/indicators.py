"""Indicators the supervising office evaluates (contract: supervision reads DEFINITIONS, compute, evidence,
self_check). Pure reads, a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interaction import deadlines
from interaction.models import OPEN_STATUSES, Message
from interaction.stats import NOT_COUNTED

DEFINITIONS = [
    ("messages_received", _("收到留言"), "count", "higher"),
    ("messages_on_time_rate", _("留言按期答复率"), "percent", "higher"),
    ("messages_overdue", _("超期未答复留言"), "count", "lower"),
    ("messages_unanswered_3_months", _("超过3个月未答复的留言"), "count", "lower"),
]
CODES = [code for code, *_rest in DEFINITIONS]


def _valid():
    return Message.objects.exclude(status__in=NOT_COUNTED)


def _overdue(organisation_ids, end: dt.date, today: dt.date):
    """Still unanswered and past the deadline on or before `end` (and before today)."""
    cutoff = min(end, today - dt.timedelta(days=1))
    return _valid().filter(organisation__in=organisation_ids, status__in=OPEN_STATUSES, due_on__lte=cutoff)


def _long_waiting(organisation_ids, start: dt.date, end: dt.date, today: dt.date) -> list[tuple]:
    """(pk, organisation id) of valid messages received in the period that waited more than 3 months."""
    candidates = (
        _valid()
        .filter(organisation__in=organisation_ids, received_on__range=(start, end))
        .filter(Q(answered_on__isnull=True, status__in=OPEN_STATUSES) | Q(answered_on__gt=F("due_on")))
    )
    return [
        (pk, org_id)
        for pk, org_id, received_on, answered_on in candidates.values_list("pk", "organisation", "received_on",
                                                                          "answered_on")
        if deadlines.unanswered_months_reached(received_on, answered_on, today, deadlines.VETO_MONTHS)
    ]  # fmt: skip


def compute(organisation_ids: list[int], start: dt.date, end: dt.date) -> dict[str, dict[int, int | float | None]]:
    today = timezone.localdate()
    ids = list(organisation_ids)
    result = {code: dict.fromkeys(ids, 0) for code in CODES}
    result["messages_on_time_rate"] = dict.fromkeys(ids)
    for org_id, n in (
        _valid().filter(organisation__in=ids, received_on__range=(start, end))
        .values_list("organisation").annotate(n=Count("pk")).order_by()
    ):  # fmt: skip
        result["messages_received"][org_id] = n
    for org_id, answered, on_time in (
        _valid().filter(organisation__in=ids, answered_on__range=(start, end)).values_list("organisation")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(answered_on__lte=F("due_on")))).order_by()
    ):  # fmt: skip
        result["messages_on_time_rate"][org_id] = round(100 * on_time / answered, 1) if answered else None
    for org_id, n in _overdue(ids, end, today).values_list("organisation").annotate(n=Count("pk")).order_by():
        result["messages_overdue"][org_id] = n
    for _pk, org_id in _long_waiting(ids, start, end, today):
        result["messages_unanswered_3_months"][org_id] += 1
    return result


def _entries(messages, organisation_id):
    url = "interaction_staff:detail"
    return [
        (
            f"{m.tracking_number} · {m.message_type.name} · {m.received_on:%Y-%m-%d} → {m.due_on:%Y-%m-%d} · "
            f"{m.get_status_display()}",
            reverse(url, kwargs={"org_pk": organisation_id, "pk": m.pk}),
        )
        for m in messages
    ]


def evidence(code: str, organisation_id: int, start: dt.date, end: dt.date):
    """(label, staff url) of the messages behind one number; labels carry no personal data."""
    today = timezone.localdate()
    base = _valid().filter(organisation=organisation_id).select_related("message_type").order_by("received_on", "pk")
    if code == "messages_received":
        messages = base.filter(received_on__range=(start, end))
    elif code == "messages_on_time_rate":
        messages = base.filter(answered_on__range=(start, end))
    elif code == "messages_overdue":
        messages = _overdue([organisation_id], end, today).select_related("message_type").order_by("due_on", "pk")
    elif code == "messages_unanswered_3_months":
        pks = [pk for pk, _org in _long_waiting([organisation_id], start, end, today)]
        messages = base.filter(pk__in=pks)
    else:
        raise KeyError(code)
    return _entries(messages[:500], organisation_id)


def self_check(organisation_id: int, today: dt.date) -> list[tuple[str, str, str]]:
    """Veto for a valid message unanswered near or past 3 months; warnings for overdue ones. No writes."""
    warnings = []
    queue = reverse("interaction_staff:queue", kwargs={"org_pk": organisation_id})
    open_messages = list(
        _valid().filter(organisation=organisation_id, status__in=OPEN_STATUSES)
        .values_list("tracking_number", "received_on", "due_on").order_by("received_on", "pk")
    )  # fmt: skip
    for number, received_on, _due in open_messages:
        if deadlines.near_veto(received_on, today):
            text = str(_("留言 %(number)s 自 %(date)s 起未答复，将满或已超过3个月（单项否决）。"))
            warnings.append(
                ("veto", text % {"number": number, "date": received_on.isoformat()}, f"{queue}?due=3months")
            )
    overdue = sum(1 for _n, _r, due in open_messages if due < today)
    if overdue:
        warnings.append(("warning", str(_("有 %(n)d 条留言已超过答复期限。")) % {"n": overdue}, f"{queue}?due=overdue"))
    return warnings
