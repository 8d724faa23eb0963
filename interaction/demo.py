"""Demo messages in every state for several organisations, error reports, a hot-topic response and two
interviews (one past with its transcript, one coming). Idempotent: keyed by subject, title and topic.

Everything goes through the real services; dates are then moved into the past so the queue shows genuine
working-days-left figures (one message overdue, one nearly 3 months old).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from interaction import services
from interaction.flows import HOT_TOPIC, INTERVIEW, REPLY
from interaction.models import (
    ErrorKind,
    ErrorReport,
    EventKind,
    HotTopic,
    Interview,
    InterviewQuestion,
    Message,
    MessageType,
    QuestionStatus,
)
from portal.demo import DEMO_PASSWORD
from portal.models import Membership

# (username, full name, organisation key)
HANDLERS = [
    ("mz_liuyan", "何佳（民政局留言办理）", "civil-affairs"),
    ("jt_liuyan", "林晓（教体局留言办理）", "education"),
    ("xzf_liuyan", "高远（县长信箱办理）", "county"),
    ("zj_liuyan", "杜鹏（住建局留言办理）", "housing"),
]
REVIEWERS = {"civil-affairs": "mz_reviewer", "education": "jt_reviewer", "county": "xzf_handler",
             "housing": "xzf_handler"}  # fmt: skip

# (org key, mailbox, type code, subject, body, writer, days ago, outcome, consents)
# outcome: open / reviewing / answered / published / invalid / transferred:<org key> / converted
MESSAGES = [
    ("civil-affairs", "organisation", "consultation", "城乡低保申请需要准备哪些材料？",
     "我父亲今年70岁，独自居住在马庄镇，想申请农村低保，请问需要准备哪些材料，到哪里办理？", "王建华", 30, "published", True),
    ("civil-affairs", "organisation", "help", "独居老人能否申请居家养老服务补贴",
     "家中老人80岁独居，行动不便，请问县里有没有居家养老服务补贴，怎么申请？", "李秀梅", 24, "published", True),
    ("civil-affairs", "organisation", "suggestion", "建议在城关街道增设社区养老服务站",
     "城关街道老年人多，现有的日间照料中心离得远，建议在前进社区增设养老服务站。", "张国庆", 40, "answered", False),
    ("civil-affairs", "organisation", "complaint", "低保公示名单中有已去世人员",
     "本村低保公示名单中有一位去年已去世的老人，请核实。", "赵春生", 2, "open", True),
    ("civil-affairs", "organisation", "consultation", "临时救助申请后多久能到账",
     "上月因病申请了临时救助，请问审批后多久能发放到账？", "孙丽", 4, "reviewing", True),
    ("civil-affairs", "organisation", "complaint", "婚姻登记处工作时间与公示不符",
     "公示的工作时间是8:30开始，但我上周二9点到时仍未开门。", "周涛", 24, "open", False),
    ("civil-affairs", "organisation", "help", "残疾人两项补贴停发原因",
     "我的残疾人护理补贴从今年起停发了，没有接到任何通知，请帮忙查询原因。", "吴海", 82, "open", False),
    ("civil-affairs", "organisation", "suggestion", "推广优惠信息", "低价代办各类证件，联系微信。", "推广员", 10, "invalid", False),
    ("education", "organisation", "consultation", "2026年秋季小学招生划片范围何时公布",
     "孩子今年秋季上小学，请问城区小学招生划片范围什么时候公布？", "陈晨", 35, "published", True),
    ("education", "organisation", "suggestion", "建议延长小学课后服务时间",
     "双职工家庭下班较晚，建议课后服务延长到18:00。", "刘洋", 28, "published", True),
    ("education", "organisation", "consultation", "初中转学需要办理哪些手续",
     "因工作调动，孩子需从外县转入安平县初中，请问需要哪些手续？", "郑华", 1, "open", True),
    ("county", "head", "suggestion", "关于缓解县城老城区停车难的建议",
     "老城区停车位严重不足，建议利用闲置空地建设临时停车场，并对公共停车场实行错时开放。", "马志远", 45, "published", True),
    ("county", "head", "help", "马庄镇至柳林乡道路路面破损严重",
     "马庄镇到柳林乡的县道有多处坑洼，雨天积水，存在安全隐患，希望尽快修复。", "冯军", 6, "transferred:housing", True),
    ("county", "head", "consultation", "请提供2025年县级财政预算执行情况报告",
     "我想了解2025年县级财政预算执行情况，请提供相关报告全文。", "韩梅", 3, "converted", False),
]  # fmt: skip

REPLIES = {
    "城乡低保申请需要准备哪些材料？": "申请农村低保需提供户口簿、身份证、家庭收入和财产状况说明，由本人或家属向户籍所在地乡镇人民政府（马庄镇便民服务中心）提出申请。乡镇受理后20个工作日内完成家庭经济状况调查。",
    "独居老人能否申请居家养老服务补贴": "本县对80周岁以上经济困难的独居老人发放居家养老服务补贴，每月200元，可向所在街道或乡镇民政办申请，需提供身份证和家庭经济状况证明。",
    "建议在城关街道增设社区养老服务站": "感谢您的建议。我局已将前进社区养老服务站纳入2027年建设计划，建成后将提供日间照料和助餐服务。",
    "临时救助申请后多久能到账": "临时救助经乡镇审核、民政局审批后，一般在5个工作日内发放到申请人账户。",
    "2026年秋季小学招生划片范围何时公布": "城区小学2026年秋季招生划片范围将于6月上旬在本网站“政府信息公开—教育”栏目公布，并在各学校门口张贴。",
    "建议延长小学课后服务时间": "感谢您的建议。自本学期起，城区小学课后服务延长至18:00，家长可自愿选择。",
    "关于缓解县城老城区停车难的建议": "县政府已责成县住建局、公安局交警大队研究落实：年内利用老城区3处闲置地块新增停车位320个，机关事业单位停车场节假日向社会免费开放。",
}


def _user(username, full_name):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _age(message, days: int) -> None:
    """Move a fresh message `days` into the past, its deadline recomputed from the new receipt date."""
    today = timezone.localdate()
    received_on = today - dt.timedelta(days=days)
    submitted_at = timezone.now() - dt.timedelta(days=days, hours=2)
    due_on = services.due_for(message.organisation, message.message_type, received_on)
    Message.objects.filter(pk=message.pk).update(submitted_at=submitted_at, received_on=received_on, due_on=due_on)
    message.events.filter(kind=EventKind.SUBMITTED).update(on=received_on, at=submitted_at)
    message.refresh_from_db()


def seed(context: dict, out) -> None:
    orgs, users = context["organisations"], context.setdefault("users", {})
    accounts = context.setdefault("accounts", [])
    for username, full_name, org_key in HANDLERS:
        users[username] = _user(username, full_name)
        Membership.objects.get_or_create(user=users[username], organisation=orgs[org_key], role="message_handler")
        if (username, full_name) not in accounts:
            accounts.append((username, full_name))
    handler_of = {org_key: users[username] for username, _name, org_key in HANDLERS}
    types = {t.code: t for t in MessageType.objects.all()}
    today = timezone.localdate()
    made = 0
    existing = set(Message.objects.values_list("subject", flat=True))
    for serial, (org_key, mailbox, type_code, subject, body, writer, days, outcome, consents) in enumerate(MESSAGES):
        if subject in existing:
            continue
        data = {"organisation": orgs[org_key], "mailbox": mailbox, "message_type": types[type_code],
                "subject": subject, "body": body, "name": writer, "phone": f"1390537{8000 + serial:04d}",
                "email": "", "wants_publication": consents}  # fmt: skip
        message, _code = services.submit_message(data)
        _age(message, days)
        made += 1
        handler, reviewer = handler_of[org_key], users[REVIEWERS[org_key]]
        if outcome == "open":
            continue
        if outcome == "invalid":
            REPLY.apply(message, "reject", by=reviewer, comment="广告信息，不予受理。")
            continue
        if outcome.startswith("transferred:"):
            target = orgs[outcome.split(":", 1)[1]]
            services.transfer(message, target, "县道养护由县住房和城乡建设局负责，已转该局办理。", by=handler)
            continue
        if outcome == "converted":
            from requests_app.demo import applicant

            request_data = applicant(90, subject, body)
            request_data.update(applicant_name=writer, phone=data["phone"])
            services.convert_to_request(message, request_data, by=handler)
            continue
        services.assign(message, handler, by=handler)
        services.submit_reply(message, REPLIES[subject], by=handler)
        if outcome == "reviewing":
            continue
        answered_on = min(message.received_on + dt.timedelta(days=max(days // 4, 1)), today)
        REPLY.apply(message, "approve", by=reviewer, on=answered_on)
        if outcome == "published":
            services.publish(message, by=reviewer, public_subject=subject, public_body=body)
            Message.objects.filter(pk=message.pk).update(published_at=timezone.now() - dt.timedelta(days=days // 5))
    made += _seed_error_reports(today)
    made += _seed_hot_topic(orgs, users)
    made += _seed_interviews(orgs, users)
    out.write(f"interaction: {made} new demo items\n")


def _seed_error_reports(today) -> int:
    if ErrorReport.objects.exists():
        return 0
    reports = [
        (ErrorKind.BROKEN_LINK, "/documents/", "政府信息公开目录中“财政预决算”栏目的附件链接打不开。", 10, "已修复附件链接，感谢您的指正。"),
        (ErrorKind.TYPO, "/guide/", "公开指南中“办公时间”写成了“办工时间”。", 1, ""),
        (ErrorKind.NOT_UPDATED, "/interaction/", "热点回应栏目内容较久未更新。", 6, ""),
    ]  # fmt: skip
    supervisor = get_user_model().objects.filter(username="duban").first()
    for kind, url, description, days, answer in reports:
        report, _code = services.submit_error_report({"kind": kind, "page_url": url, "description": description})
        received_on = today - dt.timedelta(days=days)
        from interaction import deadlines

        ErrorReport.objects.filter(pk=report.pk).update(
            received_on=received_on, due_on=deadlines.error_report_due(received_on),
            submitted_at=timezone.now() - dt.timedelta(days=days),
        )  # fmt: skip
        if answer:
            services.answer_error_report(report, answer, by=supervisor)
    return len(reports)


def _seed_hot_topic(orgs, users) -> int:
    from disclosure.models import Document

    title = "关于2026年城乡低保标准调整的回应"
    if HotTopic.objects.filter(title=title).exists():
        return 0
    civil = orgs["civil-affairs"]
    topic = HotTopic.objects.create(
        organisation=civil, title=title,
        concern="近期不少群众关心今年城乡低保标准是否提高、何时执行、已纳入低保的家庭是否需要重新申请。",
        response="经县政府同意，自2026年7月1日起，城市低保标准由每人每月780元提高到820元，农村低保标准由每人每年7800元"
        "提高到8300元。已纳入低保的家庭无需重新申请，差额部分由乡镇统一补发。",
    )  # fmt: skip
    topic.documents.set(Document.objects.public().filter(organisation=civil).order_by("-published_at")[:2])
    HOT_TOPIC.apply(topic, "submit", by=users["mz_editor"])
    HOT_TOPIC.apply(topic, "publish", by=users["mz_reviewer"])
    return 1


def _seed_interviews(orgs, users) -> int:
    made = 0
    now = timezone.now()
    education = orgs["education"]
    plans = [
        ("2026年义务教育招生政策解读", "县教育和体育局局长 赵振华", now - dt.timedelta(days=30),
         "主持人：各位网友好，今天我们邀请到县教体局赵局长解读今年义务教育招生政策。\n"
         "赵振华：今年城区小学继续实行划片招生，划片范围6月上旬公布；随迁子女凭居住证即可申请入学。\n"
         "网友问：多孩家庭能否就近同校？\n赵振华：同一户籍的多孩家庭可申请同校就读，我们优先安排。",
         [("多孩家庭能否安排在同一所学校？", QuestionStatus.APPROVED)]),
        ("城区学校课后服务和校园安全", "县教育和体育局副局长 钱明", now + dt.timedelta(days=10), "",
         [("课后服务收费标准是多少？", QuestionStatus.APPROVED), ("放学接送时段学校门口能否增派交警？", QuestionStatus.PENDING)]),
    ]  # fmt: skip
    for topic, guest, starts_at, transcript, questions in plans:
        if Interview.objects.filter(topic=topic).exists():
            continue
        interview = Interview.objects.create(organisation=education, topic=topic, guest=guest,
                                             starts_at=max(starts_at, now + dt.timedelta(hours=1)),
                                             summary=f"围绕“{topic}”与网友在线交流，欢迎提前提问。")  # fmt: skip
        INTERVIEW.apply(interview, "submit", by=users["jt_editor"])
        INTERVIEW.apply(interview, "publish", by=users["jt_reviewer"])
        for text, status in questions:
            question = services.ask_question(interview, text)
            InterviewQuestion.objects.filter(pk=question.pk).update(status=status)
        if transcript:
            Interview.objects.filter(pk=interview.pk).update(starts_at=starts_at)
            interview.refresh_from_db()
            services.publish_transcript(interview, transcript, by=users["jt_reviewer"])
        made += 1
    return made
