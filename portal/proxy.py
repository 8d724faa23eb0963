"""The client's address behind a reverse proxy (nginx in front of gunicorn, docs/deployment.md).

Throttles (`portal/intake/throttle.py`, `api/throttling.py`) and the login lockout count per REMOTE_ADDR.
Behind a proxy that is the proxy's own address, so every citizen would share one budget. When the direct
peer is one of `GONGKAI_TRUSTED_PROXIES` (addresses or networks), this middleware replaces REMOTE_ADDR with
the right-most address of X-Forwarded-For that is not itself a trusted proxy: the left part of that header
is whatever the client sent and is never believed. With no trusted proxies configured nothing changes.
"""

import ipaddress

from django.conf import settings


def parse_networks(values) -> list:
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip()]


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, networks) -> str:
    """Pure rule: the client's address given the direct peer, the X-Forwarded-For header and the trusted proxies."""
    if not networks or not _trusted(remote_addr, networks):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr  # a garbled header: keep the proxy's address rather than a client's invention
    return hops[0] if hops else remote_addr


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = parse_networks(getattr(settings, "GONGKAI_TRUSTED_PROXIES", []))

    def __call__(self, request):
        if self.networks:
            request.META["REMOTE_ADDR"] = client_address(
                request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), self.networks
            )
        return self.get_response(request)
