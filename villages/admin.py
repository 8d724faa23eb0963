"""The admin shows village affairs for reference: publishing and the lists go through the staff pages' services."""

from django.contrib import admin

from villages.models import BenefitRecipient, VillageContact, VillageItem, VillageItemEvent


class RecipientInline(admin.TabularInline):
    model = BenefitRecipient
    fields = ["position", "household_head", "masked_id", "household_size", "amount", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = VillageItemEvent
    fields = ["at", "kind", "actor", "from_state", "to_state", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VillageItem)
class VillageItemAdmin(admin.ModelAdmin):
    list_display = ["title", "village", "column", "status", "published_at", "catalog_item"]
    list_select_related = ["village", "catalog_item"]
    list_filter = ["column", "status"]
    search_fields = ["title", "village__name"]
    inlines = [RecipientInline, EventInline]
    # Everything that publishes, unpublishes or changes what was reviewed is read-only here.
    readonly_fields = [f.name for f in VillageItem._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VillageContact)
class VillageContactAdmin(admin.ModelAdmin):
    list_display = ["name", "post", "village", "phone", "sort_order"]
    search_fields = ["name", "village__name"]
    list_select_related = ["village"]
    raw_id_fields = ["village"]
