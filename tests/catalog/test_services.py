"""The catalog workflow: adopt, edit, submit, publish, send back; versions are immutable snapshots."""

import pytest
from django.core.exceptions import ValidationError

from catalog import services
from catalog.models import Catalog, CatalogEvent, CatalogItem, CatalogVersion, GuidelineEntry
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory, NegativeListEntryFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


def test_every_domain_ships_guideline_entries_and_six_in_depth():
    from catalog.models import Domain

    counts = {d.code: d.guideline_entries.count() for d in Domain.objects.filter(is_pilot=True)}
    assert len(counts) == 26 and all(n >= 2 for n in counts.values())
    for code in ("social-assistance", "compulsory-education", "public-resource-trading", "employment", "elderly-care", "budgets"):
        assert counts[code] >= 8, code
    # every shipped time limit is read as a rule
    assert not GuidelineEntry.objects.filter(time_limit_kind="").exists()


def test_adopt_copies_columns_keeps_link_and_skips_already_adopted(org):
    editor = member(Role.EDITOR, org)
    entries = list(GuidelineEntry.objects.filter(domain=domain())[:3])
    created = services.adopt(org, entries[:2], by=editor)
    assert [i.guideline for i in created] == entries[:2]
    assert created[0].column_values() == entries[0].column_values()
    assert created[0].origin == "采用"
    assert created[0].time_limit_kind == entries[0].time_limit_kind
    again = services.adopt(org, entries, by=editor)
    assert [i.guideline for i in again] == [entries[2]]
    assert CatalogItem.objects.filter(organisation=org).count() == 3


def test_edited_adoption_and_guideline_change_are_visible(org):
    entry = GuidelineEntry.objects.filter(domain=domain()).first()
    (item,) = services.adopt(org, [entry], by=member(Role.EDITOR, org))
    item.time_limit = "及时公开"
    item.save()
    assert item.origin == "采用后修改"
    assert not item.guideline_changed
    entry.content_elements += "、咨询电话"
    entry.save()
    item.refresh_from_db()
    assert item.guideline_changed


def test_adopt_refuses_nothing_and_mixed_domains(org):
    editor = member(Role.EDITOR, org)
    with pytest.raises(ValidationError):
        services.adopt(org, [], by=editor)
    mixed = [GuidelineEntry.objects.filter(domain=domain()).first(), GuidelineEntry.objects.filter(domain=domain("budgets")).first()]
    with pytest.raises(ValidationError):
        services.adopt(org, mixed, by=editor)


def test_publish_snapshots_numbers_and_records_events(org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    items = CatalogItemFactory.create_batch(3, organisation=org)
    catalog = services.catalog_for(org, domain())
    services.submit(catalog, by=editor, comment="请审核")
    v1 = services.publish(catalog, by=reviewer)
    assert v1.number == 1 and v1.change_summary == "新增3项"
    assert [r.item for r in v1.items.all()] == items
    catalog.refresh_from_db()
    assert catalog.state == Catalog.State.PUBLISHED and catalog.current_version == v1
    # editing after publication: back to draft, the published snapshot does not move
    items[0].second_level = "改名后的事项"
    services.save_item(items[0], by=editor)
    catalog.refresh_from_db()
    assert catalog.state == Catalog.State.DRAFT
    assert v1.items.get(item=items[0]).second_level != "改名后的事项"
    services.submit(catalog, by=editor)
    v2 = services.publish(catalog, by=reviewer, change_summary="调整事项名称")
    assert v2.number == 2 and v2.change_summary == "调整事项名称"
    diff = services.version_diff(v2)
    assert [(c.key, c.fields) for c in diff.changed] == [(items[0].pk, ("second_level",))]
    actions = list(catalog.events.values_list("kind", flat=True))
    assert actions == ["publish", "submit", "publish", "submit"]
    assert catalog.events.last().comment == "请审核"


def test_submitted_catalog_is_locked_until_sent_back(org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    item = CatalogItemFactory(organisation=org)
    catalog = services.catalog_for(org, item.domain)
    services.submit(catalog, by=editor)
    with pytest.raises(ValidationError, match="已提交审核"):
        services.save_item(item, by=editor)
    with pytest.raises(ValidationError, match="退回理由"):
        services.send_back(catalog, by=reviewer, comment=" ")
    services.send_back(catalog, by=reviewer, comment="公开时限写法不规范")
    services.save_item(item, by=editor)
    event = catalog.events.filter(kind=CatalogEvent.Action.SEND_BACK).get()
    assert event.actor == reviewer and event.comment == "公开时限写法不规范"


def test_workflow_refusals(org, settings):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    catalog = services.catalog_for(org, domain())
    with pytest.raises(ValidationError, match="还没有事项"):
        services.submit(catalog, by=editor)
    CatalogItemFactory(organisation=org)
    with pytest.raises(ValidationError, match="已提交审核的目录才能发布"):
        services.publish(catalog, by=reviewer)
    services.submit(catalog, by=reviewer)
    with pytest.raises(ValidationError, match="已提交审核"):
        services.submit(catalog, by=editor)
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    with pytest.raises(ValidationError, match="不能审核发布自己提交"):
        services.publish(catalog, by=reviewer)
    settings.GONGKAI_FORBID_SELF_APPROVAL = False
    services.publish(catalog, by=reviewer)
    with pytest.raises(ValidationError, match="无需提交"):
        services.submit(catalog, by=editor)


def test_removing_a_published_item_keeps_it_for_history(org):
    version = publish_catalog(org, items=2)
    published, fresh = version.items.first().item, CatalogItemFactory(organisation=org)
    services.remove_item(published, by=member(Role.EDITOR, org))
    services.remove_item(fresh, by=member(Role.EDITOR, org))
    assert CatalogItem.objects.filter(pk=published.pk, removed=True).exists()
    assert not CatalogItem.objects.filter(pk=fresh.pk).exists()
    assert published in CatalogItem.objects.published()  # still in the current version until republished


def test_published_gate_for_items_follows_the_current_version(org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    a, b = CatalogItemFactory.create_batch(2, organisation=org)
    draft_only = CatalogItemFactory(organisation=OrganisationFactory())
    assert not CatalogItem.objects.published().exists()
    publish_catalog(org, editor=editor, reviewer=reviewer)
    assert set(CatalogItem.objects.published()) == {a, b}
    services.mark_not_applicable(b, "本机构无此职能", by=editor)
    services.remove_item(a, by=editor)
    assert set(CatalogItem.objects.published()) == {a, b}  # working copy changes are not public yet
    catalog = services.catalog_for(org, domain())
    services.submit(catalog, by=editor)
    services.publish(catalog, by=reviewer)
    assert set(CatalogItem.objects.published()) == set()
    assert draft_only not in CatalogItem.objects.published()
    org.is_active = False
    org.save()
    assert not CatalogVersion.objects.published().filter(catalog__organisation=org).exists()


def test_not_applicable_needs_a_reason(org):
    item = CatalogItemFactory(organisation=org)
    with pytest.raises(ValidationError):
        services.mark_not_applicable(item, "  ", by=member(Role.EDITOR, org))
    services.mark_not_applicable(item, "辖区内无此类学校", by=member(Role.EDITOR, org))
    services.mark_applicable(item, by=member(Role.EDITOR, org))
    item.refresh_from_db()
    assert item.is_applicable and item.not_applicable_reason == ""


def test_move_swaps_neighbours_and_stops_at_the_ends(org):
    a, b, c = CatalogItemFactory.create_batch(3, organisation=org)
    catalog = services.catalog_for(org, domain())
    editor = member(Role.EDITOR, org)
    services.move(c, -1, services.working_items(catalog), catalog=catalog, by=editor)
    assert list(services.working_items(catalog)) == [a, c, b]
    services.move(a, -1, services.working_items(catalog), catalog=catalog, by=editor)
    assert list(services.working_items(catalog)) == [a, c, b]


def test_negative_list_is_versioned_the_same_way(org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    entry = NegativeListEntryFactory(organisation=org)
    catalog = services.catalog_for(org, None)
    services.submit(catalog, by=editor)
    v1 = services.publish(catalog, by=reviewer)
    assert v1.negative_entries.get().scope == entry.scope
    entry.scope = "机关内部后勤管理信息"
    services.save_negative_entry(entry, by=editor)
    NegativeListEntryFactory(organisation=org)
    services.submit(catalog, by=editor)
    v2 = services.publish(catalog, by=reviewer)
    assert v2.change_summary == "新增1项，修改1项"


def test_adopt_skips_a_matter_already_added_locally(org):
    entry = GuidelineEntry.objects.filter(domain=domain()).first()
    CatalogItemFactory(organisation=org, first_level=entry.first_level, second_level=entry.second_level)
    assert services.adopt(org, [entry], by=member(Role.EDITOR, org)) == []
