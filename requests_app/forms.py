"""Public forms: the online application and the tracking lookup. Errors are Chinese and keep the input."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.intake.honeypot import HoneypotMixin
from portal.models import Organisation, OrganisationKind
from portal.validators import normalise_code, validate_credit_code, validate_resident_id
from portal.widgets import DataSelect
from requests_app.deadlines import REGULATIONS_IN_FORCE
from requests_app.models import APPLICANT_FIELDS, ApplicantCategory, Delivery, IdentityDocument, InformationRequest

PHONE_RE = re.compile(r"^[0-9+\-() ]{7,20}$")


def organisations_accepting_requests():
    """Organs that answer requests: governments, departments, townships and streets (not village committees)."""
    return Organisation.objects.active().exclude(kind__in=[OrganisationKind.VILLAGE, OrganisationKind.COMMUNITY])


class ApplicantFieldsForm(forms.ModelForm):
    """The applicant's data with the GB check-digit rules; shared by the public form and staff intake."""

    class Meta:
        model = InformationRequest
        fields = ["organisation", *APPLICANT_FIELDS]
        widgets = {
            "organisation": DataSelect,
            "applicant_category": forms.RadioSelect,
            "preferred_form": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "applicant_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "id_document_number": _("居民身份证号码按 GB 11643 校验，统一社会信用代码按 GB 32100 校验。"),
            "email": _("填写后，受理编号和查询码将发送到该邮箱；选择电子邮件方式获取信息时必填。"),
            "postal_address": _("选择邮寄方式获取信息时必填。"),
        }
        error_messages = {
            field: {"required": _("请填写此项。"), "invalid_choice": _("请从列表中选择。")}
            for field in ["organisation", *APPLICANT_FIELDS]
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:  # staff intake: the organisation is the one in the URL
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations_accepting_requests()
            self.fields["organisation"].label = _("向哪个机关申请")
            self.fields["organisation"].empty_label = _("请选择")
        for name in ("applicant_category", "preferred_form", "delivery"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["email"].error_messages["invalid"] = _("请输入有效的电子邮箱地址。")
        self.fields["id_document_type"].choices = [("", _("请选择")), *IdentityDocument.choices]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise ValidationError(_("请输入有效的联系电话（数字，可含区号和“-”）。"))
        return phone

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("applicant_category")
        doc_type = cleaned.get("id_document_type")
        number = cleaned.get("id_document_number")
        if category and doc_type:
            natural = category == ApplicantCategory.NATURAL_PERSON
            if natural and doc_type == IdentityDocument.CREDIT_CODE:
                self.add_error("id_document_type", _("自然人请选择居民身份证、护照或其他有效证件。"))
            if not natural and doc_type in (IdentityDocument.RESIDENT_ID, IdentityDocument.PASSPORT):
                self.add_error("id_document_type", _("法人或其他组织请填写统一社会信用代码或其他有效证件。"))
        if doc_type and number:
            if doc_type in (IdentityDocument.RESIDENT_ID, IdentityDocument.CREDIT_CODE):
                number = normalise_code(number)
                validator = validate_resident_id if doc_type == IdentityDocument.RESIDENT_ID else validate_credit_code
                try:
                    validator(number)
                except ValidationError as error:
                    self.add_error("id_document_number", error)
            cleaned["id_document_number"] = number.strip()
        delivery = cleaned.get("delivery")
        if delivery == Delivery.EMAIL and not cleaned.get("email"):
            self.add_error("email", _("选择电子邮件方式获取信息时，请填写电子邮箱。"))
        if delivery == Delivery.POST and not cleaned.get("postal_address"):
            self.add_error("postal_address", _("选择邮寄方式获取信息时，请填写通信地址。"))
        return cleaned


class ApplicationForm(HoneypotMixin, ApplicantFieldsForm):
    """The public online form; `website` is the honeypot (portal/intake/honeypot.py)."""

    def applicant_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in APPLICANT_FIELDS}


class TrackingForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("受理编号"),
        max_length=30,
        help_text=_("如 YSQ-2026-000123"),
        error_messages={"required": _("请填写受理编号。")},
    )
    query_code = forms.CharField(
        label=_("查询码"),
        max_length=30,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        error_messages={"required": _("请填写查询码。")},
    )


class DueDateCalculatorForm(forms.Form):
    """The public due-date calculator: one receipt date in, the statutory deadlines out."""

    received_on = forms.DateField(
        label=_("收到申请日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("网上和传真申请为双方确认之日；当面提交为提交之日；邮寄为签收或确认之日。"),
    )

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on < REGULATIONS_IN_FORCE:
            raise forms.ValidationError(_("请输入2019年5月15日（现行条例施行之日）以后的日期。"))
        latest = dt.date(timezone.localdate().year + 1, 12, 31)
        if received_on > latest:
            raise forms.ValidationError(_("只能计算到明年年底，请核对年份。"))
        return received_on
