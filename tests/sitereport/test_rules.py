"""Pure rules of the site report and of visit counting, table-driven."""

import datetime as dt

import pytest

from sitereport import rules, visits

D = dt.date


@pytest.mark.parametrize(
    ("year", "published_on", "late"),
    [(2025, None, False), (2025, D(2026, 1, 20), False), (2025, D(2026, 1, 29), False), (2025, D(2026, 1, 30), True)],
)
def test_late_after_29_january(year, published_on, late):
    assert rules.deadline(year) == D(year + 1, 1, 29)
    assert rules.is_late(year, published_on) is late


@pytest.mark.parametrize(
    ("today", "published", "expected"),
    [
        (D(2026, 1, 1), set(), {"year": 2025, "deadline": D(2026, 1, 29), "overdue": False}),
        (D(2026, 1, 29), set(), {"year": 2025, "deadline": D(2026, 1, 29), "overdue": False}),
        (D(2026, 1, 30), set(), {"year": 2025, "deadline": D(2026, 1, 29), "overdue": True}),
        (D(2026, 1, 10), {2025}, None),
        (D(2026, 12, 31), {2025}, None),
    ],
)
def test_due_warning_from_1_january_until_published(today, published, expected):
    assert rules.due_warning(today, published) == expected


@pytest.mark.parametrize(
    ("average", "days"), [(None, None), (dt.timedelta(days=3), 3.0), (dt.timedelta(days=2, hours=12), 2.5)]
)
def test_average_days(average, days):
    assert rules.average_days(average) == days


@pytest.mark.parametrize(("parts", "total"), [((0, 0, 0), 0), ((3, 2, 1), 6), ((5, None, None), 5)])
def test_interpretation_total_adds_the_sub_items(parts, total):
    assert rules.interpretation_total(*parts) == total


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({}, []),
        ({"service_items": 10, "online_service_items": 11}, ["online_service_items"]),
        ({"cases_total": 10, "cases_natural": 6, "cases_legal": 4}, []),
        ({"cases_total": 10, "cases_natural": 6, "cases_legal": 5}, ["cases_legal"]),
        ({"security_problems": 2, "security_fixed": 3}, ["security_fixed"]),
        ({"has_new_media": True}, ["weibo_name"]),
        ({"has_new_media": True, "wechat_name": "安平发布"}, []),
        ({"other_innovation_flag": True, "other_innovation": " "}, ["other_innovation"]),
    ],
)
def test_cross_checks(values, fields):
    assert [field for field, _message in rules.cross_check(values)] == fields


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.mark.parametrize(
    ("overrides", "counted"),
    [
        ({}, True),
        ({"method": "POST"}, False),
        ({"method": "HEAD"}, False),
        ({"status": 404}, False),
        ({"status": 304}, False),
        ({"content_type": "application/xml"}, False),
        ({"content_type": "text/html; charset=utf-8"}, True),
        ({"logged_in": True}, False),
        ({"user_agent": ""}, False),
        ({"user_agent": "Mozilla/5.0 (compatible; Baiduspider/2.0)"}, False),
        ({"user_agent": "Googlebot/2.1"}, False),
        ({"user_agent": "curl/8.5"}, False),
        ({"path": "/staff/"}, False),
        ({"path": "/static/css/site.css"}, False),
        ({"path": "/admin/"}, False),
        ({"path": "/documents/12/"}, True),
    ],
)
def test_what_counts_as_a_visit(overrides, counted):
    request = {"method": "GET", "path": "/", "status": 200, "content_type": "text/html", "user_agent": BROWSER}
    request["logged_in"] = False
    assert visits.countable(**{**request, **overrides}) is counted


def test_the_visitor_hash_holds_no_address():
    digest = visits.visitor_hash("salt", "203.0.113.7", BROWSER)
    assert "203" not in digest and len(digest) == 16
    assert digest != visits.visitor_hash("other salt of another day", "203.0.113.7", BROWSER)
