"""What changed between two published versions: a pure function over snapshot rows keyed by stable identity.

Rows are matched by the CatalogItem (or negative-list entry) they snapshot, not by position or wording,
so a renamed matter shows as "changed", and a moved one does not show at all.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ChangedRow:
    key: object
    old: dict
    new: dict
    fields: tuple[str, ...]


@dataclass
class VersionDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[ChangedRow] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        """A one-line change summary in the words county catalogs use."""
        if self.is_empty:
            return _("内容无变化")
        parts = []
        if self.added:
            parts.append(_("新增%(n)d项") % {"n": len(self.added)})
        if self.removed:
            parts.append(_("删除%(n)d项") % {"n": len(self.removed)})
        if self.changed:
            parts.append(_("修改%(n)d项") % {"n": len(self.changed)})
        return _("，").join(parts)


def diff_rows(old: dict[object, dict], new: dict[object, dict], compared: tuple[str, ...]) -> VersionDiff:
    """Compare two {key: row} maps on the `compared` columns; keys keep the order of `new` (then `old`)."""
    result = VersionDiff()
    for key, row in new.items():
        if key not in old:
            result.added.append(row)
            continue
        before = old[key]
        fields = tuple(name for name in compared if before.get(name) != row.get(name))
        if fields:
            result.changed.append(ChangedRow(key=key, old=before, new=row, fields=fields))
    result.removed = [row for key, row in old.items() if key not in new]
    return result
