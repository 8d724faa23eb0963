"""The read-only API. Every endpoint starts from the public gate of its model, as the pages do:

documents `Document.objects.public()` (through `disclosure.views.public_documents`), catalog versions
`CatalogVersion.objects.published()`, catalog items `CatalogItem.objects.ever_published()`, organisations
`Organisation.objects.active()`, annual reports `AnnualReport.objects.published()` (and, for years without one, the
live statistics of `organisations_accepting_requests()`, as on the page), answered messages `Message.objects.public()`,
public consultations `PublicConsultation.objects.public()` (comments `PublicComment.objects.public()`), open days
`OpenDay.objects.public()`, the site's annual work reports `SiteReport.objects.published()` (figures from the snapshot).

Nothing is counted; lists page by keyset (documents) or cursor (the rest), except the organisation tree,
the domains and the annual-report index, which are bounded by the county's size and shown whole on the
pages too. Each list costs a fixed number of queries whatever the page.
"""

from django.db import router
from django.db.models import Exists, OuterRef, Prefetch
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from api import serializers as s
from api.conditional import ConditionalGetMixin
from api.pagination import IdCursorPagination, KeysetPagination, page_size
from catalog.models import CatalogItem, CatalogVersion, Domain
from column.models import Part, PartVersion
from disclosure import stored_lists
from disclosure.filters import DocumentFilter
from disclosure.models import CleanupBatch, CleanupEntry, Document, DocumentType, Validity
from disclosure.pagination import page_of as paginate_rows
from disclosure.views import public_documents
from interaction.models import Message
from participation.models import DecisionKind, OpenDay, PublicComment, PublicConsultation
from portal import caching, plain_pages
from portal.models import GRASSROOTS_KINDS, Organisation
from requests_app import annual_report, publishing
from requests_app.forms import organisations_accepting_requests
from requests_app.models import AnnualReport, InformationRequest
from requests_app.report_views import FIRST_YEAR as FIRST_REPORT_YEAR
from sitereport import figures as site_figures
from sitereport import rules as site_rules
from sitereport.models import SiteReport
from villages.models import BenefitKind, BenefitRecipient, VillageItem
from villages.models import Column as VillageColumn

# Path and filter ids beyond this are refused before they reach the database (SQLite's integers are 64-bit).
MAX_ID = 10**18 - 1
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
ERRORS = {400: s.ErrorSerializer, 404: s.ErrorSerializer, 429: s.ErrorSerializer}
LIST_FIELDS = ("pk", "title", "document_number", "doc_type", "published_on", "validity", "validity_changed_on",
               "index_number", "organisation__name", "domain__code", "domain__name")  # fmt: skip


def exception_handler(exc, context):
    """Every error body is {"detail": ..., "errors"?: {field: [messages]}} (ErrorSerializer)."""
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"detail": str(_("请求参数有误。")), "errors": errors}
    return response


def path_id(name="id", description=""):
    return OpenApiParameter(name, ID_SCHEMA, OpenApiParameter.PATH, description=description)


def query_value(request, name):
    """An optional query parameter: None when absent; present but empty is a 400 (leave it out instead)."""
    raw = request.query_params.get(name)
    if raw == "":
        raise ValidationError({name: [_("不能为空；不筛选时请省略该参数。")]})
    return raw


def query_id(request, name):
    """An optional id in the query string: None, or an int within MAX_ID (400 otherwise)."""
    raw = query_value(request, name)
    if raw is None:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
        raise ValidationError({name: [_("应为正整数编号。")]})
    return int(raw)


def query_code(request, name):
    """An optional code (a domain's), at most 40 characters like Domain.code."""
    raw = query_value(request, name)
    if raw is not None and len(raw) > 40:
        raise ValidationError({name: [_("代码过长。")]})
    return raw or None


def query_bool(request, name):
    raw = query_value(request, name)
    if raw is None:
        return None
    if raw.lower() not in {"true", "false", "1", "0"}:
        raise ValidationError({name: [_("应为 true 或 false。")]})
    return raw.lower() in {"true", "1"}


class PublicView(ConditionalGetMixin):
    """Shared by every endpoint: conditional GET; throttle, no authentication and JSON come from settings."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any(isinstance(value, int) and value > MAX_ID for value in kwargs.values()):
            raise NotFound  # no row has such an id, and SQLite could not even compare it


ORGANISATION_FILTER = OpenApiParameter(
    "organisation", ID_SCHEMA, description="An organisation id; includes the organisations below it."
)
DOCUMENT_FILTERS = [
    ORGANISATION_FILTER,
    OpenApiParameter(
        "domain", {"type": "string", "minLength": 1, "maxLength": 40}, description="A domain code (see /domains/)."
    ),
    OpenApiParameter("item", ID_SCHEMA, description="A published catalog item id."),
    OpenApiParameter("doc_type", {"type": "string", "enum": DocumentType.values}),
    OpenApiParameter("year", {"type": "integer", "minimum": 1990, "maximum": 2100}, description="Publication year."),
    OpenApiParameter("validity", {"type": "string", "enum": Validity.values}),
    OpenApiParameter("sort", {"type": "string", "enum": ["new", "old"]}, description="By publication date."),
]


# Filters naming a row: a value that names none gives an empty list, like a catalog item on the list page.
REFERENCE_FILTERS = {"organisation", "domain", "item"}


def check_document_filters(request) -> None:
    """The 400s of the document filters' form that `DocumentFilter` would not give (empty values, ids and codes
    out of shape): ValidationError."""
    for name in ("organisation", "item"):
        query_id(request, name)
    query_code(request, "domain")
    for name in ("doc_type", "year", "validity", "sort"):
        query_value(request, name)


def document_filter(request, queryset):
    """The list page's own filters on `queryset`: (filtered queryset, newest_first).

    A malformed value (not a number, not one of the choices, out of range) is a 400 naming the field;
    a well-formed id or code that names nothing public gives no rows (the page would drop the filter).
    """
    check_document_filters(request)
    filterset = DocumentFilter(request.query_params, queryset=queryset)
    if filterset.form.is_valid():
        return filterset.qs, filterset.newest_first
    errors = filterset.form.errors.as_data()
    malformed = {
        name: [message for error in field_errors for message in error.messages]
        for name, field_errors in errors.items()
        if name not in REFERENCE_FILTERS or any(e.code != "invalid_choice" for e in field_errors)
    }
    if malformed:
        raise ValidationError(malformed)
    return queryset.none(), filterset.newest_first


@extend_schema_view(get=extend_schema(parameters=DOCUMENT_FILTERS, responses={200: s.DocumentSerializer, **ERRORS}))
class DocumentList(PublicView, ListAPIView):
    """Public documents, newest first, with the list page's filters; pages by cursor, never counted."""

    serializer_class = s.DocumentSerializer
    pagination_class = KeysetPagination
    newest_first = True

    def base_queryset(self):
        return public_documents().only(*LIST_FIELDS)

    def get_queryset(self):
        documents, self.newest_first = document_filter(self.request, self.base_queryset())
        return documents

    def list(self, request, *args, **kwargs):
        if type(self) is DocumentList:  # not the interpretations: they show more than the compiled columns
            page = compiled_page(request)
            if page is not None:
                self.paginator.request, self.paginator.page = request, page
                return self.paginator.get_paginated_response(s.document_list(page.object_list, request))
        return super().list(request, *args, **kwargs)


# The columns the document list shows (api.serializers.document_list reads them as a ListedDocument).
COMPILED_COLUMNS = ("pk", "title", "document_number", "index_number", "doc_type", "organisation_id",
                    "organisation__name", "domain__code", "domain__name", "published_on", "validity",
                    "validity_changed_on")  # fmt: skip
NOT_FILTERS = {"after", "before", "page_size"}


def compiled_page(request):
    """A page of the document list from the list page's compiled query (disclosure/stored_lists.py), or None to
    build it through the ORM as usual.

    Why: building the filter set and the queryset and making model instances was half of the list's CPU. The
    compiled query is the same gate and `DocumentFilter` compiled once per process, filter values and public
    generation; the page is the same keyset page. Only for valid filter values (a malformed one is DRF's 400, one
    naming nothing public its empty list, on the usual path)."""
    names = set(request.query_params)
    if not (plain_pages.enabled() and names <= {*DocumentFilter.base_filters, *NOT_FILTERS}):
        return None
    if any(len(request.query_params.getlist(name)) > 1 for name in names):
        return None
    check_document_filters(request)  # the usual path's 400s, in its order: the filters', then the page size's
    per_page = page_size(request, KeysetPagination.default_page_size)
    if per_page != KeysetPagination.default_page_size:
        return None  # kept compiled for the usual page size only (each size is another set of queries)
    filters = request.query_params.copy()
    for name in NOT_FILTERS:
        filters.pop(name, None)
    try:
        generation = caching.public_generation()
    except caching.CacheUnavailable:
        return None
    alias = router.db_for_read(Document)
    compiled = stored_lists.compiled_list(
        filters.urlencode(), COMPILED_COLUMNS, per_page, None, alias, generation, timezone.localdate()
    )
    if compiled is None:
        return None
    return paginate_rows(
        lambda mode, key: [s.ListedDocument(*row) for row in compiled.rows(alias, mode, key)],
        after=request.query_params.get("after"),
        before=request.query_params.get("before"),
        per_page=per_page,
    )


@extend_schema_view(
    get=extend_schema(parameters=DOCUMENT_FILTERS, responses={200: s.InterpretationSerializer, **ERRORS})
)
class InterpretationList(DocumentList):
    """Policy interpretations (政策解读) with the public document each one interprets."""

    serializer_class = s.InterpretationSerializer

    def base_queryset(self):
        return (
            public_documents()
            .filter(doc_type=DocumentType.INTERPRETATION)
            .only(*LIST_FIELDS, "interprets")
            .prefetch_related(Prefetch("interprets", queryset=Document.objects.public().only("pk", "title")))
        )


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.DocumentDetailSerializer, **ERRORS}))
class DocumentDetail(PublicView, RetrieveAPIView):
    """A public document with its metadata, catalog items, attachments' URLs and related public documents."""

    serializer_class = s.DocumentDetailSerializer

    def get_object(self):
        document = (
            public_documents()
            .defer("body", "search_tokens")
            .prefetch_related(
                Prefetch("catalog_items", queryset=CatalogItem.objects.ever_published().select_related("domain")),
                "attachments",
                Prefetch("interpretations", queryset=Document.objects.public().only("pk", "title", "interprets_id")),
            )
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if document is None:
            raise NotFound
        self.last_modified = document.updated_at
        self.related = {
            d.pk: d
            for d in Document.objects.public()
            .filter(pk__in=[pk for pk in (document.interprets_id, document.repealed_by_id) if pk])
            .only("pk", "title")
        }
        return document

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "related": getattr(self, "related", {})}


@extend_schema_view(get=extend_schema(responses={200: s.OrganisationSerializer(many=True), 429: s.ErrorSerializer}))
class OrganisationList(PublicView, ListAPIView):
    """Every active organisation in tree order (parent before children); build the tree from `parent`."""

    serializer_class = s.OrganisationSerializer
    pagination_class = None
    queryset = Organisation.objects.active().in_tree_order()


@extend_schema_view(
    get=extend_schema(parameters=[path_id()], responses={200: s.OrganisationDetailSerializer, **ERRORS})
)
class OrganisationDetail(PublicView, RetrieveAPIView):
    serializer_class = s.OrganisationDetailSerializer

    def get_object(self):
        organisation = Organisation.objects.active().filter(pk=self.kwargs["pk"]).first()
        if organisation is None:
            raise NotFound
        self.family = {
            "ancestors": list(organisation.ancestors().only("pk", "name")),
            "children": list(organisation.children.active().order_by("sort_order", "pk").only("pk", "name")),
            "column_parts": current_parts(organisation),
        }
        return organisation

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **getattr(self, "family", {})}


def current_parts(organisation) -> dict:
    """{part: id} of the organisation's current column versions; villages and communities have no column."""
    if organisation.kind in GRASSROOTS_KINDS:
        return {}
    return dict(
        public_part_versions().filter(organisation=organisation, is_current=True).values_list("part", "pk")[:10]
    )


@extend_schema_view(get=extend_schema(responses={200: s.DomainSerializer(many=True), 429: s.ErrorSerializer}))
class DomainList(PublicView, ListAPIView):
    """The catalog's policy domains (the 26 pilot domains and any added since)."""

    serializer_class = s.DomainSerializer
    pagination_class = None
    queryset = Domain.objects.active()


def _versions():
    return CatalogVersion.objects.published().select_related("catalog__organisation", "catalog__domain")


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("organisation", ID_SCHEMA, description="Only this organisation's catalogs."),
            OpenApiParameter(
                "domain", {"type": "string", "minLength": 1, "maxLength": 40}, description="A domain code."
            ),
            OpenApiParameter("negative_list", {"type": "boolean"}, description="Only negative lists, or none."),
            OpenApiParameter("current", {"type": "boolean"}, description="Only the version in force of each catalog."),
        ],
        responses={200: s.CatalogVersionSerializer, **ERRORS},
    )
)
class CatalogVersionList(PublicView, ListAPIView):
    """Published versions of the standard catalogs and negative lists, newest first."""

    serializer_class = s.CatalogVersionSerializer
    pagination_class = IdCursorPagination

    def get_queryset(self):
        versions = _versions()
        organisation = query_id(self.request, "organisation")
        if organisation is not None:
            versions = versions.filter(catalog__organisation_id=organisation)
        if domain := query_code(self.request, "domain"):
            versions = versions.filter(catalog__domain__code=domain)
        negative = query_bool(self.request, "negative_list")
        if negative is not None:
            versions = versions.filter(catalog__domain__isnull=negative)
        if query_bool(self.request, "current"):
            versions = versions.filter(current_of__isnull=False)
        return versions


@extend_schema_view(
    get=extend_schema(parameters=[path_id()], responses={200: s.CatalogVersionDetailSerializer, **ERRORS})
)
class CatalogVersionDetail(PublicView, RetrieveAPIView):
    """One published version with every row (not-applicable rows carry their reason) or negative-list entry."""

    serializer_class = s.CatalogVersionDetailSerializer

    def get_object(self):
        version = _versions().prefetch_related("items", "negative_entries").filter(pk=self.kwargs["pk"]).first()
        if version is None:
            raise NotFound
        self.last_modified = version.published_at
        return version


@extend_schema_view(
    get=extend_schema(parameters=[ORGANISATION_FILTER], responses={200: s.CleanupBatchSerializer, **ERRORS})
)
class CleanupList(PublicView, ListAPIView):
    """Clean-ups of documents (文件清理), newest first."""

    serializer_class = s.CleanupBatchSerializer
    pagination_class = IdCursorPagination

    def get_queryset(self):
        batches = CleanupBatch.objects.select_related("organisation").only(
            "pk", "held_on", "scope", "note", "organisation__name"
        )
        organisation = query_id(self.request, "organisation")
        if organisation is not None:
            org = Organisation.objects.filter(pk=organisation).first()
            batches = batches.filter(organisation__path__startswith=org.path) if org else batches.none()
        return batches


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.CleanupBatchSerializer, **ERRORS}))
class CleanupDetail(PublicView, RetrieveAPIView):
    serializer_class = s.CleanupBatchSerializer

    def get_object(self):
        batch = CleanupBatch.objects.select_related("organisation").filter(pk=self.kwargs["pk"]).first()
        if batch is None:
            raise NotFound
        return batch


class EntryPagination(IdCursorPagination):
    ordering = "pk"  # in the order the batch listed them, as on the page


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.CleanupEntrySerializer, **ERRORS}))
class CleanupEntryList(PublicView, ListAPIView):
    """What a clean-up declared expired or repealed: public documents only."""

    serializer_class = s.CleanupEntrySerializer
    pagination_class = EntryPagination

    def get_queryset(self):
        if not CleanupBatch.objects.filter(pk=self.kwargs["pk"]).exists():
            raise NotFound
        return (
            CleanupEntry.objects.filter(batch_id=self.kwargs["pk"], document__in=Document.objects.public())
            .select_related("document")
            .only("pk", "new_validity", "effective_on", "document__title")
        )


def report_years() -> list[int]:
    """The years the annual-report page offers: from the first request on record to this year."""
    this_year = timezone.localdate().year
    first = InformationRequest.objects.order_by("year").values_list("year", flat=True).first() or this_year
    return list(range(this_year, min(first, this_year) - 1, -1))


@extend_schema_view(
    get=extend_schema(
        operation_id="annual_reports_index", responses={200: s.AnnualReportIndexSerializer, 429: s.ErrorSerializer}
    )
)
class AnnualReportIndex(PublicView, RetrieveAPIView):
    """Published annual reports (newest year first), and every organisation's years with live statistics."""

    serializer_class = s.AnnualReportIndexSerializer

    def get_object(self):
        years, build = report_years(), self.request.build_absolute_uri

        def report_url(org_pk, year):
            return build(reverse("api:annual-report", args=[org_pk, year]))

        published = (
            AnnualReport.objects.published().select_related("organisation").order_by("-year", "organisation__path")
        )
        organisations = organisations_accepting_requests().order_by("path").values_list("pk", "name")
        return {
            "published": [
                {
                    "organisation": r.organisation,
                    "year": r.year,
                    "version": r.version,
                    "published_on": r.published_on,
                    "url": report_url(r.organisation_id, r.year),
                }
                for r in published
            ],  # fmt: skip
            "years": years,
            "organisations": [
                {"id": pk, "name": name, "reports": [{"year": y, "url": report_url(pk, y)} for y in years]}
                for pk, name in organisations
            ],
        }


def _numbers(cells) -> list[float]:
    return [float(cell) for cell in cells]


@extend_schema_view(
    get=extend_schema(
        parameters=[
            path_id("org_pk", "An organisation id (its subtree is counted)."),
            OpenApiParameter("year", {"type": "integer", "minimum": 2000, "maximum": 2100}, OpenApiParameter.PATH),
        ],
        responses={200: s.AnnualReportSerializer, **ERRORS},
    )
)
class AnnualReportDetail(PublicView, RetrieveAPIView):
    """The published report of the year (its frozen numbers and written parts), or the live statistics while
    none is published (`is_published` false), like the page. Counts only: nothing carries personal data."""

    serializer_class = s.AnnualReportSerializer

    def get_object(self):
        org_pk, year = self.kwargs["org_pk"], self.kwargs["year"]
        organisation = organisations_accepting_requests().filter(pk=org_pk).first()
        if organisation is None or not FIRST_REPORT_YEAR <= year <= timezone.localdate().year:
            raise NotFound
        record = publishing.published(organisation, year)
        report = publishing.numbers(record) if record else annual_report.complete(organisation, year, {})
        if record is not None:
            self.last_modified = record.updated_at
        build = self.request.build_absolute_uri
        return {
            "organisation": organisation,
            "year": year,
            "is_published": record is not None,
            "version": record.version if record else None,
            "published_on": record.published_on if record else None,
            "correction_note": record.correction_note if record else "",
            "overview": record.overview if record else "",
            "proactive": [
                {
                    "article": group.article,
                    "columns": group.columns,
                    "rows": [
                        {"key": key, "label": label, "cells": _numbers(cells)} for key, label, cells in group.rows
                    ],
                }
                for group in report.proactive
            ],  # fmt: skip
            "is_consistent": report.is_consistent,
            "columns": annual_report.COLUMN_LABELS,
            "rows": report.rows,
            "remedy_columns": annual_report.REMEDY_COLUMNS,
            "remedies": report.remedies,
            "problems": record.problems if record else "",
            "other_matters": record.other_matters if record else "",
            "fees_charged": report.fees_charged,
            "html_url": build(reverse("requests_app:annual_report", args=[org_pk, year])),
            "xlsx_url": build(reverse("requests_app:annual_report_xlsx", args=[org_pk, year])),
        }


# ---------------------------------------------------------------- interaction and participation


def organisation_subtree(request, queryset, field="organisation"):
    """`?organisation=<id>`: that organisation and those below it (an id naming nothing gives no rows)."""
    organisation = query_id(request, "organisation")
    if organisation is None:
        return queryset
    org = Organisation.objects.filter(pk=organisation).only("path").first()
    return queryset.filter(**{f"{field}__path__startswith": org.path}) if org else queryset.none()


def query_year(request):
    raw = query_value(request, "year")
    if raw is None:
        return None
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise ValidationError({"year": [_("应为 1990 到 2100 之间的年份。")]})
    return int(raw)


class MessagePagination(IdCursorPagination):
    """Newest publication first (never null behind the gate, so the cursor always has a position)."""

    ordering = ("-published_at", "-pk")


class ConsultationPagination(IdCursorPagination):
    ordering = ("-opens_on", "-pk")


@extend_schema_view(
    get=extend_schema(
        parameters=[
            ORGANISATION_FILTER,
            OpenApiParameter("message_type", {"type": "string", "minLength": 1, "maxLength": 40},
                             description="A message type code (consultation, suggestion, complaint, help)."),
            OpenApiParameter("year", {"type": "integer", "minimum": 1990, "maximum": 2100},
                             description="Year of the reply."),
        ],
        responses={200: s.MessageSerializer, **ERRORS},
    )
)  # fmt: skip
class MessageList(PublicView, ListAPIView):
    """Answered messages the writer agreed to publish (留言选登), newest publication first."""

    serializer_class = s.MessageSerializer
    pagination_class = MessagePagination

    def get_queryset(self):
        messages = organisation_subtree(self.request, public_messages())
        if code := query_code(self.request, "message_type"):
            messages = messages.filter(message_type__code=code)
        if (year := query_year(self.request)) is not None:
            messages = messages.filter(answered_on__year=year)
        return messages


def public_messages():
    return (
        Message.objects.public()
        .select_related("organisation", "message_type")
        .only("pk", "subject", "public_subject", "public_body", "reply", "submitted_at", "answered_on",
              "organisation__name", "message_type__name")
    )  # fmt: skip


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.MessageSerializer, **ERRORS}))
class MessageDetail(PublicView, RetrieveAPIView):
    serializer_class = s.MessageSerializer

    def get_object(self):
        message = public_messages().filter(pk=self.kwargs["pk"]).first()
        if message is None:
            raise NotFound
        return message


def public_consultations():
    return PublicConsultation.objects.public().select_related("organisation")


CONSULTATION_FILTERS = [
    ORGANISATION_FILTER,
    OpenApiParameter("kind", {"type": "string", "enum": DecisionKind.values}),
    OpenApiParameter(
        "has_feedback", {"type": "boolean"}, description="Only those whose feedback is published, or none."
    ),
    OpenApiParameter("year", {"type": "integer", "minimum": 1990, "maximum": 2100}, description="Year it opened."),
]


@extend_schema_view(
    get=extend_schema(parameters=CONSULTATION_FILTERS, responses={200: s.ConsultationSerializer, **ERRORS})
)
class ConsultationList(PublicView, ListAPIView):
    """Published public consultations (意见征集) with their feedback once published, newest first."""

    serializer_class = s.ConsultationSerializer
    pagination_class = ConsultationPagination

    def get_queryset(self):
        consultations = organisation_subtree(self.request, public_consultations()).defer("draft_text", "explanation")
        if (kind := query_value(self.request, "kind")) is not None:
            if kind not in DecisionKind.values:
                raise ValidationError({"kind": [_("不是可选的草案类别。")]})
            consultations = consultations.filter(kind=kind)
        feedback = query_bool(self.request, "has_feedback")
        if feedback is not None:
            consultations = consultations.filter(feedback_published_at__isnull=not feedback)
        if (year := query_year(self.request)) is not None:
            consultations = consultations.filter(opens_on__year=year)
        return consultations


@extend_schema_view(
    get=extend_schema(parameters=[path_id()], responses={200: s.ConsultationDetailSerializer, **ERRORS})
)
class ConsultationDetail(PublicView, RetrieveAPIView):
    """One consultation: the draft, how to comment, the approved comments (masked names), feedback, final policy."""

    serializer_class = s.ConsultationDetailSerializer
    max_comments = 500

    def get_object(self):
        consultation = public_consultations().filter(pk=self.kwargs["pk"]).first()
        if consultation is None:
            raise NotFound
        self.last_modified = consultation.updated_at
        comments = PublicComment.objects.public().filter(consultation=consultation).only("name", "body", "submitted_at")
        final = None
        if consultation.final_document_id:
            final = Document.objects.public().filter(pk=consultation.final_document_id).only("pk", "title").first()
        self.extra = {"comments": list(comments[: self.max_comments]), "final_document": final}
        return consultation

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **getattr(self, "extra", {})}


class OpenDayPagination(IdCursorPagination):
    ordering = ("-starts_at", "-pk")


def public_open_days():
    return OpenDay.objects.public().select_related("organisation")


@extend_schema_view(
    get=extend_schema(
        parameters=[
            ORGANISATION_FILTER,
            OpenApiParameter("coming", {"type": "boolean"}, description="Only those not yet over, or only past ones."),
            OpenApiParameter("year", {"type": "integer", "minimum": 1990, "maximum": 2100}),
        ],
        responses={200: s.OpenDaySerializer, **ERRORS},
    )
)
class OpenDayList(PublicView, ListAPIView):
    """Published government open days (政府开放日), latest first, with the summary once published."""

    serializer_class = s.OpenDaySerializer
    pagination_class = OpenDayPagination

    def get_queryset(self):
        days = organisation_subtree(self.request, public_open_days())
        coming = query_bool(self.request, "coming")
        if coming is not None:
            days = days.coming() if coming else days.past()
        if (year := query_year(self.request)) is not None:
            days = days.filter(starts_at__year=year)
        return days


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.OpenDaySerializer, **ERRORS}))
class OpenDayDetail(PublicView, RetrieveAPIView):
    serializer_class = s.OpenDaySerializer

    def get_object(self):
        open_day = public_open_days().filter(pk=self.kwargs["pk"]).first()
        if open_day is None:
            raise NotFound
        self.last_modified = open_day.updated_at
        return open_day


# ---------------------------------------------------------------- the 政府信息公开专栏 (column) and village affairs


def choice_value(request, name, choices, message):
    """An optional query parameter that must be one of `choices` (400 with `message` otherwise)."""
    raw = query_value(request, name)
    if raw is not None and raw not in choices:
        raise ValidationError({name: [message]})
    return raw


def public_part_versions():
    """`PartVersion.objects.public()`, each marked `is_current` (no newer version of the same part: the one the
    part's page shows; earlier ones stay readable, as the rules page lists them)."""
    newer = PartVersion.objects.filter(
        organisation=OuterRef("organisation"), part=OuterRef("part"), number__gt=OuterRef("number")
    )
    return (
        PartVersion.objects.public()
        .select_related("organisation")
        .annotate(is_current=~Exists(newer))
        .only("pk", "part", "number", "published_at", "organisation__name", "organisation__id")
    )


class PartVersionPagination(IdCursorPagination):
    ordering = ("-published_at", "-pk")


@extend_schema_view(
    get=extend_schema(
        parameters=[
            ORGANISATION_FILTER,
            OpenApiParameter("part", {"type": "string", "enum": Part.values},
                             description="guide (the disclosure guide), rules (the disclosure rules) or profile (organisation information)."),
            OpenApiParameter("current", {"type": "boolean"},
                             description="Only the version each part's page shows now, or only earlier ones."),
        ],
        responses={200: s.PartVersionSerializer, **ERRORS},
    )
)  # fmt: skip
class PartVersionList(PublicView, ListAPIView):
    """Published versions of the column's written parts (指南, 制度, 机构信息), newest publication first;
    organisations of villages and communities have no column (they publish village affairs instead)."""

    serializer_class = s.PartVersionSerializer
    pagination_class = PartVersionPagination

    def get_queryset(self):
        versions = organisation_subtree(self.request, public_part_versions())
        if part := choice_value(self.request, "part", Part.values, _("不是可选的专栏栏目。")):
            versions = versions.filter(part=part)
        current = query_bool(self.request, "current")
        if current is not None:
            versions = versions.filter(is_current=current)
        return versions


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.PartVersionDetailSerializer, **ERRORS}))
class PartVersionDetail(PublicView, RetrieveAPIView):
    """One published version with what its page shows: the guide's sections and office, the four rules, or the
    organisation's functions, units, contacts and leaders (photos by their page's URL)."""

    serializer_class = s.PartVersionDetailSerializer

    def get_object(self):
        version = public_part_versions().defer(None).filter(pk=self.kwargs["pk"]).first()
        if version is None:
            raise NotFound
        self.last_modified = version.published_at
        return version


def public_village_items():
    return (
        VillageItem.objects.public()
        .select_related("village__parent")
        .prefetch_related(
            Prefetch("catalog_item", queryset=CatalogItem.objects.ever_published().select_related("domain"))
        )
    )


class VillageItemPagination(IdCursorPagination):
    """Newest publication first (set by the publish step, so never null behind the gate)."""

    ordering = ("-published_at", "-pk")


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("organisation", ID_SCHEMA,
                             description="A village or community, or a township or street office (all its villages)."),
            OpenApiParameter("column", {"type": "string", "enum": VillageColumn.values}),
            OpenApiParameter("benefit_kind", {"type": "string", "enum": BenefitKind.values},
                             description="Benefit lists of this kind only."),
            OpenApiParameter("year", {"type": "integer", "minimum": 1990, "maximum": 2100},
                             description="Year of publication."),
        ],
        responses={200: s.VillageItemSerializer, **ERRORS},
    )
)  # fmt: skip
class VillageItemList(PublicView, ListAPIView):
    """Published village affairs (村务、居务公开): decisions, quarterly finances, benefit lists, land and assets."""

    serializer_class = s.VillageItemSerializer
    pagination_class = VillageItemPagination

    def get_queryset(self):
        items = organisation_subtree(self.request, public_village_items().defer("body"), field="village")
        if column := choice_value(self.request, "column", VillageColumn.values, _("不是可选的村务公开栏目。")):
            items = items.filter(column=column)
        if kind := choice_value(self.request, "benefit_kind", BenefitKind.values, _("不是可选的补贴或救助类别。")):
            items = items.filter(benefit_kind=kind)
        if (year := query_year(self.request)) is not None:
            items = items.filter(published_at__year=year)
        return items


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.VillageItemDetailSerializer, **ERRORS}))
class VillageItemDetail(PublicView, RetrieveAPIView):
    """One published matter with its text; a benefit list's households are at `recipients_url`."""

    serializer_class = s.VillageItemDetailSerializer

    def get_object(self):
        item = public_village_items().filter(pk=self.kwargs["pk"]).first()
        if item is None:
            raise NotFound
        self.last_modified = item.updated_at
        return item


class RecipientPagination(IdCursorPagination):
    ordering = "position"  # in the list's order, as on the page
    page_size = 100


@extend_schema_view(get=extend_schema(parameters=[path_id()], responses={200: s.BenefitRecipientSerializer, **ERRORS}))
class BenefitRecipientList(PublicView, ListAPIView):
    """A published benefit list's households as the page shows them: the ID number masked, nothing more."""

    serializer_class = s.BenefitRecipientSerializer
    pagination_class = RecipientPagination

    def get_queryset(self):
        item = VillageItem.objects.public().filter(pk=self.kwargs["pk"]).only("pk", "column").first()
        if item is None or not item.is_benefit_list:
            raise NotFound
        return BenefitRecipient.objects.filter(item=item).only(
            "pk", "position", "household_head", "masked_id", "household_size", "amount", "note"
        )


def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a 404 in JSON like every API error, not the site's HTML page."""
    return JsonResponse({"detail": str(_("未找到。"))}, status=404)


def docs(request):
    """The browsable documentation: Swagger UI from this origin (CSP forbids CDNs) over /api/v1/schema/."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema") + "?format=json"})


# ---------------------------------------------------------------- site annual work report


def published_site_reports():
    return SiteReport.objects.published().select_related("organisation")


class SiteReportPagination(IdCursorPagination):
    """Newest year first (one published report per year)."""

    ordering = ("-year", "-pk")


@extend_schema_view(get=extend_schema(responses={200: s.SiteReportSummarySerializer, **ERRORS}))
class SiteReportList(PublicView, ListAPIView):
    """The published 政府网站工作年度报表 of every year, newest first (a corrected year shows its current version)."""

    serializer_class = s.SiteReportSummarySerializer
    pagination_class = SiteReportPagination

    def get_queryset(self):
        return SiteReport.objects.published().only("pk", "year", "version", "published_on", "correction_note")


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("year", {"type": "integer", "minimum": 2000, "maximum": 2100}, OpenApiParameter.PATH)
        ],
        responses={200: s.SiteReportSerializer, **ERRORS},
    )
)
class SiteReportDetail(PublicView, RetrieveAPIView):
    """One year's published report: the table as the page shows it, its figures frozen when it was published."""

    serializer_class = s.SiteReportSerializer

    def get_object(self):
        year = self.kwargs["year"]
        report = published_site_reports().filter(year=year).first()
        if report is None:
            raise NotFound
        self.last_modified = report.updated_at
        build = self.request.build_absolute_uri
        table = site_figures.table(report)  # the snapshot's figures only: the report is published
        sections = [
            {"title": section["title"], "rows": [{k: row[k] for k in ("label", "value", "raw", "level", "computed")}
                                                 for row in section["rows"]]}
            for section in table["sections"]
        ]  # fmt: skip
        return {
            **s.SiteReportSummarySerializer(report, context=self.get_serializer_context()).data,
            "organisation": report.organisation,
            "deadline": site_rules.deadline(report.year),
            "sections": sections,
            "signature": table["signature"],
            "print_url": build(reverse("sitereport:print", args=[year])),
            "xlsx_url": build(reverse("sitereport:download", args=[year])),
        }


class Index(PublicView, APIView):
    """/api/v1/ itself: where everything is."""

    names = ["organisations", "domains", "documents", "interpretations", "catalog-versions", "cleanups",
             "annual-reports", "messages", "consultations", "open-days", "site-reports", "column-parts",
             "village-items", "schema", "docs"]  # fmt: skip

    @extend_schema(exclude=True)
    def get(self, request):
        return Response({name: request.build_absolute_uri(reverse(f"api:{name}")) for name in self.names})
