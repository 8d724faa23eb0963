"""Keyset ("seek") pagination for document lists that must stay fast at a million rows.

OFFSET pagination reads and throws away every row before the page, and a page-number bar needs a
COUNT(*) of the whole result: both grow with the table. Here a page is "the next N rows after the
last one shown", found by walking the (status, attribute, published_on, id) index from the
cursor, so page 50 000 costs what page 1 costs. Nothing is counted (bench R2: even a capped COUNT
was the largest query of a broad filter at 1M rows): the total is known, from the rows already
fetched, only when the whole result fits on the first page. The price is no jumping to page 437 —
visitors narrow with the filters instead, which is also what they want.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q


def encode(document) -> str:
    return f"{document.published_on.isoformat()}.{document.pk}"


def decode(cursor: str | None):
    """(date, pk) from a cursor, or None when missing or malformed (then the first page is shown)."""
    try:
        day, pk = (cursor or "").split(".")
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str | None
    previous_cursor: str | None
    is_first: bool
    total: int | None  # None: more than one page, not counted


def _seek(queryset, key, newest_first: bool, forward: bool):
    day, pk = key
    going_down = newest_first == forward  # walking towards older rows
    if going_down:
        # The redundant published_on__lte gives the database an index range to start from.
        condition = Q(published_on__lte=day) & (Q(published_on__lt=day) | Q(pk__lt=pk))
    else:
        condition = Q(published_on__gte=day) & (Q(published_on__gt=day) | Q(pk__gt=pk))
    order = ("-published_on", "-pk") if going_down else ("published_on", "pk")
    return queryset.filter(condition).order_by(*order)


def paginate(queryset, *, after=None, before=None, per_page=20, newest_first=True) -> KeysetPage:
    """One page of `queryset`; `after` continues past a cursor, `before` goes back before one."""
    order = ("-published_on", "-pk") if newest_first else ("published_on", "pk")
    after_key, before_key = decode(after), decode(before)
    if before_key:
        rows = list(_seek(queryset, before_key, newest_first, forward=False)[: per_page + 1])
        has_more_before = len(rows) > per_page
        rows = list(reversed(rows[:per_page]))
        is_first = not has_more_before
        has_next = True
    else:
        rows_qs = _seek(queryset, after_key, newest_first, forward=True) if after_key else queryset.order_by(*order)
        rows = list(rows_qs[: per_page + 1])
        has_next = len(rows) > per_page
        rows = rows[:per_page]
        is_first = after_key is None
    return KeysetPage(
        object_list=rows,
        next_cursor=encode(rows[-1]) if rows and has_next else None,
        previous_cursor=encode(rows[0]) if rows and not is_first else None,
        is_first=is_first,
        total=len(rows) if is_first and not has_next else None,
    )
