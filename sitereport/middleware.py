"""Counts public page views into the shared cache (`sitereport.visits`): no database write, no personal data kept,
and a failing cache costs the page nothing (the counting is skipped). REMOTE_ADDR is the client's address
(portal.proxy.TrustedProxyMiddleware runs first)."""

import logging

from sitereport import visits

logger = logging.getLogger(__name__)


class VisitCountingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        user_agent = request.META.get("HTTP_USER_AGENT", "")
        if visits.countable(
            method=request.method,
            path=request.path_info,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            user_agent=user_agent,
            logged_in=bool(user is not None and user.is_authenticated),
        ):
            try:
                visits.record(request.META.get("REMOTE_ADDR", ""), user_agent[:300])
            except Exception:  # counting must never break a page
                logger.exception("visit not counted")
        return response
