"""The supervising office's view of requests: browse, filter and search; state moves only through services."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from portal.intake.masking import mask_email, mask_middle
from portal.pagination import UncountedAdminMixin, year_filter
from requests_app import letters
from requests_app.models import (
    Consultation,
    InformationRequest,
    LetterTemplate,
    Remedy,
    Reply,
    ReplyFile,
    ReplyStatus,
    RequestEvent,
)


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    fields = ["on", "kind", "from_state", "to_state", "actor", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ConsultationInline(admin.TabularInline):
    model = Consultation
    extra = 0
    fields = ["kind", "party", "sent_on", "answer_due_on", "answered_on", "answer"]
    readonly_fields = ["answer_due_on"]


class RemedyInline(admin.TabularInline):
    model = Remedy
    extra = 0


@admin.register(InformationRequest)
class InformationRequestAdmin(UncountedAdminMixin, admin.ModelAdmin):
    list_display = [
        "tracking_number",
        "organisation",
        "subject",
        "applicant_category",
        "state",
        "received_on",
        "due_on",
        "handler",
    ]
    list_filter = ["state", "channel", "applicant_category", year_filter("year", parameter="year"), "organisation"]
    search_fields = ["tracking_number", "subject"]
    list_select_related = ["organisation", "handler"]
    readonly_fields = [
        "tracking_number",
        "state",
        "submitted_at",
        "received_on",
        "corrected_on",
        "due_on",
        "extension_days",
        "extension_reason",
        "extension_approved_by",
        "concluded_on",
    ]
    inlines = [ConsultationInline, RemedyInline, RequestEventInline]
    list_per_page = 50
    # The applicant's identity is for the handling organisation's handlers (their request page); the supervising
    # office sees it masked here and cannot edit it.
    exclude = ["id_document_number", "phone", "email", "postal_address", "applicant_name", "query_code_hash"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "masked_applicant", "masked_id_number", "masked_contacts"]

    @admin.display(description=_("申请人"))
    def masked_applicant(self, obj):
        return obj.masked_name

    @admin.display(description=_("证件号码"))
    def masked_id_number(self, obj):
        return mask_middle(obj.id_document_number)

    @admin.display(description=_("联系方式"))
    def masked_contacts(self, obj):
        return "；".join(
            filter(None, [mask_middle(obj.phone), mask_email(obj.email), mask_middle(obj.postal_address, 3, 0)])
        )


class ReplyFileInline(admin.TabularInline):
    model = ReplyFile
    extra = 0
    fields = ["name", "content_type", "size"]
    readonly_fields = fields


@admin.register(Reply)
class ReplyAdmin(UncountedAdminMixin, admin.ModelAdmin):
    list_display = ["request", "reply_type", "ground", "drafted_by", "approved_by", "sent_on"]
    list_filter = ["reply_type", "ground", "sent_on"]
    search_fields = ["request__tracking_number", "request__subject"]
    list_select_related = ["request", "drafted_by", "approved_by"]
    readonly_fields = ["status", "drafted_by", "drafted_at", "approved_by", "approved_at", "sent_on"]
    inlines = [ReplyFileInline]

    def get_readonly_fields(self, request, obj=None):
        """A signed-off or sent reply is what the reviewer approved: its content changes only by a redraft."""
        if obj is not None and obj.status in (ReplyStatus.APPROVED, ReplyStatus.SENT):
            return [f.name for f in Reply._meta.fields if f.editable] + ["documents"]
        return self.readonly_fields


@admin.register(Remedy)
class RemedyAdmin(admin.ModelAdmin):
    list_display = ["request", "kind", "filed_on", "outcome", "decided_on"]
    list_filter = ["kind", "outcome"]
    search_fields = ["request__tracking_number"]
    list_select_related = ["request"]


@admin.register(RequestEvent)
class RequestEventAdmin(UncountedAdminMixin, admin.ModelAdmin):
    list_display = ["request", "kind", "on", "actor", "to_state"]
    ordering = ["-pk"]  # newest first along the primary key (the model's ("at", "pk") has no index)
    list_filter = ["kind", "to_state"]
    search_fields = ["request__tracking_number"]
    list_select_related = ["request", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LetterTemplateForm(forms.ModelForm):
    """The wording may use only the placeholders its kind offers: a typo would print as {…} on a letter."""

    class Meta:
        model = LetterTemplate
        fields = ["kind", "wording"]

    def clean(self):
        cleaned = super().clean()
        kind, text = cleaned.get("kind"), cleaned.get("wording") or ""
        if kind and text:
            unknown = letters.unknown_placeholders(kind, text)
            if unknown:
                offered = "、".join("{" + name + "}" for name in letters.PLACEHOLDERS.get(kind, ()))
                self.add_error(
                    "wording",
                    _("不能使用的占位符：%(unknown)s。该类文书可用：%(offered)s。")
                    % {"unknown": "、".join(unknown), "offered": offered or "—"},
                )
        return cleaned


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """The supervising office words the county's letters; each kind's default and placeholders are shown."""

    form = LetterTemplateForm
    list_display = ["kind", "updated_at"]
    readonly_fields = ["default_wording"]
    fields = ["kind", "wording", "default_wording"]

    @admin.display(description=_("默认正文和可用占位符"))
    def default_wording(self, obj):
        if obj is None or not obj.kind:
            return "—"
        offered = "、".join("{" + name + "}" for name in letters.PLACEHOLDERS.get(obj.kind, ()))
        paragraphs = format_html_join(
            "", "<p>{}</p>", ((line,) for line in letters.DEFAULT_WORDING[obj.kind].splitlines())
        )
        return format_html("{}<p><strong>{}</strong></p>", paragraphs, offered)
