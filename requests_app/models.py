"""Information requests (依申请公开): the application, its event log, consultations, replies, remedies.

The current state is a column updated in the same transaction as the event row that explains it; the allowed
moves between states are data (`services.REQUEST_FLOW` on portal.workflow). Templates ask the request's
properties (`is_consulting`, `awaits_correction`, `state_tone`, ...) instead of comparing states. The due date is a cache of
`deadlines.reply_due(...)` over the recorded events, recomputed by the services, never typed in.
"""

import datetime as dt

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import notes as notes_module
from portal.intake.masking import mask_name
from portal.legal import WithholdingGround
from portal.models import Organisation, WorkflowEvent
from portal.notes import event_note  # noqa: F401  (services and signals write notes through here)
from requests_app.deadlines import Channel, latest_overdue_submission


class ApplicantCategory(models.TextChoices):
    """The columns of the annual report (national template of 2021)."""

    NATURAL_PERSON = "natural", _("自然人")
    COMMERCIAL = "commercial", _("法人或其他组织：商业企业")
    RESEARCH = "research", _("法人或其他组织：科研机构")
    PUBLIC_WELFARE = "welfare", _("法人或其他组织：社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法人或其他组织：法律服务机构")
    OTHER = "other", _("法人或其他组织：其他")


class IdentityDocument(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效证件")


class PreferredForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    COLLECT = "collect", _("当面领取")
    ONLINE = "online", _("网上获取")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("已提交，待确认收到")
    RECEIVED = "received", _("已收到")
    CORRECTION_REQUESTED = "correction_requested", _("待申请人补正")
    CORRECTED = "corrected", _("已补正")
    ABANDONED = "abandoned", _("逾期未补正，视为放弃")
    IN_PROGRESS = "in_progress", _("办理中")
    CONSULTING = "consulting", _("征求意见中（不计入办理期限）")
    EXTENDED = "extended", _("已延期")
    EXCESSIVE = "excessive", _("数量或频次明显超过合理范围（第三十五条）")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    TRANSFERRED = "transferred", _("已告知向有权机关申请")
    WITHDRAWN = "withdrawn", _("申请人已撤回")
    NOT_PROCESSED = "not_processed", _("不予处理（第三十九条）")
    DISCARDED = "discarded", _("已作为无效信息清除（不计入统计）")


S = State
# States in which the reply clock runs and the request sits in a handler's queue.
OPEN_STATES = frozenset({S.RECEIVED, S.CORRECTED, S.IN_PROGRESS, S.CONSULTING, S.EXTENDED, S.EXCESSIVE})
# States in which the request has been concluded (counted as handled in the annual report).
CONCLUDED_STATES = frozenset({S.ANSWERED, S.CLOSED, S.ABANDONED, S.TRANSFERRED, S.WITHDRAWN, S.NOT_PROCESSED})


# What the applicant tells the organ (Art. 29): the application form's fields, copied when a request is passed on.
APPLICANT_FIELDS = (
    "applicant_category",
    "applicant_name",
    "id_document_type",
    "id_document_number",
    "phone",
    "email",
    "postal_address",
    "subject",
    "description",
    "purpose",
    "preferred_form",
    "delivery",
)


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def for_queue(self):
        return self.select_related("organisation", "handler")

    def overdue_to_confirm(self, today):
        """Online applications nobody has confirmed within GONGKAI_REQUESTS_CONFIRM_WORKING_DAYS working days."""
        cutoff = latest_overdue_submission(today, settings.GONGKAI_REQUESTS_CONFIRM_WORKING_DAYS)
        start_of_next_day = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time.min))
        return self.filter(state=State.SUBMITTED, submitted_at__lt=start_of_next_day)


class InformationRequest(models.Model):
    """One application for government information (政府信息公开申请)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("申请的机关"), on_delete=models.PROTECT, related_name="information_requests"
    )
    tracking_number = models.CharField(_("受理编号"), max_length=20, unique=True, editable=False)
    year = models.PositiveIntegerField(_("年份"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    query_code_hash = models.CharField(max_length=128, editable=False)
    # portal.intake.duplicates: the same online application sent twice within minutes becomes one.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)

    applicant_category = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantCategory.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=120)
    id_document_type = models.CharField(_("证件类型"), max_length=20, choices=IdentityDocument.choices)
    id_document_number = models.CharField(_("证件号码"), max_length=40)
    phone = models.CharField(_("联系电话"), max_length=40)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postal_address = models.CharField(_("通信地址"), max_length=200, blank=True)

    subject = models.CharField(_("所需信息名称"), max_length=200)
    description = models.TextField(_("所需信息的描述"), help_text=_("文件名称、文号或者便于查询的其他特征性描述"))
    purpose = models.TextField(_("用途（选填）"), blank=True)
    preferred_form = models.CharField(_("获取信息的载体形式"), max_length=20, choices=PreferredForm.choices)
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery.choices)

    state = models.CharField(_("状态"), max_length=30, choices=State.choices, default=State.SUBMITTED)
    submitted_at = models.DateTimeField(_("提交时间"))
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期工作日数"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = models.CharField(_("延期批准人"), max_length=80, blank=True)
    excessive_due_on = models.DateField(_("第三十五条答复日期"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, editable=False)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_information_requests",
    )
    transferred_to = models.CharField(_("有权机关"), max_length=120, blank=True)
    transferred_request = models.OneToOneField(
        "self",
        verbose_name=_("转至的申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transferred_from",
        editable=False,
        help_text=_("转给本平台上的有权机关时，在该机关新登记的申请。"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["year", "serial"], name="unique_request_serial_per_year")]
        indexes = [
            models.Index(fields=["organisation", "state", "due_on"]),
            models.Index(fields=["fingerprint", "submitted_at"], name="request_fingerprint_recent"),
            models.Index(fields=["-submitted_at", "-id"], name="request_recent"),  # the admin changelist's order
        ]

    def __str__(self):
        return f"{self.tracking_number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @cached_property
    def outstanding_fee_notice(self):
        """The fee notice awaiting payment, if any (reads prefetched notices when the page prefetched them)."""
        return next((notice for notice in self.fee_notices.all() if notice.is_outstanding), None)

    # What the deadline texts and badges ask, so templates never compare state strings.
    @property
    def awaits_receipt(self) -> bool:
        """An online application nobody has confirmed yet: the reply clock has not started."""
        return self.state == State.SUBMITTED

    @property
    def is_consulting(self) -> bool:
        """A consultation stops the clock; the due date shown is the latest lawful one."""
        return self.state == State.CONSULTING

    @property
    def awaits_correction(self) -> bool:
        """The applicant was asked to correct the application: the clock restarts from the correction."""
        return self.state == State.CORRECTION_REQUESTED

    @property
    def may_ask_for_correction(self) -> bool:
        """Received and not yet handled: the 7-working-day limit for a correction notice is what matters."""
        return self.state == State.RECEIVED

    @property
    def state_tone(self) -> str:
        """How the state's badge looks: "ok" (answered), "warn" (the clock is stopped or stretched), "muted"."""
        if self.state in (State.ANSWERED, State.CLOSED):
            return "ok"
        if self.state in (State.CONSULTING, State.CORRECTION_REQUESTED, State.EXTENDED, State.EXCESSIVE):
            return "warn"
        return "muted"

    def applicant_month_rank(self) -> int:
        """Which of this applicant's applications to this organisation in the calendar month this one is
        (1 for the first): the count the per-piece information processing fee is based on (requests_app/fees.py)."""
        submitted = timezone.localtime(self.submitted_at)
        month_start = submitted.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return InformationRequest.objects.filter(
            organisation_id=self.organisation_id,
            id_document_number=self.id_document_number,
            submitted_at__gte=month_start,
            submitted_at__lte=self.submitted_at,
        ).count()

    @property
    def masked_name(self) -> str:
        return mask_name(self.applicant_name, self.applicant_category == ApplicantCategory.NATURAL_PERSON)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("网上提交")
    REGISTERED = "registered", _("登记线下申请")
    RECEIPT_CONFIRMED = "receipt_confirmed", _("确认收到")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTED = "corrected", _("收到补正")
    ABANDONED = "abandoned", _("逾期未补正")
    STARTED = "started", _("开始办理")
    ASSIGNED = "assigned", _("分配承办人")
    CONSULTATION_STARTED = "consultation_started", _("征求意见")
    CONSULTATION_ANSWERED = "consultation_answered", _("收到征求意见答复")
    EXTENDED = "extended", _("延期答复")
    EXCESSIVE = "excessive", _("第三十五条处理")
    REPLY_DRAFTED = "reply_drafted", _("起草答复")
    REPLY_APPROVED = "reply_approved", _("审核通过答复")
    REPLY_SENT_BACK = "reply_sent_back", _("退回答复修改")
    REPLY_SENT = "reply_sent", _("发出答复")
    TRANSFERRED = "transferred", _("告知向有权机关申请")
    WITHDRAWN = "withdrawn", _("申请人撤回")
    CLOSED = "closed", _("办结")
    REMEDY_RECORDED = "remedy_recorded", _("记录复议或诉讼")
    DUE_RECOMPUTED = "due_recomputed", _("工作日历调整，答复期限重算")
    DISCARDED = "discarded", _("清除无效申请")
    TRANSFERRED_IN = "transferred_in", _("收到其他机关转来的申请")
    FEE_NOTICE_SENT = "fee_notice_sent", _("发出收费通知")
    FEE_PAID = "fee_paid", _("缴纳信息处理费")
    FEE_WAIVED = "fee_waived", _("减免信息处理费")


SYSTEM_EVENT_KINDS = frozenset({EventKind.DUE_RECOMPUTED})
# Kinds whose comment is a choice's label written by the portal (the reply type, the channel), not typed text:
# the stored Chinese label is its own msgid, so the page shows gettext(comment).
LABEL_COMMENT_KINDS = frozenset({EventKind.REPLY_DRAFTED, EventKind.REPLY_SENT, EventKind.REGISTERED})


class RequestEvent(WorkflowEvent):
    """One step in a request's history: who did what, when, and the state it left the request in."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    from_state = models.CharField(_("原状态"), max_length=30, choices=State.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=30, choices=State.choices, blank=True)
    on = models.DateField(_("日期"))
    at = models.DateTimeField(_("记录时间"), default=timezone.now, db_index=True)
    # The comment the portal wrote, as [msgid, arguments] pairs (msgids marked with gettext_noop): `comment` keeps
    # the Chinese record, `display_comment` translates these for the reader's language.
    note = models.JSONField(_("说明（可翻译）"), default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "pk"]

    @property
    def by_system(self) -> bool:
        """Steps the portal takes itself (a calendar change), as opposed to the applicant's own."""
        return self.kind in SYSTEM_EVENT_KINDS

    def __str__(self):
        return f"{self.request.tracking_number} {self.get_kind_display()}"

    @property
    def display_comment(self) -> str:
        """The comment in the reader's language: the portal's own notes translated, typed text as typed."""
        if self.note:
            return notes_module.render_notes(self.note, note_choices())
        if self.comment and self.kind in LABEL_COMMENT_KINDS:
            return gettext(self.comment)
        return self.comment


def note_choices() -> dict:
    """Arguments of event notes that are a choice's value, shown as its label in the reader's language."""
    from portal.models import DayKind

    return {
        "fee_method": FeeMethod,
        "remedy_kind": RemedyKind,
        "remedy_outcome": RemedyOutcome,
        "day_kind": DayKind,
    }


def record_text(notes: list) -> str:
    """The Chinese text of notes for the record (`RequestEvent.comment`)."""
    return notes_module.record_text(notes, note_choices())


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见（第三十二条）")
    OTHER_ORGAN = "other_organ", _("征求其他机关意见（第三十四条）")


class Consultation(models.Model):
    """A consultation; the interval (sent_on, answered_on] stops the reply clock (Art. 33)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("类型"), max_length=20, choices=ConsultationKind.choices)
    party = models.CharField(_("征求意见对象"), max_length=120)
    sent_on = models.DateField(_("发出征求意见日期"))
    letter_received_on = models.DateField(
        _("对方收到征求意见函日期"),
        null=True,
        blank=True,
        help_text=_("答复期限自对方收到之日起计算；不详时按发出日期计算。"),
    )
    answer_due_on = models.DateField(_("答复期限"), editable=False)
    answered_on = models.DateField(_("收到答复日期"), null=True, blank=True)
    answer = models.TextField(_("答复意见"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.party}（{self.sent_on}）"


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号: an organ charges one applicant by one of the two methods, never both."""

    PER_PIECE = "piece", _("按件计收")
    PER_PAGE = "page", _("按量计收")


class FeeNotice(models.Model):
    """An information processing fee notice (收费通知, Art. 42): the time until payment is not counted.

    The applicant pays within 20 working days; unpaid, the application is deemed abandoned and the reply
    records it (reply type 逾期未缴费, report row （六）2). A waiver ends the notice with a reason.
    """

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="fee_notices")
    method = models.CharField(_("计收方式"), max_length=10, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField(_("件次或页数"), help_text=_("按件：本月第几件申请；按量：提供信息的页数。"))
    amount = models.PositiveIntegerField(_("金额（元）"), editable=False)
    sent_on = models.DateField(_("发出收费通知日期"))
    payment_due_on = models.DateField(_("缴费期限"), editable=False)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    waived_on = models.DateField(_("减免日期"), null=True, blank=True)
    waiver_reason = models.CharField(_("减免理由"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return gettext("%(number)s %(amount)s元（%(on)s）") % {
            "number": self.request.tracking_number,
            "amount": self.amount,
            "on": self.sent_on,
        }

    @property
    def is_outstanding(self) -> bool:
        return self.paid_on is None and self.waived_on is None

    @property
    def ended_on(self):
        return self.paid_on or self.waived_on


class ReplyType(models.TextChoices):
    """Art. 36–41 reply types, as the reference table lists them; report rows are in annual_report.py."""

    ALREADY_PUBLIC = "already_public", _("已经公开，告知获取方式（第三十六条第一项）")
    PROVIDED = "provided", _("予以提供（第三十六条第二项）")
    PARTLY_PROVIDED = "partly_provided", _("部分公开，区分处理（第三十七条）")
    WITHHELD = "withheld", _("不予公开（第三十六条第三项）")
    NOT_HELD = "not_held", _("经检索没有所申请的信息（第三十六条第四项）")
    NOT_THIS_ORGAN = "not_this_organ", _("不属于本机关负责公开（第三十六条第五项）")
    REPEAT = "repeat", _("重复申请（第三十六条第六项）")
    OTHER_LAWS = "other_laws", _("依照其他法律法规办理（第三十六条第七项）")
    PETITION = "petition", _("信访、投诉、举报等，不作为申请处理（第三十九条第一款）")
    PUBLICATION = "publication", _("要求提供公开出版物（第三十九条第二款）")
    NEEDS_PROCESSING = "needs_processing", _("需要另行制作或加工分析（第三十八条）")
    STILL_UNCLEAR = "still_unclear", _("补正后申请内容仍不明确（第三十条）")
    EXCESSIVE_REFUSED = "excessive_refused", _("无正当理由大量、频繁申请，不予处理（第三十五条）")
    RECORD_CORRECTION = "record_correction", _("更正本人相关政府信息记录（第四十一条）")
    FEE_UNPAID = "fee_unpaid", _("逾期未按收费通知缴纳信息处理费，不再处理（第四十二条）")
    OTHER = "other", _("其他处理")


# Reply types that withhold something must give a statutory ground (Art. 36(3), 37).
REPLY_TYPES_NEEDING_GROUND = frozenset({ReplyType.PARTLY_PROVIDED, ReplyType.WITHHELD})
# Reply types that end the request as "not processed" under Art. 39 rather than "answered".
ART39_REPLY_TYPES = frozenset({ReplyType.PETITION, ReplyType.PUBLICATION})


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", _("起草中（已退回）")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核，待发出")
    SENT = "sent", _("已发出")


class Reply(models.Model):
    """The reply to a request: drafted by a handler, signed off by a reviewer (or sent back with a reason),
    then sent. Its steps are requests_app.services.REPLY_FLOW; its events are the request's."""

    request = models.OneToOneField(InformationRequest, on_delete=models.CASCADE, related_name="reply")
    reply_type = models.CharField(_("答复类型"), max_length=30, choices=ReplyType.choices)
    ground = models.CharField(_("不予公开的法定理由"), max_length=30, choices=WithholdingGround.choices, blank=True)
    ground_detail = models.CharField(_("具体依据"), max_length=200, blank=True)
    body = models.TextField(_("答复正文"), help_text=_("写明提供的信息、获取方式或不予公开的具体理由"))
    competent_organ = models.CharField(_("有权机关（第三十六条第五项）"), max_length=120, blank=True)
    documents = models.ManyToManyField(
        "disclosure.Document",
        verbose_name=_("已公开的相关文件"),
        blank=True,
        related_name="request_replies",
        help_text=_("只能选择已主动公开发布的文件。"),
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(_("起草时间"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    sent_on = models.DateField(_("答复日期"), null=True, blank=True)
    status = models.CharField(_("答复状态"), max_length=20, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")

    def __str__(self):
        return f"{self.request.tracking_number} {self.get_reply_type_display()}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


def private_storage():
    """Attachments never live under a public URL (settings.STORAGES["private"])."""
    return storages["private"]


class ReplyFile(models.Model):
    """Information provided with a reply, kept in private storage (served only to staff)."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("文件"), upload_to="requests/%Y/", storage=private_storage)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")

    def __str__(self):
        return self.name


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LAWSUIT_DIRECT = "lawsuit_direct", _("行政诉讼（未经复议直接起诉）")
    LAWSUIT_AFTER = "lawsuit_after", _("行政诉讼（复议后起诉）")


class RemedyOutcome(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class Remedy(models.Model):
    """An administrative reconsideration or lawsuit about a request (annual report, part 四)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(_("类型"), max_length=20, choices=RemedyKind.choices)
    filed_on = models.DateField(_("提起日期"))
    outcome = models.CharField(_("结果"), max_length=20, choices=RemedyOutcome.choices, default=RemedyOutcome.PENDING)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")
        ordering = ["filed_on"]

    def __str__(self):
        return f"{self.request.tracking_number} {self.get_kind_display()}"


class ReminderSent(models.Model):
    """A deadline reminder already e-mailed: at most one per request per day, so cron may rerun safely."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()

    class Meta:
        verbose_name = _("期限提醒")
        verbose_name_plural = _("期限提醒")
        constraints = [models.UniqueConstraint(fields=["request", "sent_on"], name="one_reminder_per_request_per_day")]

    def __str__(self):
        return f"{self.request_id} {self.sent_on}"


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被更正版本替代")


class AnnualReportQuerySet(models.QuerySet):
    def published(self):
        """THE gate for citizens: the published version of each report (a correction supersedes the original)."""
        return self.filter(status=AnnualReportStatus.PUBLISHED)


class AnnualReport(models.Model):
    """An organisation's annual report on open government information for one year (Art. 49–50).

    Parts 一, 五 and 六 are written by staff; part 二's figures the portal does not hold are entered here; the
    tables of parts 二–四 are computed from the records while the report is a draft and frozen into `snapshot`
    when it is published, so later data changes never alter a published report. A correction is a new version.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1, editable=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=AnnualReportStatus.choices, default=AnnualReportStatus.DRAFT, editable=False
    )
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    rules_made = models.PositiveIntegerField(_("规章：本年制发件数"), default=0)
    rules_repealed = models.PositiveIntegerField(_("规章：本年废止件数"), default=0)
    rules_in_force = models.PositiveIntegerField(_("规章：现行有效件数"), default=0)
    licensing_decisions = models.PositiveIntegerField(_("行政许可：本年处理决定数量"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚：本年处理决定数量"), default=0)
    enforcement_decisions = models.PositiveIntegerField(_("行政强制：本年处理决定数量"), default=0)
    fees_collected = models.DecimalField(
        _("行政事业性收费：本年收费金额（万元）"), max_digits=12, decimal_places=4, default=0
    )
    correction_note = models.CharField(_("更正说明"), max_length=300, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开年度报告")
        verbose_name_plural = _("政府信息公开年度报告")
        ordering = ["-year", "organisation__path", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "version"], name="annual_report_version"),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(status__in=["draft", "submitted"]),
                name="annual_report_one_working_copy",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(status="published"),
                name="annual_report_one_published",
            ),
        ]

    def __str__(self):
        return gettext("%(org)s %(year)s年度报告（第%(version)s版）") % {
            "org": self.organisation,
            "year": self.year,
            "version": self.version,
        }

    @property
    def figures(self) -> dict:
        """The entered part 二 figures, by the names annual_report.ENTERED_FIGURES uses."""
        return {
            name: getattr(self, name)
            for name in (
                "rules_made",
                "rules_repealed",
                "rules_in_force",
                "licensing_decisions",
                "penalty_decisions",
                "enforcement_decisions",
                "fees_collected",
            )
        }


class AnnualReportEvent(WorkflowEvent):
    """A step in an annual report's review: drafted, submitted, sent back with a reason, published."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("年度报告审核记录")
        verbose_name_plural = _("年度报告审核记录")


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", _("受理回执")
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    CONSULTATION = "consultation", _("征求意见函")
    FEE = "fee", _("收费通知书")
    TRANSFER = "transfer", _("告知书（非本机关负责公开）")
    REPLY = "reply", _("答复书")


class LetterTemplate(models.Model):
    """A county's own wording for one kind of letter, set by the supervising office (requests_app/letters.py has
    the default wording and the placeholders each kind offers). Paragraphs are lines; {占位符} are filled in."""

    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind.choices, unique=True)
    wording = models.TextField(_("正文"), help_text=_("每行一段；可使用的占位符见下方说明，如 {受理编号}。"))
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")

    def __str__(self):
        return self.get_kind_display()
