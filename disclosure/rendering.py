"""Render on write: a public document page's own part is rendered once and stored (issue #17).

Why: what a document page shows of the document (metadata table, title, validity, body, attachments,
interpretation and repeal links) changes only when staff change it, yet it was rendered, with four queries of
prefetching, on every read. The page now reads the document and its stored part in ONE query through
`Document.objects.public()` (the gate is on the read, never on the store: a withdrawn document's row is never
served) and renders only the shell around it: site header, breadcrumbs and the other apps' slots.

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
interprets; attachments; catalog item names (a catalog version published); organisation and domain renames.
`QuerySet.update()` / `bulk_create` / `bulk_update` send no signal: code that changes shown fields that way
calls `invalidate(...)` itself (docs/conventions.md).
"""

import functools
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, FilteredRelation, Prefetch, Q, QuerySet
from django.template import loader
from django.utils import timezone, translation
from django.utils.html import conditional_escape

from catalog.models import CatalogItem
from disclosure.models import Document, RenderedDocument
from disclosure.validity import validity_on
from portal.caching import static_version
from portal.dbrouting import not_the_clients_write, primary_reads

logger = logging.getLogger(__name__)

# Raise when the fragment's context or meaning changes in a way the template sources below do not show.
FRAGMENT_VERSION = "1"
FRAGMENT_TEMPLATE = "disclosure/_detail_fragment.html"
HEAD_TEMPLATE = "disclosure/_meta_labels.html"
# Every template the two parts are rendered from: their sources are part of the build id.
SOURCE_TEMPLATES = (
    FRAGMENT_TEMPLATE,
    HEAD_TEMPLATE,
    "disclosure/_metadata.html",
    "disclosure/_validity.html",
    "includes/meta_column.html",
    "includes/meta_article.html",
)


# The meta labels name the page's own address (request.build_absolute_uri: host and query as asked), which no
# stored part may hold: it is stored as this placeholder and put in per request (`Fragment.for_request`).
URL_PLACEHOLDER = "gongkai-rendering-page-url"


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
    for name in SOURCE_TEMPLATES:
        digest.update(loader.get_template(name).template.source.encode())
    for path in settings.LOCALE_PATHS:
        for catalog in sorted(Path(path).glob("*/LC_MESSAGES/*.mo")):
            digest.update(catalog.read_bytes())
    return digest.hexdigest()[:32]


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


def _row(document, language: str, fragment: Fragment) -> RenderedDocument:
    return RenderedDocument(
        document=document,
        language=language,
        html=fragment.html,
        head=fragment.head,
        build=build_id(),
        source_updated_at=document.updated_at,
        validity_shown=validity_shown(document),
        rendered_at=timezone.now(),
    )


UPDATED_FIELDS = ["html", "head", "build", "source_updated_at", "validity_shown", "rendered_at"]


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


def is_current(document) -> bool:
    """Whether the part joined by `page_documents` may be served."""
    return (
        document.stored_html is not None
        and document.stored_build == build_id()
        and document.stored_source == document.updated_at
        and document.stored_validity == validity_shown(document)
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


def render_and_store(documents, languages=None) -> int:
    """Render and store the parts of `documents` (from `full_documents()`) in every language; returns rows."""
    documents = list(documents)
    linked = linked_documents(documents)
    rows = [
        _row(document, language, render_fragment(document, language, linked))
        for language in languages or [code for code, _name in settings.LANGUAGES]
        for document in documents
    ]
    if rows:
        store(rows)
    return len(rows)


# --- the write path ----------------------------------------------------------------------------------------


def invalidate(documents) -> None:
    """Forget the stored parts of `documents` (ids, Document instances or a Document queryset), now and again
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
        RenderedDocument.objects.filter(target).delete()  # one DELETE: nothing cascades from it

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


def _remember_name(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is not None:
        instance._name_before_save = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()


def _organisation_saved(sender, instance, created=False, raw=False, **kwargs):
    before = instance.__dict__.pop("_name_before_save", None)
    if not (raw or created) and before is not None and before != instance.name:
        invalidate(Document.objects.filter(organisation=instance))


def _domain_saved(sender, instance, created=False, raw=False, **kwargs):
    before = instance.__dict__.pop("_name_before_save", None)
    if not (raw or created) and before is not None and before != instance.name:
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
