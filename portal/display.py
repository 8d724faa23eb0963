"""Display modes for readers (适老化 and accessibility): large text (with read-aloud) and high contrast.

`DISPLAY_MODES` is the one list: the header's toggles, the cookie, the page-cache key and the accessibility
checks over every mode (tests) all read it; a new mode is one more entry plus its CSS class. The reader's
choice is a cookie (`settings.GONGKAI_DISPLAY_COOKIE`) holding the codes of the modes that are on, joined by
"." ("large", "large.contrast"); anything unknown in it is ignored.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DisplayMode:
    code: str  # in the cookie and the form
    css_class: str  # on <html> while the mode is on
    label_on: str  # the button while the mode is off: what pressing it turns on
    label_off: str  # the button while the mode is on: what pressing it goes back to


DISPLAY_MODES = (
    DisplayMode("large", "large-text", _("长者模式（大字）"), _("标准模式")),
    DisplayMode("contrast", "high-contrast", _("高对比度"), _("标准对比度")),
)
CODES = tuple(mode.code for mode in DISPLAY_MODES)


def sweep_values() -> tuple[str, ...]:
    """The cookie values the validators render every page in: standard, then each mode on its own."""
    return ("standard", *CODES)


def parse(value: str | None) -> tuple[str, ...]:
    """The known mode codes in a cookie value, in DISPLAY_MODES order."""
    given = set((value or "").split("."))
    return tuple(code for code in CODES if code in given)


def cookie_value(codes) -> str:
    """The cookie for these modes ("standard" when none is on)."""
    return ".".join(code for code in CODES if code in set(codes)) or "standard"


def switched(current: tuple[str, ...], code: str, on: bool) -> tuple[str, ...]:
    """The modes after turning `code` on or off (an unknown code changes nothing)."""
    wanted = set(current) | {code} if on else set(current) - {code}
    return tuple(c for c in CODES if c in wanted)


def of_request(request) -> tuple[str, ...]:
    return parse(request.COOKIES.get(settings.GONGKAI_DISPLAY_COOKIE))


def toggles(active: tuple[str, ...]) -> list[dict]:
    """What the header shows for each mode: whether it is on, and the button's label and next state."""
    return [
        {"mode": mode, "on": mode.code in active, "label": mode.label_off if mode.code in active else mode.label_on}
        for mode in DISPLAY_MODES
    ]
