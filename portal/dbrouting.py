"""Read replicas: public reads from a streaming replica, everything else from the primary.

With `DATABASE_REPLICA_URLS` set, settings add one database alias per replica (`replica_1`, …), this router
and `ReplicaRoutingMiddleware`. The rule is decided once per request, at its start, by the middleware:

- a replica serves a request only if it is a GET or HEAD from a visitor without a session cookie (so no staff
  member, nobody logged in, nobody with a tracking-page session) and without the read-your-writes cookie;
- everything else reads from the primary: other methods, anyone with a session, a client that wrote in the
  last `GONGKAI_REPLICA_STICKY_SECONDS` (the cookie `gk_primary`, set on the response to every request that
  wrote, so a citizen who has just applied sees their own application), management commands and the task
  worker (no request), anything inside a transaction, and every read after a write in the same request;
- writes always go to the primary; migrations run on the primary only (a replica copies them).

A replica that refuses or does not answer within `GONGKAI_REPLICA_CONNECT_TIMEOUT` seconds is skipped for
`OUTAGE_SECONDS` in this process (logged once per outage) and the request reads from the primary: a replica
being down costs at most one connect timeout per process and outage, never an error page.
"""

import contextlib
import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
STICKY_COOKIE = "gk_primary"
# How long a replica that failed to connect is left alone before this process tries it again.
OUTAGE_SECONDS = 15.0

# The alias this request reads from; None outside a request (commands, the task worker): the primary.
_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar("gongkai_read_alias", default=None)
# Whether this request has written (its later reads and its response then stick to the primary).
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_wrote", default=False)
# alias -> monotonic time until which the replica counts as down (per process).
_down_until: dict[str, float] = {}


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def wants_replica(method: str, cookies) -> bool:
    """Pure rule: may a request with this method and these cookies read from a replica?"""
    return method in {"GET", "HEAD"} and settings.SESSION_COOKIE_NAME not in cookies and STICKY_COOKIE not in cookies


def _usable(alias: str) -> bool:
    """Connect to the replica (or check the kept connection); a failure marks it down for OUTAGE_SECONDS."""
    if _down_until.get(alias, 0.0) > time.monotonic():
        return False
    try:
        # A kept connection to a replica that has died since the last request is noticed here (Django's
        # health check, once per request), not by the page's first query. At a request's start Django has
        # already marked the check as due (request_started); the test client skips that signal, so say it here.
        connections[alias].health_check_done = False
        connections[alias].close_if_health_check_failed()
        connections[alias].ensure_connection()
    except DatabaseError as error:
        if alias not in _down_until:
            logger.warning("read replica %s unavailable, reading from the primary: %s", alias, error)
        _down_until[alias] = time.monotonic() + OUTAGE_SECONDS
        connections[alias].close()
        return False
    if _down_until.pop(alias, None) is not None:
        logger.warning("read replica %s is back", alias)
    return True


def choose_replica() -> str:
    """A usable replica, chosen at random among those configured, or the primary if none answers."""
    if connections[PRIMARY].in_atomic_block:  # a transaction (and every test wrapped in one) stays on the primary
        return PRIMARY
    aliases = replica_aliases()
    random.shuffle(aliases)
    for alias in aliases:
        if _usable(alias):
            return alias
    return PRIMARY


@contextlib.contextmanager
def not_the_clients_write():
    """A write a public page makes on its own account (a stored rendering of what it read), not the client's:
    it neither sends the read-your-writes cookie (which would also keep the page out of the page cache) nor
    moves the request's later reads to the primary."""
    token = _wrote.set(_wrote.get())
    try:
        yield
    finally:
        _wrote.reset(token)


@contextlib.contextmanager
def primary_reads():
    """Reads inside come from the primary, as after a write: for what is rendered to be stored, which must not
    come from a replica's older copy of the rows (it would be kept after the replica caught up)."""
    token = _wrote.set(True)
    try:
        yield
    finally:
        _wrote.reset(token)


class ReplicaRouter:
    """Django database router: reads go where the middleware decided, writes and migrations to the primary."""

    def db_for_read(self, model, **hints):
        alias = _read_alias.get()
        if alias is None or alias == PRIMARY or _wrote.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return alias

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaRoutingMiddleware:
    """Decides, before any view or session code reads, which database this request reads from."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.sticky_seconds = int(getattr(settings, "GONGKAI_REPLICA_STICKY_SECONDS", 30))

    def __call__(self, request):
        alias = choose_replica() if wants_replica(request.method, request.COOKIES) else PRIMARY
        alias_token = _read_alias.set(alias)
        wrote_token = _wrote.set(False)
        try:
            response = self.get_response(request)
            wrote = _wrote.get()
        finally:
            _read_alias.reset(alias_token)
            _wrote.reset(wrote_token)
        response["X-Read-Database"] = "replica" if alias != PRIMARY and not wrote else "primary"
        if wrote or request.method not in {"GET", "HEAD"}:
            # Read-your-writes: the next requests of this client read from the primary until replicas caught up.
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=self.sticky_seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
