"""Every built-in indicator's value over a period of activity, its drill-down, and the pure rules behind them."""

import datetime as dt
import statistics

import pytest
from django.utils import timezone

from catalog import services as catalog_services
from catalog.timelimits import Period, TimeLimitKind
from portal import workdays
from portal.roles import Role
from supervision import indicators, metrics
from tests.catalog.factories import CatalogItemFactory, member, publish_catalog
from tests.factories import OrganisationFactory
from tests.supervision.activity import END, START, D, build, doc

pytestmark = pytest.mark.django_db
ANNUAL = 0  # no 2024 annual report was published by 31 January 2025


def expected_a():
    median = statistics.median(
        [
            workdays.working_days_between(dt.date(2025, 3, 3), dt.date(2025, 3, 20)),
            workdays.working_days_between(dt.date(2025, 4, 1), dt.date(2025, 5, 15)),
            workdays.working_days_between(dt.date(2024, 12, 2), dt.date(2025, 1, 10)),
        ]
    )
    return {
        "catalog_compiled": 1,
        "catalog_published": 1,
        "catalog_last_updated": timezone.localdate(),
        "empty_columns": 0,  # i4 has its 2024 document
        "stale_columns": 2,  # i2 (news-like, 2 weeks) and i4 (6 months); i3 is monthly and fresh
        "documents_published": 6,
        "timely_on_time": 1,
        "timely_late": 1,
        "timely_no_rule": 4,
        "timely_rate": 50.0,
        "art26_late": 1,
        "art26_rate": 80.0,
        "normative_published": 1,
        "normative_validity_unmarked": 1,
        "reassessment_due": 1,
        "reassessment_done": 1,
        "cleanup_recent": 1,
        "interpretation_missing": 1,
        "requests_received": 4,  # the withdrawn one was received too
        "requests_on_time": 2,
        "requests_late": 1,
        "requests_on_time_rate": 66.7,
        "requests_open_overdue": 1,
        "requests_median_days": median,
        "remedies_decided": 2,
        "remedies_corrected": 1,
        "annual_report_on_time": ANNUAL,
        "officer_designated": 1,
        "trainings": 1,
    }


EXPECTED_B = {
    **{code: 0 for code, *_rest in metrics.DEFINITIONS},
    "catalog_last_updated": None,
    "timely_rate": None,
    "art26_rate": None,
    "requests_on_time_rate": None,
    "requests_median_days": None,
    "annual_report_on_time": ANNUAL,
    "officer_designated": 0,  # no phone, no e-mail
    "trainings": 1,  # it organised one
}


def test_every_indicator_over_a_period_of_activity():
    a, b, _records = build()
    values = metrics.compute([a.pk, b.pk], START, END)
    assert set(values) == {code for code, *_rest in metrics.DEFINITIONS}
    assert {code: values[code][a.pk] for code in values} == expected_a()
    assert {code: values[code][b.pk] for code in values} == EXPECTED_B


def test_an_empty_column_counts_until_it_has_a_public_document():
    a, _b, records = build()
    i4 = records["items"][3]
    i4.documents.clear()
    values = metrics.compute([a.pk], START, END)
    assert values["empty_columns"][a.pk] == 1
    assert values["stale_columns"][a.pk] == 1


def test_stale_columns_follow_the_published_catalog_not_the_working_copy():
    """An unpublished edit of a column's time limit changes nothing a citizen sees, so nothing an inspector counts."""
    a, _b, records = build()
    _i1, i2, i3, _i4 = records["items"][:4]
    i3.time_limit = "及时公开"  # would make the monthly column (newest document 1 December) stale after 2 weeks
    i3.save()
    values = metrics.compute([a.pk], START, END)
    assert values["stale_columns"][a.pk] == 2
    rows = indicators.evidence("stale_columns", a.pk, START, END)
    shown = {label.split(" · ", 1)[1].split("（")[0] for label, _url in rows}
    assert shown == {f"{i.first_level} / {i.second_level}" for i in (i2, records["items"][3])}


# i1 carries two formed documents: 10 → 20 December 2025 (6 working days) and 3 March → 2 June 2025 (91 days).
@pytest.mark.parametrize(
    ("new_limit", "published", "on_time", "late", "no_rule"),
    [
        ("信息形成或者变更之日起5个工作日内", False, 1, 1, 4),  # draft edit: still the published 20 working days
        ("信息形成或者变更之日起5个工作日内", True, 0, 2, 4),
        ("信息形成之日起180日内", False, 1, 1, 4),
        ("信息形成之日起180日内", True, 2, 0, 4),
        ("及时公开", False, 1, 1, 4),
        ("及时公开", True, 0, 0, 6),  # no day count left to judge by
    ],
)
def test_compliance_monitor_judges_by_the_published_time_limit(new_limit, published, on_time, late, no_rule):
    """A draft change to a catalog item's time limit changes no score until the catalog is published again."""
    a, _b, records = build()
    i1 = records["items"][0]
    editor = member(Role.EDITOR, a)
    i1.time_limit = new_limit
    catalog_services.save_item(i1, by=editor, loaded_version=i1.edit_version)
    if published:
        publish_catalog(a, i1.domain, editor=editor)
    values = metrics.compute([a.pk], START, END)
    assert (values["timely_on_time"][a.pk], values["timely_late"][a.pk], values["timely_no_rule"][a.pk]) == (
        on_time, late, no_rule,
    )  # fmt: skip
    for code, count in (("timely_on_time", on_time), ("timely_late", late), ("timely_no_rule", no_rule)):
        assert len(indicators.evidence(code, a.pk, START, END)) == count
    shown = " ".join(label for label, _url in indicators.evidence("timely_late", a.pk, START, END))
    limit = new_limit if published else "信息形成或者变更之日起20个工作日内"
    assert (limit in shown) == bool(late)


def test_an_unpublished_item_sets_no_time_limit():
    """A document filed under an item added to the working copy after publication has no rule until it is published."""
    a, _b, records = build()
    i1 = records["items"][0]
    fresh = CatalogItemFactory(organisation=a, domain=i1.domain, time_limit="信息形成之日起5日内")
    doc(a, D(2025, 11, 20), items=[fresh], formed_on=D(2025, 11, 3))
    before = metrics.compute([a.pk], START, END)
    assert (before["timely_late"][a.pk], before["timely_no_rule"][a.pk]) == (1, 5)
    publish_catalog(a, i1.domain)
    after = metrics.compute([a.pk], START, END)
    assert (after["timely_late"][a.pk], after["timely_no_rule"][a.pk]) == (2, 4)


@pytest.mark.parametrize(
    "code",
    ["stale_columns", "documents_published", "timely_on_time", "timely_late", "timely_no_rule", "art26_late",
     "normative_published", "normative_validity_unmarked", "reassessment_due", "reassessment_done",
     "cleanup_recent", "interpretation_missing", "requests_received", "requests_on_time", "requests_late",
     "requests_open_overdue", "remedies_decided", "remedies_corrected", "trainings", "catalog_published"],
)  # fmt: skip
def test_drill_down_lists_exactly_the_records_behind_a_count(code):
    a, _b, _records = build()
    value = metrics.compute([a.pk], START, END)[code][a.pk]
    rows = indicators.evidence(code, a.pk, START, END)
    assert len(rows) == value
    assert all(isinstance(label, str) and label for label, _url in rows)


def test_drill_down_of_a_late_document_explains_the_rule():
    a, _b, _records = build()
    (label, url), = indicators.evidence("timely_late", a.pk, START, END)
    assert "2025-03-03" in label and "2025-06-02" in label and url.startswith(f"/staff/org/{a.pk}/documents/")


@pytest.mark.parametrize(
    ("kind", "period", "days"),
    [
        (TimeLimitKind.REAL_TIME, "", 14),
        (TimeLimitKind.IMMEDIATELY, "", 14),
        (TimeLimitKind.PERIODIC, Period.MONTH, 31),
        (TimeLimitKind.PERIODIC, Period.QUARTER, 92),
        (TimeLimitKind.PERIODIC, Period.HALF_YEAR, 183),
        (TimeLimitKind.PERIODIC, Period.YEAR, 366),
        (TimeLimitKind.WORKING_DAYS, "", 183),
        ("", "", 183),
    ],
)
def test_update_cycle(kind, period, days):
    assert metrics.update_cycle_days(kind, period) == days


@pytest.mark.parametrize(
    ("kind", "report_year", "deadline"),
    [("department", 2025, dt.date(2026, 1, 31)), ("township", 2025, dt.date(2026, 1, 31)),
     ("county", 2025, dt.date(2026, 3, 31))],
)  # fmt: skip
def test_annual_report_deadline(kind, report_year, deadline):
    assert metrics.annual_report_deadline(kind, report_year) == deadline


@pytest.mark.parametrize(
    ("value", "better", "bounds", "colour"),
    [
        (0, "lower", (0, 4), "green"),
        (4, "lower", (0, 4), "amber"),
        (5, "lower", (0, 4), "red"),
        (96, "higher", (95, 80), "green"),
        (80, "higher", (95, 80), "amber"),
        (79.9, "higher", (95, 80), "red"),
        (None, "higher", (95, 80), ""),
        (3, "higher", None, ""),
    ],
)
def test_colour(value, better, bounds, colour):
    assert indicators.colour(value, better, bounds) == colour


def test_annual_report_deadlines():
    from django.apps import apps

    report = apps.get_model("requests_app", "AnnualReport")
    on_time, late = OrganisationFactory(), OrganisationFactory()
    county, missing = OrganisationFactory(kind="county"), OrganisationFactory()
    for org, day in ((on_time, dt.date(2025, 1, 20)), (late, dt.date(2025, 2, 3)), (county, dt.date(2025, 3, 31))):
        report.objects.create(organisation=org, year=2024, status="published", published_on=day)
    values = indicators.compute([on_time.pk, late.pk, county.pk, missing.pk], START, END)["annual_report_on_time"]
    assert values == {on_time.pk: 1, late.pk: 0, county.pk: 1, missing.pk: 0}
    rows = indicators.evidence("annual_report_on_time", late.pk, START, END)
    assert len(rows) == 1 and "2025-02-03" in rows[0][0] and rows[0][1].endswith(f"/{late.pk}/2024/")
