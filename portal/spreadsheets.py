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


# ---------------------------------------------------------------- printing (A4, borders, the Chinese font)
# Official tables print on A4 with the header rows repeated, every cell boxed and wrapped, in a named Chinese
# font (GB/T 9704 asks for named fonts; 宋体 is on every Chinese office machine). openpyxl is imported here
# only when a workbook is written.


def _styles():
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin", color="000000")
    return (
        Border(left=thin, right=thin, top=thin, bottom=thin),
        Alignment(horizontal="center", vertical="center", wrap_text=True),
        Alignment(vertical="center", wrap_text=True),
    )


CJK_FONT = "宋体"


def print_on_a4(sheet, *, landscape: bool, header_rows: str) -> None:
    """A4, fit to the page width, the header rows (e.g. "2:3") repeated on every printed page, page numbers."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "&P / &N"


def box_table(sheet, first_row: int, *, size: float = 10.5) -> None:
    """Borders, the Chinese font and wrapped text on every cell from `first_row` down (the table itself);
    numbers centred, texts at the left."""
    from openpyxl.styles import Font

    border, centre, wrap = _styles()
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            cell.border = border
            cell.font = Font(name=CJK_FONT, size=size, bold=cell.font.bold)
            if cell.alignment.horizontal is None:
                cell.alignment = centre if isinstance(cell.value, int | float) else wrap
