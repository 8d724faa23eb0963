"""Tracking numbers and query codes for anything citizens submit (requests, messages, sign-ups…).

A tracking number is `<PREFIX>-<year>-<serial>`, the serial gapless per (prefix, year) from a locked
`portal.TrackingCounter` row. A query code is shown to the citizen once; only its keyed hash is stored.
"""

import secrets

from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare, salted_hmac

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone
QUERY_CODE_LENGTH = 10


def format_tracking_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}-{year}-{serial:06d}"


def normalise_tracking_number(number: str) -> str:
    """What citizens type back: spaces dropped, upper case."""
    return "".join((number or "").split()).upper()


def next_serial(prefix: str, year: int) -> int:
    """The next serial for (prefix, year). Locks the counter row until the caller's transaction ends, so
    concurrent submissions get consecutive serials and a rolled-back one leaves no gap."""
    from portal.models import TrackingCounter

    for _attempt in range(3):
        counter = TrackingCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    TrackingCounter.objects.create(prefix=prefix, year=year, last_serial=0)
            except IntegrityError:  # another submission created the row first: lock theirs
                pass
            continue
        counter.last_serial += 1
        counter.save(update_fields=["last_serial"])
        return counter.last_serial
    raise RuntimeError("could not allocate a tracking number")


def next_tracking_number(prefix: str, year: int) -> str:
    """`YSQ-2026-000123`; call inside the transaction that saves the submission."""
    return format_tracking_number(prefix, year, next_serial(prefix, year))


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def hash_query_code(code: str, purpose: str) -> str:
    """Keyed with SECRET_KEY and `purpose` (e.g. "gongkai.requests.query_code"), so a code of one app never
    opens another's records. Spaces and case do not matter."""
    normalised = "".join((code or "").split()).upper()
    return salted_hmac(purpose, normalised, algorithm="sha256").hexdigest()


def check(code: str, stored_hash: str | None, purpose: str) -> bool:
    """Does `code` match `stored_hash`? Constant time; pass None for an unknown record and the same work is
    done, so a caller cannot tell a wrong code from an unknown number by timing."""
    expected = stored_hash or hash_query_code(new_query_code(), purpose)
    return constant_time_compare(expected, hash_query_code(code or "", purpose)) and stored_hash is not None
