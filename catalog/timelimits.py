"""公开时限: turn the standard phrases of catalog tables into a rule the compliance monitor can compute with.

Pure functions only. Catalogs write the same few phrases in many small variants
("信息形成或者变更之日起20个工作日内", "自信息形成或变更之日起20个工作日内", "20个工作日"); anything we
cannot read with confidence yields None, and the text stays the authority.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeLimitKind(models.TextChoices):
    WORKING_DAYS = "working_days", _("若干个工作日内")
    NATURAL_DAYS = "natural_days", _("若干日内（自然日）")
    IMMEDIATELY = "immediately", _("及时公开")
    REAL_TIME = "real_time", _("实时公开")
    PERIODIC = "periodic", _("定期公开")


class TimeLimitTrigger(models.TextChoices):
    FORMED_OR_CHANGED = "formed_or_changed", _("信息形成或者变更之日起")
    FORMED = "formed", _("信息形成之日起")
    MADE_OR_OBTAINED = "made_or_obtained", _("制定或获取信息之日起")
    DECISION = "decision", _("作出决定之日起")
    APPROVAL = "approval", _("批准之日起")
    UNSPECIFIED = "", _("未写明起算点")


class Period(models.TextChoices):
    YEAR = "year", _("每年")
    HALF_YEAR = "half_year", _("每半年")
    QUARTER = "quarter", _("每季度")
    MONTH = "month", _("每月")


@dataclass(frozen=True)
class TimeLimitRule:
    kind: str
    days: int | None = None
    trigger: str = TimeLimitTrigger.UNSPECIFIED
    period: str = ""


_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int | None:
    """Arabic numerals, or Chinese numerals up to 99 (七, 十, 十五, 二十, 三十)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _sep, units = text.partition("十")
        value = (_CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10
        return value + (_CHINESE_DIGITS.get(units, 0) if units else 0)
    return _CHINESE_DIGITS.get(text)


_TRIGGERS = [  # order matters: the longer phrase first
    (re.compile(r"形成或(者)?变更"), TimeLimitTrigger.FORMED_OR_CHANGED),
    (re.compile(r"(制定|作出)或(者)?获取"), TimeLimitTrigger.MADE_OR_OBTAINED),
    (re.compile(r"形成"), TimeLimitTrigger.FORMED),
    (re.compile(r"(作出|做出)(行政许可、行政处罚)?(的)?决定"), TimeLimitTrigger.DECISION),
    (re.compile(r"批准"), TimeLimitTrigger.APPROVAL),
]
_DAYS = re.compile(r"([0-9]+|[一二两三四五六七八九十]+)\s*个?\s*(工作日|日|天)")
_PERIODS = [
    (re.compile(r"每半年|半年度"), Period.HALF_YEAR),
    (re.compile(r"每季度|季度"), Period.QUARTER),
    (re.compile(r"每月|按月|月度"), Period.MONTH),
    (re.compile(r"每年|年度|按年"), Period.YEAR),
]


def parse_time_limit(text: str | None) -> TimeLimitRule | None:
    """The machine-readable rule behind a 公开时限 phrase, or None when the phrase is not a standard one."""
    if not text:
        return None
    phrase = re.sub(r"\s+", "", text)
    match = _DAYS.search(phrase)
    if match:
        days = _number(match.group(1))
        if not days:
            return None
        kind = TimeLimitKind.WORKING_DAYS if match.group(2) == "工作日" else TimeLimitKind.NATURAL_DAYS
        trigger = next((value for pattern, value in _TRIGGERS if pattern.search(phrase)), TimeLimitTrigger.UNSPECIFIED)
        return TimeLimitRule(kind=kind, days=days, trigger=trigger)
    if "实时" in phrase:
        return TimeLimitRule(kind=TimeLimitKind.REAL_TIME)
    if re.search(r"及时|即时|立即", phrase):
        return TimeLimitRule(kind=TimeLimitKind.IMMEDIATELY)
    for pattern, period in _PERIODS:
        if pattern.search(phrase):
            return TimeLimitRule(kind=TimeLimitKind.PERIODIC, period=period)
    return None
