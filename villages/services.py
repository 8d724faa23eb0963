"""Business steps of village affairs. Views call these; refusals are `portal.errors.Refusal`."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import CatalogItem
from portal.audit import records_actor
from portal.editing import check_version
from portal.errors import Refusal
from portal.models import GRASSROOTS_KINDS
from villages import rules
from villages.flows import ITEM_FLOW
from villages.models import BenefitRecipient, Column, ItemStatus, VillageContact, VillageItem

ONLY_DRAFTS = gettext_lazy("只有草稿可以修改；已提交或已公开的事项请先退回或撤回。")
NOT_A_VILLAGE = gettext_lazy("只能为本乡镇（街道）所辖的村（社区）发布村务公开事项。")
NOT_IN_CATALOG = gettext_lazy("所选目录事项不在本乡镇（街道）现行公开的标准目录中，请重新选择或留空。")


def _check_village(item) -> None:
    if item.village.kind not in GRASSROOTS_KINDS or item.village.parent_id is None:
        raise Refusal(NOT_A_VILLAGE, code="village")


def catalog_items_for(village):
    """The catalog items a village's matter may name: the township's (or street's) items as its current
    published catalogs show them, so a citizen following the link finds the item in the published catalog."""
    return CatalogItem.objects.published().filter(organisation_id=village.parent_id)


def _check_catalog_item(item) -> None:
    if (
        item.catalog_item_id is not None
        and not catalog_items_for(item.village).filter(pk=item.catalog_item_id).exists()
    ):
        raise Refusal(NOT_IN_CATALOG, code="catalog_item")


def _record(item, kind, *, by, comment=""):
    item.events.create(kind=kind, actor=by, comment=comment, from_state=item.status, to_state=item.status)


def save_item(item: VillageItem, *, by, loaded_version=None) -> VillageItem:
    """Create or edit a draft. Editing counts as drafting for the four-eyes rule (an `edited` event)."""
    _check_village(item)
    _check_catalog_item(item)
    with transaction.atomic():
        if item.pk:
            locked = VillageItem.objects.select_for_update().get(pk=item.pk)
            check_version(locked, loaded_version)
            if locked.status != ItemStatus.DRAFT:
                raise Refusal(ONLY_DRAFTS, code="state")
            item.status = locked.status
            item.edit_version = locked.edit_version + 1
            item.save()
            _record(item, "edited", by=by)
        else:
            item.status = ItemStatus.DRAFT
            item.save()
            _record(item, "created", by=by)
    return item


def transition(item: VillageItem, event: str, *, by, comment: str = ""):
    """Submit, publish, send back, withdraw or reopen, through the one workflow engine."""
    if event == "submit":
        _check_complete(item)
    return ITEM_FLOW.apply(item, event, by=by, comment=comment)


def _check_complete(item: VillageItem) -> None:
    _check_catalog_item(item)  # the township may have republished its catalog without the item since
    if item.column == Column.BENEFITS and not item.recipients.exists():
        raise Refusal(_("补贴或救助名单还没有对象：请先导入名单再提交审核。"), code="empty")


@transaction.atomic
def delete_draft(item: VillageItem, *, by) -> None:
    """A mistaken draft that was never published goes away (with its list and events)."""
    locked = VillageItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != ItemStatus.DRAFT or locked.published_at is not None:
        raise Refusal(_("只能删除从未公开过的草稿。"), code="state")
    from portal.audit import acting

    with acting(by):
        locked.delete()


def import_recipients(item: VillageItem, rows: list[dict], *, by, filename: str) -> int:
    """Replace a draft's benefit list with `rows` (all validated by villages.spreadsheet): all or nothing,
    one bulk insert, one audit entry without the names, one public-cache bump."""
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry

    from portal.caching import one_public_bump

    with transaction.atomic(), one_public_bump(), disable_auditlog():
        locked = VillageItem.objects.select_for_update().get(pk=item.pk)
        if locked.status != ItemStatus.DRAFT:
            raise Refusal(ONLY_DRAFTS, code="state")
        if locked.column != Column.BENEFITS:
            raise Refusal(_("只有“惠农补贴和救助名单”栏目的事项有对象名单。"), code="column")
        removed = locked.recipients.count()
        locked.recipients.all().delete()
        BenefitRecipient.objects.bulk_create(
            BenefitRecipient(item=locked, position=n, **row) for n, row in enumerate(rows, start=1)
        )
        summary = _("%(file)s：导入%(added)s户（替换原有%(removed)s户）") % {
            "file": filename,
            "added": len(rows),
            "removed": removed,
        }
        LogEntry.objects.log_create(
            locked,
            action=LogEntry.Action.UPDATE,
            changes={},
            actor=by,
            changes_text=summary,
            additional_data={"import": filename, "added": len(rows), "removed": removed},
        )
        _record(locked, "imported", by=by, comment=summary)
    return len(rows)


@records_actor
def save_contact(contact: VillageContact, *, by) -> VillageContact:
    if contact.village.kind not in GRASSROOTS_KINDS:
        raise Refusal(NOT_A_VILLAGE, code="village")
    contact.updated_by = by
    contact.save()
    return contact


@records_actor
def delete_contact(contact: VillageContact, *, by) -> None:
    contact.delete()


def missing_finance_quarters(village, today, *, published=None):
    """The quarters whose finances the village has not published in time (villages.rules.missing_quarters).
    `published`: the village's published (year, quarter) pairs when the caller read them for many villages."""
    if published is None:
        published = set(
            VillageItem.objects.public().filter(village=village, column=Column.FINANCES).values_list("year", "quarter")
        )
    return rules.missing_quarters(published, today)


def published_quarters_by_village(villages) -> dict[int, set]:
    """{village pk: {(year, quarter)}} of published finances, in one query for a list of villages."""
    found: dict[int, set] = {v.pk: set() for v in villages}
    rows = (
        VillageItem.objects.public()
        .filter(village__in=list(villages), column=Column.FINANCES)
        .values_list("village_id", "year", "quarter")
    )
    for village_id, year, quarter in rows:
        found.setdefault(village_id, set()).add((year, quarter))
    return found
