"""Catalog tables are read by first-level matter (一级事项): rows of one matter stay together.

Pure: groups keep the order in which their first row appears, rows keep their order inside a group,
so staff control the order of groups by moving a group's first row, and of rows within a group.
"""


def group_by_first_level(rows) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.first_level, []).append(row)
    return list(groups.items())


def in_catalog_order(rows) -> list:
    """The rows flattened in grouped order: the order they are numbered and published in."""
    return [row for _first_level, members in group_by_first_level(rows) for row in members]
