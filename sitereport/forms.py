"""The staff form of the report's entered figures. Field rules and the cross-checks (sitereport.rules) here;
state rules in sitereport/services.py."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.editing import VersionedFormMixin
from portal.validators import validate_not_in_future
from sitereport import rules
from sitereport.models import SiteReport
from sitereport.services import EDITABLE_FIELDS

PHONE = re.compile(r"^[0-9()（）+\- ]{7,30}$")


class SiteReportForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SiteReport
        fields = EDITABLE_FIELDS
        widgets = {
            "filled_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "home_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        help_texts = {
            "site_name": _("留空则用本站设置的网站名称。"),
            "correction_note": _("更正已发布的报表时必填：更正了什么、为什么。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filled_on"].validators.append(validate_not_in_future)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField) and field.max_value is None:
                field.max_value = 2_000_000_000

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("请填写有效的联系电话（数字、空格、括号、加号和短横线）。"))
        return phone

    def clean(self):
        cleaned = super().clean()
        for field, message in rules.cross_check(cleaned):
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return cleaned


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("意见"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    comment = forms.CharField(label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class StartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
