"""Chinese first: the interface is Simplified Chinese unless the visitor chooses English.

Django's LocaleMiddleware would follow the browser's Accept-Language header, so a phone set to English
would get an English portal without asking. Here only an explicit choice (the language switcher, which
sets Django's language cookie) changes the language.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
