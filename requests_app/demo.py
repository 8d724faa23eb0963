"""Demo information requests in every state for the demo county. Idempotent: keyed by the applicant's ID number.

Every request goes through the real services with dates relative to today, so the queue shows genuine
working-days-left figures and every state has its event history.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from portal.validators import resident_id_check_character
from requests_app import services
from requests_app.deadlines import Channel
from requests_app.models import (
    ApplicantCategory,
    ConsultationKind,
    Delivery,
    IdentityDocument,
    InformationRequest,
    PreferredForm,
    RemedyKind,
    RemedyOutcome,
    ReplyType,
)

APPLICANTS = ["刘建国", "陈秀英", "王志强", "李桂兰", "张伟", "赵敏", "孙立平", "周海燕"]


def resident_id(serial: int) -> str:
    first17 = f"37179919800101{serial:03d}"
    return first17 + resident_id_check_character(first17)


def applicant(serial: int, subject: str, description: str) -> dict:
    return {
        "applicant_category": ApplicantCategory.NATURAL_PERSON,
        "applicant_name": APPLICANTS[serial % len(APPLICANTS)],
        "id_document_type": IdentityDocument.RESIDENT_ID,
        "id_document_number": resident_id(serial),
        "phone": f"1390537{serial:04d}",
        "email": "",
        "postal_address": f"安平县人民路{serial}号",
        "subject": subject,
        "description": description,
        "purpose": "",
        "preferred_form": PreferredForm.PAPER,
        "delivery": Delivery.POST,
    }


def seed(context: dict, out) -> None:
    orgs = context["organisations"]
    users = context["users"]
    civil, handler, reviewer = orgs["civil-affairs"], users["mz_handler"], users["mz_reviewer"]
    today = timezone.localdate()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    def register(org, serial, subject, received_days_ago, description="请提供相关文件。", by=handler, **overrides):
        if InformationRequest.objects.filter(id_document_number=resident_id(serial)).exists():
            return None
        data = {**applicant(serial, subject, description), **overrides}
        info_request, _code = services.register_offline(
            org, data, channel=Channel.IN_PERSON, arrived_on=ago(received_days_ago), confirmed_on=None, by=by
        )
        return info_request

    def answer(info_request, reply_type, sent_days_ago, body, drafted_by=handler, approved_by=reviewer, ground=""):
        reply = services.draft_reply(info_request, reply_type=reply_type, ground=ground, body=body, by=drafted_by)
        services.approve_reply(reply, by=approved_by)
        services.send_reply(info_request, on=ago(sent_days_ago), by=drafted_by)

    made = 0
    subject = "2026年城乡低保对象名单及保障金额"
    if not InformationRequest.objects.filter(id_document_number=resident_id(1)).exists():
        services.submit_online(civil, applicant(1, subject, "安平县民政局公布的2026年城乡低保对象名单"))
        made += 1

    if register(civil, 2, "养老机构运营补贴发放情况", 1):
        made += 1
    if r := register(civil, 3, "社会组织登记材料", 3, description="某协会的登记材料"):
        services.request_correction(
            r,
            on=ago(2),
            applicant_deadline=today + dt.timedelta(days=10),
            comment="请写明社会组织的全称或登记证号。",
            by=handler,
        )
        made += 1
    if r := register(civil, 4, "殡葬设施建设规划", 20):
        services.request_correction(r, on=ago(18), applicant_deadline=ago(12), comment="请写明规划的年度。", by=handler)
        services.record_correction(r, on=ago(12), comment="申请人补正：2021—2035年规划。", by=handler)
        made += 1
    if r := register(civil, 5, "婚姻登记处工作规程", 60):
        services.request_correction(
            r, on=ago(58), applicant_deadline=ago(45), comment="请写明所需的具体文件。", by=handler
        )
        services.mark_abandoned(r, on=ago(40), comment="申请人逾期未补正。", by=handler)
        made += 1
    if r := register(civil, 6, "临时救助资金使用情况", 10):
        services.start_handling(r, on=ago(9), by=handler)
        services.assign(r, handler=handler, by=handler)
        made += 1
    if r := register(civil, 7, "2025年度福利彩票公益金使用情况", 45):
        services.start_handling(r, on=ago(44), by=handler)
        made += 1
    if r := register(civil, 8, "某养老院消防验收材料", 15):
        services.start_handling(r, on=ago(14), by=handler)
        services.start_consultation(
            r, kind=ConsultationKind.THIRD_PARTY, party="安平县康乐养老院", sent_on=ago(5), by=handler
        )
        made += 1
    if r := register(civil, 9, "地名命名审批档案", 20):
        services.start_handling(r, on=ago(19), by=handler)
        services.grant_extension(
            r,
            days=15,
            reason="档案分散在多个年度，需要逐卷检索。",
            approved_by="县政府办公室政务公开科科长",
            on=today,
            by=handler,
        )
        made += 1
    if r := register(civil, 10, "社会救助申请表格", 5, description="申请人连续提交同类申请40余件"):
        services.mark_excessive(
            r,
            reply_on=today + dt.timedelta(days=60),
            reason="一个月内提交同类申请40余件，已要求说明理由。",
            on=ago(3),
            by=handler,
        )
        made += 1
    if r := register(civil, 11, subject, 30):
        services.start_handling(r, on=ago(29), by=handler)
        answer(r, ReplyType.PROVIDED, 5, "现提供2026年城乡低保对象名单（已去除身份证号码等个人信息）。")
        made += 1
    for serial in (12, 13):
        if r := register(civil, serial, subject, 25):  # the same information again: an Art. 44 candidate
            answer(r, ReplyType.PROVIDED, 4, "现提供2026年城乡低保对象名单（已去除身份证号码等个人信息）。")
            made += 1
    if r := register(civil, 14, "行政区划调整请示", 80):
        answer(r, ReplyType.WITHHELD, 60, "所申请信息为请示报告，属于过程性信息。", ground="art16_2_process")
        services.close(r, on=ago(55), by=handler)
        services.record_remedy(
            r,
            kind=RemedyKind.RECONSIDERATION,
            filed_on=ago(40),
            outcome=RemedyOutcome.UPHELD,
            decided_on=ago(10),
            by=handler,
        )
        made += 1
    if r := register(civil, 15, "不动产登记信息", 20):
        services.transfer(r, competent_organ="安平县自然资源局", on=ago(15), by=handler)
        made += 1
    if r := register(civil, 16, "低保复核结果", 20):
        services.withdraw(r, on=ago(18), comment="申请人书面撤回。", by=handler)
        made += 1
    if r := register(civil, 17, "对村干部的举报处理结果", 12):
        answer(r, ReplyType.PETITION, 8, "您反映的事项属于举报，已转县纪委监委信访室处理。")
        made += 1

    education, jt = orgs["education"], users["jt_reviewer"]
    if r := register(education, 18, "2026年义务教育招生划片方案", 8, by=jt):
        services.start_handling(r, on=ago(7), by=jt)
        made += 1
    chengguan = orgs["chengguan"]
    if r := register(chengguan, 19, "老旧小区改造计划", 30, by=users["cg_editor"]):
        answer(
            r,
            ReplyType.PARTLY_PROVIDED,
            6,
            "现提供改造计划；施工单位报价涉及商业秘密，不予公开。",
            drafted_by=users["cg_editor"],
            approved_by=users["cg_reviewer"],
            ground="art15",
        )
        made += 1
    if r := register(civil, 20, "近五年全县低保资金发放明细", 12, description="逐月、逐户的发放明细"):
        services.start_handling(r, on=ago(11), by=handler)
        notice = services.send_fee_notice(r, method="page", quantity=160, on=ago(10), by=handler)
        services.record_fee_payment(notice, on=ago(6), by=handler)
        made += 1
    if r := register(civil, 21, "历年临时救助审批表", 6, description="2015年以来的全部审批表"):
        services.start_handling(r, on=ago(5), by=handler)
        services.send_fee_notice(r, method="page", quantity=85, on=ago(3), by=handler)
        made += 1
    if r := register(civil, 41, "县本级财政预算执行情况", 9):
        services.transfer(r, to_organisation=orgs["finance"], on=ago(8), by=handler)  # passed on, on the platform
        made += 1
    if not InformationRequest.objects.filter(id_document_number=resident_id(40)).exists():
        spam, _code = services.submit_online(civil, applicant(40, "优惠推广", "点击链接领取优惠"))
        services.discard(spam, reason="内容为广告推广，非政府信息公开申请。", on=today, by=handler)
        made += 1
    made += seed_last_year(civil, register, answer, today, handler)
    out.write(f"依申请公开：新增 {made} 件演示申请。")
    seed_annual_reports(orgs, users, today, out)


def seed_last_year(civil, register, answer, today, handler) -> int:
    """Requests of the previous year, concluded then, so that year's published annual report has real numbers."""
    days_into_year = (today - dt.date(today.year, 1, 1)).days
    made = 0
    specs = [
        (30, "上一年度低保资金发放情况", 120, ReplyType.PROVIDED, "现提供上一年度低保资金发放汇总表。"),
        (31, "养老服务补贴标准", 150, ReplyType.ALREADY_PUBLIC, "该信息已在本平台主动公开。"),
        (32, "某社会组织年检材料", 200, ReplyType.WITHHELD, "涉及第三方商业秘密，不予公开。"),
        (33, "全县殡葬设施分布图", 230, ReplyType.NOT_HELD, "经检索，本机关未制作该信息。"),
    ]
    for serial, subject, days_before_new_year, reply_type, body in specs:
        received = days_into_year + days_before_new_year
        if r := register(civil, serial, subject, received):
            ground = "art15" if reply_type == ReplyType.WITHHELD else ""
            answer(r, reply_type, received - 15, body, ground=ground)
            made += 1
    return made


REPORT_TEXTS = {
    "overview": (
        "{year}年，{org}坚持以公开为常态、不公开为例外，围绕低保、特困供养、养老服务等群众关切的事项，"
        "依托政府信息公开平台集中发布政策文件和办事指南，完善政府信息公开指南和目录，"
        "依法办理政府信息公开申请，主动公开工作制度化、规范化水平进一步提高。"
    ),
    "problems": (
        "一是部分栏目更新不够及时；二是政策解读形式较为单一。下一步将建立栏目更新周检查制度，"
        "推行图解、问答等多种解读形式，并加强对工作人员的业务培训。"
    ),
    "other_matters": "本年度无其他需要报告的事项。信息处理费收取情况见下方。",
}


def seed_annual_reports(orgs: dict, users: dict, today: dt.date, out) -> None:
    """Published reports for the last two years of the civil affairs bureau, a submitted one for the county."""
    from requests_app import publishing
    from requests_app.models import AnnualReport

    civil, editor, reviewer = orgs["civil-affairs"], users["mz_editor"], users["mz_reviewer"]
    made = 0
    for year in (today.year - 2, today.year - 1):
        if AnnualReport.objects.filter(organisation=civil, year=year).exists():
            continue
        report = publishing.start(civil, year, by=editor)
        texts = {key: text.format(year=year, org=civil.name) for key, text in REPORT_TEXTS.items()}
        publishing.save_draft(report, {**texts, "licensing_decisions": 36, "fees_collected": 0}, by=editor)
        publishing.submit(report, by=editor)
        publishing.REPORT_FLOW.apply(report, "publish", by=reviewer)
        AnnualReport.objects.filter(pk=report.pk).update(published_on=dt.date(year + 1, 1, 20))  # on time, as then
        made += 1
    county, county_reviewer = orgs["county"], users["xzf_handler"]
    year = today.year - 1
    if not AnnualReport.objects.filter(organisation=county, year=year).exists():
        report = publishing.start(county, year, by=county_reviewer)
        texts = {key: text.format(year=year, org=county.name) for key, text in REPORT_TEXTS.items()}
        publishing.save_draft(report, texts, by=county_reviewer)
        publishing.submit(report, by=county_reviewer)
        made += 1
    out.write(f"年度报告：新增 {made} 份。")
