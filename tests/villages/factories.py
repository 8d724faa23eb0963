"""Villages under a township, township staff, and village-affairs items in any state."""

import factory

from portal.models import OrganisationKind
from portal.roles import Role
from portal.validators import resident_id_check_character
from tests.factories import OrganisationFactory, member
from villages import services
from villages.models import Column, ItemStatus, VillageItem


def township():
    return OrganisationFactory(kind=OrganisationKind.TOWNSHIP, name=factory.Faker("city_suffix"))


def village(township, **kwargs):
    kwargs.setdefault("name", "测试村村民委员会")
    return OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=township, credit_code=None, **kwargs)


def staff(township):
    """(clerk, reviewer) of the township: the clerk drafts, the reviewer publishes (four eyes)."""
    return member("village_affairs_clerk", township), member(Role.REVIEWER, township)


def resident_id(n: int) -> str:
    first17 = f"37172819800101{n:03d}"
    return first17 + resident_id_check_character(first17)


def item(village, *, state=ItemStatus.DRAFT, column=Column.DECISIONS, clerk=None, reviewer=None, **fields):
    township = village.parent
    if clerk is None or reviewer is None:
        clerk, reviewer = staff(township)
    fields.setdefault("title", "关于修建村文化广场的决议")
    fields.setdefault("body", "经村民代表会议决议通过。")
    made = services.save_item(VillageItem(village=village, column=column, **fields), by=clerk)
    if state != ItemStatus.DRAFT:
        services.transition(made, "submit", by=clerk)
    if state in (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN):
        services.transition(made, "publish", by=reviewer)
    if state == ItemStatus.WITHDRAWN:
        services.transition(made, "withdraw", by=reviewer, comment="有误")
    made.refresh_from_db()
    return made
