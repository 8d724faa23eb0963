"""Table-driven cases for the statutory clocks, across Spring Festival, National Day and 调休 weekends."""

import datetime as dt

import pytest

from requests_app import deadlines
from requests_app.deadlines import Channel

D = dt.date

# The deadlines read only the calendar; the default calendar needs the (empty) override table.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (D(2025, 3, 3), D(2025, 3, 31)),  # reference worked example
        (D(2025, 1, 24), D(2025, 2, 27)),  # Spring Festival 2025, Sun 01-26 and Sat 02-08 worked
        (D(2025, 9, 26), D(2025, 10, 30)),  # National Day 2025, Sun 09-28 and Sat 10-11 worked
        (D(2025, 12, 31), D(2026, 1, 29)),  # New Year 2026: 01-02 off, Sun 01-04 worked
        (D(2026, 2, 13), D(2026, 3, 19)),  # Spring Festival 2026, Sat 02-14 and Sat 02-28 worked
        (D(2026, 2, 14), D(2026, 3, 20)),  # received on a 调休 Saturday: counting starts next working day
        (D(2026, 9, 30), D(2026, 11, 3)),  # National Day 2026
        (D(2025, 4, 1), D(2025, 4, 29)),
    ],
)
def test_reply_due_twenty_working_days(received, expected):
    assert deadlines.reply_due(received) == expected


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (D(2025, 1, 24), D(2025, 2, 10)),  # reference worked example
        (D(2025, 9, 26), D(2025, 10, 13)),  # 09-28 day 1, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13
        (D(2025, 9, 30), D(2025, 10, 16)),  # the whole Golden Week is skipped, Sat 10-11 counts
        (D(2026, 2, 13), D(2026, 3, 2)),  # Sat 02-14 is day 1, Sat 02-28 day 6
        (D(2026, 1, 1), D(2026, 1, 12)),  # Sun 01-04 is day 1
        (D(2025, 3, 3), D(2025, 3, 12)),
    ],
)
def test_correction_notice_due_seven_working_days(received, expected):
    assert deadlines.correction_notice_due(received) == expected


@pytest.mark.parametrize(
    ("letter_received", "expected"),
    [
        (D(2026, 4, 30), D(2026, 5, 25)),  # May Day 2026, Sat 05-09 worked
        (D(2025, 9, 30), D(2025, 10, 28)),  # 10-09 is day 1, Sat 10-11 day 3
        (D(2026, 2, 12), D(2026, 3, 11)),  # 02-13, Sat 02-14, then 02-24 onwards, Sat 02-28
    ],
)
def test_consultation_answer_due_fifteen_working_days(letter_received, expected):
    assert deadlines.consultation_answer_due(letter_received) == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # reference worked example: the pause (04-07, 04-18] holds 9 working days
        ({"received_on": D(2025, 4, 1), "pauses": [(D(2025, 4, 7), D(2025, 4, 18))]}, D(2025, 5, 15)),
        # correction restarts the clock from the corrected application's receipt
        ({"received_on": D(2025, 3, 3), "corrected_on": D(2025, 3, 10)}, D(2025, 4, 8)),
        # a correction across Spring Festival 2026
        ({"received_on": D(2026, 2, 2), "corrected_on": D(2026, 2, 13)}, D(2026, 3, 19)),
        # the maximum extension of 20 working days
        ({"received_on": D(2025, 3, 3), "extension_days": 20}, D(2025, 4, 28)),  # 04-04 off, Sun 04-27 worked
        ({"received_on": D(2025, 9, 1), "extension_days": 10}, D(2025, 10, 17)),
        # a pause over Spring Festival 2026 counts only its 6 working days (02-13, 02-14, 02-24…02-27)
        ({"received_on": D(2026, 2, 2), "pauses": [(D(2026, 2, 12), D(2026, 2, 27))]}, D(2026, 3, 16)),
        # a pause over Golden Week 2025 counts 3 working days (09-30, 10-09, 10-10)
        ({"received_on": D(2025, 9, 15), "pauses": [(D(2025, 9, 29), D(2025, 10, 10))]}, D(2025, 10, 22)),
        # two pauses and an extension together
        (
            {
                "received_on": D(2025, 3, 3),
                "pauses": [(D(2025, 3, 4), D(2025, 3, 6)), (D(2025, 3, 10), D(2025, 3, 11))],
                "extension_days": 5,
            },
            D(2025, 4, 11),
        ),
        # a pause that starts and ends on the same day adds nothing
        ({"received_on": D(2025, 3, 3), "pauses": [(D(2025, 3, 5), D(2025, 3, 5))]}, D(2025, 3, 31)),
        # correction, pause and extension
        (
            {
                "received_on": D(2026, 9, 1),
                "corrected_on": D(2026, 9, 8),
                "pauses": [(D(2026, 9, 10), D(2026, 9, 17))],
                "extension_days": 20,
            },
            D(2026, 11, 16),  # 中秋 09-25 and Golden Week off, Sun 09-20 and Sat 10-10 worked
        ),
    ],
)
def test_reply_due_with_corrections_pauses_and_extensions(kwargs, expected):
    received = kwargs.pop("received_on")
    assert deadlines.reply_due(received, **kwargs) == expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {"extension_days": 21},
        {"extension_days": -1},
        {"corrected_on": D(2025, 3, 1)},
        {"pauses": [(D(2025, 3, 10), D(2025, 3, 5))]},
        {"pauses": [(D(2025, 2, 20), D(2025, 3, 5))]},
    ],
)
def test_reply_due_refuses_impossible_input(kwargs):
    with pytest.raises(ValueError):
        deadlines.reply_due(D(2025, 3, 3), **kwargs)


@pytest.mark.parametrize(
    ("due", "today", "left"),
    [
        (D(2025, 3, 31), D(2025, 3, 31), 0),
        (D(2025, 3, 31), D(2025, 3, 28), 1),  # Friday → Monday
        (D(2025, 3, 31), D(2025, 4, 2), -2),
        (D(2025, 2, 10), D(2025, 1, 24), 7),
        (D(2025, 10, 13), D(2025, 9, 30), 4),
    ],
)
def test_working_days_left(due, today, left):
    assert deadlines.working_days_left(due, today) == left


def test_due_soon_is_zero_to_three_working_days():
    assert deadlines.is_due_soon(D(2025, 10, 13), D(2025, 10, 9))  # 10-10, 10-11 (Sat, worked), 10-13
    assert not deadlines.is_due_soon(D(2025, 10, 13), D(2025, 9, 30))
    assert not deadlines.is_due_soon(D(2025, 10, 13), D(2025, 10, 14))


@pytest.mark.parametrize(
    ("channel", "arrived", "confirmed", "expected"),
    [
        (Channel.IN_PERSON, D(2025, 3, 3), None, D(2025, 3, 3)),
        (Channel.POST_SIGNED, D(2025, 3, 4), None, D(2025, 3, 4)),
        (Channel.POST_ORDINARY, D(2025, 3, 4), D(2025, 3, 4), D(2025, 3, 4)),
        # the office must confirm on arrival; if it confirms later, the confirmation day counts (Art. 31)
        (Channel.POST_ORDINARY, D(2025, 3, 4), D(2025, 3, 5), D(2025, 3, 5)),
        (Channel.POST_ORDINARY, D(2025, 3, 7), D(2025, 3, 10), D(2025, 3, 10)),
        (Channel.ONLINE, D(2025, 3, 3), D(2025, 3, 3), D(2025, 3, 3)),
        (Channel.FAX, D(2025, 3, 4), D(2025, 3, 5), D(2025, 3, 5)),
        (Channel.ONLINE, D(2025, 3, 1), D(2025, 3, 3), D(2025, 3, 3)),
        (Channel.FAX, None, D(2025, 3, 5), D(2025, 3, 5)),
    ],
)
def test_receipt_date_per_channel(channel, arrived, confirmed, expected):
    assert deadlines.receipt_date(channel, arrived_on=arrived, confirmed_on=confirmed) == expected


@pytest.mark.parametrize(
    ("channel", "arrived", "confirmed"),
    [
        (Channel.IN_PERSON, None, D(2025, 3, 3)),
        (Channel.POST_SIGNED, None, None),
        (Channel.POST_ORDINARY, D(2025, 3, 5), D(2025, 3, 4)),  # confirmed before it arrived
        (Channel.POST_ORDINARY, D(2025, 3, 4), None),
        (Channel.POST_ORDINARY, None, D(2025, 3, 4)),
        (Channel.ONLINE, D(2025, 3, 4), D(2025, 3, 3)),
        (Channel.ONLINE, D(2025, 3, 3), None),
        (Channel.FAX, D(2025, 3, 5), D(2025, 3, 4)),
        ("pigeon", D(2025, 3, 5), D(2025, 3, 5)),
    ],
)
def test_receipt_date_refuses_incomplete_dates(channel, arrived, confirmed):
    with pytest.raises(ValueError):
        deadlines.receipt_date(channel, arrived_on=arrived, confirmed_on=confirmed)


@pytest.mark.parametrize(
    ("today", "horizon"),
    [
        (D(2025, 10, 9), D(2025, 10, 13)),  # 10-10, 10-11 (Sat, worked), 10-13
        (D(2025, 3, 28), D(2025, 4, 2)),  # Friday: Mon, Tue, Wed
        (D(2025, 9, 30), D(2025, 10, 11)),  # over the National Day holiday
    ],
)
def test_due_soon_horizon_is_the_one_rule(today, horizon):
    assert deadlines.due_soon_horizon(today) == horizon
    assert deadlines.is_due_soon(horizon, today) and deadlines.is_due_soon(today, today)
    assert not deadlines.is_due_soon(horizon + dt.timedelta(days=1), today)
    assert not deadlines.is_due_soon(today - dt.timedelta(days=1), today)


@pytest.mark.parametrize(
    ("sent", "answer_due", "answered", "expected"),
    [
        (D(2025, 4, 7), D(2025, 4, 28), D(2025, 4, 18), (D(2025, 4, 7), D(2025, 4, 18))),  # answered in time
        (D(2025, 4, 7), D(2025, 4, 28), None, (D(2025, 4, 7), D(2025, 4, 28))),  # waiting: up to the deadline
        (D(2025, 4, 7), D(2025, 4, 28), D(2025, 6, 30), (D(2025, 4, 7), D(2025, 4, 28))),  # late: capped
        (D(2025, 4, 7), D(2025, 4, 28), D(2025, 4, 7), (D(2025, 4, 7), D(2025, 4, 7))),  # same day: nothing stopped
    ],
)
def test_a_consultation_stops_the_clock_until_the_answer_or_its_deadline(sent, answer_due, answered, expected):
    assert deadlines.stopped_interval(sent, answer_due, answered) == expected


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        ([], []),
        ([(D(2025, 4, 7), D(2025, 4, 18))], [(D(2025, 4, 7), D(2025, 4, 18))]),
        # two third parties consulted at once, overlapping: counted once
        (
            [(D(2025, 4, 7), D(2025, 4, 18)), (D(2025, 4, 10), D(2025, 4, 25))],
            [(D(2025, 4, 7), D(2025, 4, 25))],
        ),
        # one inside the other
        ([(D(2025, 4, 7), D(2025, 4, 25)), (D(2025, 4, 10), D(2025, 4, 11))], [(D(2025, 4, 7), D(2025, 4, 25))]),
        # touching: (a, b] and (b, c] are (a, c]
        ([(D(2025, 4, 10), D(2025, 4, 14)), (D(2025, 4, 7), D(2025, 4, 10))], [(D(2025, 4, 7), D(2025, 4, 14))]),
        # apart: both kept, in order
        (
            [(D(2025, 5, 6), D(2025, 5, 8)), (D(2025, 4, 7), D(2025, 4, 9))],
            [(D(2025, 4, 7), D(2025, 4, 9)), (D(2025, 5, 6), D(2025, 5, 8))],
        ),
    ],
)
def test_stopped_intervals_are_merged_into_their_union(intervals, expected):
    assert deadlines.merge_intervals(intervals) == expected


@pytest.mark.parametrize(
    ("pauses", "expected"),
    [
        # reference example: (04-07, 04-18] holds 9 working days → 05-15
        ([(D(2025, 4, 7), D(2025, 4, 18))], D(2025, 5, 15)),
        # a second party consulted inside the first interval adds nothing (the sum would give 06-03)
        ([(D(2025, 4, 7), D(2025, 4, 18)), (D(2025, 4, 9), D(2025, 4, 16))], D(2025, 5, 15)),
        # overlapping (04-07, 04-18] and (04-14, 04-25]: the union (04-07, 04-25] holds 14 working days
        ([(D(2025, 4, 7), D(2025, 4, 18)), (D(2025, 4, 14), D(2025, 4, 25))], D(2025, 5, 22)),
    ],
)
def test_reply_due_counts_overlapping_consultations_once(pauses, expected):
    assert deadlines.reply_due(D(2025, 4, 1), pauses=pauses) == expected


def test_the_explanation_names_every_step_that_moved_the_date():
    explanation = deadlines.explain_reply_due(D(2025, 4, 1), pauses=[(D(2025, 4, 7), D(2025, 4, 18))], extension_days=5)
    assert explanation.start == D(2025, 4, 1) and not explanation.corrected
    assert explanation.stopped == ((D(2025, 4, 7), D(2025, 4, 18), 9),)
    assert explanation.stopped_working_days == 9
    assert explanation.due_on == D(2025, 5, 22)  # 05-15 + 5 working days
    # Qingming (04-04) and May Day (05-01, 05-02, 05-05) are weekdays off; Sun 04-27 is a make-up working day
    assert explanation.days_off == (D(2025, 4, 4), D(2025, 5, 1), D(2025, 5, 2), D(2025, 5, 5))
    assert explanation.working_weekends == (D(2025, 4, 27),)


@pytest.mark.parametrize(
    ("today", "within", "expected"),
    [
        (D(2025, 3, 5), 2, D(2025, 3, 2)),  # Wed: Mon and Tue lie in between; Sunday's submission is overdue
        (D(2025, 3, 3), 2, D(2025, 2, 26)),  # Mon: Thu and Fri lie in between
        (D(2025, 3, 5), 0, D(2025, 3, 4)),  # 0: anything from before today
        (D(2025, 10, 9), 2, D(2025, 9, 28)),  # after Golden Week: 09-29, 09-30 are the two working days
        (D(2026, 2, 24), 1, D(2026, 2, 13)),  # after Spring Festival 2026: Sat 02-14 is a make-up working day
    ],
)
def test_latest_overdue_submission(today, within, expected):
    assert deadlines.latest_overdue_submission(today, within) == expected
