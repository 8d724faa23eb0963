"""Demo catalogs for `manage.py seed_demo`: some published, some drafts, one negative list. Idempotent.

A catalog that already has items or versions is left alone, so a second run changes nothing.
"""

import datetime as dt

from catalog import services
from catalog.models import CatalogItem, Domain, GuidelineEntry, NegativeListEntry
from portal.legal import WithholdingGround

# (organisation key, domain code, level filter, local responsible body, editor, reviewer, publish?)
PLANS = [
    ("civil-affairs", "social-assistance", "county", "安平县民政局", "mz_editor", "mz_reviewer", True),
    ("civil-affairs", "elderly-care", "county", "安平县民政局", "mz_editor", "mz_reviewer", False),
    ("education", "compulsory-education", "county", "安平县教育和体育局", "jt_editor", "jt_reviewer", True),
    ("county", "budgets", "county", "安平县财政局", "admin", "duban", True),
    ("mazhuang", "social-assistance", "township", "马庄镇人民政府", "admin", "duban", True),
    ("mazhuang", "employment", "township", "马庄镇人民政府", "admin", "duban", True),
    ("mazhuang", "agricultural-subsidies", "township", "马庄镇人民政府", "admin", "duban", True),
    ("chengguan", "social-assistance", "township", "城关街道办事处", "cg_editor", "cg_reviewer", False),
    ("hr-social", "employment", "county", "安平县人力资源和社会保障局", "admin", "duban", False),
]

NEGATIVE_LIST = [
    ("本局干部人事任免过程中的考察材料、讨论记录", WithholdingGround.PROCESS_INFORMATION, "《中华人民共和国政府信息公开条例》第十六条第二款"),
    ("机关内部财务报销、后勤管理等内部事务信息", WithholdingGround.INTERNAL_AFFAIRS, "《中华人民共和国政府信息公开条例》第十六条第一款"),
    ("最低生活保障对象的身份证号码、银行账号、家庭住址等个人信息", WithholdingGround.THIRD_PARTY, "《中华人民共和国政府信息公开条例》第十五条；《最低生活保障审核确认办法》第三十二条"),
]


def seed(context: dict, out) -> None:
    organisations, users = context["organisations"], context["users"]
    for org_key, code, level, body, editor_name, reviewer_name, publish in PLANS:
        organisation, domain = organisations[org_key], Domain.objects.get(code=code)
        catalog = services.catalog_for(organisation, domain)
        if catalog.versions.exists() or CatalogItem.objects.filter(organisation=organisation, domain=domain).exists():
            continue
        editor, reviewer = users[editor_name], users[reviewer_name]
        entries = GuidelineEntry.objects.filter(domain=domain, **{f"level_{level}": True})
        items = services.adopt(organisation, entries, by=editor)
        for item in items[:3]:  # localise the responsible body, as offices do when they adopt
            item.responsible_body = body
            services.save_item(item, by=editor)
        if len(items) > 4:
            services.mark_not_applicable(items[-1], "本机构无此项职能，由上级主管部门统一公开。", by=editor)
        if publish:
            services.submit(catalog, by=editor, comment="依据标准指引编制完成，请审核。")
            services.publish(catalog, by=reviewer, change_summary="依据国家标准指引首次编制发布。")
        out.write(f"  目录：{organisation.display_name} · {domain.name}（{'已发布' if publish else '工作稿'}）\n")

    civil_affairs = organisations["civil-affairs"]
    negative = services.catalog_for(civil_affairs, None)
    if not negative.versions.exists() and not NegativeListEntry.objects.filter(organisation=civil_affairs).exists():
        editor, reviewer = users["mz_editor"], users["mz_reviewer"]
        for scope, ground, basis in NEGATIVE_LIST:
            entry = NegativeListEntry(
                organisation=civil_affairs, scope=scope, ground=ground, legal_basis=basis, last_reviewed=dt.date(2026, 6, 30)
            )
            services.save_negative_entry(entry, by=editor)
        services.submit(negative, by=editor)
        services.publish(negative, by=reviewer, change_summary="首次发布负面清单。")
        out.write(f"  负面清单：{civil_affairs.display_name}（已发布）\n")
