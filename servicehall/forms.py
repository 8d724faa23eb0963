"""The kiosk's forms: requests_app's own forms, with nothing a browser would remember for the next visitor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from requests_app.forms import ApplicationForm, TrackingForm
from servicehall.models import Terminal


def _no_memory(form) -> None:
    """autocomplete=off on the form's every field: a shared terminal must not offer one visitor's name, ID number
    or phone to the next (the template sets it on the <form> too)."""
    for field in form.fields.values():
        field.widget.attrs["autocomplete"] = "off"
        field.widget.attrs.setdefault("autocapitalize", "off")


class KioskApplicationForm(ApplicationForm):
    def __init__(self, *args, terminal=None, **kwargs):
        super().__init__(*args, **kwargs)
        _no_memory(self)
        if terminal is not None and not self.is_bound:
            accepting = self.fields["organisation"].queryset
            if accepting.filter(pk=terminal.organisation_id).exists():
                self.initial["organisation"] = terminal.organisation_id


class KioskTrackingForm(TrackingForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_memory(self)


class DocumentLookupForm(forms.Form):
    q = forms.CharField(
        label=_("文件名称、文号或关键词"), max_length=100, widget=forms.TextInput(attrs={"type": "search"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_memory(self)


class TerminalForm(forms.ModelForm):
    class Meta:
        model = Terminal
        fields = ["name", "location"]
