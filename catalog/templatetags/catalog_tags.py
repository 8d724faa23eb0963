"""Display helpers for the version diff, whose rows are plain dicts of column values."""

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from catalog.models import Channel
from portal.legal import WithholdingGround

register = template.Library()

CHANNEL_LABELS = dict(Channel.choices)
GROUND_LABELS = dict(WithholdingGround.choices)


@register.simple_tag
def row_title(row: dict) -> str:
    if "scope" in row:
        return row["scope"]
    return f"{row.get('first_level', '')} / {row.get('second_level', '')}"


@register.simple_tag
def cell(row: dict, name: str) -> str:
    """A column value as a reader expects it: labels for codes, 是/否 for ticks."""
    value = row.get(name)
    if name == "channels":
        return "、".join(str(CHANNEL_LABELS.get(code, code)) for code in value or []) or "—"
    if name == "ground":
        return str(GROUND_LABELS.get(value, value))
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value or "—"


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, key)
