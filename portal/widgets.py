"""Widgets for choices that are data, not interface: names from the database stay Chinese in English pages."""

from django import forms


class DataSelect(forms.Select):
    """A <select> whose options (organisation, message-type names) are Chinese data from the database.

    Each real option carries `lang="zh-CN"` so screen readers switch voice in English pages (WCAG 3.1.2);
    the empty option is an interface string ("请选择", translated) and keeps the page's language.
    """

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value not in ("", None):
            option["attrs"] = {**option["attrs"], "lang": "zh-CN"}
        return option
