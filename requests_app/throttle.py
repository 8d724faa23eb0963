"""Per-client throttling of the public forms, with Django's default cache (no extra service)."""

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """REMOTE_ADDR: behind a proxy, the deployment sets it from the trusted header, not from the client."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, scope: str) -> bool:
    """Count one attempt for this client in the current hour; False once the hourly limit is passed."""
    limits = {
        "apply": getattr(settings, "GONGKAI_REQUESTS_APPLY_PER_HOUR", 10),
        "track": getattr(settings, "GONGKAI_REQUESTS_TRACK_PER_HOUR", 30),
    }
    key = f"requests_app:throttle:{scope}:{client_ip(request)}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limits[scope]
