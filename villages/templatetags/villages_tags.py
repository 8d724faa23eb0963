"""Fragments other apps' pages include through portal registry slots (catalog and disclosure never import villages)."""

from django import template

from villages.models import VILLAGE_PARENT_KINDS, VillageItem, grassroots

register = template.Library()

CATALOG_ITEM_LIMIT = 20


@register.simple_tag
def village_items_for_catalog_item(catalog_item):
    """The newest public village matters that name `catalog_item` (the item's documents page lists them)."""
    return list(
        VillageItem.objects.public()
        .filter(catalog_item_id=catalog_item.pk)
        .select_related("village")
        .only("pk", "title", "column", "published_at", "village__name")[:CATALOG_ITEM_LIMIT]
    )


@register.simple_tag
def villages_of(organisation):
    """The active villages and communities of a township or street office (its catalog page links to them);
    other organisations have none, and no query is made for them."""
    if organisation.kind not in VILLAGE_PARENT_KINDS:
        return []
    return list(
        grassroots().filter(parent_id=organisation.pk, is_active=True).only("pk", "name").order_by("sort_order", "path")
    )
