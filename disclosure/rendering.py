"""Render on write: a public document page's own part is rendered once and stored (issue #17).

Why: what a document page shows of the document (metadata table, title, validity, body, attachments,
interpretation and repeal links) changes only when staff change it, yet it was rendered, with four queries of
prefetching, on every read. The page now reads the document and its stored part in ONE query through
`Document.objects.public()` (the gate is on the read, never on the store: a withdrawn document's row is never
served) and renders only the shell around it: site header, breadcrumbs and the other apps' slots. Anonymous
readers of the page's plain address get the whole page stored beside the part (`stored_page`, with
portal/stored_pages.py's markers for what differs between them), read with the same gate in one query and
served without the template engine.

A stored part (`RenderedDocument`, one per document and language) is served only while
- its `build` is the current `build_id()` (FRAGMENT_VERSION, the deployed static manifest, Django's version, this
  module and the templates and translation catalogs it was rendered from: a deploy changing any re-renders);
- its `source_updated_at` is the document's `updated_at` (a part rendered from an older copy of the row, e.g. by
  a reader racing a save, is not served);
- its `validity_shown` is the document's validity today: "将于…废止" becomes "已废止" on the day with no save,
  and a validity changed with `update()` is caught too (two small columns read with the gate).
Otherwise the page renders it the old way, stores it (another reader storing it first is fine) and serves it.

Whatever else the part shows is invalidated where it changes (`invalidate`, and the signal receivers below):
the document itself, documents linking to it (its interpretations, documents it repeals) and the one it
interprets; attachments; catalog item names (a catalog version published); organisation and domain renames, an
organisation's kind (the whole page's column link); what other apps' slots show, by those apps
(participation/document_pages.py).
`QuerySet.update()` / `bulk_create` / `bulk_update` send no signal: code that changes shown fields that way
calls `invalidate(...)` itself (docs/conventions.md).
"""

import datetime as dt
import functools
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import django
from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F, FilteredRelation, Prefetch, Q, QuerySet
from django.template import loader
from django.utils import timezone, translation
from django.utils.html import conditional_escape

from catalog.models import CatalogItem
from disclosure.models import Document, RenderedDocument, RenderedListRow
from disclosure.validity import validity_on
from portal import registry, stored_pages
from portal.caching import static_version
from portal.dbrouting import not_the_clients_write, primary_reads

logger = logging.getLogger(__name__)

# Raise when the fragment's context or meaning changes in a way the template sources below do not show.
FRAGMENT_VERSION = "1"
FRAGMENT_TEMPLATE = "disclosure/_detail_fragment.html"
HEAD_TEMPLATE = "disclosure/_meta_labels.html"
PAGE_TEMPLATE = "disclosure/detail.html"
PAGE_SLOT = "disclosure.document_detail"
# Every template the two parts are rendered from: their sources are part of the build id (with the whole
# page's: its own, the shell's and the other apps' slot templates, `_page_sources`).
SOURCE_TEMPLATES = (
    FRAGMENT_TEMPLATE,
    HEAD_TEMPLATE,
    "disclosure/_metadata.html",
    "disclosure/_validity.html",
    "includes/meta_column.html",
    "includes/meta_article.html",
    "disclosure/_document_row.html",  # the list's stored rows (disclosure/stored_lists.py) share the build id
)


# The meta labels name the page's own address (request.build_absolute_uri: host and query as asked), which no
# stored part may hold: it is stored as this placeholder and put in per request (`Fragment.for_request`).
URL_PLACEHOLDER = stored_pages.URL_MARKER


@dataclass(frozen=True)
class Fragment:
    html: str  # the article's document part
    head: str  # the page's meta labels (base.html's meta_labels block), with URL_PLACEHOLDER for its address

    def for_request(self, request) -> "Fragment":
        """As the templates would render it for `request` (the address escaped as `{% firstof %}` does)."""
        return Fragment(self.html, self.head.replace(URL_PLACEHOLDER, conditional_escape(request.build_absolute_uri())))


@functools.cache
def _sources_hash() -> str:
    """What the stored HTML was made from besides the rows, computed once per process."""
    digest = hashlib.sha256(static_version().encode())
    digest.update(django.get_version().encode())
    digest.update(Path(__file__).read_bytes())  # this module: what the context holds
    for name in _page_sources():
        digest.update(loader.get_template(name).template.source.encode())
    digest.update(stored_pages.settings_signature().encode())
    for path in settings.LOCALE_PATHS:
        for catalog in sorted(Path(path).glob("*/LC_MESSAGES/*.mo")):
            digest.update(catalog.read_bytes())
    return digest.hexdigest()[:32]


def _page_sources() -> tuple[str, ...]:
    return (
        *SOURCE_TEMPLATES,
        PAGE_TEMPLATE,
        *stored_pages.SHELL_TEMPLATES,
        *registry.slot_templates(PAGE_SLOT),
    )


def build_id() -> str:
    return f"{FRAGMENT_VERSION}-{_sources_hash()}"


# --- rendering -------------------------------------------------------------------------------------------


def full_documents() -> QuerySet:
    """Public documents with everything the part shows, prefetched (the old read path of the page)."""
    return (
        Document.objects.public()
        .select_related("organisation", "domain")
        .prefetch_related(
            Prefetch("catalog_items", queryset=CatalogItem.objects.ever_published().select_related("domain")),
            "attachments",
            Prefetch("interpretations", queryset=Document.objects.public().only("pk", "title", "interprets_id")),
        )
    )


def linked_documents(documents) -> dict[int, Document]:
    """The public documents that `documents` interpret or are repealed by, by id (one query)."""
    ids = {pk for d in documents for pk in (d.interprets_id, d.repealed_by_id) if pk}
    return {d.pk: d for d in Document.objects.public().filter(pk__in=ids).only("pk", "title")} if ids else {}


def validity_shown(document, today=None) -> str:
    """What of the document's validity the part shows on `today`: the state, a pending change and its day."""
    now = validity_on(document.validity, document.validity_changed_on, today or timezone.localdate())
    return f"{now.state}|{now.pending}|{now.effective_on or ''}"


def render_fragment(document, language: str, linked: dict | None = None) -> Fragment:
    """The document's part of its page in `language`, as the templates make it (`document` from
    `full_documents()`; `linked` from `linked_documents`, fetched when not given)."""
    if linked is None:
        linked = linked_documents([document])
    context = {
        "document": document,
        "interprets": linked.get(document.interprets_id),
        "repealed_by": linked.get(document.repealed_by_id),
    }
    with translation.override(language):
        return Fragment(
            html=loader.render_to_string(FRAGMENT_TEMPLATE, context),
            head=loader.render_to_string(HEAD_TEMPLATE, {**context, "url": URL_PLACEHOLDER}),
        )


def render_page(document, language: str, fragment: Fragment) -> str:
    """The whole page of `document` in `language` as anonymous readers get it, with the markers of
    portal/stored_pages.py and URL_PLACEHOLDER where they differ (`document` from `full_documents()`).

    The other apps' slots are in it: what they show of the document is theirs to invalidate (`invalidate`)."""
    context = {"document": document, "rendered": fragment}
    return stored_pages.render(PAGE_TEMPLATE, context, document.get_absolute_url(), language)


def _row(document, language: str, fragment: Fragment, page: str = "") -> RenderedDocument:
    return RenderedDocument(
        document=document,
        language=language,
        html=fragment.html,
        head=fragment.head,
        page=page,
        build=build_id(),
        source_updated_at=document.updated_at,
        validity_shown=validity_shown(document),
        rendered_at=timezone.now(),
    )


UPDATED_FIELDS = ["html", "head", "page", "build", "source_updated_at", "validity_shown", "rendered_at"]


def store(rows: list[RenderedDocument]) -> None:
    """Upsert stored parts. Two first readers storing the same part at once is fine: both rendered the same
    rows, so whichever wins is right; a failure to store costs only the next reader's rendering."""
    # ON CONFLICT … DO UPDATE settles the unique race in the database. Foreign keys are checked at commit
    # (Django creates them deferred), so no savepoint could catch a document deleted meanwhile: in autocommit
    # (a page) the statement's own commit raises it here; inside a caller's transaction, its commit does.
    try:
        with not_the_clients_write():
            RenderedDocument.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["document", "language"], update_fields=UPDATED_FIELDS
            )
    except IntegrityError:
        logger.info("rendered document not stored", exc_info=True)


# --- the read path -----------------------------------------------------------------------------------------


def page_documents(language: str) -> QuerySet:
    """The one query of a document page: the gate, the few columns the shell shows, and the stored part in
    `language` joined alongside (NULL when there is none)."""
    return (
        Document.objects.public()
        .select_related("organisation")
        .only(
            "pk",
            "title",
            "updated_at",
            "validity",
            "validity_changed_on",
            "organisation_id",
            "organisation__name",
            "organisation__kind",
        )
        .annotate(
            stored=FilteredRelation("renderings", condition=Q(renderings__language=language)),
            stored_html=F("stored__html"),
            stored_head=F("stored__head"),
            stored_build=F("stored__build"),
            stored_source=F("stored__source_updated_at"),
            stored_validity=F("stored__validity_shown"),
        )
    )


def raw_date(value):
    """A date column of a raw query as a date (SQLite's driver gives the text Django stored)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def stored_is_current(stored, *, build, source_updated_at, shown, updated_at, validity, validity_changed_on,
                      today=None) -> bool:  # fmt: skip
    """THE rule for serving stored HTML of a document (its part, its page, its list row): there is some (`stored`),
    rendered by this build, from the document's current `updated_at`, showing the validity it has today. Columns
    may come raw from the driver (both `updated_at`s in the same form, a date as SQLite's text)."""
    now = validity_shown(SimpleNamespace(validity=validity, validity_changed_on=raw_date(validity_changed_on)), today)
    return bool(stored) and build == build_id() and source_updated_at == updated_at and shown == now


def is_current(document) -> bool:
    """Whether the part joined by `page_documents` may be served."""
    return stored_is_current(
        document.stored_html,
        build=document.stored_build,
        source_updated_at=document.stored_source,
        shown=document.stored_validity,
        updated_at=document.updated_at,
        validity=document.validity,
        validity_changed_on=document.validity_changed_on,
    )


def stored_fragment(pk, language: str | None = None):
    """(document, Fragment) for a public document's page, or (None, None) if it is not public.

    A current stored part costs one query; otherwise the part is rendered from `full_documents()`, stored
    and returned with that fully loaded document."""
    language = language or translation.get_language()
    document = page_documents(language).filter(pk=pk).first()
    if document is None:
        return None, None
    if is_current(document):
        return document, Fragment(document.stored_html, document.stored_head)
    with primary_reads():  # what is stored is rendered from the primary's rows, never a lagging replica's
        document = full_documents().filter(pk=pk).first()
        if document is None:  # withdrawn in between
            return None, None
        fragment = render_fragment(document, language)
    with not_the_clients_write():  # building the row asks the router for a write database too (the FK's setter)
        store([_row(document, language, fragment)])
    return document, fragment


# The stored page's query is compiled once per process, database alias and language: building it through the
# ORM cost more CPU than everything else a stored page's request does (about 1 of 2.5 ms on the demo database).
# It is the same queryset (the gate and the joined stored row), compiled with this id in place of the page's.
_PK_PLACEHOLDER = -7_000_000_001
_PAGE_COLUMNS = (
    "updated_at",
    "validity",
    "validity_changed_on",
    "stored__page",
    "stored__build",
    "stored__source_updated_at",
    "stored__validity_shown",
)


@functools.cache
def _compiled_page_query(alias: str, language: str) -> tuple[str, tuple]:
    queryset = (
        Document.objects.public()
        .annotate(stored=FilteredRelation("renderings", condition=Q(renderings__language=language)))
        .filter(pk=_PK_PLACEHOLDER)
        .values_list(*_PAGE_COLUMNS)
    )
    sql, params = queryset.query.get_compiler(alias).as_sql()
    if list(params).count(_PK_PLACEHOLDER) != 1:  # the compiler's form changed: the page would read wrong rows
        raise RuntimeError("the stored page query lost its id parameter")
    return sql, tuple(params)


@dataclass(frozen=True)
class _PageRow:
    """A row of the compiled page query, as the database driver returns it (no ORM converters)."""

    updated_at: object
    validity: str
    validity_changed_on: object
    page: str | None
    build: str | None
    source_updated_at: object
    validity_shown: str | None

    def is_current(self) -> bool:
        return stored_is_current(
            self.page,
            build=self.build,
            source_updated_at=self.source_updated_at,
            shown=self.validity_shown,
            updated_at=self.updated_at,
            validity=self.validity,
            validity_changed_on=self.validity_changed_on,
        )


def _read_page_row(pk: int, language: str) -> _PageRow | None:
    alias = router.db_for_read(Document)
    sql, params = _compiled_page_query(alias, language)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [pk if p == _PK_PLACEHOLDER else p for p in params])
        row = cursor.fetchone()
    return _PageRow(*row) if row else None


def stored_page(pk: int, language: str | None = None) -> str | None:
    """The whole anonymous page of a public document (portal/stored_pages.py markers still in), or None if the
    document is not public. A current stored page costs one query; otherwise the page is rendered from the
    primary and stored with its part."""
    language = language or translation.get_language()
    row = _read_page_row(pk, language)
    if row is None:
        return None
    if row.is_current():
        return row.page
    with primary_reads():
        document = full_documents().filter(pk=pk).first()
        if document is None:  # withdrawn in between
            return None
        fragment = render_fragment(document, language)
        page = render_page(document, language, fragment)
    with not_the_clients_write():
        store([_row(document, language, fragment, page)])
    return page


def render_and_store(documents, languages=None) -> int:
    """Render and store the parts and whole pages of `documents` (from `full_documents()`) in every language;
    returns the number of rows."""
    documents = list(documents)
    linked = linked_documents(documents)
    rows = []
    for language in languages or [code for code, _name in settings.LANGUAGES]:
        for document in documents:
            fragment = render_fragment(document, language, linked)
            rows.append(_row(document, language, fragment, render_page(document, language, fragment)))
    if rows:
        store(rows)
    return len(rows)


# --- the write path ----------------------------------------------------------------------------------------


def invalidate(documents) -> None:
    """Forget the stored parts (and list rows) of `documents` (ids, Document instances or a Document queryset), now and again
    after the surrounding transaction commits: the second delete catches a part a reader rendered from the
    old rows and stored meanwhile. The next read renders it again (or `schedule_render`'s task does)."""
    if isinstance(documents, QuerySet):
        target = Q(document__in=documents.values("pk"))
    else:
        ids = {getattr(d, "pk", d) for d in documents} - {None}
        if not ids:
            return
        target = Q(document_id__in=ids)

    def forget():
        RenderedDocument.objects.filter(target).delete()  # one DELETE each: nothing cascades from them
        RenderedListRow.objects.filter(target).delete()  # the list's rows (disclosure/stored_lists.py)

    forget()
    transaction.on_commit(forget)


def schedule_render(document) -> None:
    """After a publication commits, render the new pages (`document`, the policy and interpretations published
    with it) in the background when a worker runs the queue (a backend that can defer, as
    `supervision.cache.schedule_refresh` decides; with the immediate backend of development and tests the
    first reader renders them, rather than the publishing request)."""
    from disclosure.tasks import render_documents

    if not render_documents.get_backend().supports_defer:
        return
    linked = Document.objects.filter(Q(interprets=document) | Q(interpretations=document)).values_list("pk", flat=True)
    ids = sorted({document.pk, *linked})

    def enqueue():
        try:
            render_documents.enqueue(ids)
        except Exception:  # the queue being down costs only the precomputation
            logger.exception("could not queue rendering documents %s", ids)

    transaction.on_commit(enqueue)


def _pages_showing(document) -> set[int]:
    """The documents whose page shows `document`: it, the one it interprets and those linking to it (their
    ids first, so each delete is one indexed `IN`: an OR across a join would scan the table at 1M rows)."""
    linked = Document.objects.filter(Q(interprets=document) | Q(repealed_by=document)).values_list("pk", flat=True)
    return {document.pk, document.interprets_id, *linked}


def _remember_links(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._interprets_before_save = (
        Document.objects.filter(pk=instance.pk).values_list("interprets_id", flat=True).first()
    )


def _document_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop("_interprets_before_save", None)  # no longer lists it among its interpretations
    invalidate(_pages_showing(instance) | {before})


def _document_deleting(sender, instance, **kwargs):
    invalidate(_pages_showing(instance) - {instance.pk})  # its own rows go with it (CASCADE)


def _attachment_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate([instance.document_id])


def _items_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        invalidate([instance.pk])
    elif action == "pre_clear":
        invalidate(Document.objects.filter(catalog_items=instance))
    else:
        invalidate(pk_set or ())


# What a stored page shows of an organisation (its name; its kind decides the column link) and of a domain.
_SHOWN_FIELDS = {"Organisation": ("name", "kind"), "Domain": ("name",)}


def _shown(sender, instance) -> tuple:
    return tuple(getattr(instance, name) for name in _SHOWN_FIELDS[sender.__name__])


def _remember_name(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is not None:
        fields = _SHOWN_FIELDS[sender.__name__]
        instance._shown_before_save = sender.objects.filter(pk=instance.pk).values_list(*fields).first()


def _changed_shown(sender, instance, created, raw) -> bool:
    before = instance.__dict__.pop("_shown_before_save", None)
    return not (raw or created) and before is not None and tuple(before) != _shown(sender, instance)


def _organisation_saved(sender, instance, created=False, raw=False, **kwargs):
    if _changed_shown(sender, instance, created, raw):
        invalidate(Document.objects.filter(organisation=instance))


def _domain_saved(sender, instance, created=False, raw=False, **kwargs):
    if _changed_shown(sender, instance, created, raw):
        invalidate(Document.objects.filter(domain=instance))
        invalidate(Document.objects.filter(catalog_items__domain=instance))  # the items' names name it


def _catalog_version_saved(sender, instance, raw=False, **kwargs):
    """A published (or withdrawn) catalog version changes the item names documents show."""
    if not raw:
        catalog = instance.catalog
        invalidate(
            Document.objects.filter(
                catalog_items__organisation_id=catalog.organisation_id, catalog_items__domain_id=catalog.domain_id
            )
        )


def connect_signals() -> None:
    """Called from DisclosureConfig.ready()."""
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

    from catalog.models import CatalogVersion, Domain
    from disclosure.models import Attachment
    from portal.models import Organisation

    uid = "rendered-documents"
    pre_save.connect(_remember_links, sender=Document, dispatch_uid=f"{uid}-doc-pre")
    post_save.connect(_document_saved, sender=Document, dispatch_uid=f"{uid}-doc")
    pre_delete.connect(_document_deleting, sender=Document, dispatch_uid=f"{uid}-doc-delete")
    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid=f"{uid}-attachment")
    post_delete.connect(_attachment_changed, sender=Attachment, dispatch_uid=f"{uid}-attachment-delete")
    m2m_changed.connect(_items_changed, sender=Document.catalog_items.through, dispatch_uid=f"{uid}-items")
    for model, receiver in ((Organisation, _organisation_saved), (Domain, _domain_saved)):
        pre_save.connect(_remember_name, sender=model, dispatch_uid=f"{uid}-{model.__name__}-pre")
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
    post_save.connect(_catalog_version_saved, sender=CatalogVersion, dispatch_uid=f"{uid}-catalog-version")
