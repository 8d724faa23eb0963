"""Demo participation data for `manage.py seed_demo`: the county government's decision matters and rules,
open, closed, overdue and answered consultations (one linked to its final policy), and past and coming open
days (one full with a waiting list). Idempotent: records are keyed by organisation + title (or open day + phone).

Names, phone numbers and ID numbers are fictitious; the crawl tests prove none of them reaches a public page.
"""

import base64
import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from participation import rules
from participation.models import (
    ActivityKind,
    CommentStatus,
    ConsultationEvent,
    DecisionKind,
    DecisionMatter,
    OpenDay,
    OpenDayEvent,
    OpenDayPhoto,
    OpenDayQuestion,
    ParticipationActivity,
    ParticipationRules,
    PublicComment,
    PublicConsultation,
    Registration,
    RegistrationStatus,
    ReviewStatus,
)
from portal.intake import codes, duplicates
from portal.models import Membership
from portal.validators import resident_id_check_character

# A 1×1 PNG, enough for the summary's photo in the demo.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

RULES_BODY = """第一条 为规范重大行政决策公众参与工作，保障公众知情权、参与权、表达权和监督权，依据《重大行政决策程序暂行条例》，结合本县实际，制定本制度。
第二条 县人民政府每年公布重大行政决策事项目录，列明决策事项、承办单位、公众参与方式和计划完成时间。
第三条 决策草案向社会公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，在征求意见时予以说明。
第四条 决策承办单位应当对社会各方面提出的意见进行归纳整理、研究论证，充分采纳合理意见，并向社会公布意见采纳情况及理由。
第五条 决策事项涉及群众切身利益的，可以采取听证会、座谈会、实地走访、问卷调查等方式听取意见，并邀请群众代表、专家代表列席有关会议。"""

MATTERS = [
    ("安平县城区停车设施专项规划（2026—2030年）", "县住房和城乡建设局", "网上征求意见；座谈会；问卷调查", "2026年9月"),
    ("安平县城乡居民最低生活保障标准调整", "县民政局", "网上征求意见；座谈会", "2026年6月"),
    ("安平县义务教育学校布局调整方案", "县教育和体育局", "网上征求意见；听证会；实地走访", "2026年12月"),
    ("安平县老旧小区改造三年行动计划", "县住房和城乡建设局", "网上征求意见；实地走访；列席会议", "2026年10月"),
]

NAMES = ["张伟", "王秀英", "李娜", "刘洋", "陈杰", "杨丽", "赵强", "黄敏", "周涛", "吴芳", "徐磊", "孙静"]


def _phone(n):
    return f"1390537{n:04d}"


def _id_number(n):
    first17 = f"37179919{80 + n % 20:02d}0{(n % 9) + 1}1{n % 10}{n % 7:03d}"[:17]
    return first17 + resident_id_check_character(first17)


def _matters(county, year):
    rules_row, _created = ParticipationRules.objects.get_or_create(
        organisation=county,
        defaults={
            "title": "安平县人民政府重大行政决策公众参与制度",
            "body": RULES_BODY,
            "channels": "网上：本网站“公众参与—意见征集”栏目\n电话：0537-6500011\n信函：安平县人民政府办公室（县府路1号），邮编 272799\n电子邮箱：canyu@anping.example.gov.cn",
            "is_published": True,
        },
    )
    matters = {}
    for title, lead, ways, planned in MATTERS:
        matters[title], _created = DecisionMatter.objects.get_or_create(
            organisation=county, year=year, title=title,
            defaults={"lead_unit": lead, "ways": ways, "planned_for": planned, "is_published": True,
                      "kind": DecisionKind.MAJOR_DECISION, "description": f"{title}，由{lead}承办。"},
        )  # fmt: skip
    parking = matters[MATTERS[0][0]]
    if not parking.activities.exists():
        today = timezone.localdate()
        ParticipationActivity.objects.create(
            matter=parking, kind=ActivityKind.SYMPOSIUM, held_on=today - dt.timedelta(days=6), citizen_count=12,
            expert_count=3, other_count=4, is_published=True,
            summary="邀请城关街道、东风街道居民代表和交通规划专家座谈，重点听取老城区夜间停车、学校周边接送车辆停放的意见。",
        )  # fmt: skip
        ParticipationActivity.objects.create(
            matter=parking, kind=ActivityKind.QUESTIONNAIRE, held_on=today - dt.timedelta(days=9), citizen_count=486,
            is_published=True, summary="线上线下共回收有效问卷486份，68%的受访者认为老城区夜间停车最为困难。",
        )  # fmt: skip
    return rules_row, matters


def _consultation(org, title, *, kind, opens_on, closes_on, matter=None, answered=None, final=None, author=None,
                  reason=""):  # fmt: skip
    existing = PublicConsultation.objects.filter(organisation=org, title=title).first()
    if existing:
        return existing, False
    now = timezone.now()
    c = PublicConsultation.objects.create(
        organisation=org, title=title, kind=kind, matter=matter, opens_on=opens_on, closes_on=closes_on,
        draft_text=f"{title.replace('（征求意见稿）', '')}\n\n第一条 为……，制定本方案。\n第二条 本方案适用于本县行政区域。\n第三条 ……",
        explanation="一、起草背景\n根据上级部署和本县实际，起草了本征求意见稿。\n二、主要内容\n共三章十五条。\n三、需要说明的问题\n……",
        ways_to_comment="电子邮箱：canyu@anping.example.gov.cn\n信函：安平县县府路1号（请在信封上注明“意见征集”）",
        short_period_reason=reason, status=ReviewStatus.PUBLISHED, published_at=now, created_by=author,
        feedback_due_on=rules.feedback_due(closes_on),
    )  # fmt: skip
    ConsultationEvent.objects.create(consultation=c, kind="publish", actor=author, from_state="submitted",
                                     to_state="published")  # fmt: skip
    if answered:
        count, people, adopted, not_adopted = answered
        c.comment_count, c.commenter_count = count, people
        c.adopted_views, c.not_adopted_views = adopted, not_adopted
        c.feedback_published_at = now
        c.feedback_published_on = min(closes_on + dt.timedelta(days=10), timezone.localdate())
        c.final_document = final
        c.save()
    return c, True


def _comments(consultation, bodies, start):
    if consultation.comments.exists():
        return
    for i, (body, approved) in enumerate(bodies):
        n = start + i
        at = timezone.now() - dt.timedelta(days=len(bodies) - i)
        year = timezone.localtime(at).year
        PublicComment.objects.create(
            consultation=consultation,
            receipt_number=codes.next_tracking_number("YJ", year),
            name=NAMES[n % len(NAMES)], phone=_phone(n), email=f"citizen{n}@example.com" if n % 2 else "",
            body=body, submitted_at=at, fingerprint=duplicates.fingerprint(consultation.pk, n, body),
            status=CommentStatus.APPROVED if approved else CommentStatus.PENDING,
        )  # fmt: skip


def _open_day(org, theme, *, starts_at, capacity, signups, requires_id=False, summary=None, author=None):
    day = OpenDay.objects.filter(organisation=org, theme=theme).first()
    if day is None:
        day = OpenDay.objects.create(
            organisation=org, theme=theme, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3),
            place=f"{org.name}（{org.address or '县府路1号'}）",
            agenda="09:00 集合签到\n09:15 参观办事大厅，了解办理流程\n10:00 负责同志介绍工作情况\n10:40 座谈交流，现场答疑\n12:00 活动结束",
            capacity=capacity, eligibility="本县常住居民，年满18周岁",
            signup_opens_at=starts_at - dt.timedelta(days=20), signup_closes_at=starts_at - dt.timedelta(days=1),
            requires_id_number=requires_id, status=ReviewStatus.PUBLISHED, published_at=timezone.now(),
            created_by=author,
        )  # fmt: skip
        OpenDayEvent.objects.create(open_day=day, kind="publish", actor=author, from_state="submitted",
                                    to_state="published")  # fmt: skip
    if not day.registrations.exists():
        for i in range(signups):
            n = day.pk * 100 + i
            at = day.signup_opens_at + dt.timedelta(hours=i + 1)
            Registration.objects.create(
                open_day=day, number=codes.next_tracking_number("KFR", timezone.localtime(at).year),
                code_hash=codes.hash_query_code(codes.new_query_code(), "gongkai.participation.registration_code"),
                name=NAMES[n % len(NAMES)], phone=_phone(n), id_number=_id_number(n) if requires_id else "",
                status=RegistrationStatus.CONFIRMED if i < capacity else RegistrationStatus.WAITING, created_at=at,
                fingerprint=duplicates.fingerprint(day.pk, _phone(n)),
                checked_in_at=day.starts_at + dt.timedelta(minutes=5 + i) if summary and i < capacity - 1 else None,
            )  # fmt: skip
    if summary and not day.summary_published_at:
        text, questions = summary
        day.summary, day.attendance, day.summary_published_at = text, max(capacity - 1, 0), day.ends_at
        day.save()
        for question, answer in questions:
            OpenDayQuestion.objects.create(open_day=day, question=question, answer=answer)
        photo = OpenDayPhoto(open_day=day, caption="市民代表参观政务服务大厅", kind="png", size=len(PIXEL))
        photo.file.save("demo-open-day.png", ContentFile(PIXEL), save=False)
        photo.save()
    return day


def seed(context: dict, out) -> None:
    from disclosure.models import Document

    organisations = context["organisations"]
    users = context.get("users", {})
    county = organisations["county"]
    today = timezone.localdate()
    officer = users.get("xzf_handler")
    if officer is not None:
        Membership.objects.get_or_create(user=officer, organisation=county, role="participation_officer")
    _rules, matters = _matters(county, today.year)
    D = dt.timedelta

    parking, _ = _consultation(
        county, "安平县城区停车设施专项规划（2026—2030年）（征求意见稿）", kind=DecisionKind.MAJOR_DECISION,
        opens_on=today - D(days=10), closes_on=today + D(days=25), matter=matters[MATTERS[0][0]], author=officer,
    )  # fmt: skip
    _comments(parking, [
        ("建议在老城区中小学周边设置限时停车泊位，方便家长接送。", True),
        ("东风街道夜间停车非常困难，希望利用机关单位停车场夜间对居民开放。", True),
        ("规划中的立体停车库收费标准应当公开听证。", False),
    ], 0)  # fmt: skip
    civil = organisations["civil-affairs"]
    support, _ = _consultation(
        civil, "关于进一步做好困难群众基本生活保障工作的实施意见（征求意见稿）", kind=DecisionKind.NORMATIVE,
        opens_on=today - D(days=3), closes_on=rules_days_after(today, 8), author=users.get("mz_editor"),
    )  # fmt: skip
    _comments(support, [("建议把临时救助的申请渠道延伸到村（社区）便民服务站。", True)], 10)
    education = organisations["education"]
    admission, _ = _consultation(
        education, "安平县义务教育阶段学校招生入学工作方案（征求意见稿）", kind=DecisionKind.NORMATIVE,
        opens_on=today - D(days=20), closes_on=today - D(days=6), author=users.get("jt_editor"),
    )  # fmt: skip
    _comments(
        admission, [("建议公布各学区的学位数量和往年录取情况。", True), ("随迁子女入学材料能否简化？", False)], 20
    )
    housing = organisations["housing"]
    _consultation(
        housing, "安平县老旧小区改造实施方案（征求意见稿）", kind=DecisionKind.MAJOR_DECISION,
        opens_on=today - D(days=90), closes_on=today - D(days=55), matter=matters[MATTERS[3][0]],
        author=officer,
    )  # fmt: skip
    final = (
        Document.objects.public().filter(organisation=civil, title__contains="最低生活保障标准的通知")
        .exclude(title__contains="解读").order_by("-published_on").first()
    )  # fmt: skip
    closes = (final.published_on if final else today) - D(days=30)
    answered, _ = _consultation(
        civil, "关于调整城乡居民最低生活保障标准的通知（征求意见稿）", kind=DecisionKind.NORMATIVE,
        opens_on=closes - D(days=14), closes_on=closes, matter=matters[MATTERS[1][0]], author=users.get("mz_editor"),
        answered=(23, 17,
                  "1. 采纳“农村低保标准与城市低保标准差距过大”的意见，农村标准提高幅度由5%调整为8%。\n2. 采纳“明确调标后补发时间”的意见。",
                  "1. “取消收入核算中的赡养费计算”的意见未采纳：赡养费计入家庭收入是上级规定，本县无权调整。"),
        final=final,
    )  # fmt: skip
    _comments(answered, [("农村低保标准与城市差距过大，建议提高农村标准。", True)], 30)

    now = timezone.now()
    _open_day(
        county, "走进县政务服务中心——政府开放日（第一期）", starts_at=now - D(days=40), capacity=20, signups=18,
        requires_id=True, author=officer,
        summary=("本期开放日共有18名市民代表报名，实到17人。代表们参观了政务服务大厅、12345热线受理中心，"
                 "与县政府办公室负责同志座谈。", [
                     ("办理不动产登记为什么还要跑两个窗口？", "已推行“一窗受理、集成服务”，本月起在综合窗口一次办结。"),
                     ("12345热线回访能不能只发短信？", "可以在来电时选择短信回访，我们将在语音提示中说明。"),
                 ]),
    )  # fmt: skip
    _open_day(
        civil, "走进县民政局：社会救助审批全流程开放日", starts_at=now + D(days=12), capacity=5, signups=7,
        author=users.get("mz_editor"),
    )  # fmt: skip
    _open_day(
        education, "走进县教体局：招生入学政策面对面", starts_at=now + D(days=30), capacity=30, signups=3,
        author=users.get("jt_editor"),
    )  # fmt: skip
    out.write("公众参与：意见征集、决策事项目录、政府开放日已就绪。")


def rules_days_after(day, n):
    """`n` working days after `day` (a normative draft's period is counted in working days)."""
    from portal import workdays

    return workdays.add_working_days(day, n)
