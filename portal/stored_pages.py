"""Whole public pages stored for anonymous readers: rendered once, served with a few substitutions (issue #17).

Why: with a document's own part stored (disclosure/rendering.py) a page still cost about 4 ms of Python, most of
it the site shell (header, navigation, footer, context processors) and the other apps' slots, against 0.6 ms for
/healthz. Every anonymous reader of an address without a query string gets the same page except for a handful of
values, so the page is rendered once with markers in their place (`render`) and each request puts its own in
(`for_request`), without the template engine.

What differs between anonymous readers of the same address, and how it is put in:
- the display modes (the GONGKAI_DISPLAY_COOKIE cookie): the `<html>` classes and the header's toggle buttons,
  rendered once per process for each language and set of modes (`includes/display_toggles.html`);
- the host the request came in on: the SiteDomain label when the site identity names none, and the page's
  absolute address (URL_MARKER, e.g. in a document's article labels).
Nothing else may depend on the request: a stored page is rendered for a synthetic anonymous request of its path
(`page_request`), so it can be rendered by the task worker after a publication as well as by a first reader.

Served only to anonymous GET/HEAD requests without a query string (the canonical link and the forms' `next`
name the path only) and without django.contrib.messages waiting (`servable`); everything else is rendered the
usual way. `settings.GONGKAI_STORED_PAGES = False` turns serving off (the tests compare both ways).
"""

import functools
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template import loader
from django.utils import translation
from django.utils.html import conditional_escape

from portal import display

# The page's own absolute address (scheme, host and path as asked), e.g. in a document's article labels.
URL_MARKER = "gongkai-rendering-page-url"
HOST_MARKER = "gongkai-stored-page-host"
CLASSES_MARKER = "gongkai-stored-page-display-classes"
TOGGLES_MARKER = "<!-- gongkai-stored-page-display-toggles -->"
PATH_MARKER = "gongkai-stored-page-path"
# The page's path and query as asked (`request.get_full_path`: the language and display forms' `next`, the
# report-an-error link), escaped for HTML or, through `|urlencode`, quoted — two spellings of one marker.
FULL_PATH_MARKER = "gongkai:stored-page-full-path"
QUOTED_FULL_PATH_MARKER = quote(FULL_PATH_MARKER, safe="/")
# A stored list's shell (disclosure/stored_lists.py) serves every query of its filters: its canonical address
# (portal/canonical.py) is the reader's.
CANONICAL_MARKER = "gongkai:stored-page-canonical"
TOGGLES_TEMPLATE = "includes/display_toggles.html"
# The shell's templates: a stored page's build id includes their sources (disclosure.rendering.build_id).
SHELL_TEMPLATES = (
    "base.html",
    TOGGLES_TEMPLATE,
    "includes/site_identity.html",
    "includes/meta_labels.html",
)


def settings_signature() -> str:
    """What the shell shows from settings and the apps' declarations (a county's name, its identity, the menu), for
    the stored pages' build ids — in the site's own language: the menu's lazy labels would otherwise hash as the
    first reader's, and workers whose first readers differed would disagree (and overwrite each other's pages)."""
    from portal import registry

    shell = (settings.GONGKAI_SITE_NAME, settings.GONGKAI_SITE_URL, getattr(settings, "GONGKAI_SITE_IDENTITY", None))
    with translation.override(settings.LANGUAGE_CODE):
        return repr((shell, [{key: str(value) for key, value in item.items()} for item in registry.public_nav()]))


def enabled() -> bool:
    return getattr(settings, "GONGKAI_STORED_PAGES", True)


def servable(request, *, with_query: bool = False) -> bool:
    """Whether `request` may be answered with a stored page (anonymous, GET/HEAD, no query — unless the page is
    a stored list's shell, `with_query` — and no messages)."""
    # The synthetic request a page is rendered for, to be stored, is answered by its view (never from storage).
    if not enabled() or request.method not in ("GET", "HEAD") or is_storing(request):
        return False
    if request.META.get("QUERY_STRING") and not with_query:
        return False
    if request.user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return messages is None or len(messages) == 0


def is_storing(request) -> bool:
    """True while `request` is the synthetic request a stored page is rendered for (context processors ask)."""
    return getattr(request, "storing_page", False)


class _PageRequest(HttpRequest):
    def get_full_path(self, force_append_slash=False):
        return FULL_PATH_MARKER  # the reader's, with the cursors and spelling of their query (`substitutions`)


def is_storing_shell(request) -> bool:
    """True while `request` is the synthetic request of a stored list's shell (`page_request` with a query)."""
    return getattr(request, "storing_shell", False)


def page_request(path: str, query: str | None = None) -> HttpRequest:
    """A request of `path` as an anonymous reader with no cookies would send it, marked as being stored; with a
    `query` ("" for none), of a stored list's shell."""
    request = _PageRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.storing_shell = query is not None
    if query:
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
    request.user = AnonymousUser()
    request.storing_page = True
    return request


def render(template_name: str, context: dict, path: str, language: str) -> str:
    """The page at `path` in `language`, with markers where readers differ."""
    from portal.caching import fresh_public_data

    with translation.override(language), fresh_public_data():
        return loader.render_to_string(template_name, context, request=page_request(path))


def _toggles_uncached(language: str, modes: tuple[str, ...]) -> str:
    context = {"display_toggles": display.toggles(modes), "request": page_request(PATH_MARKER)}
    with translation.override(language):
        return loader.render_to_string(TOGGLES_TEMPLATE, context)


_toggles_cached = functools.lru_cache(maxsize=64)(_toggles_uncached)


def toggles_html(language: str, modes: tuple[str, ...]) -> str:
    """The header's display buttons for `modes` in `language`, with PATH_MARKER for the page's path and
    FULL_PATH_MARKER for its path and query (the form's `next`)."""
    return (_toggles_uncached if settings.DEBUG else _toggles_cached)(language, modes)


def substitutions(request) -> tuple[tuple[str, str, int], ...]:
    """(marker, `request`'s value, how many to replace: -1 for all) for each marker of a stored page."""
    from portal.canonical import canonical_url
    from portal.site_identity import current

    modes = display.of_request(request)
    classes = " ".join(mode.css_class for mode in display.DISPLAY_MODES if mode.code in modes)
    toggles = toggles_html(translation.get_language(), modes).replace(PATH_MARKER, conditional_escape(request.path))
    full_path = request.get_full_path()
    return (
        (CLASSES_MARKER, classes, 1),
        (TOGGLES_MARKER, toggles, 1),
        (HOST_MARKER, conditional_escape(current().site_domain or request.get_host()), -1),
        (URL_MARKER, conditional_escape(request.build_absolute_uri()), -1),
        (FULL_PATH_MARKER, conditional_escape(full_path), -1),
        (QUOTED_FULL_PATH_MARKER, quote(full_path, safe="/"), -1),
        (CANONICAL_MARKER, conditional_escape(canonical_url(request)), 1),
    )


def for_request(page: str, request) -> str:
    """A stored page as `request`'s reader gets it."""
    for marker, value, count in substitutions(request):
        page = page.replace(marker, value, count)
    return page


def response(page: str, request) -> HttpResponse:
    return HttpResponse(for_request(page, request))
