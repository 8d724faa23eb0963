"""Public pages of plain addresses stored whole for anonymous readers: render on write (issue #17).

Why: after the document page (disclosure/rendering.py), the pages citizens open from the menu — the document
list, the catalog, 政民互动, 公众参与, the disclosure column and each organisation's column — still cost 4–8 ms of
Python per request against 0.5 ms for /healthz, nearly all of it the template engine. Their plain address (no
query string) shows every anonymous reader the same page but for the values portal/stored_pages.py marks (the
display modes, the host, the page's address), and it changes only when public content does. So the page is
rendered once, for a synthetic anonymous request of its path, and kept in `StoredPage`; a reader's request is
one query and a few string replacements.

A stored page is served while
- its build id holds: every template, translation catalog and Python module of the project, the static
  manifest, Django's version and the site's settings, hashed once per process (`build_id`) — a deploy that
  changes what a page would show renders it again;
- the public-content generation it was rendered under is current (portal/caching.py: every app bumps it when
  something citizens see changes; the generation is read *before* rendering, so a page rendered from rows a
  transaction then changed is stored under a generation that is no longer current); when the shared cache
  that holds the generation is down, pages are rendered as usual;
- it has not expired: after an hour at most and at the end of the day (dates and validity in effect), sooner
  for a view that shows what changes by the hour (`plain_page(seconds=…)`, e.g. coming open days).

Only GET/HEAD of anonymous readers without a query string or messages waiting (`stored_pages.servable`), and
only pages that are plain HTML: a view whose page used a CSRF token, set a cookie or a header of its own, or
answered anything but 200 is rendered for each reader as before (remembered per process, so it is not tried
again). Pages are rendered ahead by the task worker after a change (`render_ahead`, the menu's pages in every
language); the others by their first reader. `settings.GONGKAI_STORED_PAGES = False` turns serving off, as
GONGKAI_STORED_PLAIN_PAGES does for these pages alone (off by default without a shared cache in production).
"""

import datetime as dt
import functools
import hashlib
import logging
import time
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, OperationalError, connections, router
from django.http import Http404, HttpResponse
from django.urls import get_script_prefix, resolve, reverse
from django.utils import timezone, translation

from portal import caching, registry, stored_pages
from portal.dbrouting import not_the_clients_write, primary_reads
from portal.models import StoredPage

logger = logging.getLogger(__name__)

# Headers a view may set and still be stored: the page's own are Content-Type only; middleware adds the rest
# (ETag, Vary, security headers) to the stored page's response as to any other.
PLAIN_HEADERS = {"content-type"}
# Views whose page proved not storable (CSRF token, cookie, own headers): rendered for each reader.
_not_storable: set[str] = set()


def enabled() -> bool:
    """GONGKAI_STORED_PAGES (every stored page) and GONGKAI_STORED_PLAIN_PAGES (these: they need a generation
    that every worker sees, so the settings turn them off with a per-process cache in production)."""
    return stored_pages.enabled() and getattr(settings, "GONGKAI_STORED_PLAIN_PAGES", True)


# --- what a stored page was made from -------------------------------------------------------------------------


def _project_sources() -> list[Path]:
    """The project's templates, translation catalogs and Python modules (tests and the bench excluded)."""
    base = Path(settings.BASE_DIR)
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += [Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == base]
    roots += [Path(p) for p in settings.LOCALE_PATHS]
    files = set()
    for root in roots:
        for pattern in ("**/*.html", "**/*.txt", "**/*.py", "**/*.mo"):
            files.update(p for p in root.glob(pattern) if "migrations" not in p.parts and "tests" not in p.parts)
    return sorted(files)


def _build_id_of(signature) -> str:
    digest = hashlib.sha256(caching.static_version().encode())
    digest.update(django.get_version().encode())
    base = Path(settings.BASE_DIR)
    for path in _project_sources():
        digest.update(str(path.relative_to(base)).encode())  # the same on every machine of a release
        digest.update(path.read_bytes())
    digest.update(stored_pages.settings_signature().encode())
    return digest.hexdigest()[:32]


_build_id_of = functools.lru_cache(maxsize=4)(_build_id_of)


def _signature() -> tuple:
    """In development, where templates change under a running server: the sources' sizes and times (a few ms)."""
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in _project_sources())


def build_id() -> str:
    """What every stored page was made from besides the data, hashed once per process (in DEBUG, again
    whenever a source file changes)."""
    return _build_id_of(_signature() if settings.DEBUG else None)


# --- reading and storing --------------------------------------------------------------------------------------


@functools.cache
def _select_sql(alias: str) -> str:
    """Written out rather than built by the ORM per request (as `disclosure.rendering._compiled_page_query`)."""
    table = connections[alias].ops.quote_name(StoredPage._meta.db_table)
    return f"SELECT body, digest, build, generation, expires FROM {table} WHERE path = %s AND language = %s"  # noqa: S608


def _read(path: str, language: str):
    """(body, digest, build, generation, expires) of the stored row, or None; one query, written once."""
    alias = router.db_for_read(StoredPage)
    with connections[alias].cursor() as cursor:
        cursor.execute(_select_sql(alias), [path, language])
        return cursor.fetchone()


# The longest a stored page is kept without a change: a generation bump lost (a process that could not reach
# Redis and exited owing it) costs at most this much staleness, and one rendering per page and hour.
MAX_SECONDS = 3600


def _expiry(seconds: int | None) -> int:
    """Unix time the page expires: `seconds` from now, else at most MAX_SECONDS and never past midnight
    (dates and validity in effect change with the day)."""
    now = timezone.localtime()
    if seconds is not None:
        return int(now.timestamp()) + seconds
    midnight = (now + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return min(int(midnight.timestamp()), int(now.timestamp()) + MAX_SECONDS)


def _store(path: str, language: str, generation: int, page: "Stored", expires: int) -> None:
    """Upsert; two first readers storing the same page at once both rendered it from the same rows. A database
    that refuses the write (a failover, a timeout) costs the next reader a rendering, never this reader's page."""
    row = StoredPage(
        path=path, language=language, build=build_id(), generation=generation, expires=expires, body=page.body,
        digest=page.digest,
    )  # fmt: skip
    # One statement, in autocommit (a request, the task worker): a refused write leaves nothing to undo.
    try:
        with not_the_clients_write():
            StoredPage.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["path", "language"],
                update_fields=["build", "generation", "expires", "body", "digest", "rendered_at"],
            )
    except DatabaseError:
        logger.warning("stored page %s not stored", path, exc_info=True)


class NotStorable(Exception):
    """The view's page is not plain HTML the same for every reader (its CSRF token, a cookie, own headers)."""


def _storable(view_request, response) -> bool:
    """False for an answer that is not a page (404, redirect); NotStorable for a page that differs by reader."""
    if response.status_code != 200:
        return False
    if response.streaming or response.cookies or not response.get("Content-Type", "").startswith("text/html"):
        raise NotStorable
    if {name.lower() for name in response.headers} - PLAIN_HEADERS:
        raise NotStorable
    if "CSRF_COOKIE" in view_request.META or view_request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        raise NotStorable
    return True


@dataclass(frozen=True)
class Stored:
    """A stored page: its UTF-8 body with the markers in, and the body's MD5 (hex)."""

    body: bytes
    digest: str
    expires: int = 0  # Unix time (as stored; 0 for a page made per request)

    @classmethod
    def of(cls, body) -> "Stored":
        body = bytes(body)  # the driver's memoryview or bytes
        return cls(body, hashlib.md5(body, usedforsecurity=False).hexdigest())

    @classmethod
    def of_parts(cls, body: bytes, shell_digest: str, part: str) -> "Stored":
        """A page made of a stored shell (`shell_digest`) and a part rendered per request (a stored list's
        rows): its digest hashes the shell's with the part, not the whole body."""
        digest = hashlib.md5(shell_digest.encode(), usedforsecurity=False)
        digest.update(part.encode())
        return cls(body, digest.hexdigest())

    def response(self, request) -> HttpResponse:
        """The page as `request`'s reader gets it, with an ETag made from the digest and the markers' values
        (hashing the whole body per request was a fifth of a stored list page's CPU)."""
        body = self.body
        values = []
        for marker, value, count in stored_pages.substitutions(request):
            body = body.replace(marker.encode(), value.encode(), count)
            values.append(value)
        response = HttpResponse(body)
        tag = hashlib.md5(repr((self.digest, values)).encode(), usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{tag}"'
        return response


def render(view, path: str, language: str, args=(), kwargs=None, query: str | None = None) -> Stored | None:
    """`view`'s page at `path` (or a stored list's shell for `query`, "" for none: disclosure/stored_lists.py) in `language`
    with the markers in; None for a 404 or a redirect; NotStorable."""
    request = stored_pages.page_request(path, query)
    request.path_info = _path_info(path)
    request.resolver_match = resolve(request.path_info)
    request.LANGUAGE_CODE = language
    with translation.override(language), primary_reads(), caching.fresh_public_data():
        response = view(request, *args, **(kwargs or {}))
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
    if not _storable(request, response):
        return None
    return Stored.of(response.content)


def _path_info(path: str) -> str:
    """`path` without the site's script prefix (a deployment under /gongkai/), as the URL resolver wants it."""
    prefix = get_script_prefix()
    return "/" + path[len(prefix) :] if prefix != "/" and path.startswith(prefix) else path


def _is_canonical(path: str) -> bool:
    """Whether `path` is the address Django itself makes for its view and arguments: the table holds one row
    per page, not one per spelling a visitor (or a crawler) can invent."""
    match = resolve(_path_info(path))
    return match.view_name is not None and reverse(match.view_name, args=match.args, kwargs=match.kwargs) == path


def current(path: str, language: str, generation: int) -> Stored | None:
    """The stored page of `path` in `language` if it was rendered under `generation`, this build and has not
    expired; one query."""
    row = _read(path, language)
    if row is not None:
        body, digest, build, stored_generation, expires = row
        if build == build_id() and stored_generation == generation and expires > time.time():
            return Stored(bytes(body), digest, expires)
    return None


def render_and_store(view, key: str, path: str, language: str, generation: int, *, args=(), kwargs=None,
                     seconds: int | None = None, query: str | None = None) -> Stored | None:  # fmt: skip
    """Render `view`'s page (of `path`, with `query` for a list's shell) and store it under `generation` (read
    before rendering by the caller); None when it is not a page to store."""
    expires = _expiry(seconds)  # from before rendering: a page begun at 23:59:59 is one of that day
    try:
        page = render(view, path, language, args, kwargs, query)
    except NotStorable:
        _not_storable.add(key)
        return None
    except OperationalError:  # the primary unreachable (a failover): the readers' replica still serves the view
        logger.warning("stored page %s not rendered: the primary did not answer", path, exc_info=True)
        return None
    if page is None:
        return None
    _store(path if query is None else f"{path}?{query}", language, generation, page, expires)
    return Stored(page.body, page.digest, expires)


def page_for(view, key: str, path: str, args, kwargs, seconds: int | None) -> Stored | None:
    """The stored page of `path` in the active language (rendered and stored if not current), or None."""
    language = translation.get_language()
    try:
        generation = caching.public_generation()  # before rendering: see the module's docstring
    except caching.CacheUnavailable:
        return None
    page = current(path, language, generation)
    if page is not None:
        return page
    if not _is_canonical(path):
        return None  # `/column/org/017/`: the same page as `/column/org/17/`, never stored twice
    return render_and_store(view, key, path, language, generation, args=args, kwargs=kwargs, seconds=seconds)


def storable_view(view) -> bool:
    """Whether `view`'s pages have not proved unstorable in this process (a CSRF token, a cookie, own headers)."""
    return view_key(view) not in _not_storable


def view_key(view) -> str:
    return f"{view.__module__}.{getattr(view, '__qualname__', type(view).__name__)}"


def plain_page(view, seconds: int | None = None):
    """`view` wrapped so that anonymous readers of its plain address get its stored page (module docstring)."""
    key = view_key(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if key not in _not_storable and enabled() and stored_pages.servable(request):
            page = page_for(view, key, request.path, args, kwargs, seconds)
            if page is not None:
                return page.response(request)
        return view(request, *args, **kwargs)

    wrapper.plain_page = (view, seconds)
    return wrapper


def public_page(view, seconds: int | None = None):
    """The page cache (portal/caching.py) around a stored plain page: the usual wrapper of a public HTML view."""
    return caching.cache_public_page(plain_page(view, seconds))


# --- rendering ahead --------------------------------------------------------------------------------------------


def menu_paths() -> list[str]:
    """The plain pages every visitor can reach from the menu: rendered ahead after a change."""
    paths = [reverse("portal:home")] + [str(item["url"]) for item in registry.public_nav()]
    return [path for path in dict.fromkeys(paths) if "?" not in path and hasattr(resolve(path).func, "plain_page")]


def render_ahead(paths=None) -> int:
    """Render and store the plain pages at `paths` (the menu's by default) in every language; returns how many."""
    stored = 0
    if not enabled():
        return stored
    for path in paths or menu_paths():
        match = resolve(_path_info(path))  # Resolver404 for an address the site does not have
        if not hasattr(match.func, "plain_page") or not _is_canonical(path):
            raise ValueError(f"{path} is not the address of a stored plain page")
        view, seconds = match.func.plain_page  # functools.wraps copies it to the page cache's wrapper
        try:
            generation = caching.public_generation()
        except caching.CacheUnavailable:
            return stored
        for language, _name in settings.LANGUAGES:
            expires = _expiry(seconds)
            try:
                page = render(view, path, language, match.args, match.kwargs)
            except (NotStorable, Http404):  # a page that is not stored, or no longer there: the next one
                break
            if page is not None:
                _store(path, language, generation, page, expires)
                stored += 1
    return stored


RENDER_AHEAD_PENDING_KEY = "gongkai:plain-pages:render-ahead-pending"
RENDER_AHEAD_DELAY_SECONDS = 5  # a burst of changes (a review session, an import) renders the menu once


def schedule_render_ahead(*args, **kwargs) -> None:
    """After public content changed (caching.public_content_changed): queue one rendering of the menu's pages per
    burst of changes. Only when a worker runs the queue (a backend that can defer; with the immediate backend of
    development and tests the first readers render them, not the publishing request)."""
    from portal.tasks import render_plain_pages

    if enabled() and render_plain_pages.get_backend().supports_defer:
        caching.enqueue_once_per_burst(
            render_plain_pages,
            RENDER_AHEAD_PENDING_KEY,
            RENDER_AHEAD_DELAY_SECONDS,
            "rendering the menu's stored pages",
        )


def render_ahead_started() -> None:
    """Called by the task before it renders: a change from now on queues the next rendering."""
    caching.burst_started(RENDER_AHEAD_PENDING_KEY)


def forget_old() -> int:
    """Delete the rows that can no longer be served (another build or generation, expired); returns how many.

    They are never served anyway; this only keeps the table to the site's current pages (a deleted organisation's
    column pages, say). `manage.py render_plain_pages --forget-old` runs it."""
    try:
        generation = caching.public_generation()
    except caching.CacheUnavailable:
        return 0
    old = StoredPage.objects.exclude(build=build_id(), generation=generation, expires__gt=int(time.time()))
    with not_the_clients_write():
        deleted, _by_model = old.delete()
    return deleted
