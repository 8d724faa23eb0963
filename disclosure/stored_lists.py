"""The document list for any filter values: a stored shell around stored rows (render on write, issue #17).

Why: the list's plain address is stored whole (portal/plain_pages.py), but a filtered list (`?organisation=…`)
or a deeper page (`?after=…`) still cost 9 ms of Python per request against 1 ms for /healthz, nearly all of it
the template engine, and their addresses are too many to store whole (every cursor of every filter). What such a
page shows splits in two:
- the shell: everything but the rows and the pagination (header, filter form with its values, feed, alert and
  export links, the catalog item's slots). It depends on the filter values only, so it is stored per address
  without the cursors, like a plain page (`StoredPage`, under the same build id, public-content generation and
  expiry), with RESULTS_MARKER where the rows go;
- the rows: each document's row is stored per language (`RenderedListRow`), kept current as the document page
  is (disclosure/rendering.py: the build id, the document's `updated_at`, the validity shown today, and
  `invalidate` wherever something a row shows changes).
A request is then one query — the page of rows through `Document.objects.public()` with the stored rows joined;
the shell is kept in the worker's memory (read from the table when it is not) — and string replacements in the
results part (`_list_results.html`: the count, the rows and the pagination), rendered once per process and shape
with markers. The rows' query is built by the ORM from the filter values once per process, address, generation
and day and kept compiled (`compiled_list`), the reader's cursor put in per request.

Served only to anonymous readers (`stored_pages.servable`), for addresses whose parameters are the filters' and
the cursors, each once, whose filter values are valid, and in number at most SHELLS_PER_GENERATION shells per
generation (a crawler inventing filter combinations costs renderings, not an unbounded table). Anything else is
rendered by the view as before; the bytes are the same either way (tests/disclosure/test_stored_lists.py).
"""

import datetime as dt
import functools
import logging
import time
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import DatabaseError, OperationalError, connections, router
from django.db.models import FilteredRelation, Q
from django.http import HttpResponse, QueryDict
from django.template import loader
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from disclosure import pagination, rendering
from disclosure.filters import DocumentFilter
from disclosure.models import Document, RenderedListRow
from portal import caching, plain_pages, stored_pages
from portal.dbrouting import not_the_clients_write, primary_reads

logger = logging.getLogger(__name__)

RESULTS_MARKER = "<!-- gongkai-stored-list-results -->"
MARKER_PREFIX = "gongkai"  # every marker's (portal/stored_pages.py and below)
RESULTS_TEMPLATE = "disclosure/_list_results.html"
ROW_TEMPLATE = "disclosure/_document_row.html"
CURSORS = ("after", "before")
MAX_ADDRESS = 300  # longer addresses (junk, or a very long catalog item id) are rendered as before
SHELLS_PER_GENERATION = 5000
SHELL_COUNT_KEY = "gongkai:stored-lists:shells:{generation}"
PER_PAGE = 20
# What the rows' query reads: the cursor's columns, what decides whether a stored row is current, the row.
_COLUMNS = ("pk", "published_on", "updated_at", "validity", "validity_changed_on",
            "row__html", "row__build", "row__source_updated_at", "row__validity_shown")  # fmt: skip
# The cursor compiled into the queries in place of a reader's (see `compiled_list`).
_DAY_PLACEHOLDER = dt.date(1111, 11, 11)
_PK_PLACEHOLDER = -7_000_000_002


def shell_address(request) -> str | None:
    """The address of the shell `request` is served from (its path and filter values, without the cursors), or
    None if its parameters are not the list's own, each once, or the address is long."""
    names = set(request.GET)
    if not request.META.get("QUERY_STRING") or not names <= {*DocumentFilter.base_filters, *CURSORS}:
        return None
    if any(len(request.GET.getlist(name)) > 1 for name in names):
        return None
    if MARKER_PREFIX in request.META["QUERY_STRING"] or any(MARKER_PREFIX in v for v in request.GET.values()):
        return None  # the reader's own text where the page has markers: their page would differ from the templates'
    filters = request.GET.copy()
    for cursor in CURSORS:
        filters.pop(cursor, None)
    address = f"{request.path}?{filters.urlencode()}"
    return address if len(address) <= MAX_ADDRESS else None


def is_shell_request(request) -> bool:
    """True while the view renders a shell: the rows' part is the marker."""
    return stored_pages.is_storing_shell(request)


# --- the rows' query, compiled ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compiled:
    """The three queries of a filtered list (first page, after a cursor, before one) as SQL and parameters."""

    queries: dict

    def rows(self, alias: str, mode: str, key) -> list[tuple]:
        """The rows (tuples of the compiled columns) of the first page, or after or before the cursor `key`."""
        sql, params = self.queries[mode]
        if key is not None:
            placeholder, day = _adapted(alias, _DAY_PLACEHOLDER), _adapted(alias, key[0])
            params = [day if p == placeholder else key[1] if p == _PK_PLACEHOLDER else p for p in params]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


@dataclass(frozen=True)
class _Row:
    """A row of the compiled query as the driver returns it (no ORM converters; SQLite gives dates as text)."""

    pk: int
    published_on: object
    updated_at: object
    validity: str
    validity_changed_on: object
    html: str | None
    build: str | None
    source_updated_at: object
    validity_shown: str | None

    def stored_html(self, today: dt.date) -> str | None:
        """The stored row if it may be served (`rendering.stored_is_current`, the rule of every stored part)."""
        current = rendering.stored_is_current(
            self.html,
            build=self.build,
            source_updated_at=self.source_updated_at,
            shown=self.validity_shown,
            updated_at=self.updated_at,
            validity=self.validity,
            validity_changed_on=self.validity_changed_on,
            today=today,
        )
        return self.html if current else None


def _adapted(alias: str, day: dt.date):
    """A date as the compiled query's parameters hold it (a date for PostgreSQL, text for SQLite)."""
    return connections[alias].ops.adapt_datefield_value(day)


def _compile(queryset, alias: str, mode: str, newest_first: bool, per_page: int) -> tuple[str, tuple]:
    key = None if mode == pagination.FIRST else (_DAY_PLACEHOLDER, _PK_PLACEHOLDER)
    query = pagination.rows_query(queryset, mode, key, per_page=per_page, newest_first=newest_first)
    sql, params = query.query.get_compiler(alias).as_sql()
    day = _adapted(alias, _DAY_PLACEHOLDER)
    if key is not None and (list(params).count(day) != 2 or list(params).count(_PK_PLACEHOLDER) != 1):
        raise RuntimeError("the stored list's query lost its cursor parameters")  # the ORM's form changed
    return sql, tuple(params)


# An organisation high in a province's tree puts its whole subtree (thousands of ids) in the queries: up to 200 kB
# an entry, so few are kept.
@functools.lru_cache(maxsize=128)
def compiled_list(query: str, columns: tuple, per_page: int, language: str | None, alias: str, generation: int,
                  today: dt.date) -> Compiled | None:  # fmt: skip
    """The queries of a page of public documents filtered by `query` (the list's filter values, as a query string),
    reading `columns` (and the stored row in `language` as `row__…`, if given); None if the filter values are not
    valid. Also the API's document list (api/views.py).

    Built by the ORM from the filter values through `DocumentFilter`, as the view builds them, once per process,
    query and generation (an organisation's subtree, a catalog item's publication) and day (validity in effect):
    building and compiling them cost more CPU than the rest of a stored list's request."""
    with primary_reads():  # the organisation subtree, the choices: kept for the generation, so never a replica's
        filterset = DocumentFilter(QueryDict(query), queryset=Document.objects.public())
        if not filterset.form.is_valid():
            return None
        queryset = filterset.qs
        if language is not None:
            queryset = queryset.annotate(row=FilteredRelation("list_rows", condition=Q(list_rows__language=language)))
        queryset = queryset.values_list(*columns)
        modes = (pagination.FIRST, pagination.AFTER, pagination.BEFORE)
        return Compiled({mode: _compile(queryset, alias, mode, filterset.newest_first, per_page) for mode in modes})


# --- rows ----------------------------------------------------------------------------------------------------


def render_row(document, language: str) -> str:
    with translation.override(language):
        return loader.render_to_string(ROW_TEMPLATE, {"document": document})


def render_and_store_rows(ids, language: str) -> dict[int, str]:
    """Render the rows of the public documents `ids` from the primary and store them; {id: html}."""
    from disclosure.views import LIST_ONLY, public_documents

    if not ids:
        return {}
    with primary_reads():
        documents = list(public_documents().only(*LIST_ONLY, "updated_at").filter(pk__in=ids))
        rows = [
            RenderedListRow(
                document=document,
                language=language,
                html=render_row(document, language),
                build=rendering.build_id(),
                source_updated_at=document.updated_at,
                validity_shown=rendering.validity_shown(document),
            )
            for document in documents
        ]
    try:
        with not_the_clients_write():
            RenderedListRow.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["document", "language"],
                update_fields=["html", "build", "source_updated_at", "validity_shown"],
            )
    except DatabaseError:  # a document deleted meanwhile, a refused write: the next reader renders them again
        logger.info("list rows not stored", exc_info=True)
    return {row.document_id: row.html for row in rows}


def _page(compiled: Compiled, request, language: str) -> pagination.KeysetPage:
    alias = router.db_for_read(Document)
    page = pagination.page_of(
        lambda mode, key: [_Row(*row) for row in compiled.rows(alias, mode, key)],
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        per_page=PER_PAGE,
    )
    today = timezone.localdate()
    html = {row.pk: row.stored_html(today) for row in page.object_list}
    missing = [pk for pk, row_html in html.items() if row_html is None]
    if missing:
        html.update(render_and_store_rows(missing, language))
    # A document withdrawn between the two reads has no row: it is left out, as a moment later it would be.
    page.object_list = [row for row in page.object_list if html.get(row.pk)]
    page.rows_html = mark_safe("".join(html[row.pk] for row in page.object_list))  # noqa: S308 - the row template's
    return page


# --- the per-request part --------------------------------------------------------------------------------------

# The results' template is rendered once per process, language and shape with these in place of a page's values.
TOTAL_MARKER = "gongkai-stored-list-total"
ROWS_MARKER = "<!-- gongkai-stored-list-rows -->"
LINK_MARKERS = {"first": "gongkai-stored-list-first", "previous": "gongkai-stored-list-previous",
                "next": "gongkai-stored-list-next"}  # fmt: skip


@functools.lru_cache(maxsize=64)
def _results_with_markers(build: str, language: str, total: bool, previous: bool, following: bool, empty: bool) -> str:
    page = SimpleNamespace(
        total=TOTAL_MARKER if total else None,
        previous_cursor=previous,
        next_cursor=following,
        object_list=[],
        rows_html="" if empty else mark_safe(ROWS_MARKER),
    )
    with translation.override(language):
        return loader.get_template(RESULTS_TEMPLATE).render({"page": page, "links": LINK_MARKERS})


def results_html(page: pagination.KeysetPage, query, language: str) -> str:
    """`_list_results.html` for `page` of the list asked with `query`, as the template renders it (the view's
    context: the same `page` and `pagination.links`), without running the template engine per request."""
    html = _results_with_markers(
        rendering.build_id(), language, page.total is not None, bool(page.previous_cursor),
        bool(page.next_cursor), not page.rows_html,
    )  # fmt: skip
    for name, href in pagination.links(query, page).items():
        if href:
            html = html.replace(LINK_MARKERS[name], conditional_escape(href), 1)
    if page.total is not None:
        html = html.replace(TOTAL_MARKER, str(page.total), 1)
    return html.replace(ROWS_MARKER, page.rows_html, 1)


# Shells read lately, kept in this process while their generation, build and expiry hold: reading one from the
# table was a third of a stored list's CPU. At most SHELLS_IN_MEMORY (about 40 kB each).
SHELLS_IN_MEMORY = 128
_kept_shells: dict = {}


def _shell(address: str, language: str, generation: int) -> plain_pages.Stored | None:
    build = plain_pages.build_id()
    kept = _kept_shells.get((address, language))
    if kept is not None and kept[0] == generation and kept[1] == build and kept[2].expires > time.time():
        return kept[2]
    shell = plain_pages.current(address, language, generation)
    if shell is not None:
        _keep(address, language, generation, build, shell)
    return shell


def _keep(address, language, generation, build, shell) -> None:
    while len(_kept_shells) >= SHELLS_IN_MEMORY:
        try:
            _kept_shells.pop(next(iter(_kept_shells)))  # the oldest
        except (KeyError, RuntimeError, StopIteration):  # another thread took it
            break
    _kept_shells[(address, language)] = (generation, build, shell)


# --- the request ---------------------------------------------------------------------------------------------


def _may_store_shell(generation: int) -> bool:
    """At most SHELLS_PER_GENERATION shells per generation, counted in the shared cache."""
    try:
        return caching.count_up(SHELL_COUNT_KEY.format(generation=generation)) <= SHELLS_PER_GENERATION
    except caching.CacheUnavailable:
        return False


def response(request, view) -> HttpResponse | None:
    """The list page for `request` from its stored shell and rows, or None if the view renders it as usual."""
    if not (plain_pages.enabled() and plain_pages.storable_view(view)):
        return None
    if not stored_pages.servable(request, with_query=True):
        return None
    address = shell_address(request)
    if address is None:
        return None
    language = translation.get_language()
    try:
        generation = caching.public_generation()  # before rendering: see portal/plain_pages.py
    except caching.CacheUnavailable:
        return None
    alias, today = router.db_for_read(Document), timezone.localdate()
    compiled = compiled_list(address.partition("?")[2], _COLUMNS, PER_PAGE, language, alias, generation, today)
    if compiled is None:
        return None  # the form shows its errors: rendered as usual
    shell = _shell(address, language, generation)
    if shell is None:
        if not _may_store_shell(generation):
            return None
        path, _sep, query = address.partition("?")
        shell = plain_pages.render_and_store(view, plain_pages.view_key(view), path, language, generation, query=query)
        if shell is None:
            return None
        _keep(address, language, generation, plain_pages.build_id(), shell)
    try:
        page = _page(compiled, request, language)
    except OperationalError:  # the primary unreachable for a missing row (a failover): the view renders the page
        logger.warning("stored list %s not served: the primary did not answer", address, exc_info=True)
        return None
    results = results_html(page, request.GET, language)
    body = shell.body.replace(RESULTS_MARKER.encode(), results.encode(), 1)
    return plain_pages.Stored.of_parts(body, shell.digest, results).response(request)
