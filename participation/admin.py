"""Admin for the supervising office: read-mostly; state changes go through the services (fields read-only)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.models import DecisionMatter, OpenDay, ParticipationActivity, ParticipationRules, PublicConsultation


class FeedbackOverdueFilter(admin.SimpleListFilter):
    title = _("意见反馈")
    parameter_name = "feedback"

    def lookups(self, request, model_admin):
        return [("overdue", _("超期未反馈"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(pk__in=PublicConsultation.objects.feedback_overdue(timezone.localdate()))
        return queryset


@admin.register(PublicConsultation)
class PublicConsultationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organisation",
        "status",
        "opens_on",
        "closes_on",
        "feedback_due_on",
        "feedback_published_on",
    ]
    list_filter = [FeedbackOverdueFilter, "status", "kind"]
    search_fields = ["title"]
    # State, feedback and the final-policy link change only through participation/services.py (staff pages).
    readonly_fields = [
        "status", "published_at", "feedback_due_on", "comment_count", "commenter_count", "adopted_views",
        "not_adopted_views", "feedback_published_at", "feedback_published_on", "final_document",
    ]  # fmt: skip
    raw_id_fields = ["matter"]


@admin.register(DecisionMatter)
class DecisionMatterAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "year", "kind", "is_published"]
    list_filter = ["year", "kind", "is_published"]


admin.site.register(ParticipationRules)
admin.site.register(ParticipationActivity)


@admin.register(OpenDay)
class OpenDayAdmin(admin.ModelAdmin):
    list_display = ["theme", "organisation", "starts_at", "capacity", "status"]
    readonly_fields = ["status", "published_at", "capacity", "summary", "attendance", "summary_published_at"]
