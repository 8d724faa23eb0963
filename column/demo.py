"""Demo column for `manage.py seed_demo`: 安平县民政局's guide, rules (two versions) and organisation information
with its leaders, published through the review flow by its editor and reviewer; the county government's guide
waiting for review and the education bureau's rules still a draft, so every state shows. Idempotent.

Names and phone numbers are fictitious.
"""

import base64
import datetime as dt

from django.core.files.base import ContentFile

from column import services
from column.models import Guide, Leader, PartVersion, Profile, Rules

# A 1×1 PNG: enough for a leader's photo in the demo.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

GUIDE = {
    "arrangement": "本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的内容分类编排，"
    "并按社会救助、养老服务等领域的基层政务公开标准目录逐项列明公开内容、公开依据、公开时限和公开渠道。\n"
    "每条信息均标注索引号、发布机构、主题分类、成文日期、发布日期、文号和有效性。",
    "obtaining": "主动公开的政府信息通过安平县人民政府门户网站“政府信息公开专栏”发布，同时在县政务服务中心政务公开专区、"
    "县档案馆和县图书馆设置查阅点，公民、法人和其他组织可免费查阅。",
    "request_procedure": "申请人可通过网上申请、信函、当面或传真方式向本机关提出政府信息公开申请，申请应包括申请人姓名或者名称、"
    "身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述。\n"
    "本机关收到申请后能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，需要延长的经负责人同意后延长不超过20个工作日。\n"
    "申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以向安平县人民政府申请行政复议或者向人民法院提起行政诉讼。",
    "office_name": "安平县民政局办公室（政府信息公开工作机构）",
    "address": "安平县人民路88号民政服务大楼三楼302室",
    "postcode": "053600",
    "office_hours": "工作日 上午8:30—12:00，下午14:30—17:30",
    "phone": "0318-7521001",
    "fax": "0318-7521002",
    "email": "mzj-gk@anping.example.gov.cn",
    "website": "https://www.anping.example.gov.cn/requests/",
}
RULES_V1 = {
    "confidentiality_review": "拟公开的政府信息，由起草科室对照保密法律法规进行保密审查，不能确定是否可以公开的，报县保密行政管理部门确定。",
    "dynamic_adjustment": "每年对不予公开、依申请公开的信息进行一次复核，可以公开的转为主动公开。",
    "request_handling": "依申请公开由办公室统一登记、分办、答复，按期限办结。",
    "publication_review": "政府信息发布前由科室负责人初审、分管领导审核。",
}
RULES_V2 = {
    "confidentiality_review": "第一条 拟公开的政府信息，由起草科室在形成信息时提出公开属性，对照《中华人民共和国保守国家秘密法》及其实施条例进行保密审查；"
    "不能确定是否可以公开的，依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。\n"
    "第二条 保密审查实行“谁公开、谁审查，谁审查、谁负责”，审查意见随稿存档。",
    "dynamic_adjustment": "第三条 每年第一季度对本机关不予公开、依申请公开的政府信息逐件复核，因情势变化可以公开的，转为主动公开。\n"
    "第四条 多个申请人就相同政府信息向本机关提出公开申请，且该政府信息属于可以公开的，纳入主动公开范围。",
    "request_handling": "第五条 依申请公开由办公室统一受理、登记、分办和答复，出具受理回执，按照《条例》第三十三条规定的期限答复；"
    "需要补正、征求第三方意见或者延期的，书面告知申请人。\n第六条 答复书经分管领导审核后送达，办理材料一案一档。",
    "publication_review": "第七条 政府信息发布实行三审制度：起草科室初审、办公室复审、分管领导终审，发布前核对索引号、文号和有效性。\n"
    "第八条 发布后发现信息有误的，及时发布更正版本并保留原索引号。",
}
PROFILE = {
    "functions": "贯彻执行民政工作方面的法律法规和政策；负责全县社会救助、养老服务、社会事务、儿童福利、殡葬管理、"
    "区划地名和社会组织登记管理工作；指导城乡社区治理体系建设。",
    "internal_units": "办公室：负责机关日常运转、政务公开、财务和综合协调\n社会救助股：负责最低生活保障、特困人员救助供养、临时救助\n"
    "养老服务股：负责养老服务体系建设和养老机构监督管理\n社会事务股：负责婚姻登记、殡葬管理、残疾人福利",
    "subordinate_bodies": "安平县社会福利中心\n安平县婚姻登记处\n安平县殡仪馆",
    "address": "安平县人民路88号民政服务大楼",
    "office_hours": "工作日 上午8:30—12:00，下午14:30—17:30",
    "phone": "0318-7521000",
    "fax": "0318-7521002",
    "email": "mzj@anping.example.gov.cn",
}
LEADERS = [
    (
        "张国强",
        "党组书记、局长",
        "主持全面工作，负责财务、审计工作。",
        "1972年生，大学学历。历任县民政局副局长、马庄镇镇长，2021年起任现职。",
        True,
    ),
    (
        "刘慧敏",
        "党组成员、副局长",
        "负责社会救助、养老服务和政务公开工作。",
        "1980年生，研究生学历。2018年起任现职。",
        False,
    ),
    ("孙建华", "党组成员、副局长", "负责社会事务、区划地名和社会组织管理工作。", "", False),
]


def _publish(part, editor, reviewer):
    services.transition(part, "submit", by=editor)
    services.transition(part, "publish", by=reviewer)


def _write(model, organisation, values, editor):
    part = services.working_copy(organisation, model.PART)
    for name, value in values.items():
        setattr(part, name, value)
    return services.save_part(part, by=editor)


def _seed_civil_affairs(organisation, editor, reviewer, out):
    if PartVersion.objects.filter(organisation=organisation).exists():
        return
    _publish(_write(Guide, organisation, GUIDE, editor), editor, reviewer)
    _publish(_write(Rules, organisation, {**RULES_V1, "adopted_on": dt.date(2020, 3, 1)}, editor), editor, reviewer)
    _publish(_write(Rules, organisation, {**RULES_V2, "adopted_on": dt.date(2024, 5, 20)}, editor), editor, reviewer)
    profile = _write(Profile, organisation, PROFILE, editor)
    for order, (name, post, duties, cv, photo) in enumerate(LEADERS, start=1):
        leader = Leader(profile=profile, name=name, post=post, duties=duties, cv=cv, sort_order=order)
        if photo:
            leader.photo.save("leader.png", ContentFile(PIXEL), save=False)
        services.save_leader(leader, by=editor)
    profile.refresh_from_db()
    _publish(profile, editor, reviewer)
    out.write("column: 安平县民政局的指南、制度（两版）和机构信息已发布")


def seed(context: dict, out) -> None:
    organisations = context["organisations"]
    users = context.get("users", {})
    editor, reviewer = users.get("mz_editor"), users.get("mz_reviewer")
    civil = organisations.get("civil-affairs")
    if civil is None or editor is None or reviewer is None:
        return
    _seed_civil_affairs(civil, editor, reviewer, out)
    # The education bureau's rules wait for review; the street office's guide is still a draft.
    education, jt_editor = organisations.get("education"), users.get("jt_editor")
    if education is not None and jt_editor is not None and not Rules.objects.filter(organisation=education).exists():
        rules = _write(Rules, education, {**RULES_V1, "adopted_on": dt.date(2023, 1, 10)}, jt_editor)
        services.transition(rules, "submit", by=jt_editor)
    street, cg_editor = organisations.get("chengguan"), users.get("cg_editor")
    if street is not None and cg_editor is not None and not Guide.objects.filter(organisation=street).exists():
        values = {**GUIDE, "office_name": "城关街道党政办公室", "address": "安平县城关街道建设路12号",
                  "phone": "0318-7523001", "fax": "0318-7523002", "email": ""}  # fmt: skip
        _write(Guide, street, values, cg_editor)
