"""Pure rules of village affairs: which quarters' finances are missing, and how a benefit-list row is read.

Village finances are published at least once a quarter (村务公开: 财务收支 每季度公开一次). A quarter counts as
missing once it has ended and the grace period after it (the month in which the accounts are closed and put up)
has passed without a published finance item for it.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.intake.masking import mask_middle
from portal.validators import normalise_code, validate_resident_id

# Days after a quarter's end before its finances count as overdue.
GRACE_DAYS = 30
# How many ended quarters are checked: one year back is what an inspection of the notice board looks at.
QUARTERS_CHECKED = 4


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def missing_quarters(published: set[tuple[int, int]], today: dt.date, *, since: dt.date | None = None):
    """The (year, quarter) pairs among the last QUARTERS_CHECKED overdue quarters with no published finances,
    oldest first. `since`: quarters ending before this day are not asked for (a village added to the site
    this year is not blamed for last year)."""
    found = []
    year, quarter = quarter_of(today)
    checked = 0
    while checked < QUARTERS_CHECKED:
        year, quarter = previous_quarter(year, quarter)
        end = quarter_end(year, quarter)
        if end + dt.timedelta(days=GRACE_DAYS) >= today:
            continue  # still within its grace period: not yet due
        checked += 1
        if since is not None and end < since:
            break
        if (year, quarter) not in published:
            found.append((year, quarter))
    return list(reversed(found))


# ------------------------------------------------------------------ benefit lists from a spreadsheet

MAX_HOUSEHOLD = 30
MAX_AMOUNT = Decimal("1000000")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_recipient_row(cells) -> tuple[dict | None, list[str], str]:
    """One benefit-list row (户主姓名, 身份证号码, 家庭人口, 金额, 备注) → (fields, problems, full ID number).

    The full ID number is returned only so the caller can spot a household entered twice; what is kept is
    `fields["masked_id"]`."""
    cells = list(cells) + [None] * (5 - len(cells))
    name, number, size, amount, note = (_text(c) for c in cells[:5])
    problems = []
    if not name:
        problems.append(_("户主姓名未填写"))
    elif len(name) > 50:
        problems.append(_("户主姓名超过50个字"))
    number = normalise_code(number)
    try:
        validate_resident_id(number)
    except ValidationError as error:
        problems.append(error.messages[0].rstrip("。"))
    try:
        household = int(size)
        if not 1 <= household <= MAX_HOUSEHOLD:
            raise ValueError
    except ValueError:
        problems.append(_("家庭人口应为1到%(max)s之间的整数") % {"max": MAX_HOUSEHOLD})
        household = None
    try:
        money = Decimal(amount.replace(",", "").replace("，", ""))
        if not money.is_finite() or money <= 0 or money > MAX_AMOUNT or money != money.quantize(Decimal("0.01")):
            raise InvalidOperation
    except InvalidOperation:
        problems.append(_("金额应为大于0、不超过100万、最多两位小数的数字"))
        money = None
    if len(note) > 100:
        problems.append(_("备注超过100个字"))
    if problems:
        return None, problems, number
    fields = {
        "household_head": name,
        "masked_id": mask_middle(number),
        "household_size": household,
        "amount": money,
        "note": note,
    }
    return fields, [], number


HEADINGS = ("户主姓名", "身份证号码", "家庭人口", "金额（元）", "备注")


def is_heading(cells) -> bool:
    return bool(cells) and _text(cells[0]) == HEADINGS[0]
