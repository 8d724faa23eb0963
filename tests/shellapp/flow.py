"""The widget's review flow, declared as data on the portal engine."""

from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.workflow import Transition, Workflow, four_eyes
from tests.shellapp.models import Widget

S = Widget.Status


def _drafters(widget):
    return FLOW.actors_since(widget, states={S.PUBLISHED})


def _publish(widget, *, by, on, comment, note=""):
    widget.published_by = by
    return {"note": note}


def _has_title(widget, user):
    return None if widget.title.strip() else "标题不能为空。"


FLOW = Workflow(
    event_model="shellapp.WidgetEvent",
    event_object_field="widget",
    transitions=[
        Transition(S.DRAFT, "submit", S.SUBMITTED, DRAFT_CONTENT, guard=_has_title, label="提交审核"),
        Transition(
            S.SUBMITTED,
            "publish",
            S.PUBLISHED,
            REVIEW_CONTENT,
            guard=four_eyes(_drafters),
            hook=_publish,
            label="审核发布",
            style="primary",
        ),
        Transition(S.SUBMITTED, "send_back", S.DRAFT, REVIEW_CONTENT, needs_comment=True, label="退回修改"),
        Transition((S.PUBLISHED,), "revise", S.DRAFT, DRAFT_CONTENT, label="更正", kind="revision_started"),
        Transition((S.DRAFT, S.SUBMITTED), "withdraw", S.WITHDRAWN, REVIEW_CONTENT, label="撤回", style="danger"),
    ],
)
