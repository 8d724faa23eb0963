"""Information processing fee tiers (国办函〔2020〕109号), case by case."""

import pytest

from requests_app.fees import page_fee, piece_fee


@pytest.mark.parametrize(
    ("nth", "yuan"),
    [(1, 0), (10, 0), (11, 100), (20, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (75, 600)],
)
def test_piece_fee_for_the_nth_application_of_a_month(nth, yuan):
    assert piece_fee(nth) == yuan


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 pages at 10
        (101, 720),  # + 1 page at 20
        (150, 1700),  # 700 + 50 x 20
        (200, 2700),  # 700 + 100 x 20
        (201, 2740),  # + 1 page at 40
        (250, 4700),  # 2700 + 50 x 40
    ],
)
def test_page_fee_counts_tier_by_tier(pages, yuan):
    assert page_fee(pages) == yuan


@pytest.mark.parametrize(("function", "value"), [(piece_fee, 0), (page_fee, -1)])
def test_impossible_counts_are_refused(function, value):
    with pytest.raises(ValueError):
        function(value)
