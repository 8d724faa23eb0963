from django.contrib import admin

from servicehall.models import Terminal


@admin.register(Terminal)
class TerminalAdmin(admin.ModelAdmin):
    """For reference: terminals are registered and activated on the organisation's staff pages."""

    list_display = ["name", "organisation", "location", "is_active", "activated_at"]
    list_filter = ["is_active"]
    readonly_fields = ["organisation", "registered_at", "activated_at"]
    fields = ["organisation", "name", "location", "is_active", "registered_at", "activated_at"]

    def has_add_permission(self, request):
        return False
