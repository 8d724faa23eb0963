"""Monthly statistics per organisation (public): received, answered, answered on time, average working days
to answer, still open. Four queries whatever the data size; the arithmetic is pure (`summarise`)."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from interaction import deadlines
from interaction.models import OPEN_STATUSES, Message, MessageStatus
from portal.models import Organisation

NOT_COUNTED = (MessageStatus.INVALID, MessageStatus.CONVERTED)  # not valid messages of the month


@dataclass
class Row:
    organisation: Organisation
    received: int = 0
    answered: int = 0
    on_time: int = 0
    average_working_days: float | None = None
    still_open: int = 0

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.answered, 1) if self.answered else None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, month_calendar.monthrange(year, month)[1])


def summarise(answered: list[tuple[dt.date, dt.date, dt.date]], calendar=None) -> tuple[int, int, float | None]:
    """(answered, on time, average working days) from (received_on, due_on, answered_on) triples."""
    if not answered:
        return 0, 0, None
    on_time = sum(1 for _received, due, done in answered if done <= due)
    days = [deadlines.working_days_taken(received, done, calendar) for received, _due, done in answered]
    return len(answered), on_time, round(sum(days) / len(days), 1)


def monthly(year: int, month: int) -> list[Row]:
    """One row per organisation that received or answered messages in the month, in tree order."""
    start, end = month_bounds(year, month)
    valid = Message.objects.exclude(status__in=NOT_COUNTED)
    received = dict(
        valid.filter(received_on__range=(start, end)).values_list("organisation").annotate(n=Count("pk")).order_by()
    )
    still_open = dict(
        valid.filter(received_on__range=(start, end), status__in=OPEN_STATUSES)
        .values_list("organisation").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
    answered: dict[int, list] = {}
    for org_id, received_on, due_on, answered_on in valid.filter(answered_on__range=(start, end)).values_list(
        "organisation", "received_on", "due_on", "answered_on"
    ):
        answered.setdefault(org_id, []).append((received_on, due_on, answered_on))
    ids = set(received) | set(answered) | set(still_open)
    rows = []
    for organisation in Organisation.objects.filter(pk__in=ids).order_by("path"):
        n_answered, on_time, average = summarise(answered.get(organisation.pk, []))
        rows.append(Row(organisation, received.get(organisation.pk, 0), n_answered, on_time, average,
                        still_open.get(organisation.pk, 0)))  # fmt: skip
    return rows


@dataclass
class Bar:
    label: str
    received: int
    answered: int
    y: int
    received_width: float
    answered_width: float


CHART_LABEL_WIDTH = 160
CHART_BAR_AREA = 400
CHART_ROW_HEIGHT = 36


def chart(rows: list[Row]) -> dict:
    """Geometry of the server-rendered SVG bar chart (received and answered per organisation)."""
    top = max([r.received for r in rows] + [r.answered for r in rows] + [1])
    bars = [
        Bar(r.organisation.display_name, r.received, r.answered, i * CHART_ROW_HEIGHT,
            CHART_BAR_AREA * r.received / top, CHART_BAR_AREA * r.answered / top)
        for i, r in enumerate(rows)
    ]  # fmt: skip
    return {
        "bars": bars,
        "height": max(len(bars), 1) * CHART_ROW_HEIGHT + 30,
        "width": CHART_LABEL_WIDTH + CHART_BAR_AREA + 60,
        "label_width": CHART_LABEL_WIDTH,
        "legend_y": len(bars) * CHART_ROW_HEIGHT + 20,
    }
