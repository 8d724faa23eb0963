"""The site's own middleware: the interface language, and 405 answers in the site's shell.

Chinese first: the interface is Simplified Chinese unless the visitor chooses English. Django's
LocaleMiddleware would follow the browser's Accept-Language header, so a phone set to English would get an
English portal without asking. Here only an explicit choice (the language switcher, which sets Django's
language cookie) changes the language — so responses vary by Cookie, never by Accept-Language, and HTTP
caches must be told exactly that (`Vary: Cookie`; the display-mode cookie changes pages too).
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # The language and the display mode come from cookies only (no i18n URL prefixes here).
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class StyledMethodNotAllowedMiddleware:
    """Turn Django's bare 405 (`require_POST`, `require_safe`, a class view's method list) into the site's page.

    The Allow header stays; the API keeps its own JSON answers (DRF responses are not HttpResponseNotAllowed).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or request.path.startswith("/api/"):
            return response
        styled = render(request, "405.html", {"allowed": response["Allow"]}, status=405)
        styled["Allow"] = response["Allow"]
        return styled
