"""Computed indicators kept in the shared cache, so the office's pages over every organisation stay fast.

Why: at a million documents, computing supervision's own indicators for 349 organisations takes about 1.3 s
of database time (docs/performance.md, "Supervision pages at 1M"), whatever the indexes: a year's documents
are counted several ways. The values are the same for every supervisor, so `cached(name, compute)` keeps
them under two generation numbers and serves them while both are current:

- the public-content generation (portal/caching.py), bumped by every document, catalog and organisation
  change (including a document's catalog items);
- the supervision generation (`bump()`), bumped by post_save/post_delete of the records the indicators read
  that citizens do not see: requests and their remedies and annual reports, document events and clean-ups,
  designations and trainings (and their attendees), memberships.

Both are bumped now and again when the transaction commits (a value computed from the old rows before the
commit is stored under a number no longer current). The key also holds the day (`as_of` moves with it) and
the lifetime GONGKAI_SUPERVISION_CACHE_SECONDS (default 600, 0 turns it off) bounds what a bulk
`QuerySet.update()` (which sends no signal) can leave stale. Off by default with a per-process memory cache
outside development: one worker's bump would not reach the others' copies. When the cache fails, values are
computed live (`portal.caching.cached_public_data`).
"""

import contextlib
import hashlib
import secrets

from django.conf import settings
from django.db import transaction

from portal import caching

GENERATION_KEY = "gongkai:supervision-generation"
# Set while a refresh of the dashboard's figures is queued, so a burst of changes queues one refresh.
REFRESH_PENDING_KEY = "gongkai:supervision-refresh-pending"
# How long after a change the refresh runs: changes of the next seconds (a batch publication) join it.
REFRESH_DELAY_SECONDS = 10


def seconds() -> int:
    return getattr(settings, "GONGKAI_SUPERVISION_CACHE_SECONDS", 0)


def _generation():
    value = caching._call("get", GENERATION_KEY)
    if value is None:
        caching._call("add", GENERATION_KEY, secrets.randbits(48), timeout=None)
        value = caching._call("get", GENERATION_KEY)
    return value


def _increment() -> None:
    try:
        caching._call("incr", GENERATION_KEY)
    except ValueError:  # missing: a fresh random number differs from those stored values carry
        with contextlib.suppress(caching.CacheUnavailable):
            caching._call("add", GENERATION_KEY, secrets.randbits(48), timeout=None)
    except caching.CacheUnavailable:  # nothing stored can be served while the cache is down either
        pass


def bump(*args, **kwargs) -> None:
    """Invalidate every cached indicator value, now and once more on commit (connectable to signals)."""
    _increment()
    transaction.on_commit(_increment)
    transaction.on_commit(schedule_refresh)


def schedule_refresh(*args, **kwargs) -> None:
    """Queue one background recomputation of the dashboard's figures (once per burst of changes).

    Only when values are cached and a worker runs the queue (a backend that can defer: with the immediate
    backend of development every save would recompute them in the request). A cache or queue that is down
    means the next visit computes them."""
    from supervision.tasks import refresh_dashboard

    if seconds() <= 0 or not refresh_dashboard.get_backend().supports_defer:
        return
    caching.enqueue_once_per_burst(
        refresh_dashboard, REFRESH_PENDING_KEY, REFRESH_DELAY_SECONDS, "the supervision dashboard refresh"
    )


def refresh_started() -> None:
    """Called by the refresh before it computes: a change from now on queues the next refresh."""
    caching.burst_started(REFRESH_PENDING_KEY)


def ids_key(ids) -> str:
    return hashlib.sha256(",".join(str(i) for i in sorted(ids)).encode()).hexdigest()[:32]


def cached(name: str, compute):
    """`compute()`'s value, cached under both generations (or computed live when the cache is off or fails)."""
    lifetime = seconds()
    if lifetime <= 0:
        return compute()
    try:
        generation = _generation()
    except caching.CacheUnavailable:
        return compute()
    return caching.cached_public_data(f"supervision:{generation}:{name}", compute, lifetime)


def connect_signals() -> None:
    """Bump on every change of the non-public records the indicators read (called from AppConfig.ready)."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from supervision.models import Training

    models = [
        *apps.get_app_config("requests_app").get_models(),
        apps.get_model("disclosure", "DocumentEvent"),
        apps.get_model("disclosure", "CleanupBatch"),
        apps.get_model("portal", "Membership"),
        apps.get_model("supervision", "Designation"),
        Training,
    ]
    for model in models:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(bump, sender=model, dispatch_uid=f"supervision-values-{name}-{model._meta.label}")
    m2m_changed.connect(bump, sender=Training.attendees.through, dispatch_uid="supervision-values-attendees")
    # Public content (documents, catalogs, organisations) has its own generation; refresh after it changes too.
    caching.public_content_changed.connect(schedule_refresh, dispatch_uid="supervision-refresh-on-publication")
