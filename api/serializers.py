"""What the API shows of each public thing. Only fields the public pages show; nothing about staff.

Serializers never decide visibility: the views hand them rows that passed the public gates, and related
documents (interprets, repealed by, interpretations) arrive already filtered through
`Document.objects.public()`.
"""

import functools
from dataclasses import dataclass
from types import SimpleNamespace

from django.urls import reverse as url_for
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalog.models import CatalogVersion, Domain, VersionItem, VersionNegativeEntry
from column.models import Part
from disclosure.models import Attachment, CleanupBatch, CleanupEntry, Document, Validity
from disclosure.rendering import raw_date
from disclosure.validity import validity_on
from portal.models import GRASSROOTS_KINDS, Organisation
from sitereport.rules import is_late
from villages.models import VILLAGE_PARENT_KINDS, BenefitKind
from villages.models import Column as VillageColumn


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DomainRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class DocumentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, document) -> str:
        return reverse("api:document-detail", args=[document.pk], request=self.context.get("request"))


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:organisation-detail")
    kind_label = serializers.CharField(source="get_kind_display")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    depth = serializers.IntegerField()

    class Meta:
        model = Organisation
        fields = ["id", "url", "name", "short_name", "kind", "kind_label", "parent", "depth", "credit_code",
                  "address", "phone", "email", "office_hours"]  # fmt: skip


class ColumnLinksSerializer(serializers.Serializer):
    """The current published version of each written part of the organisation's column (null: none yet)."""

    guide = serializers.URLField(allow_null=True)
    rules = serializers.URLField(allow_null=True)
    profile = serializers.URLField(allow_null=True)
    versions = serializers.URLField(allow_null=True, help_text="Every published version (null: no column).")


class OrganisationDetailSerializer(OrganisationSerializer):
    ancestors = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()
    column = serializers.SerializerMethodField(
        help_text="The written parts of its disclosure column; all null for villages and communities (no column)."
    )
    village_items_url = serializers.SerializerMethodField(
        help_text="Village affairs of a village or community, or of every village under a township or street office."
    )

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "ancestors", "children", "column", "village_items_url"]

    @extend_schema_field(ColumnLinksSerializer)
    def get_column(self, organisation):
        request = self.context.get("request")
        current = self.context.get("column_parts", {})
        links = {
            part: reverse("api:column-part-detail", args=[current[part]], request=request) if part in current else None
            for part in Part.values
        }
        has_column = organisation.kind not in GRASSROOTS_KINDS
        versions = f"{reverse('api:column-parts', request=request)}?organisation={organisation.pk}"
        return {**links, "versions": versions if has_column else None}

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_village_items_url(self, organisation):
        if organisation.kind not in GRASSROOTS_KINDS | VILLAGE_PARENT_KINDS:
            return None
        return f"{reverse('api:village-items', request=self.context.get('request'))}?organisation={organisation.pk}"

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_ancestors(self, organisation):
        return OrganisationRefSerializer(self.context["ancestors"], many=True).data

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_children(self, organisation):
        return OrganisationRefSerializer(self.context["children"], many=True).data


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = ["code", "number", "name", "former_name", "name_en", "lead_department", "is_pilot"]


class DocumentListSerializer(serializers.ListSerializer):
    """A list of documents as `DocumentSerializer` shows each one, built directly from the rows.

    Why: DRF's field machinery (a field object per value, `get_attribute`, a `reverse` per URL, the labels looked up
    three times per row) was two thirds of the API document list's CPU, 0.4 ms per document at 1M
    (docs/performance.md). The output is the serializer's own, value for value and in its order
    (tests/api/test_document_list_fast.py); a subclass (interpretations, the detail) or a format suffix goes
    through DRF as before.
    """

    def to_representation(self, data):
        request = self.child.context.get("request")
        if type(self.child) is not DocumentSerializer or request is None or self.child.context.get("format"):
            return super().to_representation(data)
        return list(_document_rows(data.all() if hasattr(data, "all") else data, request))


_PK_PLACEHOLDER = 987_654_321


def _address(view_name: str) -> tuple[str, str]:
    """The path of `view_name` for a document, split where its id goes (one `reverse` per list, not per row)."""
    path = url_for(view_name, kwargs={"pk": _PK_PLACEHOLDER})
    before, found, after = path.partition(str(_PK_PLACEHOLDER))
    if not found or str(_PK_PLACEHOLDER) in after:
        raise RuntimeError(f"{view_name}'s path does not hold the document id once")
    return before, after


def _document_rows(documents, request):
    origin = request.build_absolute_uri("/")[:-1]  # what build_absolute_uri puts before a path
    api_before, api_after = _address("api:document-detail")
    page_before, page_after = _address("disclosure:detail")
    language = translation.get_language()
    for document in documents:
        now = document.validity_now()
        domain = document.domain
        yield {
            "id": document.pk,
            "url": f"{origin}{api_before}{document.pk}{api_after}",
            "html_url": f"{origin}{page_before}{document.pk}{page_after}",
            "title": document.title,
            "document_number": document.document_number,
            "index_number": document.index_number,
            "doc_type": document.doc_type,
            "doc_type_label": _label("doc_type", document.doc_type, language),
            "organisation": {"id": document.organisation.id, "name": document.organisation.name},
            "domain": None if domain is None else {"code": domain.code, "name": domain.name},
            "published_on": _iso(document.published_on),
            "validity": now.state,
            "validity_label": _label("validity", now.state, language),
            "validity_pending": now.pending,
            "validity_changed_on": _iso(document.validity_changed_on),
        }


@functools.lru_cache(maxsize=256)
def _label(field: str, value: str, language: str) -> str:
    """A choice's label in `language`, as `get_<field>_display` gives it (the value itself if not a choice)."""
    with translation.override(language):
        return str(dict(Document._meta.get_field(field).flatchoices).get(value, value))


def _iso(day):
    return None if day is None or isinstance(day, str) else day.isoformat()  # SQLite's raw rows hold text


@dataclass(frozen=True)
class ListedDocument:
    """A row of the document list's compiled query (api/views.py `compiled_page`), as the driver returns it,
    with what `_document_rows` reads of a Document."""

    pk: int
    title: str
    document_number: str
    index_number: str | None
    doc_type: str
    organisation_id: int
    organisation_name: str
    domain_code: str | None
    domain_name: str | None
    published_on: object
    validity: str
    validity_changed_on: object

    @property
    def organisation(self):
        return SimpleNamespace(id=self.organisation_id, name=self.organisation_name)

    @property
    def domain(self):
        return None if self.domain_code is None else SimpleNamespace(code=self.domain_code, name=self.domain_name)

    def validity_now(self):
        return validity_on(self.validity, raw_date(self.validity_changed_on), timezone.localdate())


def document_list(documents, request) -> list[dict]:
    """What `DocumentSerializer(documents, many=True)` gives, for Documents or ListedDocuments."""
    return list(_document_rows(documents, request))


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:document-detail")
    html_url = serializers.SerializerMethodField()
    doc_type_label = serializers.CharField(source="get_doc_type_display")
    # The validity in effect today, as the document page shows it (a repeal dated later is still "valid" until
    # then, with `validity_pending` naming the change and `validity_changed_on` its day).
    validity = serializers.SerializerMethodField()
    validity_label = serializers.SerializerMethodField()
    validity_pending = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer()
    domain = DomainRefSerializer(allow_null=True)

    class Meta:
        model = Document
        fields = ["id", "url", "html_url", "title", "document_number", "index_number", "doc_type", "doc_type_label",
                  "organisation", "domain", "published_on", "validity", "validity_label", "validity_pending",
                  "validity_changed_on"]  # fmt: skip
        list_serializer_class = DocumentListSerializer

    @extend_schema_field({"type": "string", "enum": Validity.values})
    def get_validity(self, document) -> str:
        return document.validity_now().state

    def get_validity_label(self, document) -> str:
        return str(Validity(document.validity_now().state).label)

    @extend_schema_field({"type": "string", "enum": ["", Validity.EXPIRED, Validity.REPEALED]})
    def get_validity_pending(self, document) -> str:
        return document.validity_now().pending

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, document) -> str:
        return _absolute(self, document.get_absolute_url())


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "kind", "size", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment) -> str:
        return _absolute(self, url_for("disclosure:attachment", args=[attachment.document_id, attachment.pk]))


class CatalogItemRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    first_level = serializers.CharField()
    second_level = serializers.CharField()
    domain = serializers.CharField(source="domain.code")


class DocumentDetailSerializer(DocumentSerializer):
    catalog_items = CatalogItemRefSerializer(many=True)
    attachments = AttachmentSerializer(many=True)
    interpretations = DocumentRefSerializer(many=True)
    interprets = serializers.SerializerMethodField()
    repealed_by = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "topic", "written_on", "formed_on", "published_at", "is_late",
                  "body_html", "catalog_items", "attachments", "interprets", "interpretations", "repealed_by"]  # fmt: skip

    def _related(self, pk):
        document = self.context.get("related", {}).get(pk)
        return DocumentRefSerializer(document, context=self.context).data if document is not None else None

    @extend_schema_field(DocumentRefSerializer(allow_null=True))
    def get_interprets(self, document):
        return self._related(document.interprets_id)

    @extend_schema_field(DocumentRefSerializer(allow_null=True))
    def get_repealed_by(self, document):
        return self._related(document.repealed_by_id)


class InterpretationSerializer(DocumentSerializer):
    """A policy interpretation (政策解读) and the public policy document it interprets."""

    interprets = DocumentRefSerializer(allow_null=True)

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "interprets"]


class CatalogVersionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:catalog-version-detail")
    html_url = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer(source="catalog.organisation")
    domain = DomainRefSerializer(source="catalog.domain", allow_null=True)
    is_negative_list = serializers.BooleanField(source="catalog.is_negative_list")
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = CatalogVersion
        fields = ["id", "url", "html_url", "organisation", "domain", "is_negative_list", "number", "is_current",
                  "published_at", "change_summary"]  # fmt: skip

    def get_is_current(self, version) -> bool:
        return version.catalog.current_version_id == version.pk

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, version) -> str:
        catalog = version.catalog
        if catalog.is_negative_list:
            path = url_for("catalog:negative_version", args=[catalog.organisation_id, version.number])
        else:
            path = url_for("catalog:version", args=[catalog.organisation_id, catalog.domain.code, version.number])
        return _absolute(self, path)


class VersionItemSerializer(serializers.ModelSerializer):
    item = serializers.IntegerField(source="item_id")
    channels = serializers.ListField(child=serializers.CharField())
    channels_text = serializers.CharField()

    class Meta:
        model = VersionItem
        fields = ["position", "item", "first_level", "second_level", "content_elements", "legal_basis", "time_limit",
                  "responsible_body", "channels", "channels_other", "channels_text", "audience_public",
                  "audience_specific", "mode_proactive", "mode_on_request", "level_county", "level_township",
                  "level_village", "is_applicable", "not_applicable_reason"]  # fmt: skip


class VersionNegativeEntrySerializer(serializers.ModelSerializer):
    ground_label = serializers.CharField(source="get_ground_display")

    class Meta:
        model = VersionNegativeEntry
        fields = ["position", "scope", "ground", "ground_label", "legal_basis", "last_reviewed"]


class CatalogVersionDetailSerializer(CatalogVersionSerializer):
    items = VersionItemSerializer(many=True)
    negative_entries = VersionNegativeEntrySerializer(many=True)

    class Meta(CatalogVersionSerializer.Meta):
        fields = [*CatalogVersionSerializer.Meta.fields, "items", "negative_entries"]


class CleanupBatchSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:cleanup-detail")
    entries_url = serializers.HyperlinkedIdentityField(view_name="api:cleanup-entries")
    html_url = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer()

    class Meta:
        model = CleanupBatch
        fields = ["id", "url", "entries_url", "html_url", "organisation", "held_on", "scope", "note"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, batch) -> str:
        return _absolute(self, batch.get_absolute_url())


class CleanupEntrySerializer(serializers.ModelSerializer):
    document = DocumentRefSerializer()
    new_validity_label = serializers.CharField(source="get_new_validity_display")

    class Meta:
        model = CleanupEntry
        fields = ["id", "document", "new_validity", "new_validity_label", "effective_on"]


class AnnualReportRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    level = serializers.IntegerField()
    cells = serializers.ListField(child=serializers.IntegerField(), allow_null=True)


class RemedyGroupSerializer(serializers.Serializer):
    label = serializers.CharField()
    cells = serializers.ListField(child=serializers.IntegerField())


class ProactiveRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    cells = serializers.ListField(child=serializers.FloatField())


class ProactiveGroupSerializer(serializers.Serializer):
    article = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = ProactiveRowSerializer(many=True)


class AnnualReportSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    year = serializers.IntegerField()
    is_published = serializers.BooleanField(help_text="False: no published report yet; the live statistics.")
    version = serializers.IntegerField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    correction_note = serializers.CharField(allow_blank=True)
    overview = serializers.CharField(allow_blank=True, help_text="一、总体情况")
    proactive = ProactiveGroupSerializer(many=True, help_text="二、主动公开政府信息情况")
    is_consistent = serializers.BooleanField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = AnnualReportRowSerializer(many=True, help_text="三、收到和处理政府信息公开申请情况")
    remedy_columns = serializers.ListField(child=serializers.CharField())
    remedies = RemedyGroupSerializer(many=True, help_text="四、政府信息公开行政复议、行政诉讼情况")
    problems = serializers.CharField(allow_blank=True, help_text="五、存在的主要问题及改进情况")
    other_matters = serializers.CharField(allow_blank=True, help_text="六、其他需要报告的事项")
    fees_charged = serializers.IntegerField(help_text="Information processing fees paid in the year (yuan).")
    html_url = serializers.URLField()
    xlsx_url = serializers.URLField()


class PublishedReportSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    year = serializers.IntegerField()
    version = serializers.IntegerField()
    published_on = serializers.DateField()
    url = serializers.URLField()


class AnnualReportLinkSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    url = serializers.URLField()


class AnnualReportOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    reports = AnnualReportLinkSerializer(many=True)


class AnnualReportIndexSerializer(serializers.Serializer):
    published = PublishedReportSerializer(many=True)
    years = serializers.ListField(child=serializers.IntegerField())
    organisations = AnnualReportOrganisationSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


# ---------------------------------------------------------------- interaction and participation
# The rows arrive through Message / PublicConsultation / OpenDay `.objects.public()`; each serializer shows what
# the public page shows and no more: never the writer's or a commenter's name, contact or tracking number.


def _html(serializer, obj) -> str:
    return _absolute(serializer, obj.get_absolute_url())


class MessageSerializer(serializers.Serializer):
    """An answered message as the 留言选登 page shows it: the published wording, the reply, never the writer."""

    id = serializers.IntegerField(source="pk")
    url = serializers.HyperlinkedIdentityField(view_name="api:message-detail")
    html_url = serializers.SerializerMethodField()
    subject = serializers.CharField(source="shown_subject")
    message_type = serializers.CharField(source="message_type.name")
    organisation = OrganisationRefSerializer()
    submitted_on = serializers.SerializerMethodField()
    answered_on = serializers.DateField()
    body = serializers.CharField(source="public_body")
    reply = serializers.CharField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, message) -> str:
        return _html(self, message)

    @extend_schema_field(OpenApiTypes.DATE)
    def get_submitted_on(self, message):
        from django.utils import timezone

        return timezone.localdate(message.submitted_at).isoformat()


class ConsultationSerializer(serializers.Serializer):
    """A published public consultation (意见征集); the feedback (意见采纳情况反馈) only once it is published."""

    id = serializers.IntegerField(source="pk")
    url = serializers.HyperlinkedIdentityField(view_name="api:consultation-detail")
    html_url = serializers.SerializerMethodField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    organisation = OrganisationRefSerializer()
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    phase = serializers.SerializerMethodField()
    feedback_due_on = serializers.DateField(allow_null=True)
    feedback = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, consultation) -> str:
        return _html(self, consultation)

    @extend_schema_field({"type": "string", "enum": ["upcoming", "open", "closed", "answered"]})
    def get_phase(self, consultation) -> str:
        return str(consultation.phase())

    @extend_schema_field(
        {"type": "object", "nullable": True, "required": ["published_on", "comment_count", "commenter_count",
         "adopted_views", "not_adopted_views"], "properties": {
            "published_on": {"type": "string", "format": "date", "nullable": True},
            "comment_count": {"type": "integer", "nullable": True},
            "commenter_count": {"type": "integer", "nullable": True},
            "adopted_views": {"type": "string"}, "not_adopted_views": {"type": "string"}}}
    )  # fmt: skip
    def get_feedback(self, consultation):
        if consultation.feedback_published_at is None:
            return None
        return {
            "published_on": consultation.feedback_published_on.isoformat()
            if consultation.feedback_published_on
            else None,
            "comment_count": consultation.comment_count,
            "commenter_count": consultation.commenter_count,
            "adopted_views": consultation.adopted_views,
            "not_adopted_views": consultation.not_adopted_views,
        }


class ConsultationDetailSerializer(ConsultationSerializer):
    draft_text = serializers.CharField()
    explanation = serializers.CharField()
    short_period_reason = serializers.CharField()
    ways_to_comment = serializers.CharField()
    final_document = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()

    @extend_schema_field(DocumentRefSerializer(allow_null=True))
    def get_final_document(self, consultation):
        final = self.context.get("final_document")
        return DocumentRefSerializer(final, context=self.context).data if final else None

    @extend_schema_field(
        {"type": "array", "items": {"type": "object", "required": ["name", "body", "submitted_on"], "properties": {
            "name": {"type": "string", "description": "Masked, as on the page."}, "body": {"type": "string"},
            "submitted_on": {"type": "string", "format": "date"}}}}
    )  # fmt: skip
    def get_comments(self, consultation):
        from django.utils import timezone

        return [
            {"name": c.masked_name, "body": c.body, "submitted_on": timezone.localdate(c.submitted_at).isoformat()}
            for c in self.context.get("comments", [])
        ]


class OpenDaySerializer(serializers.Serializer):
    """A published government open day (政府开放日); its summary only once published. Registrations never."""

    id = serializers.IntegerField(source="pk")
    url = serializers.HyperlinkedIdentityField(view_name="api:open-day-detail")
    html_url = serializers.SerializerMethodField()
    theme = serializers.CharField()
    organisation = OrganisationRefSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField()
    agenda = serializers.CharField()
    capacity = serializers.IntegerField()
    eligibility = serializers.CharField()
    signup_opens_at = serializers.DateTimeField()
    signup_closes_at = serializers.DateTimeField()
    signup_state = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, open_day) -> str:
        return _html(self, open_day)

    @extend_schema_field({"type": "string", "enum": ["not_yet", "open", "closed"]})
    def get_signup_state(self, open_day) -> str:
        return str(open_day.signup_state())

    @extend_schema_field(
        {"type": "object", "nullable": True, "required": ["attendance", "text"], "properties": {
            "attendance": {"type": "integer", "nullable": True}, "text": {"type": "string"}}}
    )  # fmt: skip
    def get_summary(self, open_day):
        if open_day.summary_published_at is None:
            return None
        return {"attendance": open_day.attendance, "text": open_day.summary}


# ---------------------------------------------------------------- site annual work report (sitereport)


class SiteReportSummarySerializer(serializers.Serializer):
    """A published report in the list (a `SiteReport` row behind `SiteReport.objects.published()`)."""

    year = serializers.IntegerField()
    version = serializers.IntegerField(help_text="1, or the number of the correction that replaced the earlier ones.")
    published_on = serializers.DateField()
    is_late = serializers.SerializerMethodField(
        help_text="Published after 29 January of the next year (the State Council office's deadline)."
    )
    correction_note = serializers.CharField(allow_blank=True)
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    def get_is_late(self, report) -> bool:
        return is_late(report.year, report.published_on)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, report) -> str:
        return _absolute(self, url_for("api:site-report", args=[report.year]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, report) -> str:
        return _absolute(self, url_for("sitereport:detail", args=[report.year]))


class SiteReportRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField(help_text="As the page prints it (yes-no rows and empty values in words or a dash).")
    raw = serializers.JSONField(help_text="The value itself: a number, true/false, a text or null.")
    level = serializers.IntegerField(help_text="1 for the sub-items of the row above.")
    computed = serializers.BooleanField(
        help_text="True: from the portal's records or settings; false: entered by staff."
    )


class SiteReportSectionSerializer(serializers.Serializer):
    title = serializers.CharField()
    rows = SiteReportRowSerializer(many=True)


class SiteReportSignatureSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class SiteReportSerializer(serializers.Serializer):
    """One year's published report as its page shows it (built by the view from the frozen snapshot)."""

    year = serializers.IntegerField()
    version = serializers.IntegerField()
    published_on = serializers.DateField()
    is_late = serializers.BooleanField()
    correction_note = serializers.CharField(allow_blank=True)
    url = serializers.URLField()
    html_url = serializers.URLField()
    organisation = OrganisationRefSerializer(help_text="The office that keeps the site's report.")
    deadline = serializers.DateField()
    sections = SiteReportSectionSerializer(
        many=True, help_text="The table of the national report template, in its order."
    )
    signature = SiteReportSignatureSerializer(many=True)
    print_url = serializers.URLField()
    xlsx_url = serializers.URLField()


# ---------------------------------------------------------------- the 政府信息公开专栏 (column)
# Versions arrive through `PartVersion.objects.public()`; a version's content is the frozen data of its page,
# never the working copy, and a leader's photo is its page's URL, never the stored file's name.


def _part_url(serializer, version) -> str:
    organisation_id = version.organisation_id
    if version.part == Part.RULES:
        return _absolute(serializer, url_for("column:rules_version", args=[organisation_id, version.number]))
    return _absolute(serializer, url_for(f"column:{version.part}", args=[organisation_id]))


class PartVersionSerializer(serializers.Serializer):
    """A published version of one written part of an organisation's column."""

    id = serializers.IntegerField(source="pk")
    url = serializers.HyperlinkedIdentityField(view_name="api:column-part-detail")
    html_url = serializers.SerializerMethodField(
        help_text="The part's page (it shows the current version; each version of the rules has its own page)."
    )
    organisation = OrganisationRefSerializer()
    part = serializers.ChoiceField(choices=Part.choices)
    part_label = serializers.CharField(source="get_part_display")
    number = serializers.IntegerField(help_text="1 for the first publication, one more for each later one.")
    is_current = serializers.BooleanField(help_text="The version the part's page shows now (no newer one).")
    published_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, version) -> str:
        return _part_url(self, version)


class GuideContentSerializer(serializers.Serializer):
    """政府信息公开指南 (Art. 12), as its page shows it."""

    arrangement = serializers.CharField(allow_blank=True, help_text="1. How the information is classified, arranged.")
    obtaining = serializers.CharField(allow_blank=True, help_text="2. How to obtain it.")
    request_procedure = serializers.CharField(allow_blank=True, help_text="3. Disclosure on request: how to apply.")
    office_name = serializers.CharField(allow_blank=True, help_text="4. The office in charge of disclosure.")
    address = serializers.CharField(allow_blank=True)
    postcode = serializers.CharField(allow_blank=True)
    office_hours = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    fax = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)


class RulesContentSerializer(serializers.Serializer):
    """政府信息公开制度: the four rules inspectors look for, and the day they were adopted."""

    confidentiality_review = serializers.CharField(allow_blank=True)
    dynamic_adjustment = serializers.CharField(allow_blank=True)
    request_handling = serializers.CharField(allow_blank=True)
    publication_review = serializers.CharField(allow_blank=True)
    adopted_on = serializers.DateField(allow_null=True)


class LeaderSerializer(serializers.Serializer):
    name = serializers.CharField()
    post = serializers.CharField()
    duties = serializers.CharField(allow_blank=True)
    cv = serializers.CharField(allow_blank=True)
    photo_url = serializers.URLField(allow_null=True)


class ProfileContentSerializer(serializers.Serializer):
    """机构信息 (Art. 20(2)): the units and bodies one per line, as the page lists them."""

    functions = serializers.CharField(allow_blank=True)
    internal_units = serializers.ListField(child=serializers.CharField())
    subordinate_bodies = serializers.ListField(child=serializers.CharField())
    address = serializers.CharField(allow_blank=True)
    office_hours = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    fax = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    leaders = LeaderSerializer(many=True)


CONTENT_SERIALIZERS = {Part.GUIDE: GuideContentSerializer, Part.RULES: RulesContentSerializer,
                       Part.PROFILE: ProfileContentSerializer}  # fmt: skip


class PartVersionDetailSerializer(PartVersionSerializer):
    content = serializers.SerializerMethodField(help_text="The fields of the part named by `part`.")

    @extend_schema_field(
        PolymorphicProxySerializer(
            component_name="ColumnPartContent",
            serializers=list(CONTENT_SERIALIZERS.values()),
            resource_type_field_name=None,
        )
    )
    def get_content(self, version):
        data = version.data or {}
        content_serializer = CONTENT_SERIALIZERS[version.part]
        values = {name: data.get(name) or "" for name in content_serializer().fields}
        if version.part == Part.RULES:
            values["adopted_on"] = data.get("adopted_on") or None
        elif version.part == Part.PROFILE:
            values["internal_units"] = version.lines("internal_units")
            values["subordinate_bodies"] = version.lines("subordinate_bodies")
            leaders = data.get("leaders") or []
            values["leaders"] = [self._leader(version, index, leader) for index, leader in enumerate(leaders)]
        return content_serializer(values).data

    def _leader(self, version, index, leader):
        photo = None
        if leader.get("photo"):
            path = url_for("column:leader_photo", args=[version.organisation_id, version.number, index])
            photo = _absolute(self, path)
        return {"name": leader.get("name") or "", "post": leader.get("post") or "", "duties": leader.get("duties") or "",
                "cv": leader.get("cv") or "", "photo_url": photo}  # fmt: skip


# ---------------------------------------------------------------- village affairs (村务、居务公开)
# Items arrive through `VillageItem.objects.public()`; a benefit list's households as the page shows them: the
# stored ID number is the masked one (the full number never reaches the database), and no more than the page.


class FinancesSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    quarter = serializers.IntegerField(allow_null=True, min_value=1, max_value=4)
    period_label = serializers.CharField(allow_blank=True)
    income = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    spending = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    balance = serializers.DecimalField(max_digits=15, decimal_places=2, allow_null=True, help_text="Income − spending.")
    assets = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    debts = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class VillageItemSerializer(serializers.Serializer):
    """A published village-affairs matter (村务、居务公开) of a village or community."""

    id = serializers.IntegerField(source="pk")
    url = serializers.HyperlinkedIdentityField(view_name="api:village-item-detail")
    html_url = serializers.SerializerMethodField()
    board_url = serializers.SerializerMethodField(help_text="The notice-board print of the item.")
    village = OrganisationRefSerializer(help_text="The village or community the matter is published for.")
    township = OrganisationRefSerializer(source="village.parent", allow_null=True,
                                         help_text="The township or street office that publishes it.")  # fmt: skip
    column = serializers.ChoiceField(choices=VillageColumn.choices)
    column_label = serializers.CharField(source="get_column_display")
    title = serializers.CharField()
    happened_on = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField()
    finances = serializers.SerializerMethodField()
    benefit_kind = serializers.CharField(allow_blank=True, help_text="Benefit lists: " + ", ".join(BenefitKind.values))
    benefit_kind_label = serializers.CharField(source="get_benefit_kind_display", allow_blank=True)
    catalog_item = CatalogItemRefSerializer(allow_null=True, help_text="The published catalog item it fulfils.")
    recipients_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, item) -> str:
        return _html(self, item)

    @extend_schema_field(OpenApiTypes.URI)
    def get_board_url(self, item) -> str:
        return _absolute(self, url_for("villages:item_board", args=[item.pk]))

    @extend_schema_field(FinancesSerializer(allow_null=True, help_text="Quarterly finance items only."))
    def get_finances(self, item):
        return FinancesSerializer(item).data if item.is_finance else None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True,
                          "description": "Benefit lists only: the households on the list."})  # fmt: skip
    def get_recipients_url(self, item):
        if not item.is_benefit_list:
            return None
        return reverse("api:village-item-recipients", args=[item.pk], request=self.context.get("request"))


class VillageItemDetailSerializer(VillageItemSerializer):
    body = serializers.CharField(help_text="Plain text; a blank line separates paragraphs.")


class BenefitRecipientSerializer(serializers.Serializer):
    """A household on a published benefit list, exactly the columns of the page's table."""

    position = serializers.IntegerField()
    household_head = serializers.CharField()
    masked_id = serializers.CharField(help_text="The resident ID number with its middle masked, as on the page.")
    household_size = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    note = serializers.CharField(allow_blank=True)
