"""Catalog tables as Excel workbooks, in the layout counties exchange: a title row, then a two-row
merged header (公开事项 → 一级事项 / 二级事项, 公开对象 → 全社会 / 特定群体, …), then one row per item.

`write_catalog` and `read_catalog` are each other's inverse (re-importing the site's own export changes
nothing: tests/catalog/test_spreadsheet_roundtrip.py); reading validates every row and reports each bad cell as
"第N行 X列“列名”：…" without writing to the database (the service applies all or none). A sheet whose title names
another domain is refused; merged cells read as their top-left value (a 一级事项 merged down its rows).

The workbook is the exchange layout counties share, so it is always in Chinese (headings, channel names,
title), whatever the language of the page it was downloaded from; the reader knows only these headings.
Exported sheets print on A4 landscape with borders, wrapped text and the header rows on every page.
"""

import io
import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from catalog.models import Channel
from portal.sheets import SheetError, SheetLimits, read_xlsx
from portal.spreadsheets import CJK_FONT, append_row, box_table, print_on_a4, set_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TICK = "√"
TRUE_TICKS = {"√", "✓", "✔", "v", "V", "是", "1", "●", "☑", "y", "Y"}

# (group heading or None, sub-heading, field, kind, width)
COLUMNS = [
    (None, "序号", None, "number", 6),
    ("公开事项", "一级事项", "first_level", "text", 16),
    ("公开事项", "二级事项", "second_level", "text", 16),
    (None, "公开内容（要素）", "content_elements", "text", 36),
    (None, "公开依据", "legal_basis", "text", 30),
    (None, "公开时限", "time_limit", "text", 20),
    (None, "公开主体", "responsible_body", "text", 18),
    (None, "公开渠道和载体", "channels", "channels", 22),
    ("公开对象", "全社会", "audience_public", "tick", 7),
    ("公开对象", "特定群体", "audience_specific", "tick", 7),
    ("公开方式", "主动", "mode_proactive", "tick", 7),
    ("公开方式", "依申请", "mode_on_request", "tick", 7),
    ("公开层级", "县级", "level_county", "tick", 7),
    ("公开层级", "乡级", "level_township", "tick", 7),
    ("公开层级", "村级", "level_village", "tick", 7),
]
REQUIRED = {"first_level", "second_level", "content_elements", "time_limit", "responsible_body"}
MAX_LENGTHS = {"first_level": 100, "second_level": 100, "time_limit": 200, "responsible_body": 200}
# Headings other counties use for the same column.
ALIASES = {
    "公开内容": "公开内容（要素）",
    "公开内容(要素)": "公开内容（要素）",
    "公开渠道": "公开渠道和载体",
    "特定群众": "特定群体",
    "依申请公开": "依申请",
    "主动公开": "主动",
    "乡、村级": "乡级",
    "乡镇级": "乡级",
}
CHANNEL_ALIASES = {str(label): value for value, label in Channel.choices} | {
    "公示栏": Channel.NOTICE_BOARD,
    "村公示栏": Channel.NOTICE_BOARD,
    "便民服务中心": Channel.SERVICE_STATION,
    "政务服务大厅": Channel.SERVICE_CENTRE,
    "微信公众号": Channel.NEW_MEDIA,
    "政务新媒体": Channel.NEW_MEDIA,
    "12345热线": Channel.HOTLINE,
}
# What one import takes, stated on the upload page and enforced before the rows are read (never by
# dropping rows). 12,000 rows is far beyond any county catalog (goal: 10,000 rows in under 10 s); the
# cells and the unpacked size keep a small hostile file (a million cells in 2.5 MB) from costing a worker
# more than a few seconds: a 12,000-row workbook in this layout unpacks to about 16 MB.
LIMITS = SheetLimits(rows=12_000, columns=40, cells=240_000, unpacked_bytes=32 * 1024 * 1024)


@dataclass
class ReadResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


EXCHANGE_LANGUAGE = "zh-hans"


def _tokens(text: str):
    """The channel names in a cell with where each stands: (start, end, name). "/" separates names too
    ("政府网站/两微一端") when every piece is a known name; a known name containing one ("发布会/听证会",
    "社区/企事业单位/村公示栏（电子屏）") or a free text ("村务公开栏/电子屏") stays whole."""
    for match in re.finditer(r"[^、，,；;\n]+", text or ""):
        part = match.group().strip()
        if not part:
            continue
        start = match.start() + match.group().index(part)
        pieces = [piece.strip() for piece in part.split("/")]
        if part not in CHANNEL_ALIASES and len(pieces) > 1 and all(p in CHANNEL_ALIASES for p in pieces):
            for piece in pieces:
                yield start, start + len(part), piece
        else:
            yield start, start + len(part), part


def split_channels(text: str) -> tuple[list[str], str]:
    """ "政府网站、两微一端、招标投标公共服务平台" → (["website", "new_media"], "招标投标公共服务平台").

    The free text keeps its own separators when it stands together after the known names (as the export writes
    it: the known names, then the free text), so a re-import gives back exactly what was exported."""
    codes, other, known, has_other = [], [], [], False
    for start, end, part in _tokens(text):
        code = CHANNEL_ALIASES.get(part)
        if code == Channel.OTHER:
            has_other = True
        elif code:
            known.append((start, end))
            if code not in codes:
                codes.append(code)
        else:
            other.append((start, end, part))
    if other or has_other:
        codes.append(Channel.OTHER)
    if not other:
        return codes, ""
    first, last = other[0][0], other[-1][1]
    if any(first <= start and end <= last for start, end in known):  # known names among the free texts
        return codes, "、".join(part for _start, _end, part in other)
    return codes, text[first:last]


def write_catalog(title: str, rows) -> bytes:
    """An .xlsx of `rows` (objects with the catalog columns) under a title and the merged two-row header,
    in Chinese (the channel names too), boxed and set up to print on A4 landscape."""
    with translation.override(EXCHANGE_LANGUAGE):
        return _write_catalog(title, rows)


def catalog_title(organisation, domain, number=None) -> str:
    """The sheet's title, in Chinese like the rest of the sheet; it names the domain (read_catalog checks it)."""
    with translation.override(EXCHANGE_LANGUAGE):
        if number is None:
            return _("%(org)s%(domain)s领域基层政务公开标准目录（工作稿）") % {
                "org": organisation.name,
                "domain": domain.name,
            }
        return _("%(org)s%(domain)s领域基层政务公开标准目录（第%(n)d版）") % {
            "org": organisation.name,
            "domain": domain.name,
            "n": number,
        }


def _write_catalog(title: str, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "标准目录"
    last = get_column_letter(len(COLUMNS))
    set_cell(sheet, 1, 1, title)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(name=CJK_FONT, bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    col = 1
    while col <= len(COLUMNS):
        group, sub = COLUMNS[col - 1][0], COLUMNS[col - 1][1]
        if group is None:
            sheet.cell(2, col, sub)
            sheet.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
            span = 1
        else:
            span = _span(col - 1)
            sheet.cell(2, col, group)
            if span > 1:
                sheet.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + span - 1)
            for offset in range(span):
                sheet.cell(3, col + offset, COLUMNS[col - 1 + offset][1])
        for offset in range(span):
            sheet.column_dimensions[get_column_letter(col + offset)].width = COLUMNS[col - 1 + offset][4]
        col += span
    for r in (2, 3):
        for c in range(1, len(COLUMNS) + 1):
            sheet.cell(r, c).font = Font(bold=True)
            sheet.cell(r, c).alignment = centre
    for n, row in enumerate(rows, start=1):
        values = []
        for _group, _sub, name, kind, _width in COLUMNS:
            if kind == "number":
                values.append(n)
            elif kind == "tick":
                values.append(TICK if getattr(row, name) else "")
            elif kind == "channels":
                values.append(row.channels_text)
            else:
                values.append(getattr(row, name))
        append_row(sheet, values)  # texts staff typed are written as text, never as formulas
    box_table(sheet, 2)
    for c, column in enumerate(COLUMNS, start=1):
        if column[3] in ("number", "tick"):
            for (cell,) in sheet.iter_rows(min_row=4, min_col=c, max_col=c):
                cell.alignment = centre
    print_on_a4(sheet, landscape=True, header_rows="2:3")
    sheet.freeze_panes = "B4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _span(start: int) -> int:
    group = COLUMNS[start][0]
    span = 0
    for column in COLUMNS[start:]:
        if column[0] != group:
            break
        span += 1
    return span


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_map(grid: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """Find the header rows (within the first 6) and map each field to its column index."""
    by_heading = {c[1]: c[2] for c in COLUMNS if c[2]}
    for top in range(min(6, len(grid) - 1)):
        if not any(cell in ("一级事项", "公开事项", "序号") for cell in grid[top]):
            continue
        upper, lower = grid[top], grid[top + 1]
        found = {}
        for index in range(max(len(upper), len(lower))):
            for heading in (lower[index] if index < len(lower) else "", upper[index] if index < len(upper) else ""):
                heading = ALIASES.get(heading.replace(" ", ""), heading.replace(" ", ""))
                if heading in by_heading and by_heading[heading] not in found:
                    found[by_heading[heading]] = index
                    break
        return top + 2, found
    return None


def other_domain(title_rows: list[list[str]], domain, domain_names) -> str | None:
    """The name of another domain the sheet's title names, when it does not name `domain`: a sheet for
    another domain uploaded on the wrong page. `domain_names`: every domain's name (and former name)."""
    title = "".join(dict.fromkeys(cell for row in title_rows for cell in row if cell))  # merged titles repeat
    own = {name for name in (domain.name, getattr(domain, "former_name", "")) if name}
    if not title or any(name in title for name in own):
        return None
    return next((name for name in sorted(domain_names, key=len, reverse=True) if name in title), None)


def domain_names() -> list[str]:
    from catalog.models import Domain

    return [name for pair in Domain.objects.values_list("name", "former_name") for name in pair if name]


def read_catalog(data: bytes, *, on_row=None, domain=None) -> ReadResult:
    """Every row of the first sheet as field dicts, or the list of problems (row numbers as Excel shows them).

    A sheet over LIMITS is refused as a whole with one message; `on_row(n)` reports reading progress. With
    `domain`, a sheet whose title names another domain is refused before any row is checked.
    """
    result = ReadResult()
    try:
        rows = read_xlsx(data, LIMITS, on_row=on_row, fill_merged=True)
        grid = [[_cell_text(v) for v in row] for row in rows]
    except SheetError as error:
        result.errors.append(str(error))
        return result
    header = _header_map(grid)
    if header is None:
        result.errors.append(_("找不到表头：前6行中应有“序号”“一级事项”“二级事项”等列名（两行表头）。"))
        return result
    first_data_row, columns = header
    if domain is not None:
        named = other_domain(grid[: first_data_row - 2], domain, domain_names())
        if named:
            result.errors.append(
                _(
                    "这张表格的标题是“%(other)s”领域的目录，不能导入“%(domain)s”领域。请在“%(other)s”领域的页面导入，或换用本领域的表格。"
                )
                % {"other": named, "domain": domain.name}
            )
            return result
    missing = [c[1] for c in COLUMNS if c[2] in REQUIRED and c[2] not in columns]
    if missing:
        result.errors.append(_("表头缺少以下列：%(columns)s。") % {"columns": "、".join(missing)})
        return result
    kinds = {c[2]: (c[1], c[3]) for c in COLUMNS if c[2]}
    seen: dict[tuple, int] = {}  # (一级事项, 二级事项) → first row: they identify a matter on re-import
    for offset, cells in enumerate(grid[first_data_row:], start=first_data_row + 1):
        if not any(cells[i] for i in columns.values() if i < len(cells)):
            continue
        row, problems = {}, []
        for name, index in columns.items():
            heading, kind = kinds[name]
            value = cells[index] if index < len(cells) else ""
            where = _("第%(row)d行 %(col)s列“%(heading)s”") % {
                "row": offset,
                "col": get_column_letter(index + 1),
                "heading": heading,
            }
            if kind == "tick":
                row[name] = value in TRUE_TICKS
                if value and value not in TRUE_TICKS and value not in {"×", "否", "0", "-"}:
                    problems.append(
                        _("%(where)s：无法识别“%(value)s”，请填“√”或留空。") % {"where": where, "value": value}
                    )
            elif kind == "channels":
                row["channels"], row["channels_other"] = split_channels(value)
                if len(row["channels_other"]) > 200:
                    problems.append(_("%(where)s：其他渠道过长（最多200字）。") % {"where": where})
            else:
                row[name] = value
                if name in REQUIRED and not value:
                    problems.append(_("%(where)s：不能为空。") % {"where": where})
                elif name in MAX_LENGTHS and len(value) > MAX_LENGTHS[name]:
                    problems.append(_("%(where)s：过长（最多%(n)d字）。") % {"where": where, "n": MAX_LENGTHS[name]})
        for names, label in (
            (("audience_public", "audience_specific"), "公开对象"),
            (("mode_proactive", "mode_on_request"), "公开方式"),
            (("level_county", "level_township", "level_village"), "公开层级"),
        ):
            present = [n for n in names if n in columns]
            if present and not any(row.get(n) for n in present):
                problems.append(_("第%(row)d行“%(group)s”：至少勾选一项。") % {"row": offset, "group": label})
        key = (row.get("first_level"), row.get("second_level"))
        if all(key) and key in seen:
            problems.append(
                _("第%(row)d行：一级事项和二级事项与第%(other)d行重复。") % {"row": offset, "other": seen[key]}
            )
        seen.setdefault(key, offset)
        if problems:
            result.errors.extend(problems)
        else:
            result.rows.append(row)
    if len(result.rows) + len(result.errors) == 0:
        result.errors.append(_("表格中没有目录事项。"))
    return result
