import datetime as dt
from decimal import Decimal

import pytest

from tests.villages.factories import resident_id
from villages import rules


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2026, 1, 1), (2026, 1)), (dt.date(2026, 3, 31), (2026, 1)), (dt.date(2026, 4, 1), (2026, 2)),
     (dt.date(2026, 12, 31), (2026, 4))],
)  # fmt: skip
def test_quarter_of(day, expected):
    assert rules.quarter_of(day) == expected


@pytest.mark.parametrize(
    ("year", "quarter", "end"),
    [(2026, 1, dt.date(2026, 3, 31)), (2026, 2, dt.date(2026, 6, 30)), (2026, 3, dt.date(2026, 9, 30)),
     (2026, 4, dt.date(2026, 12, 31))],
)  # fmt: skip
def test_quarter_end(year, quarter, end):
    assert rules.quarter_end(year, quarter) == end


@pytest.mark.parametrize(
    ("published", "today", "missing"),
    [
        # 2 Dec 2026: Q3 2026 ended 30 Sep, overdue from 31 Oct; the four checked are Q4 2025 … Q3 2026.
        ({(2025, 4), (2026, 1), (2026, 2), (2026, 3)}, dt.date(2026, 12, 2), []),
        ({(2025, 4), (2026, 1), (2026, 3)}, dt.date(2026, 12, 2), [(2026, 2)]),
        (set(), dt.date(2026, 12, 2), [(2025, 4), (2026, 1), (2026, 2), (2026, 3)]),
        # 15 Oct: Q3 is within its grace month, so not yet asked for; Q3 2025 … Q2 2026 are.
        ({(2025, 3), (2025, 4), (2026, 1), (2026, 2)}, dt.date(2026, 10, 15), []),
        # 30 Oct is the last day of Q3's grace (checked: Q3 2025 … Q2 2026); from 31 Oct Q3 is overdue.
        ({(2025, 3), (2025, 4), (2026, 1), (2026, 2)}, dt.date(2026, 10, 30), []),
        ({(2025, 4), (2026, 1), (2026, 2)}, dt.date(2026, 11, 1), [(2026, 3)]),
    ],
)
def test_missing_quarters(published, today, missing):
    assert rules.missing_quarters(published, today) == missing


def test_missing_quarters_since_a_village_joined():
    assert rules.missing_quarters(set(), dt.date(2026, 12, 2), since=dt.date(2026, 4, 1)) == [(2026, 2), (2026, 3)]


def test_a_good_row_keeps_only_the_masked_number():
    number = resident_id(7)
    fields, problems, full = rules.read_recipient_row(["马长顺", number, 3, 460.5, ""])
    assert problems == []
    assert full == number
    assert fields["masked_id"] == number[:3] + "*" * 11 + number[-4:]
    assert number not in fields.values()
    assert fields["amount"] == Decimal("460.5")
    assert fields["household_size"] == 3


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (["", resident_id(1), 3, 100], "户主姓名未填写"),
        (["张" * 51, resident_id(1), 3, 100], "户主姓名超过50个字"),
        (["张三", "110101199003071234", 3, 100], "校验位"),
        (["张三", "12345", 3, 100], "18位"),
        (["张三", resident_id(1), 0, 100], "家庭人口"),
        (["张三", resident_id(1), "三", 100], "家庭人口"),
        (["张三", resident_id(1), 3, -5], "金额"),
        (["张三", resident_id(1), 3, "1.005"], "金额"),
        (["张三", resident_id(1), 3, "=1+1"], "金额"),
        (["张三", resident_id(1), 3, "NaN"], "金额"),
        (["张三", resident_id(1), 3, 100, "备" * 101], "备注"),
    ],
)
def test_bad_rows_are_named(cells, problem):
    fields, problems, _full = rules.read_recipient_row(cells)
    assert fields is None
    assert any(problem in p for p in problems), problems
