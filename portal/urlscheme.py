"""One address scheme for every app (docs/conventions.md, "URLs"):

    public pages   /<app>/…                         e.g. /catalog/org/12/social-assistance/
    staff pages    /staff/org/<org_pk>/<app>/…       e.g. /staff/org/12/catalog/social-assistance/

An app's urls.py keeps one URLconf (one namespace, so `reverse("catalog:staff_home", …)` names stay) and is
included at the site root; its staff routes start with `staff_prefix("<app>")`. So robots.txt's `/staff/`
covers every staff page, and tests/test_staff_urls.py sweeps every app's staff pages, by construction.
"""

import re

from django.urls import re_path
from django.views.generic import RedirectView

ORGANISATION_SCOPE = "staff/org/<int:org_pk>/"


def staff_prefix(segment: str) -> str:
    """`staff/org/<int:org_pk>/<segment>/`: the start of every staff route of the app mounted at `segment`."""
    return f"{ORGANISATION_SCOPE}{segment}/"


def retired_staff_prefix(old_prefix: str, segment: str):
    """A permanent redirect from a staff prefix an app used before the scheme (`catalog/staff/org/<id>/…`),
    so bookmarks keep working; query strings are kept."""
    target = f"/staff/org/%(org_pk)s/{segment}/%(rest)s"
    view = RedirectView.as_view(url=target, permanent=True, query_string=True)
    route = rf"^{re.escape(old_prefix)}staff/org/(?P<org_pk>[0-9]+)/(?P<rest>.*)$"
    return re_path(route, view, name="moved_staff_pages")
