"""What the API shows of each public thing. Only fields the public pages show; nothing about staff.

Serializers never decide visibility: the views hand them rows that passed the public gates, and related
documents (interprets, repealed by, interpretations) arrive already filtered through
`Document.objects.public()`.
"""

from django.urls import reverse as url_for
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalog.models import CatalogVersion, Domain, VersionItem, VersionNegativeEntry
from disclosure.models import Attachment, CleanupBatch, CleanupEntry, Document, Validity
from portal.models import Organisation
from sitereport.rules import is_late


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


class OrganisationDetailSerializer(OrganisationSerializer):
    ancestors = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "ancestors", "children"]

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
            "published_on": consultation.feedback_published_on.isoformat() if consultation.feedback_published_on else None,
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
