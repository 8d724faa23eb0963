"""What the office's dashboard computes: the organisations of a kind, their key indicators, the county's months.

One function for the page and for the background refresh (supervision/tasks.py), so the refresh fills exactly
the cache entries the next visit reads (supervision/cache.py).
"""

from django.utils import timezone

from portal.models import CATALOG_KINDS, Organisation, OrganisationKind
from supervision import indicators, trends
from supervision.periods import year_period


def organisations(kind: str):
    """Active organisations in tree order: one kind, or every kind that keeps a catalog."""
    found = Organisation.objects.active().in_tree_order()
    if kind in OrganisationKind.values:
        return found.filter(kind=kind)
    return found.filter(kind__in=CATALOG_KINDS)


def figures(year: int, kind: str = ""):
    """(organisations, key indicators, values code → {organisation → value}, twelve-month series)."""
    start, end = year_period(year)
    chosen = list(organisations(kind))
    ids = [org.pk for org in chosen]
    columns = indicators.key_indicators()
    values = indicators.compute(ids, start, end, codes=[c.code for c in columns])
    series = trends.monthly(min(end, timezone.localdate()), ids)
    return chosen, columns, values, series
