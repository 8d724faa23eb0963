"""The one refusal every service raises: "the rules do not allow this now", with a message for people.

Services raise `Refusal(_("…"), code="…")`; views catch it and show the message (a form error or a
flash message) and keep the input. It is a ValidationError, so `form.add_error(None, refusal)` and
admin forms take it as they are, and `str(refusal)` is the message itself.
"""

from django.core.exceptions import ValidationError


class Refusal(ValidationError):
    """An action the rules refuse now. `message` is translatable (gettext_lazy or gettext); `code` optional."""

    def __init__(self, message, code=None, params=None):
        super().__init__(message, code=code, params=params)

    def __str__(self):
        return " ".join(str(message) for message in self.messages)
