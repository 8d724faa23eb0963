from django.conf import settings

from portal import display, registry, site_identity, stored_pages


def site(request):
    """What the base template needs on every page: the site's name and identity (footer, <meta> labels),
    the header navigation, and the reader's display modes (portal/display.py); for a page being stored
    (portal/stored_pages.py) markers where readers differ."""
    active = display.of_request(request)
    identity = site_identity.current()
    if stored_pages.is_storing(request):  # what differs between readers: markers, put in per request
        return {
            "site_name": settings.GONGKAI_SITE_NAME,
            "site_identity": identity,
            "site_domain": identity.site_domain or stored_pages.HOST_MARKER,
            "public_nav": registry.public_nav(),
            "large_text": False,
            "display_toggles_marker": stored_pages.TOGGLES_MARKER,
            "display_classes": stored_pages.CLASSES_MARKER,
        }
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "site_identity": identity,
        "site_domain": identity.site_domain or request.get_host(),
        "public_nav": registry.public_nav(),
        "large_text": "large" in active,
        "display_toggles": display.toggles(active),
        "display_classes": " ".join(mode.css_class for mode in display.DISPLAY_MODES if mode.code in active),
    }
