"""The same submission twice within minutes (a double click, a reload, a second tab) becomes one.

Apps store `fingerprint(...)` of what the citizen sent on the record, and before creating a new one ask
`find_recent_duplicate(queryset, fp)`: when it answers, they show the citizen that earlier record instead.
Call it inside the transaction after taking the lock that serialises submissions (`codes.next_serial`
locks the counter row), so two identical posts racing each other still make one record.
"""

import datetime as dt
import hashlib
import json

from django.utils import timezone

DEFAULT_MINUTES = 10


def _normalise(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return f"pk:{value.pk}"
    return " ".join(str(value).split()).casefold()


def fingerprint(*parts) -> str:
    """A stable hex digest of the parts that make two submissions "the same" (case and spacing ignored)."""
    payload = json.dumps([_normalise(p) for p in parts], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def find_recent_duplicate(
    queryset, fingerprint: str, minutes: int = DEFAULT_MINUTES, *, field="fingerprint", time_field="submitted_at"
):
    """The earliest record of `queryset` with this fingerprint submitted in the last `minutes`, or None."""
    since = timezone.now() - dt.timedelta(minutes=minutes)
    return queryset.filter(**{field: fingerprint, f"{time_field}__gte": since}).order_by(time_field, "pk").first()
