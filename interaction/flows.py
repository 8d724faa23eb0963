"""The review flows of this app, on the one workflow engine (portal.workflow).

A message's reply: handler drafts and submits it → a second person approves (it goes out) or sends it back.
Hot-topic responses and interview announcements: editor submits → a reviewer publishes or sends back → withdraw.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.mail import send_templated_mail
from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.workflow import Transition, Workflow, four_eyes

ANSWER_MESSAGES = "answer_messages"
REVIEW_MESSAGE_REPLIES = "review_message_replies"
SUPERVISE_MESSAGES = "supervise_messages"


def _set_reply(message, *, by, on, comment, reply=""):
    message.reply = reply.strip()
    if by is not None and message.handler_id is None:
        message.handler = by
    return None


def _send_reply(message, *, by, on, comment):
    message.answered_on = on or timezone.localdate()
    notify_writer(message, "interaction/emails/answered")
    return None


def notify_writer(message, template: str, **context) -> None:
    send_templated_mail(
        template,
        {"message": message, **context},
        [message.email],
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def _reply_drafters(message):
    return REPLY.actors_since(message, states={"received"})


REPLY = Workflow(
    event_model="interaction.MessageEvent",
    event_object_field="message",
    state_field="status",
    transitions=[
        Transition("received", "submit_reply", "reviewing", ANSWER_MESSAGES, hook=_set_reply,
                   label=_("提交答复审核"), style="primary"),
        Transition("reviewing", "approve", "answered", REVIEW_MESSAGE_REPLIES, guard=four_eyes(_reply_drafters),
                   hook=_send_reply, label=_("审核通过并答复"), style="primary"),
        Transition("reviewing", "send_back", "received", REVIEW_MESSAGE_REPLIES, needs_comment=True,
                   label=_("退回修改")),
        Transition("received", "reject", "invalid", REVIEW_MESSAGE_REPLIES, needs_comment=True,
                   label=_("不予受理（无效留言）"), style="danger"),
    ],
)  # fmt: skip


def _published(obj, *, by, on, comment):
    obj.published_at = timezone.now()
    return None


def _content_drafters(flow):
    return lambda obj: flow.actors_since(obj, states={"published", "withdrawn"})


def content_flow(event_model: str, field: str) -> Workflow:
    flow = Workflow(event_model=event_model, event_object_field=field, transitions=[])
    flow.transitions = [
        Transition(("draft", "withdrawn"), "submit", "submitted", DRAFT_CONTENT, label=_("提交审核"), style="primary"),
        Transition("submitted", "publish", "published", REVIEW_CONTENT, guard=four_eyes(_content_drafters(flow)),
                   hook=_published, label=_("审核发布"), style="primary"),
        Transition("submitted", "send_back", "draft", REVIEW_CONTENT, needs_comment=True, label=_("退回修改")),
        Transition("published", "withdraw", "withdrawn", REVIEW_CONTENT, needs_comment=True, label=_("撤回"),
                   style="danger"),
    ]  # fmt: skip
    flow.__post_init__()
    return flow


HOT_TOPIC = content_flow("interaction.HotTopicEvent", "hot_topic")
INTERVIEW = content_flow("interaction.InterviewEvent", "interview")
