"""portal.spreadsheets: no cell the portal writes runs as a formula (table-driven)."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from portal.spreadsheets import append_row, is_formula_like, safe_cell, set_cell

HYPERLINK = '=HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("关于=的通知", "关于=的通知"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_cells_keep_formula_like_text_as_text(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    append_row(sheet, [HYPERLINK, "-1", 7, "普通文字"])
    if not write_only:
        set_cell(sheet, 2, 1, "=1+1")
    buffer = io.BytesIO()
    book.save(buffer)
    xml = zipfile.ZipFile(buffer).read(
        next(n for n in zipfile.ZipFile(buffer).namelist() if n.startswith("xl/worksheets/sheet"))
    )
    assert b"<f>" not in xml
    read = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    assert [c.value for c in read[1]] == [HYPERLINK, "-1", 7, "普通文字"]
    assert read["A1"].data_type == "s" and read["A1"].quotePrefix and not read["D1"].quotePrefix
    assert is_formula_like(HYPERLINK) and not is_formula_like(7)
