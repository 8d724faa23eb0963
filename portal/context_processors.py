from django.conf import settings

from portal import registry


def site(request):
    """Site name, header navigation and the reader's display preference, for the base template."""
    display = request.COOKIES.get(settings.GONGKAI_DISPLAY_COOKIE, "")
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "public_nav": registry.public_nav(),
        "large_text": display == "large",
    }
