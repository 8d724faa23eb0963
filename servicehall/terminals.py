"""Which browser is a registered terminal: a signed cookie carrying the terminal's id and current key.

The cookie is signed with SECRET_KEY (django.core.signing), so it cannot be made up; it names the key that was
current when staff activated the terminal, so re-issuing the key or switching the terminal off revokes it.
A registered terminal serves many visitors from one address, so the citizen-intake throttle exempts it
(`exempt_from_throttle`, registered with portal.intake.throttle in ServicehallConfig.ready()).
"""

from django.core import signing

COOKIE_NAME = "gk_terminal"
SALT = "gongkai.servicehall.terminal"
COOKIE_MAX_AGE = 5 * 365 * 24 * 3600  # a terminal stays registered until staff revoke it
_CACHED = "_gongkai_terminal"


def cookie_value(terminal) -> str:
    return signing.dumps({"t": terminal.pk, "k": terminal.key}, salt=SALT, compress=True)


def set_cookie(response, terminal, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE_NAME, cookie_value(terminal), max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax", secure=secure
    )


def clear_cookie(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")


def terminal_for(request):
    """The active Terminal this browser is registered as, or None (one query per request at most)."""
    if hasattr(request, _CACHED):
        return getattr(request, _CACHED)
    found = None
    raw = request.COOKIES.get(COOKIE_NAME)
    if raw:
        try:
            data = signing.loads(raw, salt=SALT)
        except signing.BadSignature:
            data = None
        if isinstance(data, dict) and isinstance(data.get("t"), int) and isinstance(data.get("k"), str):
            from servicehall.models import Terminal

            terminal = Terminal.objects.select_related("organisation").filter(pk=data["t"], is_active=True).first()
            if terminal is not None and signing.constant_time_compare(terminal.key, data["k"]):
                found = terminal
    setattr(request, _CACHED, found)
    return found


def exempt_from_throttle(request) -> bool:
    """portal.intake.throttle's exemption hook: a registered, active terminal is not throttled per address."""
    return terminal_for(request) is not None
