"""Demo documents for `manage.py seed_demo`: a few hundred realistic ones across organisations,
domains, attributes, states and validity. Idempotent: a document is keyed by organisation + title.

Titles come from templates of the kind county portals publish; dates are spread over three years
so the lists, filters and feeds have something to show.
"""

import datetime as dt
import random
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone

from catalog.models import CatalogItem, Domain
from disclosure import rendering, services
from disclosure.models import (
    Attachment,
    Attribute,
    CleanupBatch,
    CleanupEntry,
    Document,
    DocumentEvent,
    DocumentType,
    EventKind,
    Status,
    Validity,
)
from portal.legal import WithholdingGround

T = DocumentType
# organisation key → (short prefix for numbers, domain code, first-level item, second-level item, [(type, title)])
PLAN = {
    "civil-affairs": (
        "安民发",
        "social-assistance",
        "最低生活保障",
        "低保标准",
        [
            (T.NORMATIVE, "关于调整{year}年城乡居民最低生活保障标准的通知"),
            (T.INTERPRETATION, "《关于调整{year}年城乡居民最低生活保障标准的通知》政策解读"),
            (T.NOTICE, "{year}年第{n}季度城乡低保资金发放情况公示"),
            (T.STATISTICS, "{year}年{month}月全县社会救助数据统计"),
            (T.NOTICE, "关于开展{year}年度特困人员认定复核工作的通知"),
            (T.PLAN, "安平县{year}年养老服务体系建设工作计划"),
        ],
    ),
    "education": (
        "安教体发",
        "compulsory-education",
        "招生入学",
        "义务教育招生",
        [
            (T.POLICY, "安平县{year}年义务教育阶段学校招生入学工作方案"),
            (T.INTERPRETATION, "图解：{year}年义务教育招生入学政策问答"),
            (T.NOTICE, "关于公布{year}年城区小学学区划分的公告"),
            (T.NOTICE, "{year}年义务教育阶段学生资助资金分配结果公示"),
            (T.REPORT, "安平县{year}年教育事业发展统计公报"),
        ],
    ),
    "hr-social": (
        "安人社发",
        "social-insurance",
        "社会保险",
        "参保缴费",
        [
            (T.NOTICE, "关于做好{year}年度城乡居民基本养老保险缴费工作的通知"),
            (T.NOTICE, "{year}年第{n}季度就业困难人员社保补贴发放公示"),
            (T.POLICY, "安平县{year}年稳就业促创业若干措施"),
            (T.STATISTICS, "{year}年{month}月全县社会保险参保情况"),
        ],
    ),
    "finance": (
        "安财预",
        "budgets",
        "财政预决算",
        "部门预算",
        [
            (T.REPORT, "安平县{year}年财政预算执行情况和{next}年财政预算草案的报告"),
            (T.NOTICE, "安平县{year}年政府采购意向公开（第{n}批）"),
            (T.NOTICE, "安平县{year}年部门预算公开说明"),
            (T.STATISTICS, "{year}年{month}月全县一般公共预算收支情况"),
        ],
    ),
    "county": (
        "安政发",
        "major-projects",
        "重大建设项目",
        "项目审批",
        [
            (T.POLICY, "安平县人民政府关于印发{year}年重点项目建设计划的通知"),
            (T.NORMATIVE, "安平县人民政府关于进一步优化营商环境的若干意见（{year}年修订）"),
            (T.REPORT, "{year}年安平县人民政府工作报告"),
            (T.NOTICE, "安平县{year}年第{n}批重点建设项目批准结果公告"),
        ],
    ),
    "chengguan": (
        "城街发",
        "urban-enforcement",
        "城市综合执法",
        "执法公示",
        [
            (T.NOTICE, "城关街道{year}年第{n}季度行政执法结果公示"),
            (T.NOTICE, "城关街道{year}年老旧小区改造项目公示"),
            (T.PLAN, "城关街道{year}年政务公开工作要点"),
        ],
    ),
    "mazhuang": (
        "马政发",
        "agricultural-subsidies",
        "涉农补贴",
        "耕地地力保护补贴",
        [
            (T.NOTICE, "马庄镇{year}年耕地地力保护补贴发放公示"),
            (T.NOTICE, "马庄镇{year}年农村危房改造对象公示（第{n}批）"),
            (T.PLAN, "马庄镇{year}年乡村振兴重点工作安排"),
        ],
    ),
}

BODY = """<p>各有关单位：</p>
<p>为贯彻落实《中华人民共和国政府信息公开条例》和上级有关部署，现将{title}有关事项通知如下。</p>
<h2>一、主要内容</h2>
<p>{topic}工作坚持公开、公平、公正原则，按照“应公开、尽公开”的要求，及时向社会公布办理依据、条件、程序和结果。</p>
<h3>（一）办理时限</h3>
<table><tbody><tr><th>事项</th><th>承诺时限</th><th>公开方式</th></tr>
<tr><td>申请受理</td><td>1个工作日</td><td rowspan="2">政府网站、便民服务站</td></tr>
<tr><td>审核办结</td><td>10个工作日</td></tr></tbody></table>
<h2>二、工作要求</h2>
<ol><li>各单位要高度重视，明确专人负责。</li><li>严格按时限办理，主动接受社会监督。</li></ol>
<ul><li>办理依据：<a href="https://www.gov.cn/zhengce/">中国政府网政策文件库</a></li><li>联系电话：0537-6500000</li></ul>
<blockquote><p>本通知自印发之日起施行。</p></blockquote>"""

WITHHELD = [
    ("civil-affairs", Attribute.WITHHELD, WithholdingGround.INTERNAL_AFFAIRS, "关于局机关内部人员调整的通知", "内部人事管理信息。"),
    ("civil-affairs", Attribute.ON_REQUEST, WithholdingGround.THIRD_PARTY, "城乡低保对象家庭收入核查明细", "涉及申请人家庭收入等个人隐私。"),
    ("education", Attribute.ON_REQUEST, WithholdingGround.PROCESS_INFORMATION, "关于学区调整方案的请示（征求意见稿）", "过程性信息。"),
    ("finance", Attribute.WITHHELD, WithholdingGround.INTERNAL_AFFAIRS, "局机关内部财务审批流程", "内部管理流程。"),
    ("county", Attribute.ON_REQUEST, WithholdingGround.ENFORCEMENT_FILE, "安平县某企业安全生产行政处罚案卷", "行政执法案卷。"),
]  # fmt: skip

YEARS = 4
# Who drafts and who approves each organisation's demo documents (portal/demo.py staff).
AUTHORS = {
    "civil-affairs": ("mz_editor", "mz_reviewer"),
    "education": ("jt_editor", "jt_reviewer"),
    "chengguan": ("cg_editor", "cg_reviewer"),
}
PER_TEMPLATE = 7


def _domain_items(org, code, first, second):
    """The domain and the published catalog item the demo documents are filed under.

    Documents are filed only under items the catalog workflow published (catalog.demo runs first),
    so a published catalog's 相关文件 link finds them: the item named like the plan if there is one,
    else the first published item of that organisation and domain. An organisation without a
    published catalog for the domain files its documents under the domain alone.
    """
    domain = Domain.objects.filter(code=code).first()
    if domain is None:
        return None, []
    items = list(CatalogItem.objects.published().filter(organisation=org, domain=domain).order_by("sort_order", "pk"))
    best = next((i for i in items if (i.first_level, i.second_level) == (first, second)), None)
    best = best or next((i for i in items if i.first_level == first), None) or (items[0] if items else None)
    return domain, [best] if best else []


def _create(org, title, number, doc_type, domain, items, published_on, status, rng, author, reviewer, **extra):
    document = Document(
        organisation=org,
        title=title,
        document_number=number,
        doc_type=doc_type,
        topic=domain.name if domain else "",
        domain=domain,
        written_on=published_on - dt.timedelta(days=rng.randint(1, 10)),
        body=BODY.format(title=title, topic=domain.name if domain else "政务公开"),
        created_by=author,
        status=status,
        **extra,
    )
    document.formed_on = document.written_on
    services.prepare(document)
    if status in (Status.PUBLISHED, Status.WITHDRAWN):
        document.index_year = published_on.year
        document.index_serial, document.index_number = services.next_index_number(org, published_on.year)
        document.published_on = published_on
        document.published_at = timezone.make_aware(dt.datetime.combine(published_on, dt.time(9, 30)))
        document.is_late = services.is_late(document.formed_on, published_on)
    document.save()
    document.catalog_items.set(items)
    events = [(EventKind.CREATED, author, "", "", Status.DRAFT)]
    if status != Status.DRAFT:
        events.append((EventKind.SUBMITTED, author, "", Status.DRAFT, Status.SUBMITTED))
    if status in (Status.PUBLISHED, Status.WITHDRAWN):
        events.append((EventKind.PUBLISHED, reviewer, "同意发布。", Status.SUBMITTED, Status.PUBLISHED))
    if status == Status.WITHDRAWN:
        events.append((EventKind.WITHDRAWN, reviewer, "内容需要更新，暂时撤回。", Status.PUBLISHED, Status.WITHDRAWN))
    DocumentEvent.objects.bulk_create(
        DocumentEvent(document=document, kind=k, actor=a, comment=c, from_state=f, to_state=t)
        for k, a, c, f, t in events
    )
    return document


def seed(context: dict, out) -> None:
    organisations = context["organisations"]
    users = context.get("users", {})
    rng = random.Random(20261126)  # fixed seed: the same demo every time
    existing = set(Document.objects.values_list("organisation_id", "title"))
    today = timezone.localdate()
    created = 0
    for key, (prefix, code, first, second, templates) in PLAN.items():
        org = organisations.get(key)
        if org is None:
            continue
        author, reviewer = (users.get(name) for name in AUTHORS.get(key, AUTHORS["civil-affairs"]))
        domain, items = _domain_items(org, code, first, second)
        serial = 0
        for year in range(today.year - YEARS + 1, today.year + 1):
            for doc_type, template in templates:
                for n in range(1, PER_TEMPLATE + 1):
                    if "{n}" not in template and "{month}" not in template and n > 1:
                        break
                    title = template.format(year=year, next=year + 1, n=(n - 1) % 4 + 1, month=n + 2)
                    if "{n}" in template and n > 4:
                        title = f"{title}（补充）" if n == 5 else None
                    if not title or (org.pk, title) in existing:
                        continue
                    serial += 1
                    published_on = min(dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 360)), today)
                    roll = rng.random()
                    status = (
                        Status.DRAFT if roll < 0.05 else
                        Status.SUBMITTED if roll < 0.09 else
                        Status.WITHDRAWN if roll < 0.11 else Status.PUBLISHED
                    )  # fmt: skip
                    validity = Validity.EXPIRED if year < today.year - 1 and doc_type == T.NORMATIVE else Validity.VALID
                    document = _create(
                        org, title, f"{prefix}〔{year}〕{serial}号", doc_type, domain, items, published_on, status,
                        rng, author, reviewer, validity=validity,
                        validity_changed_on=dt.date(year + 1, 12, 31) if validity != Validity.VALID else None,
                    )  # fmt: skip
                    existing.add((org.pk, title))
                    created += 1
                    if doc_type == T.INTERPRETATION:
                        policy = (
                            Document.objects.filter(organisation=org, doc_type__in=[T.POLICY, T.NORMATIVE], title__contains=str(year))
                            .order_by("pk")
                            .first()
                        )  # fmt: skip
                        if policy:
                            Document.objects.filter(pk=document.pk).update(interprets=policy)
                            rendering.invalidate([document, policy])  # update() sends no signal
    author, reviewer = users.get("mz_editor"), users.get("mz_reviewer")
    for key, attribute, ground, title, explanation in WITHHELD:
        org = organisations.get(key)
        if org is None or (org.pk, title) in existing:
            continue
        domain, items = _domain_items(org, *next(v[1:4] for k, v in PLAN.items() if k == key))
        _create(
            org, title, "", T.OTHER, domain, items, today - dt.timedelta(days=400), Status.PUBLISHED, rng, author,
            reviewer, attribute=attribute, withholding_ground=ground, withholding_explanation=explanation,
            next_review_on=today - dt.timedelta(days=30),
        )  # fmt: skip
        created += 1
    _seed_cleanup(organisations.get("civil-affairs"), reviewer, today)
    _seed_attachments(organisations.get("civil-affairs"), author)
    out.write(f"disclosure: {created} 份演示文件（共 {Document.objects.count()} 份）")


def _seed_cleanup(org, reviewer, today):
    """One published clean-up batch, so the public 清理结果 page has content."""
    scope = "2024年以前制发的行政规范性文件"
    if org is None or CleanupBatch.objects.filter(organisation=org, scope=scope).exists():
        return
    expired = list(Document.objects.filter(organisation=org, validity=Validity.EXPIRED, status=Status.PUBLISHED)[:5])
    if not expired:
        return
    batch = CleanupBatch.objects.create(
        organisation=org, held_on=today - dt.timedelta(days=20), scope=scope, note="经清理，以下文件宣布失效。",
        created_by=reviewer,
    )  # fmt: skip
    CleanupEntry.objects.bulk_create(
        CleanupEntry(batch=batch, document=d, new_validity=d.validity, effective_on=d.validity_changed_on or today)
        for d in expired
    )


def _pdf(title: str) -> bytes:
    """A minimal valid one-page PDF (ASCII text only: the demo needs a file, not typesetting)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        + f"% {title}".encode()
    )


def _seed_attachments(org, author):
    """Attachments on a few published documents and on one withheld document (which must never be served)."""
    if org is None or Attachment.objects.filter(document__organisation=org).exists():
        return
    targets = [
        *Document.objects.filter(organisation=org, status=Status.PUBLISHED, attribute=Attribute.PROACTIVE)[:3],
        *Document.objects.filter(organisation=org, attribute=Attribute.WITHHELD)[:1],
    ]
    for document in targets:
        content = _pdf(document.index_number or "")
        Attachment.objects.create(
            document=document,
            file=ContentFile(content, name=f"{uuid.uuid4().hex}.pdf"),
            original_name=f"{document.title[:60]}（附件）.pdf",
            kind="pdf",
            size=len(content),
            uploaded_by=author,
        )
