"""One request budget per client address for the whole API, counted in Django's default cache.

The default cache is Redis when DJANGO_CACHE_URL is set, so every worker counts against the same budget.
The client is REMOTE_ADDR (REST_FRAMEWORK["NUM_PROXIES"] = 0): a client-sent X-Forwarded-For never picks
its own bucket. The rate is read on every request (GONGKAI_API_RATE; None switches the throttle off).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.GONGKAI_API_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
