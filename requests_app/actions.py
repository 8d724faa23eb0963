"""Staff actions on a request: one form and one service call each, declared as data.

The staff action view looks the action up here, checks its permission once (portal.permissions),
shows its form and calls its service. An action that moves the request names its `events` of
`services.REQUEST_FLOW` (a reply step its `reply_event` of `services.REPLY_FLOW`): its button is offered only
when the workflow engine's `available()` lists the step for this user; the service refuses it anyway if not.
Steps that move nothing (assigning, fees, remedies, drafting) keep a rule of their own (`available`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from disclosure.models import Document
from portal.errors import Refusal
from portal.legal import WithholdingGround
from portal.roles import HANDLE_REQUESTS, REVIEW_CONTENT, Role
from portal.uploads import check_upload
from portal.validators import validate_not_in_future
from requests_app import services
from requests_app.forms import organisations_accepting_requests
from requests_app.models import (
    CONCLUDED_STATES,
    REPLY_TYPES_NEEDING_GROUND,
    ConsultationKind,
    FeeMethod,
    RemedyKind,
    RemedyOutcome,
    ReplyType,
)


def _date_field(label, *, happened=True, **kwargs):
    """A date typed by staff; `happened` dates record an event, so they cannot lie in the future."""
    if happened:
        kwargs.setdefault("validators", []).append(validate_not_in_future)
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("请填写日期。"), "invalid": _("请输入有效日期，如 2026-03-02。")},
        **kwargs,
    )


def _text(label, required=True, **kwargs):
    return forms.CharField(label=label, required=required, error_messages={"required": _("请填写此项。")}, **kwargs)


class DatedForm(forms.Form):
    on = _date_field(_("日期"))

    def __init__(self, *args, info_request=None, **kwargs):
        self.info_request = info_request
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)


class CommentForm(DatedForm):
    comment = _text(_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionRequestForm(DatedForm):
    applicant_deadline = _date_field(_("申请人补正期限"), happened=False, help_text=_("告知申请人应在此日期前补正。"))
    comment = _text(_("需要补正的事项（一次性告知）"), widget=forms.Textarea(attrs={"rows": 4}))


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=_("承办人"), queryset=get_user_model().objects.none(), empty_label=_("请选择")
    )

    def __init__(self, *args, info_request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation=info_request.organisation, memberships__role=Role.REQUEST_HANDLER)
            .distinct()
            .order_by("username")
        )
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ConsultationKind.choices)
    party = _text(_("征求意见对象"), max_length=120)
    sent_on = _date_field(_("发出征求意见日期"))
    letter_received_on = _date_field(_("对方收到征求意见函日期"), required=False, help_text=_("不详时可不填。"))

    def __init__(self, *args, info_request=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("sent_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class ConsultationAnswerForm(forms.Form):
    consultation = forms.ModelChoiceField(label=_("征求意见"), queryset=None, empty_label=_("请选择"))
    answered_on = _date_field(_("收到答复日期"), help_text=_("逾期未答复的，填写答复期限届满之日。"))
    answer = _text(_("答复意见"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, info_request=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("answered_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = info_request.consultations.filter(answered_on__isnull=True)


class ExtensionForm(DatedForm):
    days = forms.IntegerField(
        label=_("延长工作日数"),
        min_value=1,
        max_value=20,
        error_messages={
            "required": _("请填写延长的工作日数。"),
            "min_value": _("延长期限应为1至20个工作日。"),
            "max_value": _("延长期限应为1至20个工作日。"),
            "invalid": _("请填写整数。"),
        },
    )
    reason = _text(_("延期理由"), widget=forms.Textarea(attrs={"rows": 3}))
    approved_by = _text(_("批准人（政府信息公开工作机构负责人）"), max_length=80)


class FeeNoticeForm(DatedForm):
    method = forms.ChoiceField(label=_("计收方式"), choices=FeeMethod.choices, widget=forms.RadioSelect)
    quantity = forms.IntegerField(
        label=_("件次或页数"),
        min_value=1,
        max_value=100000,
        help_text=_("按件计收：该申请人本月第几件申请（已自动填入）；按量计收：提供信息的页数。"),
        error_messages={"required": _("请填写件次或页数。"), "invalid": _("请填写整数。")},
    )

    def __init__(self, *args, info_request=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("quantity", info_request.applicant_month_rank())
        kwargs["initial"].setdefault("method", FeeMethod.PER_PIECE)
        super().__init__(*args, info_request=info_request, **kwargs)


class FeeWaiverForm(DatedForm):
    reason = _text(_("减免理由"), max_length=200, widget=forms.Textarea(attrs={"rows": 3}))


class ExcessiveForm(DatedForm):
    reply_on = _date_field(_("确定的答复日期"), happened=False)
    reason = _text(_("认定理由"), widget=forms.Textarea(attrs={"rows": 3}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]
        for upload in cleaned:
            checked = check_upload(upload)  # renames the upload to a random stored name
            upload.content_type = checked.content_type
            upload.original_name = checked.original_name
        return cleaned


class ReplyForm(forms.Form):
    reply_type = forms.ChoiceField(label=_("答复类型"), choices=ReplyType.choices)
    ground = forms.ChoiceField(
        label=_("不予公开的法定理由"),
        choices=[("", "—"), *WithholdingGround.choices],
        required=False,
        help_text=_("部分公开或不予公开时必选。"),
    )
    ground_detail = _text(_("具体依据"), required=False, max_length=200)
    competent_organ = _text(_("有权机关"), required=False, max_length=120, help_text=_("不属于本机关负责公开时填写。"))
    body = _text(_("答复正文"), widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(label=_("提供的信息（附件）"), required=False)

    def __init__(self, *args, info_request=None, **kwargs):
        reply = getattr(info_request, "reply", None) if info_request else None
        if reply is not None:
            kwargs.setdefault("initial", {}).update(
                {
                    "reply_type": reply.reply_type,
                    "ground": reply.ground,
                    "ground_detail": reply.ground_detail,
                    "competent_organ": reply.competent_organ,
                    "body": reply.body,
                }
            )
        super().__init__(*args, **kwargs)
        self.info_request = info_request
        add_document_field(self, info_request)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reply_type") in REPLY_TYPES_NEEDING_GROUND and not cleaned.get("ground"):
            self.add_error("ground", _("部分公开或不予公开的答复须选择法定理由。"))
        if cleaned.get("ground") == WithholdingGround.OTHER_LAW and not cleaned.get("ground_detail"):
            self.add_error("ground_detail", _("请写明具体的法律、法规依据。"))
        return cleaned


RECENT_DOCUMENTS_SHOWN = 5


class IndexNumbersField(forms.CharField):
    """Published documents named by their index numbers (索引号), one a line, through the one public gate."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value)
        for validator in self.validators:  # the null-character check before the lookup: PostgreSQL refuses NUL
            validator(text)
        numbers = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
        if not numbers:
            return []
        found = {d.index_number: d for d in Document.objects.public().filter(index_number__in=numbers)}
        unknown = [n for n in numbers if n not in found]
        if unknown:
            raise forms.ValidationError(
                _("以下索引号不存在或不是已主动公开的文件：%(numbers)s。"),
                code="unknown",
                params={"numbers": "、".join(unknown)},
            )
        return [found[n] for n in numbers]


def add_document_field(form, info_request) -> None:
    """Published documents the reply can point to, typed as index numbers and checked against the public gate.

    A list of every document of the organisation would grow without bound; the help text names only the
    most recent few as a reminder of the format.
    """
    recent = (
        Document.objects.public()
        .filter(organisation=info_request.organisation)
        .order_by("-published_at")
        .values_list("index_number", "title")[:RECENT_DOCUMENTS_SHOWN]
    )
    help_text = _("每行一个索引号；答复书和进度查询页将链接到这些文件。")
    if recent:
        help_text = format_lazy(
            "{}{}{}", help_text, _("本机关最近公开："), "；".join(f"{number} {title}" for number, title in recent)
        )
    form.fields["documents"] = IndexNumbersField(
        label=_("已主动公开的相关文件（索引号）"), required=False, help_text=help_text
    )
    reply = getattr(info_request, "reply", None)
    if reply is not None and not form.is_bound:
        form.initial["documents"] = "\n".join(
            reply.documents.public().exclude(index_number=None).values_list("index_number", flat=True)
        )


class ConfirmForm(forms.Form):
    def __init__(self, *args, info_request=None, **kwargs):
        super().__init__(*args, **kwargs)


class SendBackReplyForm(ConfirmForm):
    reason = _text(_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}))


class TransferForm(CommentForm):
    to_organisation = forms.ModelChoiceField(
        label=_("本平台上的有权机关"),
        queryset=None,
        required=False,
        empty_label=_("不在本平台（只填写名称）"),
        help_text=_("选择后，申请将转至该机关办理，以转交之日为其收到申请之日；申请人凭原查询码查询。"),
    )
    competent_organ = _text(_("有权机关名称"), max_length=120, required=False)

    def __init__(self, *args, info_request=None, **kwargs):
        super().__init__(*args, info_request=info_request, **kwargs)
        self.fields["to_organisation"].queryset = organisations_accepting_requests().exclude(
            pk=info_request.organisation_id
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("to_organisation") and not (cleaned.get("competent_organ") or "").strip():
            self.add_error("competent_organ", _("请选择本平台上的有权机关，或填写有权机关的名称。"))
        return cleaned


class DiscardForm(DatedForm):
    comment = _text(_("清除理由"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("如：内容为广告、乱码。"))


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=RemedyKind.choices)
    filed_on = _date_field(_("提起日期"))
    outcome = forms.ChoiceField(label=_("结果"), choices=RemedyOutcome.choices)
    decided_on = _date_field(_("审结日期"), required=False)
    note = _text(_("说明"), required=False, max_length=200)

    def __init__(self, *args, info_request=None, **kwargs):
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class Action:
    label: str
    form: type[forms.Form]
    perform: Callable  # (info_request, cleaned_data, user) -> None
    available: Callable | None = None  # (info_request) -> bool, for steps that move no state
    permission: str = HANDLE_REQUESTS
    style: str = ""
    events: tuple[str, ...] = ()  # steps of services.REQUEST_FLOW (any of them, when one action takes several)
    reply_event: str = ""  # a step of the reply's workflow: offered when services.REPLY_FLOW makes it available

    def offered(self, info_request, user, *, held=None, request_events=None) -> bool:
        """Is this action a button for `user` now? Moves ask the workflow engine; others their rule.
        `request_events`: the names `REQUEST_FLOW.available()` gave for this request and user (saves queries)."""
        if self.available is not None and not self.available(info_request):
            return False
        if self.events:
            if request_events is None:
                request_events = available_request_events(info_request, user, held=held)
            return bool(set(self.events) & request_events)
        if not self.reply_event:
            return held is None or self.permission in held
        reply = getattr(info_request, "reply", None)
        return reply is not None and self.reply_event in {
            t.event for t in services.REPLY_FLOW.available(reply, user, held=held)
        }


def available_request_events(info_request, user, *, held=None) -> set[str]:
    return {t.event for t in services.REQUEST_FLOW.available(info_request, user, held=held)}


def offered_actions(info_request, user, *, held=None) -> list[tuple[str, Action]]:
    """The staff detail page's buttons: the engine's available steps, then the rules of the other actions."""
    request_events = available_request_events(info_request, user, held=held)
    return [
        (name, action)
        for name, action in ACTIONS.items()
        if action.offered(info_request, user, held=held, request_events=request_events)
    ]


def _has_reply(r):
    return r.is_open and getattr(r, "reply", None) is not None


def _draft(r, d, user):
    services.draft_reply(
        r,
        reply_type=d["reply_type"],
        ground=d["ground"],
        ground_detail=d["ground_detail"],
        competent_organ=d["competent_organ"],
        body=d["body"],
        files=d["files"],
        documents=d.get("documents"),
        by=user,
    )


def _outstanding_fee(request):
    """The fee notice still unpaid; a click from a page shown before it was paid or waived finds none."""
    notice = request.outstanding_fee_notice
    if notice is None:
        raise Refusal(_("本申请没有待缴的信息处理费。"), code="no_fee")
    return notice


def _reply_to_approve(request):
    """The drafted reply; a click from a page shown before the draft was withdrawn finds none."""
    reply = getattr(request, "reply", None)
    if reply is None:
        raise Refusal(_("尚未起草答复，无需审核。"), code="no_reply")
    return reply


ACTIONS: dict[str, Action] = {
    "confirm_receipt": Action(
        _("确认收到"),
        DatedForm,
        lambda r, d, u: services.confirm_receipt(r, on=d["on"], by=u),
        events=("confirm_receipt",),
    ),
    "request_correction": Action(
        _("告知补正"),
        CorrectionRequestForm,
        lambda r, d, u: services.request_correction(
            r, on=d["on"], applicant_deadline=d["applicant_deadline"], comment=d["comment"], by=u
        ),
        events=("request_correction",),
    ),
    "record_correction": Action(
        _("收到补正"),
        CommentForm,
        lambda r, d, u: services.record_correction(r, on=d["on"], comment=d["comment"], by=u),
        events=("record_correction",),
    ),
    "mark_abandoned": Action(
        _("逾期未补正，视为放弃"),
        CommentForm,
        lambda r, d, u: services.mark_abandoned(r, on=d["on"], comment=d["comment"], by=u),
        events=("mark_abandoned",),
        style="button-secondary",
    ),
    "start_handling": Action(
        _("开始办理"),
        CommentForm,
        lambda r, d, u: services.start_handling(r, on=d["on"], comment=d["comment"], by=u),
        events=("start_handling",),
    ),
    "assign": Action(
        _("分配承办人"),
        AssignForm,
        lambda r, d, u: services.assign(r, handler=d["handler"], by=u),
        lambda r: r.state not in CONCLUDED_STATES,
        style="button-secondary",
    ),
    "start_consultation": Action(
        _("征求意见"),
        ConsultationForm,
        lambda r, d, u: services.start_consultation(
            r, kind=d["kind"], party=d["party"], sent_on=d["sent_on"], letter_received_on=d["letter_received_on"], by=u
        ),
        events=("start_consultation",),
    ),
    "record_consultation_answer": Action(
        _("记录征求意见答复"),
        ConsultationAnswerForm,
        lambda r, d, u: services.record_consultation_answer(
            d["consultation"], answered_on=d["answered_on"], answer=d["answer"], by=u
        ),
        events=tuple(services.ANSWER_EVENT.values()),
    ),
    "grant_extension": Action(
        _("延期答复"),
        ExtensionForm,
        lambda r, d, u: services.grant_extension(
            r, days=d["days"], reason=d["reason"], approved_by=d["approved_by"], on=d["on"], by=u
        ),
        events=("grant_extension",),
    ),
    "send_fee_notice": Action(
        _("发出收费通知"),
        FeeNoticeForm,
        lambda r, d, u: services.send_fee_notice(r, method=d["method"], quantity=d["quantity"], on=d["on"], by=u),
        lambda r: r.is_open and not r.is_consulting and r.outstanding_fee_notice is None,
        style="button-secondary",
    ),
    "record_fee_payment": Action(
        _("记录缴费"),
        DatedForm,
        lambda r, d, u: services.record_fee_payment(_outstanding_fee(r), on=d["on"], by=u),
        lambda r: r.outstanding_fee_notice is not None,
    ),
    "waive_fee": Action(
        _("减免信息处理费"),
        FeeWaiverForm,
        lambda r, d, u: services.waive_fee(_outstanding_fee(r), reason=d["reason"], on=d["on"], by=u),
        lambda r: r.outstanding_fee_notice is not None,
        style="button-secondary",
    ),
    "mark_excessive": Action(
        _("第三十五条处理"),
        ExcessiveForm,
        lambda r, d, u: services.mark_excessive(r, reply_on=d["reply_on"], reason=d["reason"], on=d["on"], by=u),
        events=("mark_excessive",),
        style="button-secondary",
    ),
    "draft_reply": Action(_("起草答复"), ReplyForm, _draft, lambda r: r.is_open and not r.is_consulting),
    "approve_reply": Action(
        _("审核通过答复"),
        ConfirmForm,
        lambda r, d, u: services.approve_reply(_reply_to_approve(r), by=u),
        _has_reply,
        permission=REVIEW_CONTENT,
        reply_event="approve",
    ),
    "send_back_reply": Action(
        _("退回答复修改"),
        SendBackReplyForm,
        lambda r, d, u: services.send_back_reply(r.reply, by=u, reason=d["reason"]),
        _has_reply,
        permission=REVIEW_CONTENT,
        style="button-secondary",
        reply_event="send_back",
    ),
    "send_reply": Action(
        _("发出答复"),
        DatedForm,
        lambda r, d, u: services.send_reply(r, on=d["on"], by=u),
        _has_reply,
        reply_event="send",
    ),
    "transfer": Action(
        _("告知向有权机关申请"),
        TransferForm,
        lambda r, d, u: services.transfer(
            r,
            competent_organ=d["competent_organ"],
            to_organisation=d["to_organisation"],
            on=d["on"],
            comment=d["comment"],
            by=u,
        ),
        events=("transfer",),
        style="button-secondary",
    ),
    "discard": Action(
        _("作为无效信息清除"),
        DiscardForm,
        lambda r, d, u: services.discard(r, reason=d["comment"], on=d["on"], by=u),
        events=("discard",),
        style="button-secondary",
    ),
    "withdraw": Action(
        _("申请人撤回"),
        CommentForm,
        lambda r, d, u: services.withdraw(r, on=d["on"], comment=d["comment"], by=u),
        events=("withdraw",),
        style="button-secondary",
    ),
    "close": Action(
        _("办结归档"),
        CommentForm,
        lambda r, d, u: services.close(r, on=d["on"], comment=d["comment"], by=u),
        events=("close",),
    ),
    "record_remedy": Action(
        _("记录行政复议或诉讼"),
        RemedyForm,
        lambda r, d, u: services.record_remedy(
            r,
            kind=d["kind"],
            filed_on=d["filed_on"],
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            note=d["note"],
            by=u,
        ),
        lambda r: r.state in CONCLUDED_STATES,
        style="button-secondary",
    ),
}
