from django.contrib import admin

from disclosure import search as full_text
from disclosure import services
from disclosure.models import Attachment, CleanupBatch, CleanupEntry, Document, DocumentEvent, Status
from disclosure.widgets import AdminBodyEditorWidget
from portal.pagination import UncountedAdminMixin, year_filter


class DocumentEventInline(admin.TabularInline):
    model = DocumentEvent
    extra = 0
    fields = ["at", "kind", "actor", "comment", "from_state", "to_state"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "kind", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(UncountedAdminMixin, admin.ModelAdmin):
    """The supervising office's view: find any document; state changes go through the staff screens' services.

    Nothing here publishes or unpublishes: the status and the disclosure attribute (with its ground, reviewed
    through 复核) are read-only, documents cannot be deleted (withdrawal is a reviewed step), and a body edit
    re-renders the stored HTML and search text and is recorded in the document's history.

    At a million rows the changelist counts nothing (UncountedAdminMixin) and pages along the primary key and the
    `doc_status_id` index; the publication year is a bounded filter instead of a date hierarchy.
    """

    list_display = [
        "title",
        "organisation",
        "attribute",
        "status",
        "validity",
        "index_number",
        "published_on",
        "is_late",
    ]
    list_filter = ["status", year_filter("published_on"), "attribute", "validity", "doc_type", "is_late", "domain"]
    search_fields = ["title", "document_number", "index_number", "organisation__name"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation", "interprets", "repealed_by"]
    readonly_fields = [
        "status",
        "attribute",
        "withholding_ground",
        "withholding_explanation",
        "next_review_on",
        "index_number",
        "published_at",
        "published_on",
        "is_late",
        "supersedes",
        "created_by",
    ]
    filter_horizontal = ["catalog_items"]
    # Newest first by id (the primary key; by state doc_status_id): a date order would need a NULLS LAST index
    # SQLite cannot build, and the date index with NULLS FIRST lured the public list's planner past every draft.
    ordering = ["-pk"]
    inlines = [AttachmentInline, DocumentEventInline]

    def get_ordering(self, request):
        """Within a publication year, newest published first (the partial `doc_dated` index serves the range)."""
        if request.GET.get("published_on_year"):
            return ["-published_on", "-pk"]
        return super().get_ordering(request)

    def has_add_permission(self, request):
        return False  # documents are drafted on the staff screens, where the workflow starts

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":  # the same editor as the staff form; admin_edit cleans what it sends
            kwargs["widget"] = AdminBodyEditorWidget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.admin_edit(obj, by=request.user, changed=form.changed_data)

    def get_search_results(self, request, queryset, search_term):
        """An index number exactly, else the site's full-text search (its GIN index; the 文号 is in the tokens):
        the admin's own `icontains` over four columns read the whole table at 1M (3.9 s for a word not found)."""
        term = search_term.strip()[:100]
        if not term:
            return queryset, False
        if full_text.number_fragment(term):
            # Current versions only, so the unique index (which leaves superseded versions out) answers it.
            by_index_number = queryset.filter(index_number=term).exclude(status=Status.SUPERSEDED)
            if by_index_number.exists():
                return by_index_number, False
        return full_text.find(queryset, term).documents, False


class CleanupEntryInline(admin.TabularInline):
    model = CleanupEntry
    extra = 0
    raw_id_fields = ["document"]


@admin.register(CleanupBatch)
class CleanupBatchAdmin(admin.ModelAdmin):
    list_display = ["organisation", "held_on", "scope", "created_by"]
    list_filter = ["held_on"]
    search_fields = ["scope", "organisation__name"]
    inlines = [CleanupEntryInline]
