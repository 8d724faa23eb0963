"""Per-client throttling of the public forms, in Django's default cache (Redis when DJANGO_CACHE_URL is set).

Two kinds of count, because they protect different things:
- tracking lookups count every attempt (a wrong query code is exactly what a guesser produces);
- applications count only ACCEPTED submissions against the hourly limit. A citizen correcting typos must not be
  locked out, nor the next person at a shared service-hall computer or behind a carrier's shared address.
  Attempts of any outcome still have a ceiling, ten times higher, so a flood of junk posts is stopped too.
"""

import time

from django.conf import settings
from django.core.cache import cache

ATTEMPTS_PER_ACCEPTED = 10


def client_ip(request) -> str:
    """REMOTE_ADDR: behind a proxy, the deployment sets it from the trusted header, not from the client."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _limit(scope: str) -> int:
    apply_limit = settings.GONGKAI_REQUESTS_APPLY_PER_HOUR
    return {
        "apply": apply_limit,
        "apply_attempt": apply_limit * ATTEMPTS_PER_ACCEPTED,
        "track": settings.GONGKAI_REQUESTS_TRACK_PER_HOUR,
    }[scope]


def _key(request, scope: str) -> str:
    return f"requests_app:throttle:{scope}:{client_ip(request)}:{int(time.time() // 3600)}"


def _count(request, scope: str) -> int:
    key = _key(request, scope)
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3600)
        return 1


def allow(request, scope: str) -> bool:
    """Count one attempt for this client in the current hour; False once the hourly limit is passed."""
    return _count(request, scope) <= _limit(scope)


def allow_application(request) -> bool:
    """May this client submit now? Counts the attempt, not (yet) an accepted application."""
    accepted = cache.get(_key(request, "apply"), 0)
    return allow(request, "apply_attempt") and accepted < _limit("apply")


def record_application(request) -> None:
    """An application was accepted: it counts against the client's hourly limit."""
    _count(request, "apply")
