"""The review flow of village-affairs items: township staff draft and submit, a second person publishes.

Permissions are held on the township or street office (the village's parent), so its members act for every
village and community under it; the village committee itself holds no staff accounts here.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.roles import REVIEW_CONTENT
from portal.workflow import Transition, Workflow, four_eyes

DRAFT_VILLAGE_AFFAIRS = "draft_village_affairs"


def township_of(item):
    """The organisation whose staff act for the item's village: its township or street office."""
    return item.village.parent


def _drafters(item):
    return ITEM_FLOW.actors_since(item, states={"published", "withdrawn"})


def _on_publish(item, *, by, on, comment, **data):
    item.published_at = timezone.now()


ITEM_FLOW = Workflow(
    event_model="villages.VillageItemEvent",
    event_object_field="item",
    organisation=township_of,
    transitions=[
        Transition("draft", "submit", "submitted", DRAFT_VILLAGE_AFFAIRS, label=_("提交审核"), style="primary"),
        Transition(
            "submitted",
            "publish",
            "published",
            REVIEW_CONTENT,
            guard=four_eyes(_drafters),
            hook=_on_publish,
            label=_("审核通过并公开"),
            style="primary",
        ),
        Transition("submitted", "send_back", "draft", REVIEW_CONTENT, needs_comment=True, label=_("退回修改")),
        Transition(
            "published", "withdraw", "withdrawn", REVIEW_CONTENT, needs_comment=True, label=_("撤回"), style="danger"
        ),
        Transition("withdrawn", "reopen", "draft", DRAFT_VILLAGE_AFFAIRS, label=_("重新编辑"), style="secondary"),
    ],
)

# What the item's history says for each event kind (the flow's steps and the service's own records).
EVENT_LABELS = {
    "created": _("新建草稿"),
    "edited": _("修改草稿"),
    "imported": _("导入名单"),
    **{t.event_kind: t.label for t in ITEM_FLOW.transitions},
}
