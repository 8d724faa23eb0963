"""The figures of the 政府网站工作年度报表 that come from the records, and the table in the national layout.

`compute(year)` reads every app through its public gate with a fixed number of aggregate queries (nine,
whatever the data size): documents, catalogs, hot topics, messages, consultations and their comments,
interviews and their questions, and the visits of `DailyVisits`. `table(report)` lays a report out as the
附件 of 国办函〔2018〕12号 prints it — the same rows for the page, the print view and the xlsx; a published
report reads only its snapshot, so later changes in the records never alter it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from catalog.models import CatalogVersion
from disclosure.models import Document, DocumentType
from interaction.models import HotTopic, Interview, Message, MessageStatus, QuestionStatus
from participation.models import PublicComment, PublicConsultation
from portal import site_identity
from sitereport import rules
from sitereport.models import DailyVisits

# 政务动态: what the site publishes as news of the government's work (the other types are policies and reports).
DYNAMICS_TYPES = (DocumentType.NOTICE, DocumentType.OTHER)


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def compute(year: int) -> dict:
    """Every figure of the year the records hold, as plain JSON-able values (the snapshot's "records")."""
    first, last = _year_range(year)
    visits = DailyVisits.objects.filter(day__range=(first, last)).aggregate(
        visits=Sum("visits"), visitors=Sum("visitors")
    )
    docs = (
        Document.objects.public()
        .filter(published_on__range=(first, last))
        .aggregate(
            total=Count("pk", distinct=True),
            dynamics=Count("pk", filter=Q(doc_type__in=DYNAMICS_TYPES), distinct=True),
            catalog=Count("pk", filter=Q(catalog_items__isnull=False), distinct=True),
            interpretations=Count("pk", filter=Q(doc_type=DocumentType.INTERPRETATION), distinct=True),
        )
    )
    columns = CatalogVersion.objects.published().aggregate(
        maintained=Count("catalog", filter=Q(current_of__isnull=False), distinct=True),
        new=Count("catalog", filter=Q(number=1, published_at__date__range=(first, last)), distinct=True),
    )
    hot_topics = HotTopic.objects.public().filter(published_at__date__range=(first, last)).count()
    handling = ExpressionWrapper(F("answered_on") - F("received_on"), output_field=DurationField())
    concluded = Q(status=MessageStatus.ANSWERED, answered_on__range=(first, last))
    messages = Message.objects.aggregate(
        received=Count("pk", filter=Q(submitted_at__date__range=(first, last))),
        concluded=Count("pk", filter=concluded),
        average=Avg(handling, filter=concluded),
    )
    public_replies = Message.objects.public().filter(published_at__date__range=(first, last)).count()
    consultations = PublicConsultation.objects.public().aggregate(
        periods=Count("pk", filter=Q(opens_on__range=(first, last))),
        results=Count("pk", filter=Q(feedback_published_at__date__range=(first, last))),
    )
    comments = PublicComment.objects.filter(
        consultation__in=PublicConsultation.objects.public(), submitted_at__date__range=(first, last)
    ).count()
    interviews = (
        Interview.objects.public()
        .filter(starts_at__date__range=(first, last))
        .aggregate(
            periods=Count("pk", distinct=True),
            asked=Count("questions", distinct=True),
            answered=Count("questions", filter=Q(questions__status=QuestionStatus.APPROVED), distinct=True),
        )
    )
    return {
        "visitors": visits["visitors"] or 0,
        "visits": visits["visits"] or 0,
        "docs_total": docs["total"],
        "docs_dynamics": docs["dynamics"],
        "docs_catalog": docs["catalog"],
        "columns_maintained": columns["maintained"],
        "columns_new": columns["new"],
        "interpretation_materials": docs["interpretations"],
        "hot_topics": hot_topics,
        "messages_received": messages["received"],
        "messages_concluded": messages["concluded"],
        "messages_average_days": rules.average_days(messages["average"]),
        "messages_public": public_replies,
        "consultations": consultations["periods"],
        "consultation_comments": comments,
        "consultation_results": consultations["results"],
        "interviews": interviews["periods"],
        "interview_questions": interviews["asked"],
        "interview_answers": interviews["answered"],
    }


def identity() -> dict:
    """The settings' part of 基本信息 (frozen with the records when the report is published)."""
    current = site_identity.current()
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "sponsor": current.sponsor,
        "site_id_code": current.site_id_code,
        "icp_number": current.icp_number,
        "police_number": current.police_number,
    }


def snapshot(report) -> dict:
    return {"records": compute(report.year), "identity": identity()}


def current_figures(report) -> dict:
    """The report's computed part: frozen once published, live while it is a draft."""
    return report.snapshot if report.snapshot is not None else snapshot(report)


# ---- the table -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the table: `source` is where the value comes from ("identity", "records", "entered" or
    "derived"), `key` the name there; `level` indents sub-items (其中…)."""

    label: str
    source: str
    key: str
    level: int = 0


def _r(label, key, level=0):
    return Row(label, "records", key, level)


def _e(label, key, level=0):
    return Row(label, "entered", key, level)


LAYOUT: tuple[tuple[str, tuple[Row, ...]], ...] = (
    (
        _("基本信息"),
        (
            Row(_("网站名称"), "derived", "site_name"),
            _e(_("首页网址"), "home_url"),
            Row(_("主办单位"), "derived", "sponsor"),
            _e(_("网站类型"), "site_kind"),
            Row(_("政府网站标识码"), "identity", "site_id_code"),
            Row(_("ICP备案号"), "identity", "icp_number"),
            Row(_("公安机关备案号"), "identity", "police_number"),
        ),
    ),
    (
        _("网站访问"),
        (_r(_("独立用户访问总量（个）"), "visitors"), _r(_("网站总访问量（次）"), "visits")),
    ),
    (
        _("信息发布"),
        (
            _r(_("总数（条）"), "docs_total"),
            _e(_("概况类信息更新量（条）"), "overview_updates", 1),
            _r(_("政务动态信息更新量（条）"), "docs_dynamics", 1),
            _r(_("信息公开目录信息更新量（条）"), "docs_catalog", 1),
        ),
    ),
    (
        _("专栏专题"),
        (_r(_("维护数量（个）"), "columns_maintained"), _r(_("新开设数量（个）"), "columns_new")),
    ),
    (
        _("解读回应"),
        (
            Row(_("解读信息发布总数（条）"), "derived", "interpretation_total"),
            _r(_("解读材料数量（条）"), "interpretation_materials", 1),
            _e(_("解读产品数量（条）"), "interpretation_products", 1),
            _e(_("媒体评论文章数量（篇）"), "media_commentaries", 1),
            _r(_("回应公众关注热点或重大舆情数量（次）"), "hot_topics"),
        ),
    ),
    (
        _("办事服务"),
        (
            _e(_("是否发布服务事项目录"), "service_catalog_published"),
            _e(_("注册用户数（个）"), "registered_users"),
            _e(_("政务服务事项数量（项）"), "service_items"),
            _e(_("可全程在线办理政务服务事项数量（项）"), "online_service_items", 1),
            _e(_("办件量：总数（件）"), "cases_total"),
            _e(_("自然人办件量（件）"), "cases_natural", 1),
            _e(_("法人办件量（件）"), "cases_legal", 1),
        ),
    ),
    (
        _("互动交流"),
        (
            _e(_("是否使用统一平台"), "unified_platform"),
            _r(_("留言办理：收到留言数量（条）"), "messages_received"),
            _r(_("办结留言数量（条）"), "messages_concluded", 1),
            _r(_("平均办理时间（天）"), "messages_average_days", 1),
            _r(_("公开答复数量（条）"), "messages_public", 1),
            _r(_("征集调查：征集调查期数（期）"), "consultations"),
            _r(_("收到意见数量（条）"), "consultation_comments", 1),
            _r(_("公布调查结果期数（期）"), "consultation_results", 1),
            _r(_("在线访谈：访谈期数（期）"), "interviews"),
            _r(_("网民留言数量（条）"), "interview_questions", 1),
            _r(_("答复网民提问数量（条）"), "interview_answers", 1),
            _e(_("是否提供智能问答"), "smart_qa"),
        ),
    ),
    (
        _("安全防护"),
        (
            _e(_("安全检测评估次数（次）"), "security_checks"),
            _e(_("发现问题数量（个）"), "security_problems"),
            _e(_("问题整改数量（个）"), "security_fixed"),
            _e(_("是否建立安全监测预警机制"), "security_monitoring"),
            _e(_("是否开展应急演练"), "emergency_drill"),
            _e(_("是否明确网站安全责任人"), "security_officer"),
        ),
    ),
    (
        _("移动新媒体"),
        (
            _e(_("是否有移动新媒体"), "has_new_media"),
            _e(_("微博：名称"), "weibo_name"),
            _e(_("信息发布量（条）"), "weibo_posts", 1),
            _e(_("关注量（个）"), "weibo_followers", 1),
            _e(_("微信：名称"), "wechat_name"),
            _e(_("信息发布量（条）"), "wechat_posts", 1),
            _e(_("订阅数（个）"), "wechat_subscribers", 1),
            _e(_("其他"), "other_media"),
        ),
    ),
    (
        _("创新发展"),
        (
            _e(_("搜索即服务"), "search_as_service"),
            _e(_("多语言版本"), "multilingual"),
            _e(_("无障碍浏览"), "accessible_browsing"),
            _e(_("千人千网"), "personalised"),
            _e(_("其他"), "other_innovation"),
        ),
    ),
)

SIGNATURE = (
    ("unit_name", _("单位名称")),
    ("head", _("负责人")),
    ("reviewer_name", _("审核人")),
    ("filled_by", _("填报人")),
    ("phone", _("联系电话")),
    ("filled_on", _("填报日期")),
)


def _derived(key: str, report, frozen: dict):
    if key == "site_name":
        return report.site_name or frozen["identity"]["site_name"]
    if key == "sponsor":
        return frozen["identity"]["sponsor"] or report.unit_name
    if key == "interpretation_total":
        records = frozen["records"]
        return rules.interpretation_total(
            records["interpretation_materials"], report.interpretation_products, report.media_commentaries
        )
    raise KeyError(key)


def value(row: Row, report, frozen: dict):
    """The raw value of one row (int, float, bool, text or None)."""
    if row.source == "records":
        return frozen["records"].get(row.key)
    if row.source == "identity":
        return frozen["identity"].get(row.key) or ""
    if row.source == "derived":
        return _derived(row.key, report, frozen)
    if row.key == "site_kind":
        return report.get_site_kind_display()
    if row.key == "other_innovation":
        return report.other_innovation if report.other_innovation_flag else False
    return getattr(report, row.key)


def shown(raw) -> str:
    """How a value is printed: 是/否 for yes-no rows, "—" for nothing."""
    if raw is True:
        return str(_("是"))
    if raw is False:
        return str(_("否"))
    if raw is None or raw == "":
        return "—"
    return str(raw)


def table(report) -> dict:
    """{"sections": [{"title", "rows": [{"label", "value", "raw", "level", "computed"}]}], "signature": [...]}."""
    frozen = current_figures(report)
    sections = []
    for title, rows in LAYOUT:
        lines = []
        for row in rows:
            raw = value(row, report, frozen)
            lines.append(
                {
                    "label": row.label,
                    "raw": raw,
                    "value": shown(raw),
                    "level": row.level,
                    "computed": row.source != "entered",
                }
            )
        sections.append({"title": title, "rows": lines})
    signature = [{"label": label, "value": shown(getattr(report, key))} for key, label in SIGNATURE]
    return {"sections": sections, "signature": signature}
