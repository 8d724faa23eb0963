"""The canonical address of a page (`<link rel="canonical">` in templates/base.html).

One address per page for search engines and for citizens sharing links: the site's configured address
(GONGKAI_SITE_URL, not whatever host or IP the request came in on), the path, and the query without empty
parameters — a filter form sends `?organisation=&domain=&q=低保`, which is the same page as `?q=低保`.
"""

from urllib.parse import urlencode

from django.conf import settings


def canonical_url(request) -> str:
    query = [(key, value) for key, values in request.GET.lists() for value in values if value.strip()]
    url = settings.GONGKAI_SITE_URL.rstrip("/") + request.path
    return f"{url}?{urlencode(query)}" if query else url


def canonical(request):
    """Context processor: `canonical_url` for the shell's head; `site_url` for a print view naming its page."""
    from portal import stored_pages

    url = stored_pages.CANONICAL_MARKER if stored_pages.is_storing_shell(request) else canonical_url(request)
    return {"canonical_url": url, "site_url": settings.GONGKAI_SITE_URL.rstrip("/")}
