"""Staff forms of village affairs. Field rules here; state rules in villages/services.py."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.editing import VersionedFormMixin
from portal.validators import validate_not_in_future
from villages import services
from villages.models import Column, VillageContact, VillageItem
from villages.spreadsheet import LIMITS, MAX_UPLOAD_BYTES

FINANCE_FIELDS = ("year", "quarter", "income", "spending", "assets", "debts")
NEEDED = _("“%(column)s”栏目须填写此项。")


class VillageItemForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = VillageItem
        fields = [
            "column", "title", "body", "happened_on", "year", "quarter", "income", "spending", "assets", "debts",
            "benefit_kind", "catalog_item",
        ]  # fmt: skip
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "column": forms.RadioSelect,
        }
        help_texts = {
            "year": _("财务收支：按季度公开，填写所属年度和季度。"),
            "benefit_kind": _("补贴和救助名单：保存后在事项页面导入名单（xlsx）。"),
            "catalog_item": _("本事项落实的本乡镇（街道）标准目录事项（现行公开的目录），可不选。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].choices = Column.choices
        self.fields["happened_on"].validators.append(validate_not_in_future)
        for name in ("income", "spending", "assets", "debts"):
            self.fields[name].min_value = 0
            self.fields[name].widget.attrs.setdefault("min", "0")
        self.fields["year"].widget.attrs.update({"min": "2000", "max": str(timezone.localdate().year)})
        catalog_item = self.fields["catalog_item"]
        catalog_item.queryset = (
            services.catalog_items_for(self.instance.village)
            .select_related("domain")
            .order_by("domain__number", "sort_order", "pk")
        )
        catalog_item.label_from_instance = lambda entry: f"{entry.domain.name} · {entry}"
        catalog_item.empty_label = _("（不对应目录事项）")

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 2000 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("年度应在2000年到今年之间。"))
        return year

    def clean(self):
        cleaned = super().clean()
        column = cleaned.get("column")
        label = {"column": Column(column).label} if column else {}
        if column == Column.FINANCES:
            for name in FINANCE_FIELDS:
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, NEEDED % label)
            year, quarter = cleaned.get("year"), cleaned.get("quarter")
            if year and quarter:
                today = timezone.localdate()
                first_day = dt.date(year, (quarter - 1) * 3 + 1, 1)
                if first_day > today:
                    self.add_error("quarter", _("该季度尚未开始，不能公开其财务收支。"))
        else:
            for name in FINANCE_FIELDS:
                cleaned[name] = None
        if column == Column.BENEFITS:
            if not cleaned.get("benefit_kind") and "benefit_kind" not in self.errors:
                self.add_error("benefit_kind", NEEDED % label)
        else:
            cleaned["benefit_kind"] = ""
        return cleaned


class BenefitListForm(forms.Form):
    file = forms.FileField(
        label=_("名单文件（xlsx）"),
        help_text=_("第一行为表头：户主姓名、身份证号码、家庭人口、金额（元）、备注；每行一户。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的工作簿。"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过2 MB，请拆分后分别导入。"))
        return upload

    @staticmethod
    def limits() -> str:
        return LIMITS.describe()


class VillageContactForm(forms.ModelForm):
    class Meta:
        model = VillageContact
        fields = ["name", "post", "duties", "phone", "sort_order"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(c.isdigit() or c in "-+() " for c in phone):
            raise forms.ValidationError(_("请输入有效的电话号码（数字，可含区号和“-”）。"))
        return phone


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("意见"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    comment = forms.CharField(label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
