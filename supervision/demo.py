"""Demo records of the supervising office, and a county whose organisations genuinely differ.

Idempotent: rows are keyed by natural keys (year, organisation, subject). So that the dashboard shows real
differences, some columns of 县民政局 and 县教体局 are filed with documents older than their update cycle
(stale), a few of 县民政局's and 县财政局's documents of this year were formed long before publication (late
under Art. 26 and the catalog time limits), and 马庄镇 and the county government keep their empty columns.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from catalog.models import CatalogItem
from disclosure import services as disclosure_services
from disclosure.models import Document
from portal.models import CATALOG_KINDS, Membership, Organisation
from supervision import services
from supervision.models import (
    Demonstration,
    Designation,
    EvaluationScheme,
    Notice,
    RuleKind,
    SchemeIndicator,
    SelfCheckRun,
    SupervisionOrder,
    Training,
)

NO_DESIGNATION = {"liulin", "mazhuang", "housing", "health"}
# (code, points, rule, zero_at, full_at, steps)
SCHEME = [
    ("empty_columns", 15, RuleKind.THRESHOLDS, None, None, "0=100, 2=60, 4=20"),
    ("stale_columns", 15, RuleKind.THRESHOLDS, None, None, "0=100, 2=60, 4=20"),
    ("art26_rate", 10, RuleKind.LINEAR, 80, 100, ""),
    ("timely_rate", 10, RuleKind.LINEAR, 80, 100, ""),
    ("interpretation_missing", 5, RuleKind.YES_NO, None, None, ""),
    ("requests_on_time_rate", 15, RuleKind.LINEAR, 80, 100, ""),
    ("requests_open_overdue", 10, RuleKind.YES_NO, None, None, ""),
    ("annual_report_on_time", 10, RuleKind.YES_NO, None, None, ""),
    ("officer_designated", 5, RuleKind.YES_NO, None, None, ""),
    ("trainings", 5, RuleKind.YES_NO, None, None, ""),
]


def seed(context: dict, out) -> None:
    orgs = context["organisations"]
    users = context.get("users", {})
    supervisor = users.get("duban")
    today = timezone.localdate()
    _differences(orgs, today)

    for key, org in orgs.items():
        if org.kind in CATALOG_KINDS and key not in NO_DESIGNATION and key != "city-office":
            Designation.objects.get_or_create(
                organisation=org,
                defaults={"unit": f"{org.display_name}办公室", "officer": "王政务", "phone": org.phone or "0537-6500000"},
            )

    training, created = Training.objects.get_or_create(
        topic="《中华人民共和国政府信息公开条例》专题培训",
        held_on=dt.date(today.year, 4, 15),
        defaults={"organiser": orgs["county-office"], "hours": Decimal("3.0"), "recorded_by": supervisor,
                  "materials": "条例逐条解读课件\n依申请公开办理实务讲义"},
    )  # fmt: skip
    if created:
        training.attendees.set(
            Membership.objects.filter(organisation__in=[orgs[k] for k in ("civil-affairs", "education", "chengguan")])
        )

    scheme, _new = EvaluationScheme.objects.get_or_create(
        year=today.year,
        defaults={"title": f"安平县{today.year}年度政务公开工作考核评分方案",
                  "notes": "依据县政府绩效考核指标体系，满分100分。"},
    )  # fmt: skip
    for order, (code, points, rule, zero_at, full_at, steps) in enumerate(SCHEME):
        SchemeIndicator.objects.get_or_create(
            scheme=scheme, code=code,
            defaults={"weight": points, "rule": rule, "zero_at": zero_at, "full_at": full_at, "steps": steps,
                      "sort_order": order},
        )  # fmt: skip

    if not SupervisionOrder.objects.filter(organisation=orgs["liulin"]).exists():
        SupervisionOrder.objects.create(
            organisation=orgs["liulin"], kind=SupervisionOrder.Kind.RECTIFY, indicator="officer_designated",
            subject="尽快明确政务公开工作机构和专人", details="请明确负责政务公开的内设机构和工作人员，并报送联系方式。",
            deadline=today - dt.timedelta(days=10), issued_by=supervisor,
            issued_at=timezone.now() - dt.timedelta(days=30),
        )  # fmt: skip
    if not SupervisionOrder.objects.filter(organisation=orgs["mazhuang"]).exists():
        services.issue_order(
            orgs["mazhuang"], by=supervisor, subject="空白栏目整改", indicator="empty_columns",
            details="标准目录中多个事项没有任何公开内容，请逐项补充或说明不适用理由。",
            deadline=today + dt.timedelta(days=20),
        )  # fmt: skip
    education_order, created = SupervisionOrder.objects.get_or_create(
        organisation=orgs["education"], subject="政策解读同步发布",
        defaults={"kind": SupervisionOrder.Kind.SUPERVISE, "indicator": "interpretation_missing",
                  "details": "招生入学政策须与解读材料同步发布。", "deadline": today + dt.timedelta(days=5),
                  "issued_by": supervisor},
    )  # fmt: skip
    if created and users.get("jt_reviewer"):
        services.answer_order(education_order, by=users["jt_reviewer"], answer="已补充发布招生政策解读，并建立同步审核机制。")

    Notice.objects.get_or_create(
        organisation=orgs["civil-affairs"], title=f"关于表扬{today.year - 1}年度政务公开工作先进单位的通报",
        defaults={"kind": Notice.Kind.PRAISE, "issued_on": dt.date(today.year, 2, 20), "is_published": True,
                  "issued_by": supervisor, "body": "县民政局社会救助领域目录编制规范、信息更新及时，予以通报表扬。"},
    )  # fmt: skip
    Notice.objects.get_or_create(
        organisation=orgs["liulin"], title="关于柳林乡政务公开工作问题的通报",
        defaults={"kind": Notice.Kind.CRITICISM, "issued_on": dt.date(today.year, 6, 10), "is_published": True,
                  "issued_by": supervisor, "body": "柳林乡未明确政务公开专人，标准目录未编制，予以通报批评并限期整改。"},
    )  # fmt: skip
    for key, kind, year, reason in (
        ("county", Demonstration.Kind.ZONE, today.year - 1, "基层政务公开标准化规范化建设成效明显。"),
        ("chengguan", Demonstration.Kind.POINT, today.year - 1, "街道便民服务中心设立政务公开专区，群众查阅便利。"),
        ("civil-affairs", Demonstration.Kind.POINT, today.year, "社会救助领域目录完整、更新及时、解读到位。"),
    ):
        Demonstration.objects.get_or_create(organisation=orgs[key], kind=kind, year=year, defaults={"reason": reason})

    # Yesterday's self-check (no mail), so each workspace already shows what the daily job finds.
    yesterday = today - dt.timedelta(days=1)
    catalog_orgs = Organisation.objects.active().filter(kind__in=CATALOG_KINDS)
    if not SelfCheckRun.objects.filter(on=yesterday).exists():
        services.run_self_check(catalog_orgs, yesterday, mail=False)
    out.write(f"  supervision: scheme {scheme.year}, {Training.objects.count()} training(s), "
              f"{SupervisionOrder.objects.count()} order(s)\n")  # fmt: skip


def _differences(orgs, today):
    """Stale columns (old documents filed under otherwise empty items) and late publications."""
    for key, columns in (("civil-affairs", 5), ("education", 2)):
        org = orgs[key]
        old = list(
            Document.objects.public().filter(organisation=org, published_on__lt=today - dt.timedelta(days=300))
            .order_by("published_on", "pk")[:columns]
        )  # fmt: skip
        # The same items every run: the first published ones not updated within the last 300 days.
        recent = Document.objects.public().filter(published_on__gte=today - dt.timedelta(days=300))
        idle = list(
            CatalogItem.objects.published().filter(organisation=org).exclude(documents__in=recent).order_by("pk")[:columns]
        )
        for item, document in zip(idle, old, strict=False):
            item.documents.add(document)
    for key, count in (("civil-affairs", 3), ("finance", 4)):
        late = Document.objects.public().filter(
            organisation=orgs[key], published_on__year=today.year, published_on__lt=today - dt.timedelta(days=7)
        ).order_by("title", "pk")[:count]
        for document in late:
            formed = document.published_on - dt.timedelta(days=45)
            if document.formed_on != formed:
                Document.objects.filter(pk=document.pk).update(
                    formed_on=formed, is_late=disclosure_services.is_late(formed, document.published_on)
                )
