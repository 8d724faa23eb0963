"""A benefit list (惠农补贴、低保名单) from an xlsx workbook, and the blank workbook staff fill in.

Bounded by `LIMITS` (portal/sheets.py refuses a larger file before reading it); every row is checked with
villages.rules and every problem reported as "第N行 …"; nothing is applied unless every row is good.
"""

import io

from django.utils.translation import gettext as _

from portal.sheets import SheetError, SheetLimits, read_xlsx
from portal.spreadsheets import append_row
from villages import rules

MAX_RECIPIENTS = 2000
LIMITS = SheetLimits(rows=MAX_RECIPIENTS + 1, columns=len(rules.HEADINGS), cells=(MAX_RECIPIENTS + 1) * 5)
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 50


class ListError(ValueError):
    """The workbook cannot be imported; `problems` lists what to fix, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_benefit_list(data: bytes) -> list[dict]:
    """The rows of the first sheet, validated (fields for BenefitRecipient) — or ListError."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ListError([_("文件超过2 MB，请拆分后分别导入。")])
    try:
        rows = read_xlsx(data, LIMITS)
    except SheetError as error:
        raise ListError([str(error)]) from error
    if rows and rules.is_heading(rows[0]):
        start, rows = 2, rows[1:]
    else:
        start = 1
    problems, found, seen = [], [], {}
    for number, cells in enumerate(rows, start=start):
        if all(c in (None, "") for c in cells):
            continue
        fields, row_problems, id_number = rules.read_recipient_row(cells)
        if id_number and id_number in seen and not row_problems:
            row_problems = [_("身份证号码与第%(n)s行重复") % {"n": seen[id_number]}]
        seen.setdefault(id_number, number)
        if row_problems:
            problems.append(_("第%(n)s行：%(what)s。") % {"n": number, "what": "；".join(row_problems)})
        else:
            found.append(fields)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(_("……另有%(n)s行有问题。") % {"n": len(problems) - len(shown)})
        raise ListError(shown)
    if not found:
        raise ListError([_("表格中没有名单行：第一行为表头，从第二行起每行一户。")])
    return found


def blank_workbook() -> bytes:
    """The workbook to fill in: the headings and one example row, whose ID number fails the check on purpose
    (so an example left in is refused, never imported as a household)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("名单")
    append_row(sheet, list(rules.HEADINGS))
    append_row(sheet, ["张三", "110101199003071234", 3, 1200, _("示例行，导入前请删除")])
    for column, width in zip("ABCDE", (14, 22, 10, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
