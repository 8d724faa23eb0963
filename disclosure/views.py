"""Public pages. Every query for documents starts from `Document.objects.public()` (the one gate)."""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from disclosure import exports, rendering, stored_lists
from disclosure import search as full_text
from disclosure.filters import DocumentFilter, SearchFilter
from disclosure.models import Attachment, CleanupBatch, CleanupEntry, Document, Status
from disclosure.pagination import links, paginate
from portal import stored_pages
from portal.caching import cached_public_data
from portal.downloads import stored_file_response
from portal.intake import throttle

# Columns a list row shows; the body and search tokens stay in the database.
LIST_ONLY = ("pk", "title", "document_number", "doc_type", "published_on", "validity", "validity_changed_on", "index_number",
             "organisation__name", "organisation__short_name", "domain__name")  # fmt: skip


def public_documents():
    return Document.objects.public().select_related("organisation", "domain")


def filter_fields_html(filterset, request, page="list"):
    """The filter form's fields, rendered once per publication generation, language and filter values.

    The organisation and catalog-item selects list the whole county; rendering the fields was about half of
    the list page's template time (bench/pages.py). A form with errors is rendered each time (its messages are
    the visitor's). The list page shows the hidden fields too, the search page only the visible ones.
    """
    form = filterset.form
    if form.is_bound and not form.is_valid():
        return None
    values = sorted((name, tuple(request.GET.getlist(name))) for name in form.fields if name in request.GET)
    digest = hashlib.sha256(repr((page, form.is_bound, values)).encode()).hexdigest()[:32]

    def render_fields():
        html = "".join(str(field.as_field_group()) for field in form.visible_fields())
        if page == "list":
            html += "".join(str(field) for field in form.hidden_fields())
        return mark_safe(html)  # noqa: S308 - the form's own rendering, escaped by Django

    return cached_public_data(f"filter-fields:{digest}", render_fields)


@require_safe
def document_list(request):
    # A stored shell and rows (disclosure/stored_lists.py); never for the request a shell is rendered for, which
    # `stored_pages.servable` refuses, so this view renders it below with the results' marker.
    stored = stored_lists.response(request, document_list)
    if stored is not None:
        return stored
    documents = public_documents().only(*LIST_ONLY)
    filterset = DocumentFilter(request.GET, queryset=documents)
    item = filterset.form.cleaned_data.get("item") if filterset.form.is_valid() else None
    export_query = request.GET.copy()
    for cursor in ("after", "before"):
        export_query.pop(cursor, None)
    context = {"filter": filterset, "item": item, "export_query": export_query.urlencode(),
               "export_cap": exports.EXPORT_CAP, "filter_fields": filter_fields_html(filterset, request)}  # fmt: skip
    if stored_lists.is_shell_request(request):
        context["results"] = mark_safe(stored_lists.RESULTS_MARKER)  # the rows and pagination are put in per request
    else:
        page = paginate(
            filterset.qs,
            after=request.GET.get("after"),
            before=request.GET.get("before"),
            newest_first=filterset.newest_first,
        )
        context.update(page=page, links=links(request.GET, page))
    return render(request, "disclosure/list.html", context)


def _filtered_for_export(request):
    filterset = DocumentFilter(request.GET, queryset=public_documents().only(*exports.EXPORT_ONLY))
    order = ("-published_on", "-pk") if filterset.newest_first else ("published_on", "pk")
    return filterset.qs.order_by(*order)


def _export_throttled(request):
    """Exports read up to EXPORT_CAP rows each: a per-client hourly budget (portal.intake, shared cache)."""
    if throttle.allow_lookup(request, "disclosure.export", lambda: settings.GONGKAI_EXPORTS_PER_HOUR):
        return None
    return HttpResponse(_("导出过于频繁，请一小时后再试。"), status=429, content_type="text/plain; charset=utf-8")


@require_safe
def document_list_csv(request):
    """The list with the visitor's filters as CSV (at most exports.EXPORT_CAP rows, streamed)."""
    if refused := _export_throttled(request):
        return refused
    return exports.csv_response(_filtered_for_export(request), request.build_absolute_uri, "documents.csv")


@require_safe
def document_list_xlsx(request):
    if refused := _export_throttled(request):
        return refused
    documents = _filtered_for_export(request)
    return exports.xlsx_response(documents, request.build_absolute_uri, "documents.xlsx", _("文件列表"))


def _search_for_export(request):
    """What the results pages can show: the RANKED_WINDOW best matches with the same filters, in their order."""
    query = request.GET.get("q", "").strip()
    documents = SearchFilter(request.GET, queryset=public_documents().only(*exports.EXPORT_ONLY)).qs
    return full_text.find(documents, query).documents[: full_text.RANKED_WINDOW] if query else documents.none()


@require_safe
def search_csv(request):
    """Search results for ?q= as CSV, in the order of the results page."""
    if refused := _export_throttled(request):
        return refused
    return exports.csv_response(_search_for_export(request), request.build_absolute_uri, "search.csv")


@require_safe
def search_xlsx(request):
    if refused := _export_throttled(request):
        return refused
    return exports.xlsx_response(_search_for_export(request), request.build_absolute_uri, "search.xlsx", _("检索结果"))


def _current_version(pk):
    """A superseded version's URL leads to the corrected version with the same index number."""
    superseded = Document.objects.filter(pk=pk, status=Status.SUPERSEDED).values("index_number")[:1]
    return Document.objects.public().filter(index_number=Subquery(superseded)).first()


def _public_document(pk):
    return rendering.full_documents().filter(pk=pk).first()


@require_safe
def document_detail(request, pk):
    """The stored whole page for anonymous readers (portal/stored_pages.py), else the page around the document's
    stored part (disclosure/rendering.py): one query either way when what is stored is current."""
    if stored_pages.servable(request):
        page = rendering.stored_page(pk)
        if page is not None:
            return stored_pages.response(page, request)
    document, rendered = rendering.stored_fragment(pk)
    if document is None:
        current = _current_version(pk)
        if current is None:
            raise Http404
        return redirect(current, permanent=True)
    return render(request, "disclosure/detail.html", {"document": document, "rendered": rendered.for_request(request)})


@require_safe
def document_print(request, pk):
    """The print view, rendered on each read (rarely asked for; its layout differs from the page's)."""
    document = _public_document(pk)
    if document is None:
        current = _current_version(pk)
        if current is None:
            raise Http404
        return redirect(current, permanent=True)
    return render(request, "disclosure/print.html", {"document": document, "back_url": document.get_absolute_url()})


@require_safe
def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(
        Attachment.objects.filter(document__in=Document.objects.public()), pk=attachment_pk, document_id=pk
    )
    return stored_file_response(attachment.file, attachment.original_name)


@require_safe
def search(request):
    """全文检索: words, or a 文号 / 索引号 (whole or part), narrowed by the list page's filters (SearchFilter)."""
    query = request.GET.get("q", "").strip()[:100]
    filterset = SearchFilter(request.GET or None, queryset=public_documents().defer("body", "search_tokens"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    context = {"query": query, "filter": filterset, "page": None, "found": None,
               "export_cap": full_text.RANKED_WINDOW, "export_query": export_query.urlencode(),
               "filter_fields": filter_fields_html(filterset, request, page="search")}  # fmt: skip
    if query:
        found = full_text.find(filterset.qs, query)
        page = paginate_search(found.documents, request.GET.get("page"))
        for document in page["object_list"]:
            document.title_html = full_text.highlight(document.title, found.words)
            document.number_html = full_text.highlight(document.document_number, found.words)
            document.snippet_html = full_text.snippet(document.body_html, found.words)
        context.update(page=page, words=found.words, found=found)
    return render(request, "disclosure/search.html", context)


SEARCH_PER_PAGE = 20


def paginate_search(results, page_number):
    """Offset pages over the bounded ranked window (search.RANKED_WINDOW rows at most)."""
    try:
        number = max(int(page_number or 1), 1)
    except ValueError:
        number = 1
    number = min(number, max(full_text.RANKED_WINDOW // SEARCH_PER_PAGE, 1))
    start = (number - 1) * SEARCH_PER_PAGE
    rows = list(results[start : start + SEARCH_PER_PAGE + 1])
    return {
        "object_list": rows[:SEARCH_PER_PAGE],
        "number": number,
        "has_next": len(rows) > SEARCH_PER_PAGE,
        "has_previous": number > 1,
    }


CLEANUP_PER_PAGE = 50


@require_safe
def cleanup_list(request):
    batches = CleanupBatch.objects.select_related("organisation").order_by("-held_on", "-pk")
    page = Paginator(batches, CLEANUP_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "disclosure/cleanup_list.html", {"batches": page, "page_obj": page})


@require_safe
def cleanup_detail(request, pk):
    batch = get_object_or_404(CleanupBatch.objects.select_related("organisation"), pk=pk)
    entries = (
        CleanupEntry.objects.filter(batch=batch, document__in=Document.objects.public())
        .select_related("document")
        .order_by("pk")
    )
    page = Paginator(entries, CLEANUP_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "disclosure/cleanup_detail.html", {"batch": batch, "entries": page, "page_obj": page})
