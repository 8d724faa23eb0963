"""Counting visits without personal data and without a database write per page view.

Every countable page view (`countable`: a successful GET of a public HTML page by a browser that is not a bot
and not logged in) adds one to the day's counter in the shared cache (`incr`, created with `add`), and adds
the visitor to the day's set of unique visitors as a hash of address + user agent salted with a random salt
of the day (kept in the cache, never in the database; once the day's keys expire nobody can recompute the
hashes). With Redis the set is a HyperLogLog (`PFADD` / `PFCOUNT`: 12 kB per day, about 1 % error whatever
the traffic); with another cache backend (development, tests) it is a set of hash prefixes capped at
`FALLBACK_CAP` members — past the cap new visitors are no longer counted, so the figure is a lower bound.

The cache being down or slow never slows or breaks a page: every call goes through `portal.caching._call`
(short socket timeouts from settings, an outage remembered for 15 s) and a failure skips the counting.
`flush(today)` (`manage.py flush_site_visits`, daily) writes each finished day not yet in `DailyVisits`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets

from django.core.cache import cache
from django.utils import timezone

from portal.caching import CacheUnavailable, _call
from sitereport.models import DailyVisits

logger = logging.getLogger(__name__)

KEEP_DAYS = 40  # the counters outlive a month of failed flushes
FALLBACK_CAP = 50_000
PREFIX = "gongkai:visits"
NOT_COUNTED_PATHS = (
    "/staff/",
    "/admin/",
    "/accounts/",
    "/static/",
    "/media/",
    "/api/",
    "/healthz",
    "/hall/",
    "/display/",
)
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python|httpclient|java/|go-http|monitor|headless|preview", re.I
)


def countable(*, method: str, path: str, status: int, content_type: str, user_agent: str, logged_in: bool) -> bool:
    """Whether a response is a visit to count (pure; table-driven tests)."""
    return (
        method == "GET"
        and status == 200
        and content_type.startswith("text/html")
        and not logged_in
        and bool(user_agent)
        and not BOT_PATTERN.search(user_agent)
        and not path.startswith(NOT_COUNTED_PATHS)
    )


def _keys(day: dt.date) -> tuple[str, str, str]:
    stamp = day.isoformat()
    return f"{PREFIX}:{stamp}:views", f"{PREFIX}:{stamp}:visitors", f"{PREFIX}:{stamp}:salt"


def _redis_client():
    """The raw Redis client when the default cache is Django's RedisCache, else None."""
    backend = getattr(cache, "_cache", None)
    return backend.get_client(write=True) if hasattr(backend, "get_client") else None


_salts: dict[str, str] = {}  # this process's copy of the day's salt (one cache read per process and day)


def _salt(day: dt.date) -> str:
    salt_key = _keys(day)[2]
    salt = _salts.get(salt_key)
    if salt is None:
        _call("add", salt_key, secrets.token_hex(16), timeout=KEEP_DAYS * 86400)
        salt = _call("get", salt_key)
        if salt is None:
            raise CacheUnavailable
        _salts.clear()
        _salts[salt_key] = salt
    return salt


def visitor_hash(salt: str, address: str, user_agent: str) -> str:
    return hashlib.sha256(f"{salt}\x00{address}\x00{user_agent}".encode()).hexdigest()[:16]


def record(address: str, user_agent: str, *, today: dt.date | None = None) -> None:
    """Count one visit; a cache that fails skips it silently (logged once per outage by portal.caching)."""
    day = today or timezone.localdate()
    views, visitors, _salt_key = _keys(day)
    try:
        try:
            _call("incr", views)
        except ValueError:  # the day's first visit (or an evicted key)
            if not _call("add", views, 1, timeout=KEEP_DAYS * 86400):
                _call("incr", views)
        digest = visitor_hash(_salt(day), address, user_agent)
        client = _redis_client()
        if client is not None:
            _call_redis(client.pfadd, cache.make_key(visitors), digest)
            _call_redis(client.expire, cache.make_key(visitors), KEEP_DAYS * 86400)
        else:
            seen = _call("get", visitors) or set()
            if digest not in seen and len(seen) < FALLBACK_CAP:
                seen.add(digest)
                _call("set", visitors, seen, timeout=KEEP_DAYS * 86400)
    except CacheUnavailable:
        return


def _call_redis(method, *args):
    """A raw Redis command (the socket timeouts of settings apply); its failure is the cache failing."""
    try:
        return method(*args)
    except Exception as error:  # the raw client failing: count this as the cache failing
        raise CacheUnavailable from error


def read_day(day: dt.date) -> tuple[int, int] | None:
    """(visits, visitors) the cache holds for `day`, or None when it holds no counter for it."""
    views, visitors, _salt_key = _keys(day)
    count = _call("get", views)
    if count is None:
        return None
    client = _redis_client()
    if client is not None:
        unique = int(_call_redis(client.pfcount, cache.make_key(visitors)) or 0)
    else:
        unique = len(_call("get", visitors) or ())
    return int(count), unique


def flush(today: dt.date | None = None) -> list[DailyVisits]:
    """Write every finished day of the last KEEP_DAYS not yet in `DailyVisits` (idempotent: a day is written once).

    Raises CacheUnavailable when the cache does not answer; the counters stay there for the next run.
    """
    today = today or timezone.localdate()
    days = [today - dt.timedelta(days=n) for n in range(1, KEEP_DAYS + 1)]
    done = set(DailyVisits.objects.filter(day__in=days).values_list("day", flat=True))
    written = []
    for day in sorted(set(days) - done):
        figures = read_day(day)
        if figures is None:
            continue
        row, _created = DailyVisits.objects.get_or_create(
            day=day, defaults={"visits": figures[0], "visitors": figures[1]}
        )
        written.append(row)
    return written
