"""Per-client hourly limits for public forms, in Django's default cache (Redis when DJANGO_CACHE_URL is set).

Two kinds of count, because they protect different things:
- lookups (`allow_lookup`) count every attempt: a wrong query code is exactly what a guesser produces;
- submissions count only ACCEPTED ones against the hourly limit (`allow_submission` before, then
  `record_submission` once accepted). A citizen correcting typos must not be locked out, nor the next person
  at a shared service-hall computer or behind a carrier's shared address. Attempts of any outcome still have
  a ceiling, ten times higher, so a flood of junk posts is stopped too.

`scope` names the form ("requests.apply", "requests.track", "interaction.message"…); `limit` is the number
per hour (an int, or a callable read at each call so settings overrides apply).

When the cache is unreachable the throttle never raises: it fails CLOSED for submissions (the form answers
"try again later", nothing is stored unthrottled) and OPEN for lookups (a citizen can still follow their
request), and logs the failure once until the cache answers again.

Exemptions: an app may vouch for a client that serves many people from one address (a service-hall terminal
registered by its organisation) with `register_exemption(check)`, `check(request) -> bool`, from its
AppConfig.ready(). An exempt request is neither counted nor refused; a check that fails counts as "not exempt".
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

ATTEMPTS_PER_ACCEPTED = 10
HOUR = 3600
# After a failure the cache is not asked again for this long: a hanging Redis costs one short socket timeout
# per process and outage, not several per request.
OUTAGE_SECONDS = 15
_cache_down = False  # so a dead cache is logged once, not at every request
_down_until = 0.0


_exemptions: list = []


def register_exemption(check) -> None:
    """Add `check(request) -> bool`: True exempts the request from every limit here (idempotent)."""
    if check not in _exemptions:
        _exemptions.append(check)


def unregister_exemption(check) -> None:
    if check in _exemptions:
        _exemptions.remove(check)


def is_exempt(request) -> bool:
    for check in _exemptions:
        try:
            if check(request):
                return True
        except Exception:  # a broken exemption never opens the gate, nor breaks the form
            logger.exception("throttle exemption %r failed", check)
    return False


def client_ip(request) -> str:
    """REMOTE_ADDR: behind a proxy, the deployment sets it from the trusted header, not from the client."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _limit(limit) -> int:
    return int(limit() if callable(limit) else limit)


def _key(request, scope: str) -> str:
    return f"gongkai:throttle:{scope}:{client_ip(request)}:{int(time.time() // HOUR)}"


class _Unavailable(Exception):
    """The cache failed moments ago: do not wait on it again yet."""


def _check_outage() -> None:
    if _down_until > time.monotonic():
        raise _Unavailable(f"cache failed within the last {OUTAGE_SECONDS} s")


def _healthy() -> None:
    global _cache_down
    _cache_down = False


def _failed(error: Exception) -> None:
    global _cache_down, _down_until
    if not _cache_down:
        logger.error("throttle cache unreachable (%s): submissions refused, lookups allowed", error)
    _cache_down = True
    if not isinstance(error, _Unavailable):
        _down_until = time.monotonic() + OUTAGE_SECONDS


def reset_outage() -> None:
    """Forget a remembered cache failure (tests; an operator's shell after fixing Redis)."""
    global _cache_down, _down_until
    _cache_down, _down_until = False, 0.0


def _count(request, scope: str) -> int:
    _check_outage()
    key = _key(request, scope)
    cache.add(key, 0, timeout=HOUR)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=HOUR)
        return 1


def allow_lookup(request, scope: str, limit) -> bool:
    """Count one lookup for this client in the current hour; False once the hourly limit is passed.
    Open when the cache is unreachable."""
    if is_exempt(request):
        return True
    try:
        allowed = _count(request, scope) <= _limit(limit)
    except Exception as error:  # any cache backend failure (connection refused, timeout…)
        _failed(error)
        return True
    _healthy()
    return allowed


def allow_submission(request, scope: str, limit) -> bool:
    """May this client submit now? Counts the attempt, not (yet) an accepted submission.
    Closed when the cache is unreachable."""
    if is_exempt(request):
        return True
    per_hour = _limit(limit)
    try:
        _check_outage()
        accepted = cache.get(_key(request, scope), 0)
        attempts = _count(request, f"{scope}:attempt")
    except Exception as error:
        _failed(error)
        return False
    _healthy()
    return attempts <= per_hour * ATTEMPTS_PER_ACCEPTED and accepted < per_hour


def record_submission(request, scope: str) -> None:
    """A submission was accepted: it counts against the client's hourly limit."""
    if is_exempt(request):
        return
    try:
        _count(request, scope)
    except Exception as error:
        _failed(error)
        return
    _healthy()
