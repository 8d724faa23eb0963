"""Comments the portal writes on event rows, kept translatable: stored as [msgid, arguments] pairs.

An event's `comment` is the Chinese record (what the history said when it was written, the official language);
the `note` column keeps the same text as msgids marked with `gettext_noop` and their arguments, so a page shows it
in the reader's language. Arguments named in `choices` are a choice's value and show as its label.

    notes = event_note(gettext_noop("减免 %(amount)s元：%(reason)s"), amount="50", reason=reason)
    Event.objects.create(..., comment=record_text(notes), note=notes)
    event.display_comment   # render_notes(event.note) in the active language, else the typed comment
"""

from django.utils import translation
from django.utils.translation import gettext

RECORD_LANGUAGE = "zh-hans"


def event_note(msgid: str, **args) -> list:
    """A note (msgid: a gettext_noop string; args: JSON values, choice codes under their `choices` name)."""
    return [[msgid, args]]


def render_notes(notes, choices=None) -> str:
    """The notes in the active language; `choices` maps an argument's name to its TextChoices class."""
    choices = choices or {}
    parts = []
    for msgid, args in notes or []:
        shown = {
            name: str(choices[name](value).label) if name in choices and value in choices[name].values else value
            for name, value in (args or {}).items()
        }
        parts.append(gettext(msgid) % shown if shown else gettext(msgid))
    return "".join(parts)


def record_text(notes, choices=None) -> str:
    """The notes' Chinese text, for the record (`comment`)."""
    with translation.override(RECORD_LANGUAGE):
        return render_notes(notes, choices)
