"""The version diff: rows matched by stable identity (table-driven)."""

import pytest

from catalog.diff import diff_rows

A = {"first_level": "综合业务", "second_level": "政策法规文件", "time_limit": "及时公开"}
B = {"first_level": "监督检查", "second_level": "投诉举报渠道", "time_limit": "及时公开"}
B2 = {**B, "time_limit": "制定或获取信息之日起10个工作日内"}
A_RENAMED = {**A, "second_level": "政策文件"}
COLS = ("first_level", "second_level", "time_limit")

CASES = [
    # old, new, added, removed, changed (key, fields), summary
    ({}, {1: A}, [A], [], [], "新增1项"),
    ({1: A}, {}, [], [A], [], "删除1项"),
    ({1: A, 2: B}, {1: A, 2: B}, [], [], [], "内容无变化"),
    ({1: A, 2: B}, {2: B, 1: A}, [], [], [], "内容无变化"),  # reordering is not a change
    ({1: A, 2: B}, {1: A, 2: B2}, [], [], [(2, ("time_limit",))], "修改1项"),
    ({1: A}, {1: A_RENAMED}, [], [], [(1, ("second_level",))], "修改1项"),  # renamed keeps identity
    ({1: A}, {2: A}, [A], [A], [], "新增1项，删除1项"),  # same words, another item
    ({1: A, 2: B}, {2: B2, 3: A}, [A], [A], [(2, ("time_limit",))], "新增1项，删除1项，修改1项"),
]


@pytest.mark.parametrize(("old", "new", "added", "removed", "changed", "summary"), CASES)
def test_diff_rows(old, new, added, removed, changed, summary):
    result = diff_rows(old, new, COLS)
    assert result.added == added
    assert result.removed == removed
    assert [(c.key, c.fields) for c in result.changed] == changed
    assert result.summary() == summary
    assert result.is_empty is (summary == "内容无变化")


def test_columns_not_compared_are_ignored():
    assert diff_rows({1: {**A, "position": 1}}, {1: {**A, "position": 5}}, COLS).is_empty
