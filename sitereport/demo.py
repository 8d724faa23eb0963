"""Demo data for `manage.py seed_demo`: a year of daily visits, last year's 政府网站工作年度报表 published by the
county government office (drafted by one person, published by another) and this year's in draft. Idempotent:
visits are keyed by day, reports by year. Numbers are made up but plausible for a county site.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from portal.demo import DEMO_PASSWORD
from portal.models import Membership
from sitereport import services
from sitereport.models import DailyVisits, SiteKind

STAFF = [
    ("xzf_site_clerk", "孙晓燕（县政府办网站年报填报人）"),
    ("xzf_site_reviewer", "周建华（县政府办网站年报审核人）"),
]
ENTERED = {
    "site_name": "安平县人民政府",
    "home_url": "https://www.anping.gov.cn/",
    "site_kind": SiteKind.PORTAL,
    "overview_updates": 46,
    "interpretation_products": 12,
    "media_commentaries": 5,
    "service_catalog_published": True,
    "registered_users": 18250,
    "service_items": 1265,
    "online_service_items": 1043,
    "cases_total": 86420,
    "cases_natural": 61230,
    "cases_legal": 25190,
    "unified_platform": True,
    "smart_qa": True,
    "security_checks": 12,
    "security_problems": 7,
    "security_fixed": 7,
    "security_monitoring": True,
    "emergency_drill": True,
    "security_officer": True,
    "has_new_media": True,
    "weibo_name": "安平发布",
    "weibo_posts": 1520,
    "weibo_followers": 84300,
    "wechat_name": "安平县人民政府",
    "wechat_posts": 960,
    "wechat_subscribers": 126500,
    "other_media": "安平县政务抖音号",
    "search_as_service": True,
    "multilingual": False,
    "accessible_browsing": True,
    "personalised": False,
    "other_innovation_flag": True,
    "other_innovation": "适老化大字模式和朗读",
    "unit_name": "安平县人民政府办公室",
    "head": "王志刚",
    "reviewer_name": "周建华",
    "filled_by": "孙晓燕",
    "phone": "0537-6500011",
}


def _users(context):
    User = get_user_model()
    users = context.setdefault("users", {})
    office = context["organisations"]["county-office"]
    hashed = None
    for username, full_name in STAFF:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            hashed = hashed or make_password(DEMO_PASSWORD)
            user.password = hashed
            user.save(update_fields=["password"])
        users[username] = user
        Membership.objects.get_or_create(user=user, organisation=office, role="site_report_clerk")
        accounts = context.setdefault("accounts", [])
        if (username, full_name) not in accounts:
            accounts.append((username, full_name))
    return office, users["xzf_site_clerk"], users["xzf_site_reviewer"]


def visits_on(day: dt.date) -> tuple[int, int]:
    """A plausible day: more on working days, a little noise from the date itself (no randomness: idempotent)."""
    base = 2400 if day.weekday() < 5 else 900
    noise = (day.toordinal() * 7919) % 600
    views = base + noise
    return views, views * 3 // 10


def _fill(report, values, *, by):
    for name, value in values.items():
        setattr(report, name, value)
    return services.save_draft(report, by=by)


def seed(context: dict, out) -> None:
    office, clerk, reviewer = _users(context)
    today = timezone.localdate()
    days = [today - dt.timedelta(days=n) for n in range(1, 366)]
    DailyVisits.objects.bulk_create(
        [DailyVisits(day=day, visits=v, visitors=u) for day in days for v, u in [visits_on(day)]], ignore_conflicts=True
    )
    last_year = today.year - 1
    if services.published(last_year) is None:
        report = services.start(office, last_year, by=clerk)
        report = _fill(report, {**ENTERED, "filled_on": dt.date(today.year, 1, 18)}, by=clerk)
        services.submit(report, by=clerk)
        services.publish(report, by=reviewer, on=min(today, dt.date(today.year, 1, 20)))
    if services.working_copy(today.year) is None and not services.published(today.year):
        report = services.start(office, today.year, by=clerk)
        partial = {
            k: v
            for k, v in ENTERED.items()
            if k in ("site_name", "home_url", "site_kind", "unit_name", "filled_by", "phone")
        }
        _fill(report, partial, by=clerk)
    out.write(f"site reports: {last_year} published, {today.year} in draft; {len(days)} days of visits\n")
