"""A year of activity across the apps the report reads, and reports in each state."""

import datetime as dt

from django.utils import timezone

from portal.models import OrganisationKind
from sitereport import services
from tests.factories import OrganisationFactory, member


def office():
    return OrganisationFactory(name="测试县人民政府办公室", kind=OrganisationKind.DEPARTMENT)


def keepers(organisation):
    """Two people holding the clerk role: one drafts, the other publishes (four eyes)."""
    return member("site_report_clerk", organisation), member("site_report_clerk", organisation)


def published_report(organisation, year, *, clerk, reviewer, on=None, **fields):
    report = services.start(organisation, year, by=clerk)
    for name, value in {"filled_by": "孙晓燕", "phone": "0537-6500011", **fields}.items():
        setattr(report, name, value)
    report = services.save_draft(report, by=clerk)
    services.submit(report, by=clerk)
    services.publish(report, by=reviewer, on=on or timezone.localdate())
    report.refresh_from_db()
    return report


def at(year, month, day, hour=10):
    return timezone.make_aware(dt.datetime(year, month, day, hour))
