"""Conditional GET for the API: an ETag on every successful GET/HEAD, Last-Modified where a view knows it.

The ETag is a hash of the rendered body (Django's `set_response_etag`), so it changes exactly when the
answer does, whatever changed underneath (a withdrawal, a renamed organisation, a new request counted in
an annual report). A client that sends it back in If-None-Match gets 304 Not Modified without the body.
"""

from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date

# Shared caches may keep an answer this long before asking again with the ETag.
MAX_AGE = 60


class ConditionalGetMixin:
    """Mixed into every API view; a view sets `self.last_modified` (an aware datetime) when it knows it."""

    last_modified = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        timestamp = None
        if self.last_modified is not None:
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        patch_vary_headers(response, ("Cookie",))  # the language cookie picks the labels' language
        return get_conditional_response(
            request._request, etag=response["ETag"], last_modified=timestamp, response=response
        )
