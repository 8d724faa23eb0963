"""Public and staff forms. Field rules here; state rules in services.py."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from interaction.models import ErrorKind, Interview, Mailbox, MessageStatus, MessageType
from interaction.services import organisations_taking_messages
from portal.intake.honeypot import HoneypotMixin
from portal.uploads import check_upload
from portal.widgets import DataSelect

PHONE_RE = re.compile(r"^[0-9+\-() ]{7,20}$")
MONTH_RE = re.compile(r"^\d{4}-\d{2}$")
MESSAGE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
REQUIRED = {"required": _("请填写此项。"), "invalid_choice": _("请从列表中选择。")}
DUE_FILTERS = [
    ("soon", _("即将到期")),
    ("overdue", _("已超期")),
    ("2months", _("超过2个月未答复")),
    ("3months", _("超过3个月未答复")),
]


class MessageForm(HoneypotMixin, forms.Form):
    mailbox = forms.ChoiceField(label=_("写信给"), choices=Mailbox.choices, widget=forms.RadioSelect,
                                initial=Mailbox.ORGANISATION, error_messages=REQUIRED)  # fmt: skip
    organisation = forms.ModelChoiceField(
        label=_("部门信箱"), queryset=None, required=False, empty_label=_("请选择"), error_messages=REQUIRED,
        widget=DataSelect,
        help_text=_("选择“县长信箱”时无需选择。"),
    )  # fmt: skip
    message_type = forms.ModelChoiceField(label=_("留言类型"), queryset=None, empty_label=_("请选择"),
                                          error_messages=REQUIRED, widget=DataSelect)  # fmt: skip
    subject = forms.CharField(label=_("标题"), max_length=100, error_messages=REQUIRED)
    body = forms.CharField(label=_("留言内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages=REQUIRED)  # fmt: skip
    attachment = forms.FileField(label=_("附件（可选）"), required=False,
                                 help_text=_("PDF、Word、Excel、JPG/PNG，不超过10MB。"))  # fmt: skip
    name = forms.CharField(label=_("姓名"), max_length=50, error_messages=REQUIRED,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))  # fmt: skip
    phone = forms.CharField(label=_("联系电话"), max_length=20, error_messages=REQUIRED,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))  # fmt: skip
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("填写后，留言编号、查询码和答复将发送到该邮箱。"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"invalid": _("请输入有效的电子邮箱地址。")})  # fmt: skip
    wants_publication = forms.BooleanField(
        label=_("同意公开留言和答复（不公开姓名和联系方式）"),
        required=False,
    )

    send_anyway = forms.BooleanField(
        label=_("我不是申请获取政府信息，仍作为留言提交"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_taking_messages().order_by("path")
        self.fields["message_type"].queryset = MessageType.objects.filter(is_active=True)

    def offer_request_form(self) -> None:
        """The message reads like an information request: show the choice to send it as a message anyway."""
        self.fields["send_anyway"].widget = forms.CheckboxInput()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(phone):
            raise ValidationError(_("请输入有效的联系电话（数字，可含区号和“-”）。"))
        return phone

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.attachment_name = check_upload(upload, max_bytes=MESSAGE_ATTACHMENT_MAX_BYTES).original_name
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mailbox") == Mailbox.ORGANISATION and not cleaned.get("organisation"):
            self.add_error("organisation", _("请选择要写信的部门。"))
        return cleaned


class TrackingForm(forms.Form):
    tracking_number = forms.CharField(label=_("留言或纠错编号"), max_length=30, help_text=_("如 LY-2026-000123"),
                                      error_messages={"required": _("请填写编号。")})  # fmt: skip
    query_code = forms.CharField(
        label=_("查询码"), max_length=30, error_messages={"required": _("请填写查询码。")},
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
    )  # fmt: skip


class ErrorReportForm(HoneypotMixin, forms.Form):
    kind = forms.ChoiceField(label=_("问题类型"), choices=ErrorKind.choices, widget=forms.RadioSelect,
                             error_messages=REQUIRED)  # fmt: skip
    page_url = forms.CharField(label=_("出错页面地址"), max_length=500, error_messages=REQUIRED)
    description = forms.CharField(label=_("问题描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
                                  error_messages=REQUIRED)  # fmt: skip
    email = forms.EmailField(label=_("电子邮箱（可选）"), required=False, help_text=_("填写后，答复将发送到该邮箱。"),
                             error_messages={"invalid": _("请输入有效的电子邮箱地址。")})  # fmt: skip


class QuestionForm(HoneypotMixin, forms.Form):
    text = forms.CharField(label=_("您的问题"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages=REQUIRED)  # fmt: skip
    name = forms.CharField(label=_("称呼（可选，不公开）"), max_length=50, required=False)


class PublicFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("机构"), queryset=None, required=False, empty_label=_("全部"),
                                          widget=DataSelect)  # fmt: skip
    message_type = forms.ModelChoiceField(label=_("类型"), queryset=None, required=False, empty_label=_("全部"),
                                          widget=DataSelect)  # fmt: skip
    # A month picker: no maxlength or placeholder (HTML allows neither on type=month); clean_month checks the form.
    month = forms.CharField(label=_("答复月份"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    q = forms.CharField(label=_("关键词"), required=False, max_length=50,
                        widget=forms.TextInput(attrs={"type": "search"}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_taking_messages().order_by("path")
        self.fields["message_type"].queryset = MessageType.objects.all()

    def clean_month(self):
        month = self.cleaned_data["month"].strip()
        if month and not MONTH_RE.match(month):
            raise ValidationError(_("请按“年-月”填写，如 2026-05。"))
        return month


# ---------------------------------------------------------------- staff


class QueueFilterForm(forms.Form):
    """The staff queue's filters (?status=&due=&q=&mine=1). A value not on offer is refused with the field's message
    and that filter left out; the others still apply."""

    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("未办结的全部")), *MessageStatus.choices],
                               error_messages=REQUIRED)  # fmt: skip
    due = forms.ChoiceField(label=_("期限"), required=False, choices=[("", _("不限")), *DUE_FILTERS],
                            error_messages=REQUIRED)  # fmt: skip
    q = forms.CharField(label=_("编号或标题"), required=False, widget=forms.TextInput(attrs={"type": "search"}))
    mine = forms.BooleanField(
        label=_("只看分配给我的"), required=False, widget=forms.CheckboxInput(attrs={"value": "1"})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "f-%s")  # the ids the page has always had
        super().__init__(*args, **kwargs)

    def chosen(self) -> dict:
        """The valid filters, each defaulting to empty (call after is_valid)."""
        return {"status": "", "due": "", "q": "", "mine": False, **self.cleaned_data}


class OversightFilterForm(forms.Form):
    """The supervising office's oversight list (?due=, 已超期 when not given). A value not on offer is refused with the
    field's message and the list shows every open message."""

    due = forms.ChoiceField(label=_("期限"), required=False, choices=[("", _("未办结的全部")), *DUE_FILTERS],
                            error_messages=REQUIRED)  # fmt: skip

    def __init__(self, data, **kwargs):
        data = data.copy()
        data.setdefault("due", "overdue")  # the office opens the page on what is late
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(data, **kwargs)

    def chosen_due(self) -> str:
        return self.cleaned_data.get("due", "") if self.is_valid() else ""


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000,
                            error_messages=REQUIRED)  # fmt: skip


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见或理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("内部备注（留言人看不到）"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages=REQUIRED)  # fmt: skip


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("承办人"), queryset=None, empty_label=_("请选择"),
                                     error_messages=REQUIRED)  # fmt: skip

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class TransferForm(forms.Form):
    target = forms.ModelChoiceField(label=_("转至机构"), queryset=None, empty_label=_("请选择"),
                                    error_messages=REQUIRED)  # fmt: skip
    reason = forms.CharField(label=_("转办理由（将告知留言人）"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages=REQUIRED)  # fmt: skip

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = organisations_taking_messages().exclude(pk=organisation.pk).order_by("path")


class PublishForm(forms.Form):
    public_subject = forms.CharField(label=_("公开标题"), max_length=100, error_messages=REQUIRED)
    public_body = forms.CharField(
        label=_("公开的留言内容"), widget=forms.Textarea(attrs={"rows": 6}), error_messages=REQUIRED,
        help_text=_("请删去正文中的姓名、电话、住址、身份证号等个人信息。留言人的姓名和联系方式不会公开。"),
    )  # fmt: skip


class OrderForm(forms.Form):
    note = forms.CharField(label=_("督办意见"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)


class FromRequestForm(forms.Form):
    tracking_number = forms.CharField(label=_("依申请公开受理编号"), max_length=30, error_messages=REQUIRED)
    message_type = forms.ModelChoiceField(label=_("留言类型"), queryset=None, empty_label=_("请选择"),
                                          error_messages=REQUIRED)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message_type"].queryset = MessageType.objects.filter(is_active=True)


class ErrorAnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 5}), error_messages=REQUIRED)


class HotTopicForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=120, error_messages=REQUIRED)
    concern = forms.CharField(label=_("社会关切"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)
    response = forms.CharField(label=_("回应内容"), widget=forms.Textarea(attrs={"rows": 8}), error_messages=REQUIRED)
    index_numbers = forms.CharField(
        label=_("相关文件索引号（每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("只能关联已主动公开的文件。"),
    )  # fmt: skip

    def clean_index_numbers(self):
        from disclosure.models import Document

        numbers = [n.strip() for n in self.cleaned_data["index_numbers"].splitlines() if n.strip()]
        found = {d.index_number: d for d in Document.objects.public().filter(index_number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise ValidationError(_("以下索引号没有对应的已公开文件：%(numbers)s") % {"numbers": "、".join(missing)})
        self.documents = [found[n] for n in numbers]
        return numbers


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["topic", "guest", "starts_at", "summary"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "summary": forms.Textarea(attrs={"rows": 4})}  # fmt: skip
        error_messages = dict.fromkeys(fields, REQUIRED)


class TranscriptForm(forms.Form):
    transcript = forms.CharField(
        label=_("文字实录"), widget=forms.Textarea(attrs={"rows": 12}), error_messages=REQUIRED
    )
