"""Pure rules of the 政府网站工作年度报表: the deadline, lateness, the workspace warning, derived figures and the
cross-checks of the figures staff enter. No database here; tests/sitereport/test_rules.py is table-driven.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

# 国办函〔2018〕12号: each site publishes the previous year's report on its home page by 31 January; the county's
# rule (portal.md) is 29 January, the last working day the county office keeps before the month's end.
DEADLINE_MONTH, DEADLINE_DAY = 1, 29


def deadline(year: int) -> dt.date:
    """The day by which the report on `year` must be on the home page."""
    return dt.date(year + 1, DEADLINE_MONTH, DEADLINE_DAY)


def is_late(year: int, published_on: dt.date | None) -> bool:
    """Published after the deadline (a report not yet published is not "late" here: it is overdue, see below)."""
    return published_on is not None and published_on > deadline(year)


def due_warning(today: dt.date, published_years: set[int]) -> dict | None:
    """What the keeper's workspace shows: from 1 January until last year's report is published.

    {"year", "deadline", "overdue"} or None when nothing is due.
    """
    year = today.year - 1
    if year in published_years:
        return None
    return {"year": year, "deadline": deadline(year), "overdue": today > deadline(year)}


def average_days(average: dt.timedelta | None) -> float | None:
    """平均办理时间（天）from the database's average interval, one decimal; None when nothing was concluded."""
    if average is None:
        return None
    return round(average.total_seconds() / 86400, 1)


def interpretation_total(materials: int, products: int, media: int) -> int:
    """解读信息发布总数 = 解读材料 + 解读产品 + 媒体评论文章 (the form's sub-items add up to the total)."""
    return (materials or 0) + (products or 0) + (media or 0)


# (field, message, check(values) -> bool true when wrong). The form runs them; each message names the figure.
CROSS_CHECKS = (
    (
        "online_service_items",
        _("可全程在线办理政务服务事项数量不能多于政务服务事项数量。"),
        lambda v: (v.get("online_service_items") or 0) > (v.get("service_items") or 0),
    ),
    (
        "cases_legal",
        _("自然人办件量与法人办件量之和不能多于办件总量。"),
        lambda v: (v.get("cases_natural") or 0) + (v.get("cases_legal") or 0) > (v.get("cases_total") or 0),
    ),
    (
        "security_fixed",
        _("问题整改数量不能多于发现问题数量。"),
        lambda v: (v.get("security_fixed") or 0) > (v.get("security_problems") or 0),
    ),
    (
        "weibo_name",
        _("开通了移动新媒体的，请至少填写一个微博或微信账号名称。"),
        lambda v: bool(v.get("has_new_media")) and not (v.get("weibo_name") or v.get("wechat_name") or "").strip(),
    ),
    (
        "other_innovation",
        _("勾选了“其他”创新做法的，请写明具体内容。"),
        lambda v: bool(v.get("other_innovation_flag")) and not (v.get("other_innovation") or "").strip(),
    ),
)


def cross_check(values: dict) -> list[tuple[str, str]]:
    """[(field, message)] for every cross-check the entered values fail."""
    return [(field, message) for field, message, wrong in CROSS_CHECKS if wrong(values)]
