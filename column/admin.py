"""The admin shows the column's parts for reference: changes and publication go through the staff pages
(services and the review flow), so every field here is read-only and nothing is added or deleted."""

from django.contrib import admin

from column.models import Guide, Leader, PartVersion, Profile, Rules


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Guide, Rules, Profile)
class PartAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("organisation__name",)


@admin.register(Leader)
class LeaderAdmin(ReadOnlyAdmin):
    list_display = ("name", "post", "profile")
    search_fields = ("profile__organisation__name",)


@admin.register(PartVersion)
class PartVersionAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "part", "number", "published_at", "published_by")
    list_filter = ("part",)
    search_fields = ("organisation__name",)
