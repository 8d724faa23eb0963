"""Staff forms: Chinese messages, and what was typed is kept when a form is sent back."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalog.models import COLUMN_FIELDS, CatalogItem, Channel, NegativeListEntry
from catalog.spreadsheet import LIMITS
from portal.legal import WithholdingGround
from portal.uploads import detect_kind

XLSX_MAX_BYTES = getattr(settings, "GONGKAI_CATALOG_XLSX_MAX_BYTES", 5 * 1024 * 1024)
TICK_GROUPS = (
    (("audience_public", "audience_specific"), _("请至少勾选一种公开对象（全社会或特定群体）。")),
    (("mode_proactive", "mode_on_request"), _("请至少勾选一种公开方式（主动或依申请）。")),
    (("level_county", "level_township", "level_village"), _("请至少勾选一个公开层级。")),
)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


class CatalogItemForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("公开渠道和载体"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = CatalogItem
        fields = list(COLUMN_FIELDS)
        widgets = {
            "content_elements": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "time_limit": _("如：信息形成或者变更之日起20个工作日内；及时公开；实时。标准表述会被自动识别。"),
            "channels_other": _("上面没有的渠道写在这里，如：招标投标公共服务平台。"),
        }

    def __init__(self, *args, organisation, domain, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.domain = organisation, domain
        for name in ("content_elements", "time_limit", "responsible_body"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        # 一级+二级事项 identify a row when a spreadsheet is imported again, so they must be unique.
        twins = CatalogItem.objects.working().filter(
            organisation=self.organisation,
            domain=self.domain,
            first_level=data.get("first_level"),
            second_level=data.get("second_level"),
        )
        if self.instance.pk:
            twins = twins.exclude(pk=self.instance.pk)
        if twins.exists():
            self.add_error("second_level", _("本领域目录中已有相同的一级事项和二级事项。"))
        for names, message in TICK_GROUPS:
            if not any(data.get(n) for n in names):
                self.add_error(names[0], message)
        if not data.get("channels") and not data.get("channels_other"):
            self.add_error("channels", _("请至少选择一种公开渠道，或在“其他渠道”中填写。"))
        return data


class NotApplicableForm(forms.Form):
    reason = forms.CharField(
        label=_("不适用的理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如：本机构无此职能；本辖区无此类事项。"),
    )


class AdoptForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        label=_("标准指引事项"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少勾选一项标准指引事项。")},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = queryset


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NegativeListEntryForm(forms.ModelForm):
    class Meta:
        model = NegativeListEntry
        fields = ["scope", "ground", "legal_basis", "last_reviewed"]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "last_reviewed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        if WithholdingGround.needs_named_law(data.get("ground") or "") and not (data.get("legal_basis") or "").strip():
            self.add_error("legal_basis", _("选择“其他法律、法规规定”时，须写明具体的法律依据。"))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("目录表格（.xlsx）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("按标准目录格式（两行合并表头）填写的 Excel 文件，最大 %(mb)s MB；%(limits)s。") % {
            "mb": _megabytes(XLSX_MAX_BYTES), "limits": LIMITS.describe()
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > XLSX_MAX_BYTES:
            raise forms.ValidationError(_("文件过大：最大 %(mb)s MB。") % {"mb": _megabytes(XLSX_MAX_BYTES)})
        head = upload.read(8192)
        upload.seek(0)
        # The shared content check: an .xlsx name AND a zip package inside (not the name the browser sent alone).
        if detect_kind(upload.name, head) != "xlsx":
            raise forms.ValidationError(_("文件不是 Excel 工作簿（.xlsx）。如为 .xls 或 .csv，请在 Excel 中另存为 .xlsx 后上传。"))
        return upload
