"""Forms: field rules here (the consultation period and its reason), state rules in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation import rules
from participation.models import (
    DecisionMatter,
    OpenDay,
    ParticipationActivity,
    ParticipationRules,
    PublicConsultation,
)
from portal.intake.honeypot import HoneypotMixin
from portal.uploads import check_upload
from portal.validators import validate_resident_id

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

PERIOD_TOO_SHORT_DAYS = _(
    "征集期限为 %(length)s 天，少于重大行政决策一般不少于 %(minimum)s 天的要求（《重大行政决策程序暂行条例》第十五条）。"
    "如确需缩短，请填写理由。"
)
PERIOD_TOO_SHORT_WORKING_DAYS = _(
    "征集期限为 %(length)s 个工作日，少于行政规范性文件一般不少于 %(minimum)s 个工作日的要求（国办发〔2018〕37号）。"
    "如确需缩短，请填写理由。"
)


def period_warning(check: rules.PeriodCheck | None):
    """The warning text for a too-short period, or None."""
    if check is None or not check.too_short:
        return None
    template = PERIOD_TOO_SHORT_WORKING_DAYS if check.working_days else PERIOD_TOO_SHORT_DAYS
    return template % {"length": check.length, "minimum": check.minimum}


class PublicConsultationForm(forms.ModelForm):
    class Meta:
        model = PublicConsultation
        fields = [
            "title", "kind", "matter", "draft_text", "explanation", "opens_on", "closes_on", "short_period_reason",
            "ways_to_comment",
        ]  # fmt: skip
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "draft_text": forms.Textarea(attrs={"rows": 12}),
            "explanation": forms.Textarea(attrs={"rows": 6}),
            "short_period_reason": forms.Textarea(attrs={"rows": 3}),
            "ways_to_comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["matter"].queryset = DecisionMatter.objects.filter(organisation=organisation)
        self.warning = None

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on:
            if closes_on < opens_on:
                self.add_error("closes_on", _("截止日期不能早于开始日期。"))
                return data
            self.warning = period_warning(rules.check_period(data.get("kind"), opens_on, closes_on))
            if self.warning and not (data.get("short_period_reason") or "").strip():
                self.add_error("short_period_reason", self.warning)
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), error_messages={"required": _("请选择要上传的文件。")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload


class PhotoForm(AttachmentForm):
    file = forms.FileField(label=_("照片（JPG 或 PNG）"), error_messages={"required": _("请选择要上传的照片。")})
    caption = forms.CharField(label=_("照片说明"), max_length=200)

    def clean_file(self):
        upload = super().clean_file()
        if self.checked.kind not in ("jpg", "jpeg", "png"):
            raise forms.ValidationError(_("照片须为 JPG 或 PNG 格式。"))
        return upload


class CommentForm(HoneypotMixin, forms.Form):
    """The public comment form; `website` is the honeypot (portal/intake/honeypot.py)."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("填写后将收到意见回执。"))
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or "").strip() and not (data.get("email") or "").strip():
            self.add_error("phone", _("请至少填写联系电话或电子邮箱中的一项。"))
        return data


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("公开")), ("reject", _("不予公开"))])
    note = forms.CharField(label=_("审核说明"), max_length=200, required=False)


class FeedbackForm(forms.Form):
    comment_count = forms.IntegerField(
        label=_("收到意见条数"), min_value=0, help_text=_("含网上、信函、电子邮件等各渠道。")
    )
    commenter_count = forms.IntegerField(label=_("提出意见的人数"), min_value=0)
    adopted_views = forms.CharField(label=_("采纳的意见"), widget=forms.Textarea(attrs={"rows": 5}))
    not_adopted_views = forms.CharField(
        label=_("未采纳的意见及理由"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("逐条说明未采纳的理由；全部采纳时请写明“无”。"),
    )

    def clean(self):
        data = super().clean()
        comments, people = data.get("comment_count"), data.get("commenter_count")
        if comments is not None and people is not None and people > comments:
            self.add_error("commenter_count", _("提出意见的人数不能多于意见条数。"))
        return data


class FinalDocumentForm(forms.Form):
    document = forms.ModelChoiceField(label=_("正式发布的政策文件"), queryset=None, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from disclosure.models import Document

        self.fields["document"].queryset = (
            Document.objects.public().filter(organisation=organisation).order_by("-published_on", "-pk")
        )


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("意见或理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecisionMatterForm(forms.ModelForm):
    class Meta:
        model = DecisionMatter
        fields = ["year", "title", "kind", "lead_unit", "description", "ways", "planned_for", "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "ways": forms.Textarea(attrs={"rows": 3})}


class RulesForm(forms.ModelForm):
    class Meta:
        model = ParticipationRules
        fields = ["title", "body", "channels", "is_published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12}), "channels": forms.Textarea(attrs={"rows": 4})}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ParticipationActivity
        fields = ["kind", "held_on", "citizen_count", "expert_count", "other_count", "summary", "is_published"]
        widgets = {"held_on": DATE, "summary": forms.Textarea(attrs={"rows": 5})}


class OpenDayForm(forms.ModelForm):
    class Meta:
        model = OpenDay
        fields = [
            "theme", "starts_at", "ends_at", "place", "agenda", "capacity", "eligibility", "signup_opens_at",
            "signup_closes_at", "requires_id_number",
        ]  # fmt: skip
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "signup_opens_at": DATETIME,
            "signup_closes_at": DATETIME,
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        for name in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("signup_opens_at"), data.get("signup_closes_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("结束时间不能早于开始时间。"))
        if opens and closes and closes < opens:
            self.add_error("signup_closes_at", _("报名截止时间不能早于报名开始时间。"))
        if closes and starts and closes > starts:
            self.add_error("signup_closes_at", _("报名须在活动开始前截止。"))
        if data.get("capacity") == 0:
            self.add_error("capacity", _("名额至少为1人。"))
        return data


class SignupForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.RegexField(
        label=_("手机号码"), regex=r"^1\d{10}$", error_messages={"invalid": _("请填写11位手机号码。")}
    )
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("填写后将收到报名确认和候补转正通知。"))
    id_number = forms.CharField(
        label=_("身份证号"), max_length=18, required=False, validators=[validate_resident_id],
        help_text=_("本次活动场所要求登记，仅用于入场核验，不会公开。"),
    )  # fmt: skip

    def __init__(self, *args, open_day, **kwargs):
        super().__init__(*args, **kwargs)
        if open_day.requires_id_number:
            self.fields["id_number"].required = True
        else:
            del self.fields["id_number"]


class LookupForm(forms.Form):
    number = forms.CharField(label=_("报名编号"), max_length=30)
    code = forms.CharField(label=_("确认码"), max_length=20)


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("群众提出的问题"), widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}))


class SummaryForm(forms.Form):
    attendance = forms.IntegerField(label=_("实到人数"), min_value=0)
    summary = forms.CharField(label=_("活动总结"), widget=forms.Textarea(attrs={"rows": 6}))
