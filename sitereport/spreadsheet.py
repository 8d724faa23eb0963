"""The report as an xlsx in the table's layout: title, 类别 | 项目 | 数值, the signature lines; A4 portrait, fit to
the width, the header row repeated, borders and wrapped text, Chinese fonts named. Every text through
`portal.spreadsheets` (formula-like texts stay text)."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from portal.spreadsheets import set_cell
from sitereport import figures

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"


def workbook(report) -> bytes:
    table = figures.table(report)
    book = Workbook()
    sheet = book.active
    sheet.title = str(report.year)
    sheet.merge_cells("A1:C1")
    title = set_cell(sheet, 1, 1, _("政府网站工作年度报表（%(year)s年度）") % {"year": report.year})
    title.font = Font(name=TITLE_FONT, size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 36
    for column, header in enumerate((_("类别"), _("项目"), _("数值")), start=1):
        cell = set_cell(sheet, 2, column, header)
        cell.font = Font(name=BODY_FONT, size=11, bold=True)
    row = 3
    for section in table["sections"]:
        first = row
        for line in section["rows"]:
            set_cell(sheet, row, 1, str(section["title"]))
            set_cell(sheet, row, 2, ("    " * line["level"]) + str(line["label"]))
            raw = line["raw"]
            set_cell(
                sheet, row, 3, raw if isinstance(raw, int | float) and not isinstance(raw, bool) else line["value"]
            )
            row += 1
        if row - 1 > first:
            sheet.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
    for line in table["signature"]:
        set_cell(sheet, row, 1, str(line["label"]))
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        set_cell(sheet, row, 2, line["value"])
        row += 1
    for cells in sheet.iter_rows(min_row=2, max_row=row - 1):
        for cell in cells:
            cell.border = BORDER
            cell.font = Font(name=BODY_FONT, size=11, bold=cell.font.bold)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 46
    sheet.column_dimensions["C"].width = 24
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    sheet.print_options.horizontalCentered = True
    output = BytesIO()
    book.save(output)
    return output.getvalue()
