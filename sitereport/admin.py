"""The admin shows reports and visits read-only: reports change only through sitereport.services (the workflow)."""

from django.contrib import admin

from sitereport.models import DailyVisits, SiteReport, SiteReportEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyVisits)
class DailyVisitsAdmin(ReadOnlyAdmin):
    list_display = ("day", "visits", "visitors")
    date_hierarchy = "day"


class EventInline(admin.TabularInline):
    model = SiteReportEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "actor", "from_state", "to_state", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SiteReport)
class SiteReportAdmin(ReadOnlyAdmin):
    list_display = ("year", "version", "status", "organisation", "published_on")
    list_filter = ("status",)
    inlines = [EventInline]
