"""What a document's validity is on a given day: a repeal or expiry recorded with a future effective date
(a clean-up announcing "自2027年1月1日起废止") takes effect only from that date.

The stored `validity` is the decision; `validity_changed_on` is when it takes effect. Pages ask `validity_on`
rather than comparing the stored value, so a document reads "将于…废止" until the day and "已废止" from it; lists,
exports and the API filter with `in_effect_q` (`Document.objects.in_effect(state)`), the same rule in SQL.
"""

import datetime as dt
from typing import NamedTuple

from django.db.models import Q

VALID, EXPIRED, REPEALED = "valid", "expired", "repealed"


class ValidityNow(NamedTuple):
    state: str  # "valid", "expired" or "repealed" on the day asked
    pending: str  # the decided change not yet in effect ("expired"/"repealed"), or ""
    effective_on: dt.date | None

    @property
    def is_valid(self) -> bool:
        """Valid on the day asked (a change announced for later leaves it valid until then)."""
        return self.state == VALID


def validity_on(validity: str, changed_on: dt.date | None, today: dt.date) -> ValidityNow:
    """Pure rule: the validity in effect on `today`, and a change announced for later."""
    if validity == VALID:
        return ValidityNow(VALID, "", None)
    if changed_on is not None and changed_on > today:
        return ValidityNow(VALID, validity, changed_on)
    return ValidityNow(validity, "", changed_on)


def in_effect_q(state: str, today: dt.date) -> Q:
    """`validity_on` as a query: documents whose validity in effect on `today` is `state`."""
    pending = Q(validity_changed_on__gt=today)
    if state == VALID:
        return Q(validity=VALID) | pending
    return Q(validity=state) & ~pending  # ~ keeps a decision with no date (in effect at once)
