"""Fragments other pages include: the home section (latest published year) and the workspace's deadline warning."""

from django import template
from django.utils import timezone

from portal.caching import cached_public_data
from portal.permissions import organisations_where
from sitereport import rules
from sitereport.models import SiteReport
from sitereport.services import KEEP_SITE_REPORT

register = template.Library()

HOME_FIGURES = ("visits", "docs_total", "messages_received", "messages_concluded")


@register.simple_tag
def latest_site_report():
    """The latest published year's report with a few of its frozen figures, or False (one query on a cold cache:
    kept under the public-content generation, which a report's publication bumps)."""

    def compute():
        report = SiteReport.objects.published().order_by("-year").only("year", "published_on", "snapshot").first()
        if report is None:
            return False  # not None: the cache keeps it, so a site without a report asks once per generation
        records = (report.snapshot or {}).get("records", {})
        return {"report": report, "figures": {key: records.get(key) for key in HOME_FIGURES}}

    return cached_public_data("latest-site-report", compute)


@register.simple_tag
def site_report_warning(user):
    """For a keeper of the report: last year's report due (1 January until it is published), else None."""
    today = timezone.localdate()
    organisations = list(organisations_where(user, KEEP_SITE_REPORT)[:20])
    if not organisations:
        return None
    published = set(SiteReport.objects.published().filter(year=today.year - 1).values_list("year", flat=True))
    warning = rules.due_warning(today, published)
    if warning is None:
        return None
    return {**warning, "organisations": organisations}
