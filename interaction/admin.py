"""Admin: the supervising office edits message types and per-organisation deadlines; messages, error reports,
hot topics and interviews are read-only here (their changes go through the staff pages and services)."""

from django.contrib import admin

from interaction.flows import SUPERVISE_MESSAGES
from interaction.models import DeadlineRule, ErrorReport, HotTopic, Interview, Message, MessageType
from portal.pagination import UncountedAdminMixin


def _supervises(request) -> bool:
    return request.user.is_active and request.user.has_perm(f"portal.{SUPERVISE_MESSAGES}")


class SupervisedSettingsAdmin(admin.ModelAdmin):
    """Types and deadlines: editable by the supervising office (the global permission), as by superusers."""

    def has_view_permission(self, request, obj=None):
        return _supervises(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _supervises(request) or super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return _supervises(request) or super().has_add_permission(request)

    def has_module_permission(self, request):
        return _supervises(request) or super().has_module_permission(request)


@admin.register(MessageType)
class MessageTypeAdmin(SupervisedSettingsAdmin):
    list_display = ["name", "code", "working_days", "sort_order", "is_active"]
    list_editable = ["working_days", "sort_order", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False  # messages refer to their type; switch it off instead


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(SupervisedSettingsAdmin):
    list_display = ["organisation", "message_type", "working_days"]
    list_filter = ["message_type"]
    autocomplete_fields = ["organisation"]

    def has_delete_permission(self, request, obj=None):
        return _supervises(request) or super().has_delete_permission(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(UncountedAdminMixin, ReadOnlyAdmin):
    list_display = ["tracking_number", "organisation", "message_type", "status", "received_on", "due_on",
                    "answered_on"]  # fmt: skip
    list_filter = ["status", "message_type"]
    search_fields = ["tracking_number", "subject"]
    exclude = ["name", "phone", "email", "attachment"]  # personal data stays on the handler's page


@admin.register(ErrorReport)
class ErrorReportAdmin(UncountedAdminMixin, ReadOnlyAdmin):
    list_display = ["tracking_number", "kind", "status", "received_on", "due_on", "answered_on"]
    list_filter = ["status", "kind"]
    exclude = ["email"]


@admin.register(HotTopic)
class HotTopicAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "status", "published_at"]


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin):
    list_display = ["topic", "organisation", "starts_at", "status"]
