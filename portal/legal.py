"""Choices the law defines, shared by every app (catalog negative list, documents, request replies).

Statutory grounds for not disclosing government information: Articles 14-16 of the Regulations on
Open Government Information (2019), split the way the 2021 annual-report template counts them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WithholdingGround(models.TextChoices):
    STATE_SECRET = "art14_secret", _("属于国家秘密（第十四条）")
    PROHIBITED_BY_LAW = "art14_law", _("法律、行政法规禁止公开（第十四条）")
    SECURITY_STABILITY = "art14_security", _("危及国家安全、公共安全、经济安全、社会稳定（第十四条）")
    THIRD_PARTY = "art15", _("涉及商业秘密、个人隐私等第三方合法权益（第十五条）")
    INTERNAL_AFFAIRS = "art16_1", _("内部事务信息（第十六条第一款）")
    PROCESS_INFORMATION = "art16_2_process", _("过程性信息（第十六条第二款）")
    ENFORCEMENT_FILE = "art16_2_case", _("行政执法案卷（第十六条第二款）")
    ADMINISTRATIVE_QUERY = "admin_query", _("属于行政查询事项")
    OTHER_LAW = "other_law", _("其他法律、法规规定（须写明具体依据）")

    @classmethod
    def needs_named_law(cls, value: str) -> bool:
        """Grounds that are only complete when the editor names the specific law."""
        return value == cls.OTHER_LAW
