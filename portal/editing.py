"""Edit conflicts: two editors saving the same object never silently overwrite each other.

A model that staff edit in a form carries an `edit_version` number, raised by one at every save. The edit
form carries the number the editor loaded (a hidden field, `VersionedFormMixin`); the service compares it
with the row it has locked (`check_version`) and raises `EditConflict` when someone saved in between. The
view then shows the form again with the editor's input kept, a list of what the other editor changed (from
the audit trail) and the new version number, so a second press of 保存 saves knowingly.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "在您编辑期间，%(who)s 已保存了此内容（%(when)s）。您填写的内容仍在下方，尚未保存；"
    "请对照下表核对，确认后再次点击保存将以您填写的内容为准。"
)


class EditConflict(ValidationError):
    """Someone saved the object since the editor loaded it; `current` is the saved row (locked)."""

    def __init__(self, current, loaded_version):
        self.current = current
        self.loaded_version = loaded_version
        super().__init__(_("此内容已被他人修改。"), code="edit_conflict")


def check_version(locked, loaded_version) -> None:
    """Raise EditConflict unless `locked` (the row under select_for_update) is still at `loaded_version`.

    `loaded_version` None means the caller carries no version (a script, the admin): no check."""
    if loaded_version is not None and locked.edit_version != loaded_version:
        raise EditConflict(locked, loaded_version)


def changes_since(obj, loaded_version):
    """What the audit trail recorded for `obj` after `loaded_version`: ({field name}, last actor, last time)."""
    from auditlog.models import LogEntry

    fields, actor, when = set(), None, None
    for entry in LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp", "-pk")[:50]:
        changes = entry.changes_dict
        version = changes.get("edit_version")
        if version is None:
            continue
        if actor is None and when is None:
            actor, when = entry.actor, entry.timestamp
        fields |= set(changes) - {"edit_version"}
        try:
            if int(version[0]) <= loaded_version:
                break
        except (TypeError, ValueError):
            break
    return fields, actor, when


def _display(form, name, value):
    field = form.fields[name]
    if value in (None, "", [], ()):
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "；".join(str(v) for v in value)
    if isinstance(field, forms.BooleanField):
        return str(_("是")) if value else str(_("否"))
    choices = dict(getattr(field, "choices", ()) or ())
    if isinstance(value, list | tuple):
        return "、".join(str(choices.get(v, v)) for v in value)
    return str(choices.get(value, value))


def _saved_value(obj, name):
    from django.db.models import ManyToManyField

    model_field = obj._meta.get_field(name)
    if isinstance(model_field, ManyToManyField):
        return list(getattr(obj, name).all())
    if model_field.is_relation:
        return getattr(obj, name)
    return getattr(obj, model_field.attname)


class VersionedFormMixin:
    """A ModelForm mixin: the hidden `edit_version` the editor loaded, and `show_conflict()` for the view."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=self.instance.edit_version if self.instance.pk else None
        )
        self.conflict = []  # rows of the conflict table (includes/edit_conflict.html)
        self.has_conflict = False

    @property
    def loaded_version(self):
        """The version the editor started from (None for a new object)."""
        if not self.instance.pk:
            return None
        value = self.cleaned_data.get("edit_version")
        return value if value is not None else self.instance.edit_version

    def show_conflict(self, conflict: EditConflict) -> None:
        """Keep the editor's input, list what the other editor changed, and accept the next save."""
        current = conflict.current
        changed, actor, when = changes_since(current, conflict.loaded_version)
        rows = []
        for name, field in self.fields.items():
            if name == "edit_version":
                continue
            saved = _display(self, name, _saved_value(current, name))
            typed = _display(self, name, self.cleaned_data.get(name))
            if name in changed or saved != typed:
                rows.append({"label": field.label, "saved": saved, "typed": typed, "by_other": name in changed})
        self.conflict, self.has_conflict = rows, True
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(current.edit_version)
        who = (actor.get_full_name() or actor.get_username()) if actor else _("其他工作人员")
        when_text = timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else _("刚刚")
        self.add_error(None, CONFLICT_MESSAGE % {"who": who, "when": when_text})
