"""The site's daily visits and its annual work report (政府网站工作年度报表, 国办函〔2018〕12号 附件).

`DailyVisits` rows are written once a day by `manage.py flush_site_visits` from the cache counters the
middleware keeps (no personal data, no write per page view). A `SiteReport` holds the figures staff enter;
the figures the records give are computed (`sitereport.figures`) while it is a draft and frozen into
`snapshot` when it is published. A correction is a new version; the old one is kept, superseded.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation, WorkflowEvent


class DailyVisits(models.Model):
    """One day's page views and approximate unique visitors of the public site."""

    day = models.DateField(_("日期"), unique=True)
    visits = models.PositiveIntegerField(_("访问量（次）"), default=0)
    visitors = models.PositiveIntegerField(_("独立用户（个）"), default=0)
    flushed_at = models.DateTimeField(_("写入时间"), auto_now=True)

    class Meta:
        verbose_name = _("每日访问量")
        verbose_name_plural = _("每日访问量")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day}: {self.visits}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被更正版本替代")


class SiteKind(models.TextChoices):
    PORTAL = "portal", _("政府门户网站")
    DEPARTMENT = "department", _("部门网站")
    SPECIAL = "special", _("专项网站")


class SiteReportQuerySet(models.QuerySet):
    def published(self):
        """THE gate for citizens: the published version of each year's report (a correction supersedes)."""
        return self.filter(status=ReportStatus.PUBLISHED)


def _count(label):
    return models.PositiveIntegerField(label, default=0)


def _flag(label):
    return models.BooleanField(label, default=False)


def _text(label, length=100):
    return models.CharField(label, max_length=length, blank=True)


class SiteReport(models.Model):
    """The site's report on one year, kept by one organisation (the county government office)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("填报单位"), on_delete=models.PROTECT, related_name="site_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1, editable=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False
    )
    # 基本信息 the settings do not hold
    site_name = _text(_("网站名称"), 100)
    home_url = models.URLField(_("首页网址"), blank=True)
    site_kind = models.CharField(_("网站类型"), max_length=12, choices=SiteKind.choices, default=SiteKind.PORTAL)
    # 信息发布
    overview_updates = _count(_("概况类信息更新量（条）"))
    # 解读回应
    interpretation_products = _count(_("解读产品数量（条）"))
    media_commentaries = _count(_("媒体评论文章数量（篇）"))
    # 办事服务
    service_catalog_published = _flag(_("是否发布服务事项目录"))
    registered_users = _count(_("注册用户数（个）"))
    service_items = _count(_("政务服务事项数量（项）"))
    online_service_items = _count(_("可全程在线办理政务服务事项数量（项）"))
    cases_total = _count(_("办件量：总数（件）"))
    cases_natural = _count(_("办件量：自然人办件量（件）"))
    cases_legal = _count(_("办件量：法人办件量（件）"))
    # 互动交流
    unified_platform = _flag(_("是否使用统一平台"))
    smart_qa = _flag(_("是否提供智能问答"))
    # 安全防护
    security_checks = _count(_("安全检测评估次数（次）"))
    security_problems = _count(_("发现问题数量（个）"))
    security_fixed = _count(_("问题整改数量（个）"))
    security_monitoring = _flag(_("是否建立安全监测预警机制"))
    emergency_drill = _flag(_("是否开展应急演练"))
    security_officer = _flag(_("是否明确网站安全责任人"))
    # 移动新媒体
    has_new_media = _flag(_("是否有移动新媒体"))
    weibo_name = _text(_("微博：名称"))
    weibo_posts = _count(_("微博：信息发布量（条）"))
    weibo_followers = _count(_("微博：关注量（个）"))
    wechat_name = _text(_("微信：名称"))
    wechat_posts = _count(_("微信：信息发布量（条）"))
    wechat_subscribers = _count(_("微信：订阅数（个）"))
    other_media = _text(_("其他移动新媒体"), 200)
    # 创新发展
    search_as_service = _flag(_("搜索即服务"))
    multilingual = _flag(_("多语言版本"))
    accessible_browsing = _flag(_("无障碍浏览"))
    personalised = _flag(_("千人千网"))
    other_innovation_flag = _flag(_("其他创新做法"))
    other_innovation = _text(_("其他创新做法的内容"), 200)
    # 填报
    unit_name = _text(_("单位名称"))
    head = _text(_("负责人"), 50)
    reviewer_name = _text(_("审核人"), 50)
    filled_by = _text(_("填报人"), 50)
    phone = _text(_("联系电话"), 30)
    filled_on = models.DateField(_("填报日期"), null=True, blank=True)

    correction_note = _text(_("更正说明"), 300)
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
    edit_version = models.PositiveIntegerField(_("修改版本"), default=1, editable=False)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = SiteReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="site_report_version"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status__in=["draft", "submitted"]),
                name="site_report_one_working_copy",
            ),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(status="published"), name="site_report_one_published"
            ),
        ]

    def __str__(self):
        return f"{self.year} ({self.version})"


class SiteReportEvent(WorkflowEvent):
    """A step in a site report's review: edited, submitted, sent back with a reason, published."""

    report = models.ForeignKey(SiteReport, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("网站年度报表审核记录")
        verbose_name_plural = _("网站年度报表审核记录")
