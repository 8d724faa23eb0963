"""bench/pages.py: the goals of issue #17 applied to measured rows, and a real measurement of /healthz."""

import pytest
from django.test import Client

from bench import pages


@pytest.mark.parametrize(
    ("kind", "row", "expected"),
    [
        (pages.PUBLIC, {"cpu_ms": 2.0}, True),  # 50 % of a 1 ms /healthz
        (pages.PUBLIC, {"cpu_ms": 2.1}, False),
        (pages.SEARCH, {"cpu_ms": 4.0}, True),
        (pages.SEARCH, {"cpu_ms": 4.1}, False),
        (pages.STAFF, {"cpu_ms": 90, "db_ms": 49.9, "wall_ms": 149}, True),
        (pages.STAFF, {"cpu_ms": 10, "db_ms": 50, "wall_ms": 60}, False),
        (pages.STAFF, {"cpu_ms": 140, "db_ms": 5, "wall_ms": 150}, False),
        (None, {"cpu_ms": 1.0}, True),
    ],
)
def test_goals(kind, row, expected):
    assert pages.passes(kind, row, healthz_cpu=1.0) is expected


@pytest.mark.django_db
def test_measure_and_table():
    row = {"kind": None, **pages.measure(Client(), ["/healthz"], 3), "pass": True}
    assert row["status"] == 200 and row["queries"] >= 1 and row["cpu_ms"] > 0
    text = pages.table({"healthz": row, "broken": {"kind": pages.PUBLIC, "status": 404}}, row["cpu_ms"])
    assert "| healthz |" in text and "100 %" in text and "FAIL (404)" in text
