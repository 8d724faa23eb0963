"""The assessment report (考核评分表) as an xlsx workbook: a title row, a two-row merged header (each indicator's
name and points over 数值 / 得分), one row per organisation, ranked. Every text cell is formula-safe."""

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe(value):
    """A cell value a spreadsheet will never run: text starting like a formula gets a leading apostrophe."""
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_scores(scheme, results) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(scheme.year)
    rules = list(scheme.indicators.all())
    last_column = 2 + 2 * len(rules) + 2
    sheet.cell(1, 1, safe(scheme.title)).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column, heading in ((1, _("序号")), (2, _("单位")), (last_column - 1, _("总分")), (last_column, _("排名"))):
        sheet.cell(2, column, heading)
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    for index, rule in enumerate(rules):
        column = 3 + 2 * index
        label = results[0].lines[index].indicator.label if results and results[0].lines[index].indicator else rule.code
        sheet.cell(2, column, safe(_("%(label)s（%(weight)s分）") % {"label": label, "weight": rule.weight}))
        sheet.merge_cells(start_row=2, start_column=column, end_row=2, end_column=column + 1)
        sheet.cell(3, column, _("数值"))
        sheet.cell(3, column + 1, _("得分"))
        sheet.column_dimensions[get_column_letter(column)].width = 12
        sheet.column_dimensions[get_column_letter(column + 1)].width = 9
    for row in sheet.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.alignment = center
            cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 28
    for number, result in enumerate(results, start=1):
        row = 3 + number
        sheet.cell(row, 1, number)
        sheet.cell(row, 2, safe(result.organisation.name))
        for index, line in enumerate(result.lines):
            value = line.value
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            sheet.cell(row, 3 + 2 * index, safe(value) if value is not None else "—")
            sheet.cell(row, 4 + 2 * index, safe(line.points))
        sheet.cell(row, last_column - 1, safe(result.total))
        sheet.cell(row, last_column, result.rank)
    sheet.freeze_panes = "C4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
