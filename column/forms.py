"""Staff forms of the column's written parts. They check what a person typed; state rules are in services.py."""

import re

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from column.models import Guide, Leader, Profile, Rules
from portal.editing import VersionedFormMixin
from portal.uploads import check_upload
from portal.validators import validate_not_in_future

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHOTO_MAX_BYTES = 2 * 1024 * 1024
# Telephone and fax numbers as offices print them: 0318-7654321, (0318) 765 4321, 12345 转 2.
validate_phone = RegexValidator(
    r"^[0-9０-９+()（）\- 转、,，;；]{3,40}$", _("请填写有效的电话号码，如 0318-7654321。"), code="phone"
)


def _tidy(value: str) -> str:
    """Trim trailing spaces on every line and drop empty lines at the ends (text pasted from Word)."""
    return "\n".join(line.rstrip() for line in (value or "").strip().splitlines())


class PartForm(VersionedFormMixin, forms.ModelForm):
    """What the three part forms share: tidy multi-line text, validate phone-like fields."""

    PHONE_FIELDS = ("phone", "fax")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.PHONE_FIELDS:
            if name in self.fields:
                self.fields[name].validators.append(validate_phone)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 5)

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea) and isinstance(data.get(name), str):
                data[name] = _tidy(data[name])
        return data


class GuideForm(PartForm):
    class Meta:
        model = Guide
        fields = Guide.PUBLIC_FIELDS
        error_messages = {"fax": {"required": _("请填写传真号码（第十二条要求公布）。")}}

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if value and not re.fullmatch(r"\d{6}", value):
            raise forms.ValidationError(_("邮政编码为6位数字。"), code="postcode")
        return value


class RulesForm(PartForm):
    class Meta:
        model = Rules
        fields = Rules.PUBLIC_FIELDS
        widgets = {"adopted_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].validators.append(validate_not_in_future)


class ProfileForm(PartForm):
    class Meta:
        model = Profile
        fields = Profile.PUBLIC_FIELDS


class LeaderForm(VersionedFormMixin, forms.ModelForm):
    photo = forms.FileField(
        label=_("照片（可选，JPG 或 PNG，不超过 2 MB）"),
        required=False,
        help_text=_("不上传则保留原照片。"),
    )
    remove_photo = forms.BooleanField(label=_("删除照片"), required=False)

    class Meta:
        model = Leader
        fields = ["name", "post", "duties", "cv", "sort_order"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 3}), "cv": forms.Textarea(attrs={"rows": 5})}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        checked = check_upload(upload, max_bytes=PHOTO_MAX_BYTES)  # type by content, size, random stored name
        if checked.kind not in ("jpg", "jpeg", "png"):
            raise forms.ValidationError(_("照片须为 JPG 或 PNG 格式。"), code="photo_type")
        return upload

    def save(self, commit=True):
        leader = super().save(commit=False)
        if self.cleaned_data.get("photo"):
            leader.photo = self.cleaned_data["photo"]
        elif self.cleaned_data.get("remove_photo"):
            leader.photo = ""
        if commit:
            leader.save()
        return leader


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class ReasonForm(forms.Form):
    comment = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("请填写退回理由。")},
    )
