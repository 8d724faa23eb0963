"""The audit log's actor for changes a service makes on behalf of `by` (django-auditlog).

AuditlogMiddleware records the request's user; services called from elsewhere (commands, tests, tasks) or on
behalf of someone else say who acted with `acting(by)` — or the `records_actor` decorator, which reads the
service's keyword-only `by`. The outer actor (the middleware's) is restored afterwards.
"""

from contextlib import contextmanager
from functools import wraps

from auditlog.context import auditlog_value, set_actor


@contextmanager
def acting(by):
    outer = auditlog_value.get(None)
    try:
        if by is None or not getattr(by, "is_authenticated", False):
            yield
            return
        with set_actor(by):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def records_actor(service):
    """Decorate a service whose changes are audit-logged (not evented): its `by` becomes the log's actor."""

    @wraps(service)
    def wrapper(*args, by, **kwargs):
        with acting(by):
            return service(*args, by=by, **kwargs)

    return wrapper
