"""Background work of supervision, run by the task worker: refreshing the dashboard's cached figures.

Why: at a million documents the dashboard's figures take 0.5–0.8 s to compute (docs/performance.md), and every
publication makes them stale. Recomputing them in the worker shortly after the change means the office's next
visit reads them from the cache instead of waiting for them.
"""

from django.tasks import task
from django.utils import timezone


@task
def refresh_dashboard() -> None:
    """Compute this year's county-wide dashboard figures into the cache (the page's default view)."""
    from supervision import cache, dashboard

    cache.refresh_started()
    dashboard.figures(timezone.localdate().year)
