"""Numbers per month for the charts: documents published and requests answered on time (two GROUP BY queries)."""

import datetime as dt

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from disclosure.models import Document
from requests_app.models import InformationRequest
from supervision import cache
from supervision.metrics import REPLIED_STATES


def months_back(end: dt.date, n: int = 12) -> list[dt.date]:
    """The first days of the `n` months ending with `end`'s month, oldest first."""
    year, month = end.year, end.month
    firsts = []
    for _i in range(n):
        firsts.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(firsts))


def _month_key(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.replace(day=1)


def monthly(end: dt.date, organisation_ids=None, n: int = 12) -> dict:
    """{"labels", "months", "documents": [count], "on_time_rate": [percent or None], "answered", "on_time"}.

    Cached with the indicators (supervision/cache.py): the county-wide series counts a year of documents."""
    ids = None if organisation_ids is None else list(organisation_ids)
    name = f"monthly:{end}:{n}:{'all' if ids is None else cache.ids_key(ids)}"
    return cache.cached(name, lambda: _monthly(end, ids, n))


def _monthly(end: dt.date, organisation_ids, n: int) -> dict:
    months = months_back(end, n)
    start, stop = months[0], end
    documents = Document.objects.public().filter(published_on__range=(start, stop))
    requests = InformationRequest.objects.filter(
        state__in=REPLIED_STATES, concluded_on__range=(start, stop), due_on__isnull=False
    )
    if organisation_ids is not None:
        documents = documents.filter(organisation_id__in=organisation_ids)
        requests = requests.filter(organisation_id__in=organisation_ids)
    published = {
        _month_key(row["m"]): row["n"]
        for row in documents.order_by().annotate(m=TruncMonth("published_on")).values("m").annotate(n=Count("pk"))
    }
    answered = {
        _month_key(row["m"]): (row["n"], row["on_time"])
        for row in requests.order_by()
        .annotate(m=TruncMonth("concluded_on"))
        .values("m")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(concluded_on__lte=F("due_on"))))
    }
    rates, totals, timely = [], [], []
    for month in months:
        n, on_time = answered.get(month, (0, 0))
        totals.append(n)
        timely.append(on_time)
        rates.append(round(100 * on_time / n, 1) if n else None)
    return {
        "months": months,
        "labels": [f"{m.year}-{m.month:02d}" for m in months],
        "documents": [published.get(m, 0) for m in months],
        "answered": totals,
        "on_time": timely,
        "on_time_rate": rates,
    }
