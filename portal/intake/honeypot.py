"""A hidden field that people never see and robots fill in: the cheapest spam filter for public forms.

    class MessageForm(HoneypotMixin, forms.Form): ...
    if form.is_spam(): return redirect(...)   # before is_valid(); say nothing useful to robots

The template renders `form.website` inside `<div class="visually-hidden" aria-hidden="true">` (skipped by the
keyboard with tabindex=-1), its label telling anyone who meets it to leave it empty.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = self.fields.pop(HONEYPOT_FIELD)  # last, whatever the class order

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))
