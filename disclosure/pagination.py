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
    day = document.published_on  # a date, or SQLite's text of one from a raw query
    return f"{day if isinstance(day, str) else day.isoformat()}.{document.pk}"


# A cursor's id outside the database's integers is malformed (SQLite's driver raises OverflowError on it).
MAX_ID = 2**63 - 1


def decode(cursor: str | None):
    """(date, pk) from a cursor, or None when missing or malformed (then the first page is shown)."""
    try:
        day, pk = (cursor or "").split(".")
        key = dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None
    return key if -MAX_ID <= key[1] <= MAX_ID else None


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str | None
    previous_cursor: str | None
    is_first: bool
    total: int | None  # None: more than one page, not counted
    rows_html: str = ""  # the rows as the list stored them (disclosure/stored_lists.py), else rendered from object_list


FIRST, AFTER, BEFORE = "first", "after", "before"


def rows_query(queryset, mode: str, key=None, *, per_page=20, newest_first=True):
    """The query for one page's rows (one more than `per_page`, to know whether there is a next page): the
    first page, the rows after the cursor `key` or those before it (nearest first). disclosure/stored_lists.py
    compiles these with a placeholder key once and reuses the SQL."""
    if mode == FIRST:
        order = ("-published_on", "-pk") if newest_first else ("published_on", "pk")
        return queryset.order_by(*order)[: per_page + 1]
    day, pk = key
    going_down = newest_first == (mode == AFTER)  # walking towards older rows
    if going_down:
        # The redundant published_on__lte gives the database an index range to start from.
        condition = Q(published_on__lte=day) & (Q(published_on__lt=day) | Q(pk__lt=pk))
    else:
        condition = Q(published_on__gte=day) & (Q(published_on__gt=day) | Q(pk__gt=pk))
    order = ("-published_on", "-pk") if going_down else ("published_on", "pk")
    return queryset.filter(condition).order_by(*order)[: per_page + 1]


def page_of(fetch, *, after=None, before=None, per_page=20) -> KeysetPage:
    """One page from `fetch(mode, key)`, which returns the rows of `rows_query(…, mode, key)` (anything with
    `published_on` and `pk`); `after` continues past a cursor, `before` goes back before one."""
    after_key, before_key = decode(after), decode(before)
    if before_key:
        rows = list(fetch(BEFORE, before_key))
        has_more_before = len(rows) > per_page
        rows = list(reversed(rows[:per_page]))
        is_first = not has_more_before
        has_next = True
    else:
        rows = list(fetch(AFTER, after_key) if after_key else fetch(FIRST, None))
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


def paginate(queryset, *, after=None, before=None, per_page=20, newest_first=True) -> KeysetPage:
    """One page of `queryset`; `after` continues past a cursor, `before` goes back before one."""

    def fetch(mode, key):
        return rows_query(queryset, mode, key, per_page=per_page, newest_first=newest_first)

    return page_of(fetch, after=after, before=before, per_page=per_page)


def links(query, page: KeysetPage) -> dict:
    """The pagination's addresses for `page` of the list asked with `query` (a QueryDict): the first page, the
    page before, the page after (each "" when there is none)."""
    from portal.templatetags.portal_tags import query_string_with

    previous, following = page.previous_cursor, page.next_cursor
    return {
        "first": query_string_with(query, after=None, before=None) if previous else "",
        "previous": query_string_with(query, after=None, before=previous) if previous else "",
        "next": query_string_with(query, before=None, after=following) if following else "",
    }
