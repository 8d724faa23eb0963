"""The supervising office's own records: who is responsible where, trainings, evaluation schemes (as data),
supervision orders, notices of praise and criticism, demonstration zones and points, and the daily self-check.

Indicators are never stored: they are computed from the feature apps' records (supervision/indicators.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Designation(models.Model):
    """专人负责: the unit and the named person responsible for an organisation's disclosure work."""

    organisation = models.OneToOneField(
        "portal.Organisation", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="disclosure_designation"
    )
    unit = models.CharField(_("负责政务公开的内设机构"), max_length=120)
    officer = models.CharField(_("政务公开工作负责人"), max_length=60)
    phone = models.CharField(_("联系电话"), max_length=40)
    email = models.EmailField(_("电子邮箱"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政务公开专人负责")
        verbose_name_plural = _("政务公开专人负责")
        ordering = ["organisation__path"]

    def __str__(self):
        return f"{self.organisation} · {self.unit} · {self.officer}"

    @property
    def is_complete(self) -> bool:
        return bool(self.unit.strip() and self.officer.strip() and (self.phone.strip() or self.email.strip()))


class Training(models.Model):
    """A disclosure training (集中培训): organised by one organisation, attended by members of many."""

    held_on = models.DateField(_("培训日期"))
    topic = models.CharField(_("培训主题"), max_length=200)
    organiser = models.ForeignKey(
        "portal.Organisation", verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="trainings_organised"
    )
    attendees = models.ManyToManyField(
        "portal.Membership", verbose_name=_("参训人员"), blank=True, related_name="trainings"
    )
    materials = models.TextField(_("培训材料"), blank=True, help_text=_("课件、讲义的名称或链接，每行一项。"))
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)  # portal/editing.py

    class Meta:
        verbose_name = _("政务公开培训")
        verbose_name_plural = _("政务公开培训")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on} {self.topic}"


class RuleKind(models.TextChoices):
    LINEAR = "linear", _("线性：按数值在区间内折算")
    THRESHOLDS = "thresholds", _("分档：达到某档得相应比例")
    YES_NO = "yes_no", _("是否：达标得满分")


class EvaluationScheme(models.Model):
    """An evaluation scheme (考核评分方案) for one year: which indicators count, with what weight and rule."""

    year = models.PositiveSmallIntegerField(_("考核年度"), unique=True)
    title = models.CharField(_("方案名称"), max_length=200)
    notes = models.TextField(_("说明"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("考核评分方案")
        verbose_name_plural = _("考核评分方案")
        ordering = ["-year"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("supervision:scheme", kwargs={"pk": self.pk})


class SchemeIndicator(models.Model):
    """One scored indicator of a scheme. `steps` reads "95=100, 80=60, 0=0" (value reached = percent of weight)."""

    scheme = models.ForeignKey(EvaluationScheme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("指标"), max_length=60)
    weight = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    rule = models.CharField(_("评分规则"), max_length=20, choices=RuleKind.choices, default=RuleKind.LINEAR)
    zero_at = models.DecimalField(_("零分对应数值"), max_digits=12, decimal_places=2, null=True, blank=True)
    full_at = models.DecimalField(_("满分对应数值"), max_digits=12, decimal_places=2, null=True, blank=True)
    steps = models.CharField(_("分档（数值=得分比例%）"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["scheme", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="scheme_indicator_once")]

    def __str__(self):
        return f"{self.scheme.year} {self.code}"


class OrderQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=SupervisionOrder.State.OPEN)

    def overdue(self, today):
        return self.open().filter(deadline__lt=today)


class SupervisionOrder(models.Model):
    """督办 / 督促整改: the office orders an organisation to fix something by a deadline; the organisation answers."""

    class Kind(models.TextChoices):
        SUPERVISE = "supervise", _("督办")
        RECTIFY = "rectify", _("督促整改")

    class State(models.TextChoices):
        OPEN = "open", _("待整改")
        ANSWERED = "answered", _("已反馈，待确认")
        CLOSED = "closed", _("已办结")

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("被督办单位"), on_delete=models.PROTECT, related_name="supervision_orders"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.RECTIFY)
    indicator = models.CharField(_("相关指标"), max_length=60, blank=True)
    subject = models.CharField(_("督办事项"), max_length=200)
    details = models.TextField(_("具体要求"))
    deadline = models.DateField(_("整改期限"))
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.OPEN)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("督办人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("下达时间"), default=timezone.now)
    answer = models.TextField(_("整改情况"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("反馈人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField(_("反馈日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "state", "deadline"])]

    def __str__(self):
        return f"{self.organisation} · {self.subject}"

    @property
    def is_open(self) -> bool:
        """Waiting for the organisation's answer (待整改)."""
        return self.state == self.State.OPEN

    @property
    def is_answered(self) -> bool:
        """Answered by the organisation, waiting for the office to confirm and close it."""
        return self.state == self.State.ANSWERED

    def is_overdue(self, today) -> bool:
        return self.is_open and self.deadline < today


class NoticeQuerySet(models.QuerySet):
    def public(self):
        """THE gate for notices: only those the office chose to publish."""
        return self.filter(is_published=True)


class Notice(models.Model):
    """通报表扬 / 通报批评 of an organisation; published on the site where the office chooses."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("通报表扬")
        CRITICISM = "criticism", _("通报批评")

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="supervision_notices"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("通报内容"))
    issued_on = models.DateField(_("通报日期"))
    is_published = models.BooleanField(_("在网站公开"), default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)  # portal/editing.py

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-issued_on", "-pk"]

    def __str__(self):
        return self.title


class DemonstrationQuerySet(models.QuerySet):
    def public(self):
        """THE gate for demonstration zones and points: those of active organisations."""
        return self.filter(organisation__is_active=True)


class Demonstration(models.Model):
    """政务公开示范区 / 示范点: designated with year and reason, shown publicly."""

    class Kind(models.TextChoices):
        ZONE = "zone", _("示范区")
        POINT = "point", _("示范点")

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="demonstrations"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("命名年度"))
    reason = models.TextField(_("命名理由"))
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)  # portal/editing.py

    objects = DemonstrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("政务公开示范区（点）")
        verbose_name_plural = _("政务公开示范区（点）")
        ordering = ["-year", "kind", "organisation__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "year"], name="demonstration_once_a_year")
        ]

    def __str__(self):
        return f"{self.year} {self.get_kind_display()} {self.organisation}"


class SelfCheckRun(models.Model):
    """The daily self-check ran for this organisation on this day: the row makes the job idempotent per day."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.CASCADE, related_name="self_check_runs")
    on = models.DateField(_("自查日期"))
    mailed_to = models.PositiveIntegerField(_("邮件收件人数"), default=0)

    class Meta:
        verbose_name = _("每日自查")
        verbose_name_plural = _("每日自查")
        ordering = ["-on", "organisation__path"]
        constraints = [models.UniqueConstraint(fields=["organisation", "on"], name="self_check_once_a_day")]

    def __str__(self):
        return f"{self.organisation} {self.on}"


class Severity(models.TextChoices):
    VETO = "veto", _("单项否决风险")
    WARNING = "warning", _("提醒")


class SelfCheckWarning(models.Model):
    """One finding of a self-check run, shown in the organisation's workspace until the next run."""

    run = models.ForeignKey(SelfCheckRun, on_delete=models.CASCADE, related_name="warnings")
    severity = models.CharField(_("级别"), max_length=10, choices=Severity.choices)
    message = models.CharField(_("提醒内容"), max_length=300)
    url = models.CharField(_("链接"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("自查提醒")
        verbose_name_plural = _("自查提醒")
        ordering = ["run", "severity", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(severity__in=["veto", "warning"]), name="self_check_severity_known")
        ]

    def __str__(self):
        return self.message
