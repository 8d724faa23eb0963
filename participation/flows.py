"""The review flow of consultations and open days: staff draft and submit, a reviewer publishes (four eyes)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation import rules
from portal.roles import REVIEW_CONTENT
from portal.workflow import Transition, Workflow, four_eyes

RUN_PARTICIPATION = "run_participation"


def _drafters(flow_name):
    def drafters(obj):
        return FLOWS[flow_name].actors_since(obj, states={"published"})

    return drafters


def _on_publish_consultation(consultation, *, by, on, comment, **data):
    consultation.published_at = timezone.now()
    consultation.feedback_due_on = rules.feedback_due(consultation.closes_on)


def _on_publish_open_day(open_day, *, by, on, comment, **data):
    open_day.published_at = timezone.now()


def _transitions(flow_name, on_publish):
    return [
        Transition("draft", "submit", "submitted", RUN_PARTICIPATION, label=_("提交审核"), style="primary"),
        Transition(
            "submitted",
            "publish",
            "published",
            REVIEW_CONTENT,
            guard=four_eyes(_drafters(flow_name)),
            hook=on_publish,
            label=_("审核通过并发布"),
            style="primary",
        ),
        Transition("submitted", "send_back", "draft", REVIEW_CONTENT, needs_comment=True, label=_("退回修改")),
        Transition(
            "published", "withdraw", "withdrawn", REVIEW_CONTENT, needs_comment=True, label=_("撤回"), style="danger"
        ),
    ]


CONSULTATION_FLOW = Workflow(
    event_model="participation.ConsultationEvent",
    event_object_field="consultation",
    transitions=_transitions("consultation", _on_publish_consultation),
)
OPEN_DAY_FLOW = Workflow(
    event_model="participation.OpenDayEvent",
    event_object_field="open_day",
    transitions=_transitions("open_day", _on_publish_open_day),
)
FLOWS = {"consultation": CONSULTATION_FLOW, "open_day": OPEN_DAY_FLOW}
