"""Bulk import of organisations from CSV or xlsx: validate every row, then apply all or nothing."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from portal.models import Organisation, OrganisationKind

# Column headings accepted (Chinese as counties write them, or English).
COLUMNS = {
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


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def read_rows(path: Path) -> list[dict]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = [["" if c is None else str(c).strip() for c in row] for row in sheet.iter_rows(values_only=True)]
    else:
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError("文件编码无法识别：请另存为 UTF-8 或 GB18030 编码的 CSV。")
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    if not rows:
        return []
    header = rows[0]
    index = {}
    for key, names in COLUMNS.items():
        for position, heading in enumerate(header):
            if heading in names:
                index[key] = position
    if "name" not in index or "kind" not in index:
        raise ValueError("表头须包含“名称”和“类型”列。")
    return [{key: (row[pos] if pos < len(row) else "") for key, pos in index.items()} for row in rows[1:] if any(row)]


def import_organisations(rows: list[dict]) -> ImportResult:
    """Parents may appear earlier in the file or already exist; matched by name. All rows or none."""
    result = ImportResult()
    with transaction.atomic():
        by_name = {o.name: o for o in Organisation.objects.all()}
        for line, row in enumerate(rows, start=2):
            kind = KIND_BY_LABEL.get(row.get("kind", ""))
            if kind is None:
                result.errors.append(f"第{line}行“类型”：无法识别“{row.get('kind', '')}”。")
                continue
            parent = None
            if row.get("parent"):
                parent = by_name.get(row["parent"])
                if parent is None:
                    result.errors.append(f"第{line}行“上级机构”：找不到“{row['parent']}”（上级须在前面的行或已存在）。")
                    continue
            org = by_name.get(row["name"]) or Organisation(name=row["name"])
            is_new = org.pk is None
            org.short_name = row.get("short_name", org.short_name)
            org.kind, org.parent = kind, parent
            org.credit_code = row.get("credit_code") or None
            org.address = row.get("address", org.address)
            org.phone = row.get("phone", org.phone)
            try:
                org.full_clean()
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    label = Organisation._meta.get_field(field_name).verbose_name if field_name != "__all__" else ""
                    result.errors.append(f"第{line}行“{label}”：{'；'.join(messages)}")
                continue
            org.save()
            by_name[org.name] = org
            result.created += is_new
            result.updated += not is_new
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result
