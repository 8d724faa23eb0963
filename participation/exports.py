"""The sign-up list as xlsx for the venue.

Texts citizens typed could start with = + - @ and be taken for formulas by a spreadsheet program
(formula injection): every such cell is written as text (string type and a quote prefix). portal/spreadsheets.py
is not on main yet, so the escaping lives here; switch to it once it lands.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_text(cell, value) -> None:
    """Put `value` into `cell`; a text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def registrations_xlsx(open_day, registrations) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("报名名单")[:31]
    headers = [_("序号"), _("报名编号"), _("姓名"), _("手机号码"), _("状态"), _("报名时间"), _("签到时间")]
    if open_day.requires_id_number:
        headers.insert(4, _("身份证号"))
    sheet.append([str(h) for h in headers])
    for index, r in enumerate(registrations, start=1):
        values = [index, r.number, r.name, r.phone, r.get_status_display(),
                  r.created_at.strftime("%Y-%m-%d %H:%M"), r.checked_in_at.strftime("%H:%M") if r.checked_in_at else ""]  # fmt: skip
        if open_day.requires_id_number:
            values.insert(4, r.id_number)
        row = sheet.max_row + 1
        for column, value in enumerate(values, start=1):
            write_text(sheet.cell(row=row, column=column), str(value) if not isinstance(value, int) else value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
