"""Messages to government (留言), error reports (找错), hot-topic responses (热点回应) and online interviews."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation, WorkflowEvent


def private_storage():
    """Attachments live outside any public URL; only the handler's page serves them."""
    return storages["private"]


class MessageType(models.Model):
    """咨询 / 建议 / 投诉 / 求助 — a list the supervising office edits, with each type's default deadline."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=20)
    working_days = models.PositiveSmallIntegerField(_("默认答复期限（工作日）"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("留言类型")
        verbose_name_plural = _("留言类型")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class DeadlineRule(models.Model):
    """An organisation's own deadline for one type (instead of the type's default)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="message_deadlines"
    )
    message_type = models.ForeignKey(MessageType, verbose_name=_("留言类型"), on_delete=models.CASCADE)
    working_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"))

    class Meta:
        verbose_name = _("机构留言答复期限")
        verbose_name_plural = _("机构留言答复期限")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "message_type"], name="unique_deadline_rule"),
            models.CheckConstraint(condition=Q(working_days__gte=1), name="deadline_rule_positive"),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.message_type} · {self.working_days}"


class Mailbox(models.TextChoices):
    ORGANISATION = "organisation", _("部门信箱")
    HEAD = "head", _("县长信箱")


class MessageStatus(models.TextChoices):
    RECEIVED = "received", _("办理中")
    REVIEWING = "reviewing", _("答复待审核")
    ANSWERED = "answered", _("已答复")
    INVALID = "invalid", _("不予受理")
    CONVERTED = "converted", _("已转为依申请公开")


OPEN_STATUSES = (MessageStatus.RECEIVED, MessageStatus.REVIEWING)


class MessageQuerySet(models.QuerySet):
    def public(self):
        """What citizens may see: answered, the writer agreed, staff published it. Every page, feed, sitemap
        and export starts here."""
        return self.filter(status=MessageStatus.ANSWERED, wants_publication=True, published_at__isnull=False)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Message(models.Model):
    """A citizen's message to an organisation's mailbox or the county head's mailbox."""

    tracking_number = models.CharField(_("留言编号"), max_length=30, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("办理机构"), on_delete=models.PROTECT, related_name="messages"
    )
    mailbox = models.CharField(_("信箱"), max_length=20, choices=Mailbox.choices, default=Mailbox.ORGANISATION)
    message_type = models.ForeignKey(MessageType, verbose_name=_("留言类型"), on_delete=models.PROTECT)
    subject = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("留言内容"), max_length=3000)
    attachment = models.FileField(
        _("附件"), storage=private_storage, upload_to="interaction/%Y/", max_length=200, blank=True
    )
    attachment_name = models.CharField(max_length=200, blank=True, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    wants_publication = models.BooleanField(_("同意公开留言和答复"), default=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=MessageStatus.choices, default=MessageStatus.RECEIVED, db_index=True
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    received_on = models.DateField(_("起算日期"), help_text=_("收到或转来之日，答复期限自次日起算"))
    due_on = models.DateField(_("答复期限"), db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    # What the public list shows: staff may edit personal details out of the text; never the writer's identity.
    public_subject = models.CharField(_("公开标题"), max_length=100, blank=True)
    public_body = models.TextField(_("公开的留言内容"), blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    ordered_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    order_note = models.TextField(_("督办意见"), blank=True)
    converted_request = models.OneToOneField(
        "requests_app.InformationRequest",
        verbose_name=_("转为的依申请公开"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_request = models.OneToOneField(
        "requests_app.InformationRequest",
        verbose_name=_("由依申请公开转来"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"]),
            models.Index(fields=["-submitted_at", "-id"], name="message_recent"),  # the admin changelist's order
        ]

    def __str__(self):
        return f"{self.tracking_number} {self.subject}"

    def get_absolute_url(self):
        return reverse("interaction:message", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def awaits_reply(self) -> bool:
        """Received and no reply drafted yet: staff may draft one or transfer the message."""
        return self.status == MessageStatus.RECEIVED

    @property
    def is_answered(self) -> bool:
        return self.status == MessageStatus.ANSWERED

    @property
    def shown_subject(self) -> str:
        return self.public_subject or self.subject


class MessageEvent(WorkflowEvent):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    on = models.DateField(_("日期"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("机构"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("留言办理记录")
        verbose_name_plural = _("留言办理记录")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("提交留言")
    ASSIGNED = "assigned", _("分配承办人")
    NOTE = "note", _("内部备注")
    TRANSFERRED = "transferred", _("转有权机构办理")
    SUBMIT_REPLY = "submit_reply", _("提交答复审核")
    APPROVE = "approve", _("审核通过并答复")
    SEND_BACK = "send_back", _("退回修改")
    REJECT = "reject", _("不予受理")
    CONVERTED = "converted", _("转为依申请公开")
    FROM_REQUEST = "from_request", _("由依申请公开转为留言")
    PUBLISHED = "published", _("公开留言和答复")
    UNPUBLISHED = "unpublished", _("取消公开")
    ORDERED = "ordered", _("督办")
    REMINDED = "reminded", _("期限提醒")


# Events the citizen sees on the tracking page (internal notes, assignments and reminders stay inside).
CITIZEN_EVENTS = (EventKind.SUBMITTED, EventKind.TRANSFERRED, EventKind.APPROVE, EventKind.REJECT, EventKind.CONVERTED,
                  EventKind.FROM_REQUEST)  # fmt: skip


class ReminderSent(models.Model):
    """A deadline reminder whose mail went out (recorded only after the mail server accepted it)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    kind = models.CharField(max_length=10)  # "before" / "after"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message", "sent_on"], name="one_message_reminder_a_day")]

    def __str__(self):
        return f"{self.message_id} {self.sent_on} {self.kind}"


class ErrorKind(models.TextChoices):
    BROKEN_LINK = "broken_link", _("链接无法打开")
    WRONG_CONTENT = "wrong_content", _("内容错误")
    TYPO = "typo", _("错别字")
    NOT_UPDATED = "not_updated", _("内容未及时更新")
    OTHER = "other", _("其他问题")


class ErrorStatus(models.TextChoices):
    RECEIVED = "received", _("办理中")
    ANSWERED = "answered", _("已答复")


class ErrorReport(models.Model):
    """我为政府网站找错: answered by the site's operator (the supervising office) within 3 working days."""

    tracking_number = models.CharField(_("纠错编号"), max_length=30, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    kind = models.CharField(_("问题类型"), max_length=20, choices=ErrorKind.choices)
    page_url = models.CharField(_("出错页面地址"), max_length=500)
    description = models.TextField(_("问题描述"), max_length=2000)
    email = models.EmailField(_("电子邮箱"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ErrorStatus.choices, default=ErrorStatus.RECEIVED)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    received_on = models.DateField(_("收到日期"))
    due_on = models.DateField(_("答复期限"))
    answer = models.TextField(_("答复"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("网站纠错")
        verbose_name_plural = _("网站纠错")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.tracking_number


class ContentStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class ReviewedContent:
    """The status questions pages ask of a hot topic or an interview (both have a ContentStatus `status`)."""

    @property
    def is_published(self) -> bool:
        return self.status == ContentStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        """A draft, or withdrawn for changes: saved through the form; submitted or published ones are read-only."""
        return self.status in (ContentStatus.DRAFT, ContentStatus.WITHDRAWN)


class PublicContentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=ContentStatus.PUBLISHED)


class HotTopic(ReviewedContent, models.Model):
    """热点回应: an organisation's response to a public concern, linked to the documents it concerns."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="hot_topics"
    )
    title = models.CharField(_("标题"), max_length=120)
    concern = models.TextField(_("社会关切"), help_text=_("公众关注的问题"))
    response = models.TextField(_("回应内容"))
    documents = models.ManyToManyField("disclosure.Document", verbose_name=_("相关文件"), blank=True, related_name="+")
    status = models.CharField(_("状态"), max_length=20, choices=ContentStatus.choices, default=ContentStatus.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("热点回应")
        verbose_name_plural = _("热点回应")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("interaction:hot_topic", args=[self.pk])


class HotTopicEvent(WorkflowEvent):
    hot_topic = models.ForeignKey(HotTopic, on_delete=models.CASCADE, related_name="events")


class Interview(ReviewedContent, models.Model):
    """在线访谈: announced (time, topic, guest), questions beforehand, transcript afterwards."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("主办机构"), on_delete=models.PROTECT, related_name="interviews"
    )
    topic = models.CharField(_("访谈主题"), max_length=120)
    guest = models.CharField(_("访谈嘉宾"), max_length=200, help_text=_("姓名和职务"))
    starts_at = models.DateTimeField(_("访谈时间"))
    summary = models.TextField(_("访谈简介"), blank=True)
    transcript = models.TextField(_("文字实录"), blank=True)
    transcript_published_at = models.DateTimeField(_("实录发布时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=ContentStatus.choices, default=ContentStatus.DRAFT)
    published_at = models.DateTimeField(_("预告发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("interaction:interview", args=[self.pk])

    def takes_questions(self, now=None) -> bool:
        return self.status == ContentStatus.PUBLISHED and (now or timezone.now()) < self.starts_at


class InterviewEvent(WorkflowEvent):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="events")


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已采用")
    REJECTED = "rejected", _("未采用")


class QuestionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=QuestionStatus.APPROVED, interview__status=ContentStatus.PUBLISHED)


class InterviewQuestion(models.Model):
    """A question submitted before the interview; shown only once moderated, never with who asked it."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("问题"), max_length=1000)
    name = models.CharField(_("称呼"), max_length=50, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("访谈问题")
        verbose_name_plural = _("访谈问题")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return self.text[:30]
