"""Bulk import of organisations from CSV or xlsx: validate every row, then apply all or nothing.

Every malformed file gets an answer a person can act on, never a traceback: a problem with the file as a
whole (encoding, no header, not a workbook, over the size limits) raises `ImportFileError` with one
message; problems with rows are collected row by row ("第N行“列名”：…", N as a spreadsheet shows it) and,
if there is any, nothing is changed. The fuzz tests in tests/portal/test_importing.py hold it to that.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from portal.caching import one_public_bump
from portal.models import Organisation, OrganisationKind
from portal.sheets import SheetError, SheetLimits, check_text_rows, read_xlsx

# Column headings accepted (Chinese as counties write them, or English): the file's format, not interface.
HEADINGS = COLUMNS = {
    "name": ("名称", "name"),
    "short_name": ("简称", "short_name"),
    "kind": ("类型", "kind"),
    "parent": ("上级机构", "parent"),
    "credit_code": ("统一社会信用代码", "credit_code"),
    "address": ("办公地址", "address"),
    "phone": ("联系电话", "phone"),
}
KIND_BY_LABEL = {label: value for value, label in OrganisationKind.choices} | {
    value: value for value in OrganisationKind.values
}
# A county has a few hundred to a few thousand organisations; limits are checked before reading on.
LIMITS = SheetLimits(rows=10_000, columns=30, cells=200_000)
MAX_FILE_BYTES = 10 * 1024 * 1024
# NUL and other control characters: PostgreSQL refuses NUL in text, and none belongs in a name or address.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def read_rows(path: Path) -> list[dict]:
    return read_file(path.read_bytes(), path.name)


def read_file(data: bytes, name: str) -> list[dict]:
    """The data rows as dicts of column → text, each with its spreadsheet row number under "line"."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("文件过大：最大 %(mb)d MB。") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    if name.lower().endswith(".xlsx"):
        try:
            cells = read_xlsx(data, LIMITS)
        except SheetError as error:
            raise ImportFileError(str(error)) from error
        grid = [["" if c is None else str(c).strip() for c in row] for row in cells]
    else:
        grid = _read_csv(data)
    if not grid:
        raise ImportFileError(_("文件中没有内容：第1行应为表头（名称、类型等），其后每行一个机构。"))
    header = grid[0]
    index = {}
    for key, names in COLUMNS.items():
        for position, heading in enumerate(header):
            if heading in names:
                index[key] = position
    if "name" not in index or "kind" not in index:
        raise ImportFileError(_("表头须包含“名称”和“类型”列。"))
    return [
        {"line": line, **{key: (row[pos] if pos < len(row) else "") for key, pos in index.items()}}
        for line, row in enumerate(grid[1:], start=2)
        if any(row)
    ]


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("文件编码无法识别：请另存为 UTF-8 或 GB18030 编码的 CSV。"))
    rows, cells = [], 0
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            cells += len(row)
            check_text_rows(len(rows) + 1, len(row), cells, LIMITS)
            rows.append([c.strip() for c in row])
    except SheetError as error:
        raise ImportFileError(str(error)) from error
    except csv.Error as error:
        raise ImportFileError(
            _("第%(line)d行：CSV 格式有误（%(error)s）。") % {"line": reader.line_num, "error": error}
        ) from error
    return rows


def _label(field_name: str) -> str:
    return "" if field_name == "__all__" else str(Organisation._meta.get_field(field_name).verbose_name)


def import_organisations(rows: list[dict]) -> ImportResult:
    """Parents may appear earlier in the file or already exist; matched by name. All rows or none."""
    result = ImportResult()
    with one_public_bump(), transaction.atomic():
        by_name = {o.name: o for o in Organisation.objects.all()}
        # Credit codes in use, checked here instead of one uniqueness query per row.
        by_code = {o.credit_code: o.name for o in by_name.values() if o.credit_code}
        seen: dict[str, int] = {}  # name → the row that named it first
        for number, row in enumerate(rows, start=2):
            line = row.get("line", number)
            problems = _row_problems(row, line, seen)
            if problems:
                result.errors.extend(problems)
                continue
            kind = KIND_BY_LABEL[row["kind"]]
            parent = None
            if row.get("parent"):
                parent = by_name.get(row["parent"])
                if parent is None:
                    result.errors.append(
                        _("第%(line)d行“上级机构”：找不到“%(parent)s”（上级须在前面的行或已存在）。")
                        % {"line": line, "parent": row["parent"]}
                    )
                    continue
            org = by_name.get(row["name"]) or Organisation(name=row["name"])
            is_new = org.pk is None
            before = {f: getattr(org, f) for f in ("short_name", "kind", "parent", "credit_code", "address", "phone")}
            org.short_name = row.get("short_name", org.short_name)
            org.kind, org.parent = kind, parent
            org.credit_code = row.get("credit_code") or None
            org.address = row.get("address", org.address)
            org.phone = row.get("phone", org.phone)
            try:
                org.full_clean(validate_unique=False)
                holder = by_code.get(org.credit_code)
                if org.credit_code and holder not in (None, org.name):
                    raise ValidationError({"credit_code": _("已由“%(holder)s”使用。") % {"holder": holder}})
                org.save()  # atomic itself (a savepoint here): a row the database refuses leaves the rest usable
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    result.errors.append(
                        _("第%(line)d行“%(column)s”：%(problems)s")
                        % {"line": line, "column": _label(field_name), "problems": "；".join(messages)}
                    )
            except DatabaseError:
                result.errors.append(
                    _("第%(line)d行：数据库拒绝保存该行（某个值过长或含有不能保存的字符）。") % {"line": line}
                )
            else:
                by_name[org.name] = org
                if before["credit_code"] and before["credit_code"] != org.credit_code:
                    by_code.pop(before["credit_code"], None)
                if org.credit_code:
                    by_code[org.credit_code] = org.name
                result.created += is_new
                result.updated += not is_new
                continue
            for name, value in before.items():  # keep the in-memory tree as the database has it
                setattr(org, name, value)
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result


def _row_problems(row: dict, line: int, seen: dict[str, int]) -> list[str]:
    """What can be said of a row without the database: text, kind, repeats."""
    problems = []
    for key, (heading, _english) in COLUMNS.items():
        value = row.get(key, "")
        if not isinstance(value, str):
            problems.append(_("第%(line)d行“%(column)s”：应为文字。") % {"line": line, "column": heading})
        elif CONTROL.search(value):
            problems.append(
                _("第%(line)d行“%(column)s”：含有不可见的控制字符，请删除后重新导入。")
                % {"line": line, "column": heading}
            )
    if problems:
        return problems
    if not row.get("name"):
        problems.append(_("第%(line)d行“名称”：不能为空。") % {"line": line})
    if KIND_BY_LABEL.get(row.get("kind", "")) is None:
        problems.append(_("第%(line)d行“类型”：无法识别“%(kind)s”。") % {"line": line, "kind": row.get("kind", "")})
    name = row.get("name")
    if name and name in seen:
        problems.append(_("第%(line)d行“名称”：与第%(other)d行重复。") % {"line": line, "other": seen[name]})
    elif name:
        seen[name] = line
    if name and row.get("parent") == name:
        problems.append(_("第%(line)d行“上级机构”：不能是本机构。") % {"line": line})
    return problems
