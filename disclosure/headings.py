"""The headings of 法定主动公开内容 (Regulations Art. 20, and Art. 21 for city and county governments, their departments and townships).

A county's 政府信息公开专栏 arranges every organisation's proactively published documents under these headings
(国办公开办函〔2019〕61号). Each document sits under one; `default_heading` suggests it from the document's
type and domain so that an editor only corrects the unusual case. Pure: no database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatutoryHeading(models.TextChoices):
    # Art. 20 (1)–(15)
    NORMATIVE = "normative", _("行政法规、规章和规范性文件")
    ORGANISATION = "organisation", _("机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名")
    PLANS = "plans", _("国民经济和社会发展规划、专项规划、区域规划及相关政策")
    STATISTICS = "statistics", _("国民经济和社会发展统计信息")
    LICENSING = "licensing", _("行政许可及其他对外管理服务事项的依据、条件、程序及办理结果")
    PENALTIES = "penalties", _("行政处罚、行政强制的依据、条件、程序及决定")
    FINANCE = "finance", _("财政预算、决算信息")
    FEES = "fees", _("行政事业性收费项目及其依据、标准")
    PROCUREMENT = "procurement", _("政府集中采购项目的目录、标准及实施情况")
    MAJOR_PROJECTS = "major_projects", _("重大建设项目的批准和实施情况")
    LIVELIHOOD = "livelihood", _("扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况")
    EMERGENCIES = "emergencies", _("突发公共事件的应急预案、预警信息及应对情况")
    INSPECTIONS = "inspections", _("环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况")
    CIVIL_SERVICE = "civil_service", _("公务员招考的职位、名额、报考条件等事项以及录用结果")
    OTHER_STATUTORY = "other_statutory", _("法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")
    # Art. 21: county and township governments besides
    MUNICIPAL = "municipal", _("市政建设")
    PUBLIC_SERVICES = "public_services", _("公共服务")
    PUBLIC_WELFARE = "public_welfare", _("公益事业")
    LAND = "land", _("土地征收")
    HOUSING = "housing", _("房屋征收")
    PUBLIC_ORDER = "public_order", _("治安管理")
    SOCIAL_ASSISTANCE = "social_assistance", _("社会救助")


ARTICLE_21 = frozenset(
    {
        StatutoryHeading.MUNICIPAL,
        StatutoryHeading.PUBLIC_SERVICES,
        StatutoryHeading.PUBLIC_WELFARE,
        StatutoryHeading.LAND,
        StatutoryHeading.HOUSING,
        StatutoryHeading.PUBLIC_ORDER,
        StatutoryHeading.SOCIAL_ASSISTANCE,
    }
)

H = StatutoryHeading
# The 26 pilot domains (fixtures/domains.json) to the heading their documents usually belong under.
DOMAIN_HEADINGS = {
    "major-projects": H.MAJOR_PROJECTS,
    "public-resource-trading": H.PROCUREMENT,
    "budgets": H.FINANCE,
    "work-safety": H.INSPECTIONS,
    "tax": H.FEES,
    "land-acquisition": H.LAND,
    "house-expropriation": H.HOUSING,
    "rural-housing": H.LIVELIHOOD,
    "planning": H.PLANS,
    "environment": H.INSPECTIONS,
    "public-culture": H.PUBLIC_SERVICES,
    "legal-services": H.PUBLIC_SERVICES,
    "rural-revitalisation": H.LIVELIHOOD,
    "disaster-relief": H.EMERGENCIES,
    "food-drug": H.INSPECTIONS,
    "urban-enforcement": H.PENALTIES,
    "employment": H.LIVELIHOOD,
    "social-insurance": H.LIVELIHOOD,
    "social-assistance": H.SOCIAL_ASSISTANCE,
    "elderly-care": H.PUBLIC_WELFARE,
    "household-registration": H.PUBLIC_ORDER,
    "agricultural-subsidies": H.LIVELIHOOD,
    "compulsory-education": H.LIVELIHOOD,
    "health": H.LIVELIHOOD,
    "municipal-services": H.MUNICIPAL,
    "subsidised-housing": H.LIVELIHOOD,
}
# Document types that say where they belong whatever their domain.
TYPE_HEADINGS = {"policy": H.NORMATIVE, "normative": H.NORMATIVE, "statistics": H.STATISTICS, "plan": H.PLANS}


def default_heading(doc_type: str, domain_code: str | None) -> str:
    """The heading a document is filed under unless its editor chooses another; "" when nothing suggests one.

    The type wins (a normative document on social assistance is still a normative document); an
    interpretation goes with the policy it explains, so it takes the normative heading too."""
    if doc_type in TYPE_HEADINGS:
        return TYPE_HEADINGS[doc_type]
    if doc_type == "interpretation":
        return H.NORMATIVE
    return DOMAIN_HEADINGS.get(domain_code or "", "")


def headings_for(organisation_kind: str) -> list[StatutoryHeading]:
    """Art. 20's headings for every organisation; Art. 21's in addition for city and county governments and
    their departments, and for township governments (street offices act for them)."""
    with_21 = organisation_kind in {"city", "county", "department", "township", "street"}
    return [h for h in StatutoryHeading if with_21 or h not in ARTICLE_21]
