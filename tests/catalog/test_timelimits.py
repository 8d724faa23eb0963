"""公开时限 phrases from published catalogs → machine-readable rules (table-driven)."""

import pytest

from catalog.timelimits import Period, TimeLimitKind, TimeLimitRule, TimeLimitTrigger, parse_time_limit

K, T = TimeLimitKind, TimeLimitTrigger

CASES = [
    ("信息形成或者变更之日起20个工作日内", TimeLimitRule(K.WORKING_DAYS, 20, T.FORMED_OR_CHANGED)),
    ("自信息形成或者变更之日起20个工作日内", TimeLimitRule(K.WORKING_DAYS, 20, T.FORMED_OR_CHANGED)),
    ("信息形成或变更之日起 20 个工作日内", TimeLimitRule(K.WORKING_DAYS, 20, T.FORMED_OR_CHANGED)),
    ("信息形成之日起20个工作日内", TimeLimitRule(K.WORKING_DAYS, 20, T.FORMED)),
    ("制定或获取信息之日起10个工作日内", TimeLimitRule(K.WORKING_DAYS, 10, T.MADE_OR_OBTAINED)),
    ("行政许可、行政处罚自作出决定之日起7个工作日内", TimeLimitRule(K.WORKING_DAYS, 7, T.DECISION)),
    ("作出行政许可、行政处罚决定之日起7个工作日内", TimeLimitRule(K.WORKING_DAYS, 7, T.DECISION)),
    ("20个工作日", TimeLimitRule(K.WORKING_DAYS, 20, T.UNSPECIFIED)),
    ("信息形成之日起二十个工作日内", TimeLimitRule(K.WORKING_DAYS, 20, T.FORMED)),
    ("七个工作日内", TimeLimitRule(K.WORKING_DAYS, 7, T.UNSPECIFIED)),
    ("批准后20日内", TimeLimitRule(K.NATURAL_DAYS, 20, T.APPROVAL)),
    ("及时公开", TimeLimitRule(K.IMMEDIATELY)),
    ("即时公开", TimeLimitRule(K.IMMEDIATELY)),
    ("实时", TimeLimitRule(K.REAL_TIME)),
    ("实时更新", TimeLimitRule(K.REAL_TIME)),
    ("每季度公开一次", TimeLimitRule(K.PERIODIC, period=Period.QUARTER)),
    ("每年3月底前", TimeLimitRule(K.PERIODIC, period=Period.YEAR)),
    ("每月", TimeLimitRule(K.PERIODIC, period=Period.MONTH)),
    ("每半年", TimeLimitRule(K.PERIODIC, period=Period.HALF_YEAR)),
    ("", None),
    (None, None),
    ("长期有效", None),
    ("按有关规定执行", None),
    ("0个工作日", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_time_limit(text, expected):
    assert parse_time_limit(text) == expected
