"""The period a supervision page looks at: a calendar year chosen with ?year= (default: this year)."""

import datetime as dt

from django.utils import timezone

FIRST_YEAR = 2015


def year_from(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except (TypeError, ValueError):
        return today.year
    return year if FIRST_YEAR <= year <= today.year + 1 else today.year


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def year_choices() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))
