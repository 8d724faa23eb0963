"""Business actions on catalogs. Views call these; the rules (locking, numbering, events) live here."""

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from catalog.diff import VersionDiff, diff_rows
from catalog.grouping import group_by_first_level, in_catalog_order
from catalog.models import (
    COLUMN_FIELDS,
    NEGATIVE_FIELDS,
    Catalog,
    CatalogEvent,
    CatalogItem,
    CatalogVersion,
    GuidelineEntry,
    ImportJob,
    NegativeListEntry,
    VersionItem,
    VersionNegativeEntry,
)
from portal.audit import records_actor
from portal.editing import check_version
from portal.errors import Refusal
from portal.notes import event_note, record_text
from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.workflow import WAY_THROUGH, Transition, Workflow, four_eyes

SNAPSHOT_ITEM_FIELDS = (*COLUMN_FIELDS, "is_applicable", "not_applicable_reason")


def catalog_for(organisation, domain=None) -> Catalog:
    """The working copy of an organisation's catalog for `domain` (None: its negative list), made on first use."""
    catalog, _created = Catalog.objects.get_or_create(organisation=organisation, domain=domain)
    return catalog


def find_catalog(organisation, domain=None) -> Catalog:
    """Read-only twin of `catalog_for` for pages: the saved working copy, or an unsaved empty one.

    A page view must not write; the row is created by the first change (`catalog_for` in every action).
    """
    return Catalog.objects.select_related("current_version").filter(
        organisation=organisation, domain=domain
    ).first() or Catalog(organisation=organisation, domain=domain)


def _start_editing(catalog: Catalog) -> None:
    """Every change to a working copy passes here: refused while submitted, otherwise back to draft.

    Callers are atomic; the row lock makes an edit and a concurrent submit or publish take turns.
    """
    catalog.state = Catalog.objects.select_for_update().values_list("state", flat=True).get(pk=catalog.pk)
    if catalog.state == Catalog.State.SUBMITTED:
        raise Refusal(_("该目录已提交审核，审核人退回后才能修改。"))
    if catalog.state != Catalog.State.DRAFT:
        catalog.state = Catalog.State.DRAFT
        catalog.save(update_fields=["state", "updated_at"])


def _next_sort_order(organisation, domain) -> int:
    top = CatalogItem.objects.filter(organisation=organisation, domain=domain).aggregate(m=Max("sort_order"))["m"]
    return (top or 0) + 10


def working_items(catalog: Catalog):
    return (
        CatalogItem.objects.working()
        .filter(organisation=catalog.organisation, domain=catalog.domain)
        .order_by("sort_order", "pk")
    )


def working_negative_entries(catalog: Catalog):
    return NegativeListEntry.objects.filter(organisation=catalog.organisation, removed=False).order_by(
        "sort_order", "pk"
    )


@records_actor
@transaction.atomic
def save_item(item: CatalogItem, *, by, loaded_version=None) -> CatalogItem:
    """Add or edit an item of the working copy (the form has filled in its columns).

    `loaded_version` is the edit_version the editor's form started from: if someone saved since, nothing
    is written and EditConflict (portal/editing.py) carries the saved item."""
    if item.pk is not None:
        locked = CatalogItem.objects.select_for_update().get(pk=item.pk)
        check_version(locked, loaded_version)
        item.edit_version = locked.edit_version + 1
    catalog = catalog_for(item.organisation, item.domain)
    _start_editing(catalog)
    if item.pk is None:
        item.sort_order = _next_sort_order(item.organisation, item.domain)
    item.save()
    return item


@records_actor
@transaction.atomic
def adopt(organisation, entries, *, by) -> list[CatalogItem]:
    """Copy guideline entries into the organisation's working copy, keeping the link to each entry."""
    entries = list(entries)
    if not entries:
        raise Refusal(_("请至少勾选一项标准指引事项。"))
    domain = entries[0].domain
    if any(e.domain_id != domain.pk for e in entries):
        raise Refusal(_("只能采用本领域的标准指引事项。"))
    catalog = catalog_for(organisation, domain)
    _start_editing(catalog)
    working = working_items(catalog)
    already = set(working.filter(guideline__in=entries).values_list("guideline_id", flat=True))
    names = set(working.values_list("first_level", "second_level"))  # a matter appears once per domain
    order = _next_sort_order(organisation, domain)
    now = timezone.now()
    created = []
    for entry in entries:
        if entry.pk in already or (entry.first_level, entry.second_level) in names:
            continue
        item = CatalogItem(
            organisation=organisation,
            domain=domain,
            guideline=entry,
            adopted_at=now,
            sort_order=order,
            **entry.column_values(),
        )
        item.save()
        created.append(item)
        order += 10
    return created


@records_actor
@transaction.atomic
def mark_not_applicable(item: CatalogItem, reason: str, *, by) -> None:
    reason = reason.strip()
    if not reason:
        raise Refusal(_("请填写不适用的理由。"))
    _start_editing(catalog_for(item.organisation, item.domain))
    item.is_applicable = False
    item.not_applicable_reason = reason
    item.save()


@records_actor
@transaction.atomic
def mark_applicable(item: CatalogItem, *, by) -> None:
    _start_editing(catalog_for(item.organisation, item.domain))
    item.is_applicable = True
    item.not_applicable_reason = ""
    item.save()


@records_actor
@transaction.atomic
def remove_item(item: CatalogItem, *, by) -> None:
    """Delete from the working copy; an item that was ever published is kept (marked removed) for history."""
    _start_editing(catalog_for(item.organisation, item.domain))
    if item.snapshots.exists() or _has_filed_documents(item):
        item.removed = True
        item.save(update_fields=["removed"])
    else:
        item.delete()


def _has_filed_documents(item) -> bool:
    """Documents (disclosure app) may be filed under an item; never cascade them away."""
    return any(
        rel.related_model._meta.app_label != "catalog" and getattr(item, rel.get_accessor_name()).exists()
        for rel in item._meta.related_objects
        if rel.many_to_many
    )


@records_actor
@transaction.atomic
def move(row, direction: int, siblings, *, catalog: Catalog, by) -> None:
    """Swap a row with its neighbour (direction -1 up, +1 down) in the working order.

    Catalog items are shown grouped by first-level matter: a row moves within its group, and the
    first row of a group moving up (or the last moving down) moves the whole group.
    """
    _start_editing(catalog)
    rows = in_catalog_order(siblings) if isinstance(row, CatalogItem) else list(siblings)
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    target = index + direction
    if not 0 <= target < len(rows):
        return
    if isinstance(row, CatalogItem) and rows[target].first_level != row.first_level:
        _move_group(rows, row.first_level, direction)
        return
    rows[index], rows[target] = rows[target], rows[index]
    _renumber(rows)


def _renumber(rows) -> None:
    for position, r in enumerate(rows, start=1):
        if r.sort_order != position * 10:
            r.sort_order = position * 10
            type(r).objects.filter(pk=r.pk).update(sort_order=r.sort_order)


def _move_group(rows, first_level: str, direction: int) -> None:
    """Swap a whole first-level group with the group before (-1) or after (+1) it."""
    groups = [list(members) for _name, members in group_by_first_level(rows)]
    index = next(i for i, members in enumerate(groups) if members[0].first_level == first_level)
    target = index + direction
    if 0 <= target < len(groups):
        groups[index], groups[target] = groups[target], groups[index]
        _renumber([r for members in groups for r in members])


@records_actor
@transaction.atomic
def save_negative_entry(entry: NegativeListEntry, *, by) -> NegativeListEntry:
    _start_editing(catalog_for(entry.organisation, None))
    if entry.pk is None:
        top = NegativeListEntry.objects.filter(organisation=entry.organisation).aggregate(m=Max("sort_order"))["m"]
        entry.sort_order = (top or 0) + 10
    entry.save()
    return entry


@records_actor
@transaction.atomic
def remove_negative_entry(entry: NegativeListEntry, *, by) -> None:
    _start_editing(catalog_for(entry.organisation, None))
    if entry.snapshots.exists():
        entry.removed = True
        entry.save(update_fields=["removed"])
    else:
        entry.delete()


def _working_rows(catalog: Catalog) -> dict:
    if catalog.is_negative_list:
        return {e.pk: e.column_values() for e in working_negative_entries(catalog)}
    return {i.pk: {f: getattr(i, f) for f in SNAPSHOT_ITEM_FIELDS} for i in working_items(catalog)}


def version_rows(version: CatalogVersion | None) -> dict:
    """A version's rows keyed by the stable item/entry id, in published order."""
    if version is None:
        return {}
    if version.catalog.is_negative_list:
        return {r.entry_id: r.column_values() | {"position": r.position} for r in version.negative_entries.all()}
    return {
        r.item_id: {f: getattr(r, f) for f in SNAPSHOT_ITEM_FIELDS} | {"position": r.position}
        for r in version.items.all()
    }


def compared_fields(catalog: Catalog) -> tuple[str, ...]:
    return NEGATIVE_FIELDS if catalog.is_negative_list else SNAPSHOT_ITEM_FIELDS


def pending_changes(catalog: Catalog) -> VersionDiff:
    """What publishing the working copy now would change against the current version."""
    return diff_rows(version_rows(catalog.current_version), _working_rows(catalog), compared_fields(catalog))


def version_diff(version: CatalogVersion) -> VersionDiff:
    """A version against the one before it (the first version: everything added)."""
    previous = version.catalog.versions.filter(number__lt=version.number).order_by("-number").first()
    return diff_rows(version_rows(previous), version_rows(version), compared_fields(version.catalog))


NOT_SUBMITTED = gettext_lazy("只有已提交审核的目录才能发布。")
SELF_APPROVAL = format_lazy("{} {}", gettext_lazy("不能审核发布自己提交的目录，请由本机构其他审核人发布。"), WAY_THROUGH)


def _ready_to_submit(catalog, user):
    if not _working_rows(catalog):
        return gettext_lazy("目录中还没有事项，不能提交。")
    if catalog.current_version_id and pending_changes(catalog).is_empty:
        return gettext_lazy("工作稿与现行版本相同，无需提交。")
    return None


def drafters(catalog) -> set[int]:
    """Who drafted the change under review: submitted it or imported rows into it since the last publication
    (item edits are in the audit log; the submitter answers for them)."""
    kinds = {CatalogEvent.Action.SUBMIT, CatalogEvent.Action.IMPORT}
    ids, since_publish = set(), []
    for kind, actor_id in catalog.events.order_by("at", "pk").values_list("kind", "actor_id"):
        if kind == CatalogEvent.Action.PUBLISH:
            since_publish = []
        elif kind in kinds:
            since_publish.append(actor_id)
    ids.update(a for a in since_publish if a is not None)
    return ids


def _snapshot(catalog, *, by, on, comment):
    """The publish hook: freeze the working copy as the next numbered version, which becomes current."""
    change_summary = comment
    summary = change_summary.strip() or pending_changes(catalog).summary()
    number = (catalog.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = CatalogVersion.objects.create(catalog=catalog, number=number, published_by=by, change_summary=summary)
    if catalog.is_negative_list:
        VersionNegativeEntry.objects.bulk_create(
            VersionNegativeEntry(version=version, entry=e, position=n, **e.column_values())
            for n, e in enumerate(working_negative_entries(catalog), start=1)
        )
    else:
        rows = []
        for n, item in enumerate(in_catalog_order(working_items(catalog)), start=1):
            row = VersionItem(
                version=version,
                item=item,
                position=n,
                **{f: getattr(item, f) for f in SNAPSHOT_ITEM_FIELDS},
                time_limit_kind=item.time_limit_kind,
                time_limit_days=item.time_limit_days,
                time_limit_trigger=item.time_limit_trigger,
                time_limit_period=item.time_limit_period,
            )
            rows.append(row)
        VersionItem.objects.bulk_create(rows)
    catalog.current_version = version
    return {"comment": summary}


FLOW = Workflow(
    event_model=CatalogEvent,
    event_object_field="catalog",
    state_field="state",
    on_repeat="refuse",
    transitions=[
        Transition(
            (Catalog.State.DRAFT, Catalog.State.PUBLISHED), "submit", Catalog.State.SUBMITTED, DRAFT_CONTENT,
            guard=_ready_to_submit, label=gettext_lazy("提交审核"), takes_comment=True,
            not_now=gettext_lazy("该目录已提交审核。"),
        ),
        Transition(
            Catalog.State.SUBMITTED, "publish", Catalog.State.PUBLISHED, REVIEW_CONTENT,
            guard=four_eyes(drafters, SELF_APPROVAL), hook=_snapshot, label=gettext_lazy("审核通过并发布"),
            takes_comment=True, not_now=NOT_SUBMITTED,
        ),
        Transition(
            Catalog.State.SUBMITTED, "send_back", Catalog.State.DRAFT, REVIEW_CONTENT,
            needs_comment=gettext_lazy("请填写退回理由。"), label=gettext_lazy("退回修改"), style="secondary",
            not_now=gettext_lazy("只有待审核的目录才能退回。"),
        ),
    ],
)  # fmt: skip


def submit(catalog: Catalog, *, by, comment: str = "") -> None:
    """The editor hands the working copy to a reviewer."""
    FLOW.apply(catalog, "submit", by=by, comment=comment)


def send_back(catalog: Catalog, *, by, comment: str) -> None:
    """The reviewer returns a submitted working copy with a reason."""
    FLOW.apply(catalog, "send_back", by=by, comment=comment)


def publish(catalog: Catalog, *, by, change_summary: str = "") -> CatalogVersion:
    """The reviewer freezes the submitted working copy as the next numbered version, which becomes current."""
    FLOW.apply(catalog, "publish", by=by, comment=change_summary)
    return catalog.current_version


def guideline_entries_for(domain):
    return GuidelineEntry.objects.filter(domain=domain).order_by("sort_order", "pk")


RULE_FIELDS = ("time_limit_kind", "time_limit_days", "time_limit_trigger", "time_limit_period")
IMPORT_BATCH = 1000


@transaction.atomic
def import_items(catalog: Catalog, rows: list[dict], *, by, filename: str = "") -> tuple[int, int]:
    """Apply validated spreadsheet rows to the working copy: matched by 一级/二级事项 → updated, else added.

    The caller has validated every row (catalog.spreadsheet.read_catalog); this applies all of them or,
    if anything fails, none (one transaction). Built for 10,000 rows: one bulk insert and one bulk
    update, ONE audit-log entry on the catalog listing every added item and every changed column, and
    one public-cache bump. Returns (added, updated); matched rows that change nothing are not counted.
    """
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry

    from portal.caching import one_public_bump

    with one_public_bump(), disable_auditlog():
        state_before = Catalog.objects.values_list("state", flat=True).get(pk=catalog.pk)
        _start_editing(catalog)
        existing = {(i.first_level, i.second_level): i for i in working_items(catalog)}
        order = _next_sort_order(catalog.organisation, catalog.domain)
        labels = {f.name: str(f.verbose_name) for f in CatalogItem._meta.fields}
        added, changed, changes = [], [], {}
        changed_fields: set[str] = set()
        for row in rows:
            key = (row["first_level"], row["second_level"])
            item = existing.get(key)
            if item is None:
                item = CatalogItem(organisation=catalog.organisation, domain=catalog.domain, sort_order=order, **row)
                item.read_time_limit()
                order += 10
                added.append(item)
                existing[key] = item
                changes[f"{key[0]} / {key[1]}"] = [None, str(_("新增"))]
                continue
            diff = {name: value for name, value in row.items() if getattr(item, name) != value}
            if not diff or item.pk is None:  # unchanged, or a repeat of a row added above (read_catalog refuses those)
                continue
            for name, value in diff.items():
                changes[f"{key[0]} / {key[1]} · {labels[name]}"] = [getattr(item, name), value]
                setattr(item, name, value)
            item.read_time_limit()
            item.edit_version += 1  # an editor's open form on this item now conflicts (portal/editing.py)
            changed_fields.update(diff)
            changed.append(item)
        CatalogItem.objects.bulk_create(added, batch_size=IMPORT_BATCH)
        if changed:
            rules = set(RULE_FIELDS) if "time_limit" in changed_fields else set()
            fields = sorted(changed_fields | rules | {"edit_version"})
            _write_changes(changed, fields)
        notes = event_note(
            gettext_noop("%(file)s：新增%(added)d项，更新%(updated)d项"),
            file=filename,
            added=len(added),
            updated=len(changed),
        )
        summary = record_text(notes)
        if state_before != catalog.state:
            changes[str(Catalog._meta.get_field("state").verbose_name)] = [state_before, catalog.state]
        LogEntry.objects.log_create(
            catalog,
            action=LogEntry.Action.UPDATE,
            changes=changes,
            actor=by,
            changes_text=summary,
            additional_data={"import": filename, "added": len(added), "updated": len(changed)},
        )
        CatalogEvent.objects.create(
            catalog=catalog, kind=CatalogEvent.Action.IMPORT, actor=by, comment=summary, note=notes
        )
    return len(added), len(changed)


def _write_changes(items: list[CatalogItem], fields: list[str]) -> None:
    """Save `fields` of many items at once.

    Django's bulk_update builds a CASE expression per field and row in Python: 23 s for 10,000 rows and
    five fields. On PostgreSQL one UPDATE … FROM (VALUES …) per 1,000 rows writes the same values in
    well under a second; other databases (SQLite in development) keep bulk_update.
    """
    if connection.vendor != "postgresql":
        CatalogItem.objects.bulk_update(items, fields, batch_size=IMPORT_BATCH)
        return
    quote = connection.ops.quote_name
    columns = [CatalogItem._meta.get_field(name) for name in fields]
    pk = CatalogItem._meta.pk
    row = "(" + ", ".join([f"%s::{pk.db_type(connection)}", *(f"%s::{c.db_type(connection)}" for c in columns)]) + ")"
    names = ", ".join(quote(c.column) for c in [pk, *columns])
    assignments = ", ".join(f"{quote(c.column)} = v.{quote(c.column)}" for c in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(items), IMPORT_BATCH):
            batch = items[start : start + IMPORT_BATCH]
            params = []
            for item in batch:
                params.append(item.pk)
                params.extend(c.get_db_prep_save(getattr(item, c.attname), connection) for c in columns)
            cursor.execute(
                f"UPDATE {quote(CatalogItem._meta.db_table)} AS t SET {assignments} "
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS v({names}) WHERE t.{quote(pk.column)} = v.{quote(pk.column)}",
                params,
            )


def queue_import(organisation, domain, data: bytes, *, by, filename: str = "") -> ImportJob:
    """Hand a large workbook to the task worker (catalog.tasks.run_import); the job records its progress."""
    from catalog.tasks import run_import

    job = ImportJob.objects.create(
        organisation=organisation, domain=domain, by=by, filename=filename[:255], data=data, size=len(data)
    )
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def guideline_changes(item: CatalogItem) -> VersionDiff | None:
    """How the item differs from its guideline entry today (None for local items)."""
    if item.guideline_id is None:
        return None
    return diff_rows({item.pk: item.column_values()}, {item.pk: item.guideline.column_values()}, COLUMN_FIELDS)


@records_actor
@transaction.atomic
def refresh_from_guideline(item: CatalogItem, *, by) -> None:
    """Take over the guideline entry's current columns (after the national guideline was revised)."""
    if item.guideline_id is None:
        raise Refusal(_("该事项不是从标准指引采用的。"))
    _start_editing(catalog_for(item.organisation, item.domain))
    for name, value in item.guideline.column_values().items():
        setattr(item, name, value)
    item.adopted_at = timezone.now()
    item.edit_version += 1
    item.save()


def column_labels(catalog: Catalog) -> dict[str, str]:
    """Column names as readers know them, for showing which columns a change touched."""
    model = NegativeListEntry if catalog.is_negative_list else VersionItem
    return {f.name: str(f.verbose_name) for f in model._meta.fields}
