"""Logging filters."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """Keep the one-line "Forbidden" warning of a 403 but drop its traceback.

    A 403 is the permission gate doing its job (a member of one organisation trying another's page);
    a full traceback for each would bury the real errors in the log.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
