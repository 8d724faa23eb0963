"""Reading uploaded spreadsheets within stated limits, for every bulk import (catalog, organisations).

Why: a 2.5 MB xlsx can hold a million cells and took 38 s of a worker to read. The limits are checked
before the rows are parsed where the file declares its size (the zip's unpacked size, the sheet's
`<dimension>`), and while reading where it does not (iteration stops at the first row or cell past a
limit). A file over a limit is refused with a message that names the limit and the file's size; rows are
never silently dropped.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _


class SheetError(ValueError):
    """The file cannot be imported as a whole; `str(error)` is the message for the person."""


@dataclass(frozen=True)
class SheetLimits:
    rows: int  # rows of the sheet, headings included
    columns: int
    cells: int  # rows × columns as read
    unpacked_bytes: int = 200 * 1024 * 1024  # the xlsx package's members, uncompressed

    def describe(self) -> str:
        """The limits in words, for the upload page and the error message."""
        return _("最多 %(rows)s 行（含表头）、%(columns)s 列、%(cells)s 个单元格，解压后不超过 %(mb)s MB") % {
            "rows": f"{self.rows:,}",
            "columns": self.columns,
            "cells": f"{self.cells:,}",
            "mb": self.unpacked_bytes // (1024 * 1024),
        }


def _too_large(limits: SheetLimits, found: str) -> SheetError:
    return SheetError(
        _("表格过大：每次导入%(limits)s，%(found)s。请删去多余的行列或拆分成几个文件分别导入。")
        % {"limits": limits.describe(), "found": found}
    )


def unreadable() -> SheetError:
    return SheetError(_("无法读取该文件：请确认它是用 Excel 或 WPS 保存的 .xlsx 工作簿。"))


def read_xlsx(data: bytes, limits: SheetLimits, *, on_row=None, fill_merged: bool = False) -> list[tuple]:
    """The first sheet's rows as tuples of cell values (openpyxl read-only), or SheetError.

    `on_row(n)` is called every 500 rows (progress of a long import). `fill_merged`: every cell of a merged
    range reads as the range's top-left value, as a person sees it (a 一级事项 merged down over its rows is the
    value above for each of them); read-only openpyxl would give the covered cells as empty.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(member.file_size for member in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise unreadable() from error
    if unpacked > limits.unpacked_bytes:
        raise _too_large(limits, _("解压后有 %(mb)d MB") % {"mb": unpacked // (1024 * 1024)})
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken package; all mean the same to the user
        raise unreadable() from error
    try:
        if not book.worksheets:
            raise unreadable()
        sheet = book.worksheets[0]
        # The declared dimension refuses an oversized sheet before a single row is parsed.
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if declared_rows and declared_columns:
            _check(limits, declared_rows, declared_columns, declared_rows * declared_columns, declared=True)
        rows, cells = [], 0
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
            _check(limits, len(rows) + 1, _width(row), cells)
            rows.append(row)
            if on_row and len(rows) % 500 == 0:
                on_row(len(rows))
        if fill_merged:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                rows = fill_merged_cells(rows, merged_ranges(package.read(sheet._worksheet_path)), limits)
        return rows
    except SheetError:
        raise
    except Exception as error:  # a malformed sheet inside a valid package
        raise unreadable() from error
    finally:
        book.close()


MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def merged_ranges(sheet_xml: bytes) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges as (first row, first column, last row, last column), 1-based, from its XML
    (a pattern match, not an XML parse: nothing in the file is expanded)."""
    return [
        (int(r1), _column_number(c1), int(r2), _column_number(c2)) for c1, r1, c2, r2 in MERGE_CELL.findall(sheet_xml)
    ]


def fill_merged_cells(rows: list[tuple], ranges, limits: SheetLimits) -> list[tuple]:
    """`rows` with each merged range's covered cells set to its top-left value. Only cells of rows already read
    are touched, and no more than `limits.cells` in all (overlapping ranges in a hostile file are refused)."""
    grid = [list(row) for row in rows]
    filled = 0
    for first_row, first_col, last_row, last_col in ranges:
        if first_row > len(grid) or first_col > len(grid[first_row - 1]):
            continue
        value = grid[first_row - 1][first_col - 1]
        for r in range(first_row, min(last_row, len(grid)) + 1):
            row = grid[r - 1]
            for c in range(first_col, min(last_col, len(row)) + 1):
                if (r, c) != (first_row, first_col):
                    row[c - 1] = value
                    filled += 1
            if filled > limits.cells:
                raise _too_large(limits, _("合并单元格覆盖超过 %(n)s 个单元格") % {"n": f"{limits.cells:,}"})
    return [tuple(row) for row in grid]


def _width(row: tuple) -> int:
    """Columns up to the last filled cell (trailing empty cells of a formatted row do not count)."""
    width = len(row)
    while width and row[width - 1] in (None, ""):
        width -= 1
    return width


def _check(limits: SheetLimits, rows: int, columns: int, cells: int, *, declared: bool = False) -> None:
    """Refuse past a limit: `declared` sizes are the file's own (exact), others are counts while reading."""
    if rows > limits.rows:
        found = _("该表有 %(n)s 行") if declared else _("该表超过 %(n)s 行")
        raise _too_large(limits, found % {"n": f"{rows - (0 if declared else 1):,}"})
    if columns > limits.columns:
        raise _too_large(limits, _("该表有 %(n)s 列") % {"n": columns})
    if cells > limits.cells:
        found = _("该表有 %(n)s 个单元格") if declared else _("该表超过 %(n)s 个单元格")
        raise _too_large(limits, found % {"n": f"{cells if declared else limits.cells:,}"})


def check_text_rows(rows_seen: int, width: int, cells: int, limits: SheetLimits) -> None:
    """The same limits for a CSV read row by row."""
    _check(limits, rows_seen, width, cells)
