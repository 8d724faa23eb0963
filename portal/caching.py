"""A shared cache of whole public pages for anonymous readers, invalidated by a generation number.

Why: at a million documents the queries of a list, detail or search page take about 10 ms, but rendering
takes 20–45 ms of Python against 1–2 ms for /healthz, so the pages reached only 4–16 % of /healthz
throughput (search 1–5 %) against targets of 50 % and 25 % (docs/performance.md, recommendation R5).
Anonymous citizens all see the same page for the same address, so the rendered response is kept in
Django's default cache (Redis when DJANGO_CACHE_URL is set, shared by every gunicorn worker).

Rules (`cache_public_page`):
- only anonymous GET and HEAD requests are served from or stored in the cache (HEAD is served from a
  stored GET but never stored);
- the key is the full URL with query (scheme and host included, as feeds and sitemaps print absolute
  links) + the active language + the display mode (the GONGKAI_DISPLAY_COOKIE cookie, one of
  `DISPLAY_MODES`) + the deployed static manifest's hash (`static_version()`: a deploy that changes CSS or
  JS changes the hashed file names pages link to, so pages rendered before it are never served after); the
  page is stored with the public-content generation it was rendered under and served only while that
  generation is current (one cache round trip reads both);
- never stored: non-200 responses, streaming responses, responses that set cookies, responses marked
  `Cache-Control: private` or `no-store`, pages that used a CSRF token (a per-visitor value) or that
  showed or queued django.contrib.messages; a request that carries messages bypasses the cache entirely;
- GONGKAI_PUBLIC_PAGE_CACHE_SECONDS (default 300) is the lifetime of a page; 0 turns the cache off.

`bump_public_generation()` makes every stored page unreachable at once. The apps call it from
post_save/post_delete of whatever citizens see (documents, attachments, catalogs, organisations), so a
withdrawn document disappears from cached pages on the next request. It increments both at once and
after the surrounding transaction commits: a page rendered from the old rows before the commit is
stored under a number that is no longer current. A missing generation (evicted, or Redis restarted)
starts again from a random number, never from a number that stored pages may already carry.

When the cache fails (Redis down, or hanging past the short socket timeout set in settings), pages are
rendered without it: the failure is logged, and for `OUTAGE_SECONDS` this process does not ask the cache
again, so a hanging Redis costs one timeout per process and outage, not one per request. A generation bump
that could not be written is retried when the cache answers again (docs/operations.md).
"""

import contextlib
import contextvars
import datetime as dt
import hashlib
import logging
import secrets
import time
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation

from portal import display

# Sent after a transaction that changed public content commits (`bump_public_generation`): apps that keep
# values computed from public content (supervision's indicators) listen and refresh them in the background.
public_content_changed = Signal()

GENERATION_KEY = "gongkai:public-generation"
CACHE_HEADER = "X-Public-Cache"
# After a cache failure, how long this process renders without the cache before trying it again.
OUTAGE_SECONDS = 15

logger = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    """The shared cache did not answer (or this process saw it fail moments ago)."""


class _Outage:
    """This process's view of the cache's health: when to try again, and a bump still owed."""

    until = 0.0
    bump_owed = False


def reset_outage() -> None:
    """Forget a remembered cache failure (tests; an operator's shell after fixing Redis)."""
    _Outage.until = 0.0
    _Outage.bump_owed = False


def _call(method, *args, **kwargs):
    """`cache.<method>(...)`, or CacheUnavailable when the cache fails or failed within OUTAGE_SECONDS."""
    if _Outage.until > time.monotonic():
        raise CacheUnavailable
    try:
        if _Outage.bump_owed:
            _raw_increment()
            _Outage.bump_owed = False  # only once paid: a retry that fails still owes it
        return getattr(cache, method)(*args, **kwargs)
    except ValueError:  # incr of a missing key: an answer, not a failure
        raise
    except Exception as error:  # redis.ConnectionError, TimeoutError, ...: the page never depends on the cache
        _Outage.until = time.monotonic() + OUTAGE_SECONDS
        logger.warning(
            "cache unavailable (%s: %s); serving without it for %ss", type(error).__name__, error, OUTAGE_SECONDS
        )
        raise CacheUnavailable from error


def _fresh_generation() -> int:
    return secrets.randbits(48)


def public_generation() -> int:
    """The current public-content generation (created if missing); CacheUnavailable if the cache fails."""
    generation = _call("get", GENERATION_KEY)
    if generation is None:
        _call("add", GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = _call("get", GENERATION_KEY)
    return generation


def count_up(key: str, seconds: int = 86400) -> int:
    """Add one to the counter `key` (created at 1, kept `seconds`) and return it; CacheUnavailable."""
    if _call("add", key, 1, timeout=seconds):
        return 1
    try:
        return _call("incr", key)
    except ValueError:  # expired between the two calls
        _call("add", key, 1, timeout=seconds)
        return 1


def _raw_increment() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing: any fresh random number differs from those stored pages carry
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)


# Inside `one_public_bump()`: the bumps asked for so far (a list), made once when the block ends.
_held_bumps: contextvars.ContextVar[list | None] = contextvars.ContextVar("held_public_bumps", default=None)


def _increment() -> None:
    try:
        _call("incr", GENERATION_KEY)
    except ValueError:  # missing: any fresh random number differs from those stored pages carry
        try:
            _call("add", GENERATION_KEY, _fresh_generation(), timeout=None)
        except CacheUnavailable:
            _Outage.bump_owed = True
    except CacheUnavailable:  # owed: paid on this process's next successful cache call
        _Outage.bump_owed = True


def bump_public_generation(*args, **kwargs) -> None:
    """Invalidate every cached public page, now and once more when the current transaction commits.

    Accepts and ignores signal arguments, so it can be connected to post_save/post_delete directly.
    """
    held = _held_bumps.get()
    if held is not None:
        held.append(True)
        return
    _increment()
    transaction.on_commit(_increment)
    transaction.on_commit(_announce)


def _announce() -> None:
    """Tell other apps that public content changed (committed), e.g. to recompute what they keep cached."""
    public_content_changed.send(sender=None)


@contextmanager
def one_public_bump():
    """Collapse every bump inside the block into one at its end, and make that one even if none was asked.

    For bulk changes (a 10,000-row import): each row's signal would cost two cache round trips.
    """
    token = _held_bumps.set([])
    try:
        yield
    finally:
        _held_bumps.reset(token)
    bump_public_generation()


# Inside `fresh_public_data()`: cached_public_data computes its value instead of reading the cache.
_fresh_data: contextvars.ContextVar[bool] = contextvars.ContextVar("fresh_public_data", default=False)


@contextmanager
def fresh_public_data():
    """While a page is rendered to be stored (portal/stored_pages.py, plain_pages.py) from the primary's rows,
    data kept by `cached_public_data` is computed afresh (and kept, replacing what was there): a value cached by
    a request a lagging replica served would otherwise be stored in the page under the new generation."""
    token = _fresh_data.set(True)
    try:
        yield
    finally:
        _fresh_data.reset(token)


def cached_public_data(name: str, compute, seconds: int = 300):
    """`compute()`'s value, kept in the cache under the public-content generation and the active language.

    For data that is the same for every visitor and changes only with published content, such as the
    list page's organisation and domain filter choices (docs/performance.md, R4). The value must pickle.
    """
    try:
        key = f"gongkai:data:{public_generation()}:{translation.get_language()}:{name}"
        value = None if _fresh_data.get() else _call("get", key)
    except CacheUnavailable:
        return compute()
    if value is None:
        value = compute()  # outside _call: an error of compute() is not the cache's
        with contextlib.suppress(CacheUnavailable):
            _call("set", key, value, seconds)
    return value


def _display_mode(request) -> str:
    return display.cookie_value(display.of_request(request))


def static_version() -> str:
    """The deployed static manifest's hash (ManifestStaticFilesStorage / whitenoise), "" without a manifest."""
    return getattr(staticfiles_storage, "manifest_hash", "") or ""


def page_cache_key(request) -> str:
    """The page's address, language, display mode and static deploy; the generation is stored with the page."""
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"gongkai:page:{static_version()}:{translation.get_language()}:{_display_mode(request)}:{url}"


def _message_storage(request):
    return getattr(request, "_messages", None)


def _carries_messages(request) -> bool:
    storage = _message_storage(request)
    return storage is not None and len(storage) > 0


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if cache_control & {"private", "no-store"}:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds this visitor's CSRF token
        return False
    storage = _message_storage(request)
    return storage is None or not (storage.used or len(storage) > 0)


def cache_public_page(view):
    """Serve anonymous GET/HEAD requests of a public read-only view from the shared page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = getattr(settings, "GONGKAI_PUBLIC_PAGE_CACHE_SECONDS", 0)
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or request.user.is_authenticated
            or _carries_messages(request)
        ):
            return view(request, *args, **kwargs)
        key = page_cache_key(request)
        try:
            # One round trip for the generation and the page; a page stored under another generation is stale.
            found = _call("get_many", [GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = public_generation()
        except CacheUnavailable:
            response = view(request, *args, **kwargs)
            response[CACHE_HEADER] = "unavailable"
            return response
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            cached = stored[1]
            cached[CACHE_HEADER] = "hit"
            return cached
        response = view(request, *args, **kwargs)
        response[CACHE_HEADER] = "miss"
        if request.method != "GET":
            return response

        def store(rendered):
            if _storable(request, rendered):
                with contextlib.suppress(CacheUnavailable):
                    _call("set", key, (generation, rendered), seconds)

        if getattr(response, "is_rendered", True):
            store(response)
        else:  # a TemplateResponse: store what it renders
            response.add_post_render_callback(store)
        return response

    return wrapper


def enqueue_once_per_burst(task, pending_key: str, delay_seconds: int, what: str) -> None:
    """Queue `task` to run `delay_seconds` from now, unless one queued by an earlier change has not started yet.

    For work that recomputes what changes made stale (the supervision dashboard's figures, the menu's stored
    pages): a burst of changes (a review session, an import) queues it once, and the task calls
    `burst_started(pending_key)` before it works, so a change from then on queues the next run. A cache or a
    queue that is down costs only the precomputation (logged as "could not queue <what>"): the next reader
    computes instead."""
    try:
        if not _call("add", pending_key, 1, timeout=delay_seconds + 300):
            return  # one is queued already; it runs after this change and sees it
    except CacheUnavailable:
        return
    try:
        task.using(run_after=timezone.now() + dt.timedelta(seconds=delay_seconds)).enqueue()
    except Exception:  # the queue being down: the next change tries again
        logger.exception("could not queue %s", what)
        with contextlib.suppress(CacheUnavailable):
            _call("delete", pending_key)


def burst_started(pending_key: str) -> None:
    """Called by a task of `enqueue_once_per_burst` before it works: a change from now on queues the next run."""
    with contextlib.suppress(CacheUnavailable):
        _call("delete", pending_key)
