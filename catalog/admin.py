"""The supervising office's view of catalogs: domains, guideline entries, items, read-only versions, coverage."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from catalog.models import (
    Catalog,
    CatalogCoverage,
    CatalogEvent,
    CatalogItem,
    CatalogVersion,
    Domain,
    GuidelineEntry,
    NegativeListEntry,
    VersionItem,
    VersionNegativeEntry,
)
from catalog.reports import coverage


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "former_name", "lead_department", "is_pilot", "is_active", "entry_count"]
    list_display_links = ["name"]
    list_filter = ["is_pilot", "is_active"]
    search_fields = ["name", "former_name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("guideline_entries"))

    @admin.display(description=_("标准指引事项数"), ordering="entry_count")
    def entry_count(self, obj):
        return obj.entry_count


@admin.register(CatalogCoverage)
class CatalogCoverageAdmin(admin.ModelAdmin):
    """Per organisation × domain: published, submitted, draft or not started (the supervising office's overview)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "catalog/admin/coverage.html",
            {**self.admin_site.each_context(request), "title": _("目录编制覆盖情况"), "table": coverage(), "opts": self.model._meta},
        )


@admin.register(GuidelineEntry)
class GuidelineEntryAdmin(admin.ModelAdmin):
    list_display = ["domain", "first_level", "second_level", "time_limit", "time_limit_kind", "updated_at"]
    list_filter = ["domain", "time_limit_kind", "level_county", "level_township"]
    search_fields = ["first_level", "second_level", "content_elements", "code"]
    list_select_related = ["domain"]
    readonly_fields = ["time_limit_kind", "time_limit_days", "time_limit_trigger", "time_limit_period", "updated_at"]


@admin.register(CatalogItem)
class CatalogItemAdmin(admin.ModelAdmin):
    list_display = ["organisation", "domain", "first_level", "second_level", "is_applicable", "removed", "guideline"]
    list_filter = ["domain", "is_applicable", "removed", "organisation__kind"]
    search_fields = ["first_level", "second_level", "organisation__name"]
    list_select_related = ["organisation", "domain", "guideline"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["guideline"]
    readonly_fields = ["time_limit_kind", "time_limit_days", "time_limit_trigger", "time_limit_period"]


class CatalogEventInline(admin.TabularInline):
    model = CatalogEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "kind", "actor", "comment", "from_state", "to_state"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Catalog)
class CatalogAdmin(admin.ModelAdmin):
    list_display = ["organisation", "domain", "state", "current_version", "updated_at"]
    list_filter = ["state", "domain"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "domain", "current_version"]
    readonly_fields = ["organisation", "domain", "state", "current_version"]

    def has_delete_permission(self, request, obj=None):
        return False  # deleting a catalog would take its published versions off the site without review
    inlines = [CatalogEventInline]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VersionItemInline(ReadOnlyInline):
    model = VersionItem
    fields = ["position", "first_level", "second_level", "time_limit", "responsible_body", "is_applicable"]


class VersionNegativeEntryInline(ReadOnlyInline):
    model = VersionNegativeEntry
    fields = ["position", "scope", "ground", "legal_basis", "last_reviewed"]


@admin.register(CatalogVersion)
class CatalogVersionAdmin(admin.ModelAdmin):
    """Published versions are immutable: readable here, never editable."""

    list_display = ["catalog", "number", "published_at", "published_by", "change_summary", "public_link"]
    list_filter = ["catalog__domain"]
    search_fields = ["catalog__organisation__name", "change_summary"]
    list_select_related = ["catalog__organisation", "catalog__domain", "published_by"]
    inlines = [VersionItemInline, VersionNegativeEntryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("公开页面"))
    def public_link(self, obj):
        catalog = obj.catalog
        if catalog.is_negative_list:
            url = reverse("catalog:negative_version", kwargs={"org_pk": catalog.organisation_id, "number": obj.number})
        else:
            url = reverse(
                "catalog:version",
                kwargs={"org_pk": catalog.organisation_id, "domain": catalog.domain.code, "number": obj.number},
            )
        return format_html('<a href="{}">{}</a>', url, _("查看"))


@admin.register(NegativeListEntry)
class NegativeListEntryAdmin(admin.ModelAdmin):
    list_display = ["organisation", "scope", "ground", "last_reviewed", "removed"]
    list_filter = ["ground", "removed"]
    search_fields = ["scope", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]

