"""Public participation in decisions (公众参与) and government open days (政府开放日).

What a citizen may see is decided in one queryset method per model (`X.objects.public()`); personal data
of commenters and registrants is never part of any public page, feed or export. Business steps live in
`participation/services.py`, the period and deadline rules in `participation/rules.py`.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import WorkflowEvent


def private_storage():
    return storages["private"]


class ReviewStatus(models.TextChoices):
    """One review flow for consultations and open days (participation/flows.py)."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class ReviewedContent:
    """The status questions staff pages ask of a consultation or an open day (both have a ReviewStatus `status`)."""

    @property
    def is_draft(self) -> bool:
        return self.status == ReviewStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED


class DecisionKind(models.TextChoices):
    """What the draft is: the kind decides the minimum consultation period (rules.minimum_period)."""

    MAJOR_DECISION = "major_decision", _("重大行政决策")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他政策文件")


# ---------------------------------------------------------------- decision matters and rules


class DecisionMatterQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)


class DecisionMatter(models.Model):
    """One entry of an organisation's yearly list of major decision matters (重大行政决策事项目录)."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="decision_matters"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("决策事项"), max_length=200)
    kind = models.CharField(_("类别"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.MAJOR_DECISION)
    lead_unit = models.CharField(_("承办单位"), max_length=100, blank=True)
    description = models.TextField(_("事项简介"), blank=True)
    ways = models.TextField(_("公众参与方式和渠道"), help_text=_("如：网上征求意见、听证会、座谈会、问卷调查等。"))
    planned_for = models.CharField(_("计划完成时间"), max_length=50, blank=True)
    is_published = models.BooleanField(_("已公布"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionMatterQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策事项目录")
        ordering = ["-year", "organisation_id", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:matter", args=[self.pk])


class ParticipationRulesQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)


class ParticipationRules(models.Model):
    """An organisation's public-participation rules (公众参与制度), with the ways and channels."""

    organisation = models.OneToOneField(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="participation_rules"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    channels = models.TextField(_("参与渠道"), help_text=_("电话、信箱、地址、网上平台等，每行一项。"))
    is_published = models.BooleanField(_("已公布"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ParticipationRulesQuerySet.as_manager()

    class Meta:
        verbose_name = _("公众参与制度")
        verbose_name_plural = _("公众参与制度")

    def __str__(self):
        return self.title

    def channel_lines(self):
        return [line.strip() for line in self.channels.splitlines() if line.strip()]


class ActivityKind(models.TextChoices):
    HEARING = "hearing", _("听证会")
    SYMPOSIUM = "symposium", _("座谈会")
    FIELD_VISIT = "field_visit", _("实地走访")
    QUESTIONNAIRE = "questionnaire", _("问卷调查")
    ATTENDING = "attending", _("列席会议")


class ActivityQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True, matter__is_published=True)


class ParticipationActivity(models.Model):
    """A hearing, symposium, field visit, questionnaire or attended meeting held for a decision matter."""

    matter = models.ForeignKey(
        DecisionMatter, verbose_name=_("决策事项"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("形式"), max_length=20, choices=ActivityKind.choices)
    held_on = models.DateField(_("日期"))
    citizen_count = models.PositiveIntegerField(_("群众代表人数"), default=0)
    expert_count = models.PositiveIntegerField(_("专家代表人数"), default=0)
    other_count = models.PositiveIntegerField(_("其他参与人数"), default=0)
    summary = models.TextField(_("情况摘要"))
    is_published = models.BooleanField(_("已公布"), default=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("公众参与活动")
        verbose_name_plural = _("公众参与活动")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on}"

    @property
    def participant_count(self):
        return self.citizen_count + self.expert_count + self.other_count


# ---------------------------------------------------------------- public consultations (意见征集)


class Phase(models.TextChoices):
    """What a citizen sees of a published consultation; derived from dates and feedback (rules.phase)."""

    UPCOMING = "upcoming", _("即将开始")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已截止")
    ANSWERED = "answered", _("已反馈")


class PublicConsultationQuerySet(models.QuerySet):
    def public(self):
        """THE gate: reviewed and published (withdrawn ones and drafts are never shown)."""
        return self.filter(status=ReviewStatus.PUBLISHED)

    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def feedback_overdue(self, day):
        """Published, closed, no feedback published, and the feedback due date has passed."""
        return self.public().filter(feedback_published_at__isnull=True, feedback_due_on__lt=day)


class PublicConsultation(ReviewedContent, models.Model):
    """A draft put to the public for comment (意见征集), its feedback (意见采纳情况反馈) and its final policy."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("征集机构"), on_delete=models.PROTECT, related_name="public_consultations"
    )
    matter = models.ForeignKey(
        DecisionMatter,
        verbose_name=_("所属决策事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    title = models.CharField(_("标题"), max_length=200)
    kind = models.CharField(_("草案类别"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.NORMATIVE)
    draft_text = models.TextField(_("草案全文"))
    explanation = models.TextField(_("起草说明"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    short_period_reason = models.TextField(
        _("征集期限较短的理由"), blank=True, help_text=_("征集期限少于法定一般期限时必须说明理由，并随征集公告公布。")
    )
    ways_to_comment = models.TextField(
        _("意见反馈方式"), help_text=_("除网上提交外的方式，如电子邮箱、信函地址、电话、传真。")
    )
    status = models.CharField(_("状态"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    # Computed from closes_on by rules.feedback_due (working days); stored so lists and indicators filter in SQL.
    feedback_due_on = models.DateField(_("反馈期限"), null=True, blank=True, editable=False)

    # 意见采纳情况反馈
    comment_count = models.PositiveIntegerField(_("收到意见条数"), null=True, blank=True)
    commenter_count = models.PositiveIntegerField(_("提出意见的人数"), null=True, blank=True)
    adopted_views = models.TextField(_("采纳的意见"), blank=True)
    not_adopted_views = models.TextField(_("未采纳的意见及理由"), blank=True)
    feedback_published_at = models.DateTimeField(_("反馈发布时间"), null=True, blank=True, editable=False)
    feedback_published_on = models.DateField(_("反馈发布日期"), null=True, blank=True, editable=False)

    final_document = models.ForeignKey(
        "disclosure.Document",
        verbose_name=_("正式发布的政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_consultations",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = PublicConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["status", "-opens_on"], name="pc_public_date")]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="pc_closes_after_opening")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:consultation", args=[self.pk])

    def phase(self, today=None):
        from participation.rules import phase

        return phase(
            self.opens_on, self.closes_on, self.feedback_published_at is not None, today or timezone.localdate()
        )

    def get_phase_display(self):
        return Phase(self.phase()).label

    @property
    def is_open(self):
        return self.phase() == Phase.OPEN


class ConsultationEvent(WorkflowEvent):
    consultation = models.ForeignKey(PublicConsultation, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("意见征集记录")
        verbose_name_plural = _("意见征集记录")


class ConsultationAttachment(models.Model):
    consultation = models.ForeignKey(
        PublicConsultation, verbose_name=_("意见征集"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("附件"), storage=private_storage, upload_to="participation/%Y/%m/", max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("草案附件")
        verbose_name_plural = _("草案附件")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不予公开")


class PublicCommentQuerySet(models.QuerySet):
    def public(self):
        """Approved comments on public consultations; only `body` and the masked name are ever shown."""
        return self.filter(status=CommentStatus.APPROVED, consultation__status=ReviewStatus.PUBLISHED)


class PublicComment(models.Model):
    """A citizen's comment on a draft. Name and contact are personal data: staff only (masked name in public)."""

    consultation = models.ForeignKey(
        PublicConsultation, verbose_name=_("意见征集"), on_delete=models.CASCADE, related_name="comments"
    )
    receipt_number = models.CharField(_("回执编号"), max_length=30, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    body = models.TextField(_("意见内容"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    status = models.CharField(
        _("审核状态"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True, editable=False)
    moderation_note = models.CharField(_("审核说明"), max_length=200, blank=True)

    objects = PublicCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return self.receipt_number

    @property
    def is_approved(self) -> bool:
        return self.status == CommentStatus.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.status == CommentStatus.REJECTED

    @property
    def masked_name(self):
        from portal.intake.masking import mask_name

        return mask_name(self.name, True)


# ---------------------------------------------------------------- government open days (政府开放日)


class OpenDayQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=ReviewStatus.PUBLISHED)

    def coming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class OpenDay(ReviewedContent, models.Model):
    """An announced government open day: who may come, how many, when sign-up is open; afterwards a summary."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("主办机构"), on_delete=models.PROTECT, related_name="open_days"
    )
    theme = models.CharField(_("主题"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=200)
    agenda = models.TextField(_("活动安排"))
    capacity = models.PositiveIntegerField(_("名额"))
    eligibility = models.CharField(_("报名对象"), max_length=200, help_text=_("如：本县居民，年满18周岁。"))
    signup_opens_at = models.DateTimeField(_("报名开始时间"))
    signup_closes_at = models.DateTimeField(_("报名截止时间"))
    requires_id_number = models.BooleanField(
        _("须登记身份证号"), default=False, help_text=_("场所安保要求时勾选；身份证号只用于入场核验。")
    )
    status = models.CharField(_("状态"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)

    summary = models.TextField(_("活动总结"), blank=True)
    attendance = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    summary_published_at = models.DateTimeField(_("总结发布时间"), null=True, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpenDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府开放日")
        verbose_name_plural = _("政府开放日")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="od_ends_after_start"),
            models.CheckConstraint(
                condition=Q(signup_closes_at__gte=models.F("signup_opens_at")), name="od_signup_window"
            ),
        ]

    def __str__(self):
        return self.theme

    def get_absolute_url(self):
        return reverse("participation:open_day", args=[self.pk])

    def signup_state(self, now=None):
        from participation.rules import signup_state

        return signup_state(self.signup_opens_at, self.signup_closes_at, now or timezone.now())


class OpenDayEvent(WorkflowEvent):
    open_day = models.ForeignKey(OpenDay, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("开放日记录")
        verbose_name_plural = _("开放日记录")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("报名成功")
    WAITING = "waiting", _("候补")
    CANCELLED = "cancelled", _("已取消")


class Registration(models.Model):
    """A citizen's sign-up for an open day. Never public; staff see it, masked on lists and exports for the venue
    only where the venue needs it."""

    open_day = models.ForeignKey(
        OpenDay, verbose_name=_("开放日"), on_delete=models.CASCADE, related_name="registrations"
    )
    number = models.CharField(_("报名编号"), max_length=30, unique=True)
    code_hash = models.CharField(max_length=64, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    promoted_at = models.DateTimeField(_("候补转正时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)

    class Meta:
        verbose_name = _("开放日报名")
        verbose_name_plural = _("开放日报名")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.number

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_cancelled(self) -> bool:
        return self.status == RegistrationStatus.CANCELLED

    @property
    def masked_name(self):
        from portal.intake.masking import mask_name

        return mask_name(self.name, True)

    @property
    def masked_phone(self):
        from portal.intake.masking import mask_middle

        return mask_middle(self.phone)


class OpenDayQuestion(models.Model):
    """A question raised on the day and its answer, published with the summary."""

    open_day = models.ForeignKey(OpenDay, verbose_name=_("开放日"), on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("群众提出的问题"))
    answer = models.TextField(_("答复"))

    class Meta:
        verbose_name = _("开放日问答")
        verbose_name_plural = _("开放日问答")
        ordering = ["pk"]

    def __str__(self):
        return self.question[:40]


class OpenDayPhoto(models.Model):
    open_day = models.ForeignKey(OpenDay, verbose_name=_("开放日"), on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("照片"), storage=private_storage, upload_to="opendays/%Y/%m/", max_length=200)
    caption = models.CharField(_("说明"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("开放日照片")
        verbose_name_plural = _("开放日照片")
        ordering = ["pk"]

    def __str__(self):
        return self.caption
