"""The sign-up list as xlsx for the venue.

Texts citizens typed could start with = + - @ and be taken for formulas by a spreadsheet program
(formula injection): every cell goes through portal.spreadsheets, like every other export.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.spreadsheets import append_row


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
        append_row(sheet, [value if isinstance(value, int) else str(value) for value in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
