"""An organisation with an editor and a reviewer, and helpers that write and publish a part."""

import datetime as dt

import pytest

from column import services
from column.models import Guide, Part, Profile, Rules
from portal.roles import Role
from tests.factories import OrganisationFactory, member

GUIDE = {
    "arrangement": "按法定主动公开内容分类编排。", "obtaining": "通过门户网站公开专栏获取。",
    "request_procedure": "可在线、信函、当面或传真申请。", "office_name": "测试局办公室", "address": "测试路1号",
    "postcode": "053600", "office_hours": "工作日 8:30—17:30", "phone": "0318-7000001", "fax": "0318-7000002",
    "email": "gk@example.org", "website": "https://example.org/requests/",
}  # fmt: skip
RULES = {
    "confidentiality_review": "谁公开谁审查。", "dynamic_adjustment": "每年复核一次。",
    "request_handling": "统一受理登记。", "publication_review": "三审制度。", "adopted_on": dt.date(2025, 1, 2),
}  # fmt: skip
PROFILE = {
    "functions": "负责社会救助。", "internal_units": "办公室\n社会救助股", "subordinate_bodies": "",
    "address": "测试路1号", "office_hours": "工作日", "phone": "0318-7000001", "fax": "", "email": "",
}  # fmt: skip
VALUES = {Part.GUIDE: GUIDE, Part.RULES: RULES, Part.PROFILE: PROFILE}
MODELS = {Part.GUIDE: Guide, Part.RULES: Rules, Part.PROFILE: Profile}


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def editor(org):
    return member(Role.EDITOR, org)


@pytest.fixture
def reviewer(org):
    return member(Role.REVIEWER, org)


def write(org, part, by, **changes):
    copy = services.working_copy(org, part)
    for name, value in {**VALUES[part], **changes}.items():
        setattr(copy, name, value)
    return services.save_part(copy, by=by, loaded_version=copy.edit_version if copy.pk else None)


def publish(org, part, editor, reviewer, **changes):
    copy = write(org, part, editor, **changes)
    services.transition(copy, "submit", by=editor)
    services.transition(copy, "publish", by=reviewer)
    return copy
