"""Business steps on messages, error reports, hot topics and interviews. Views and the admin call these.

Every step that changes a message locks its row, re-checks its state inside the lock and writes one
MessageEvent; mail to citizens goes out after commit (portal.mail). Refusals are portal.errors.Refusal.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from interaction import deadlines
from interaction.flows import ANSWER_MESSAGES, REPLY, notify_writer
from interaction.models import (
    DeadlineRule,
    ErrorReport,
    ErrorStatus,
    EventKind,
    Interview,
    InterviewQuestion,
    Mailbox,
    Message,
    MessageEvent,
    MessageStatus,
    QuestionStatus,
)
from portal.errors import Refusal
from portal.intake import codes, duplicates
from portal.mail import send_templated_mail
from portal.models import Membership, Organisation, OrganisationKind
from portal.permissions import can
from portal.roles import permissions_for_roles

MESSAGE_PREFIX = "LY"  # 留言: LY-2026-000001
ERROR_PREFIX = "ZC"  # 找错: ZC-2026-000001
QUERY_CODE_PURPOSE = "gongkai.interaction.query_code"


def _today() -> dt.date:
    return timezone.localdate()


# ---------------------------------------------------------------- who answers


def organisations_taking_messages():
    """Governments, departments, townships and streets (village committees have no mailbox on the platform)."""
    return Organisation.objects.active().exclude(kind__in=[OrganisationKind.VILLAGE, OrganisationKind.COMMUNITY])


def head_mailbox_organisation() -> Organisation | None:
    """The county government, which answers the county head's mailbox (县长信箱)."""
    return Organisation.objects.active().filter(kind=OrganisationKind.COUNTY).order_by("sort_order", "pk").first()


def working_days_for(organisation, message_type) -> int:
    override = (
        DeadlineRule.objects.filter(organisation=organisation, message_type=message_type)
        .values_list("working_days", flat=True)
        .first()
    )
    return deadlines.reply_working_days(message_type.working_days, override, message_type.code)


def due_for(organisation, message_type, received_on: dt.date) -> dt.date:
    return deadlines.reply_due(received_on, working_days_for(organisation, message_type))


def answerers_emails(organisation) -> list[str]:
    """Addresses of the organisation's members whose roles may answer messages."""
    roles = {}
    for user_id, email, role in (
        Membership.objects.filter(organisation=organisation, user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email", "role")
    ):
        roles.setdefault((user_id, email), set()).add(role)
    return sorted({email for (_id, email), held in roles.items() if ANSWER_MESSAGES in permissions_for_roles(held)})


# ---------------------------------------------------------------- citizens

# Wording that asks for government information itself (依申请公开), not for an answer.
INFORMATION_REQUEST_PATTERNS = [
    re.compile(p)
    for p in (
        r"申请(政府)?信息公开", r"依申请公开", r"申请公开", r"(复印|调取|查阅|索取)",
        r"(提供|公开|给我).{0,12}(文件|名单|明细|数据|报告|合同|批复|会议纪要|档案|原件|全文)",
    )
]  # fmt: skip


def looks_like_information_request(subject: str, body: str) -> bool:
    """Does the message ask for government information? Then the writer is offered the request form."""
    text = f"{subject} {body}"
    return any(pattern.search(text) for pattern in INFORMATION_REQUEST_PATTERNS)


def _event(message, kind, *, by=None, on=None, comment="", from_state="", to_state="", organisation=None):
    return MessageEvent.objects.create(
        message=message,
        kind=kind,
        actor=by if by is not None and by.is_authenticated else None,
        on=on or _today(),
        comment=comment,
        from_state=from_state,
        to_state=to_state or message.status,
        organisation=organisation,
    )


@transaction.atomic
def submit_message(data: dict, *, attachment=None, attachment_name="") -> tuple[Message, str | None]:
    """A citizen's message. Returns (message, query code), or (the earlier message, None) when the same
    message arrived minutes ago (a double click): nothing new is stored and no number is used up."""
    organisation = data["organisation"]
    if data.get("mailbox") == Mailbox.HEAD:
        organisation = head_mailbox_organisation()
        if organisation is None:
            raise Refusal(_("县长信箱暂未开通，请选择部门信箱。"))
    now = timezone.now()
    year = timezone.localtime(now).year
    serial = codes.next_serial(MESSAGE_PREFIX, year)  # locks the counter: duplicates are looked up under it
    fingerprint = duplicates.fingerprint(
        organisation, data["message_type"], data["subject"], data["body"], data["name"], data["phone"]
    )
    earlier = duplicates.find_recent_duplicate(Message.objects.all(), fingerprint)
    if earlier is not None:
        transaction.set_rollback(True)
        return earlier, None
    code = codes.new_query_code()
    received_on = timezone.localdate(now)
    message = Message(
        tracking_number=codes.format_tracking_number(MESSAGE_PREFIX, year, serial),
        query_code_hash=codes.hash_query_code(code, QUERY_CODE_PURPOSE),
        fingerprint=fingerprint,
        organisation=organisation,
        mailbox=data.get("mailbox") or Mailbox.ORGANISATION,
        message_type=data["message_type"],
        subject=data["subject"],
        body=data["body"],
        name=data["name"],
        phone=data["phone"],
        email=data.get("email", ""),
        wants_publication=data.get("wants_publication", False),
        submitted_at=now,
        received_on=received_on,
        due_on=due_for(organisation, data["message_type"], received_on),
    )
    if attachment is not None:
        message.attachment = attachment
        message.attachment_name = attachment_name
    message.save()
    _event(message, EventKind.SUBMITTED, on=received_on)
    notify_writer(message, "interaction/emails/submitted", code=code)
    return message, code


def find_for_writer(tracking_number: str, query_code: str):
    """The message or error report when number and code match, else None (a wrong code reads as unknown)."""
    number = codes.normalise_tracking_number(tracking_number)
    model = ErrorReport if number.startswith(ERROR_PREFIX + "-") else Message
    found = model.objects.filter(tracking_number=number).first()
    return found if codes.check(query_code, found.query_code_hash if found else None, QUERY_CODE_PURPOSE) else None


# ---------------------------------------------------------------- staff on a message


def _locked(message) -> Message:
    return Message.objects.select_for_update().get(pk=message.pk)


def _refresh(target, source) -> None:
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _require_open(message, *, allow_reviewing=True):
    allowed = (MessageStatus.RECEIVED, MessageStatus.REVIEWING) if allow_reviewing else (MessageStatus.RECEIVED,)
    if message.status not in allowed:
        raise Refusal(
            _("当前状态“%(state)s”下不能进行此操作。") % {"state": message.get_status_display()}, code="state"
        )


def assign(message, handler, *, by) -> None:
    if not can(handler, ANSWER_MESSAGES, message.organisation):
        raise Refusal(_("承办人须是本机构可办理留言的工作人员。"))
    with transaction.atomic():
        locked = _locked(message)
        _require_open(locked)
        locked.handler = handler
        locked.save(update_fields=["handler"])
        _event(locked, EventKind.ASSIGNED, by=by, comment=handler.get_full_name() or handler.username)
    _refresh(message, locked)


def add_note(message, text: str, *, by) -> None:
    if not text.strip():
        raise Refusal(_("请填写备注内容。"))
    with transaction.atomic():
        locked = _locked(message)
        _event(locked, EventKind.NOTE, by=by, comment=text.strip())


def transfer(message, target: Organisation, reason: str, *, by) -> None:
    """To the competent organisation on the platform: the clock restarts there and the writer is told."""
    if not reason.strip():
        raise Refusal(_("请写明转办理由。"))
    if not organisations_taking_messages().filter(pk=target.pk).exists():
        raise Refusal(_("请选择平台上可办理留言的机构。"))
    with transaction.atomic():
        locked = _locked(message)
        _require_open(locked, allow_reviewing=False)
        if locked.organisation_id == target.pk:
            raise Refusal(_("不能转给本机构。"))
        source = locked.organisation
        today = _today()
        locked.organisation = target
        locked.received_on = today
        locked.due_on = due_for(target, locked.message_type, today)
        locked.handler = None
        locked.reply = ""
        locked.ordered_at, locked.order_note = None, ""
        locked.save()
        _event(locked, EventKind.TRANSFERRED, by=by, on=today, comment=reason.strip(), organisation=source,
               from_state=MessageStatus.RECEIVED)  # fmt: skip
        notify_writer(locked, "interaction/emails/transferred", source=source, reason=reason.strip())
    _refresh(message, locked)


def submit_reply(message, reply: str, *, by):
    if not reply.strip():
        raise Refusal(_("请填写答复内容。"))
    return REPLY.apply(message, "submit_reply", by=by, reply=reply)


def review_reply(message, event: str, *, by, comment=""):
    """approve (the reply goes out) / send_back / reject, by someone other than the drafter."""
    return REPLY.apply(message, event, by=by, comment=comment)


def publish(message, *, by, public_subject: str, public_body: str) -> None:
    """Moderation: put an answered message on the public list, with the text as staff edited it. The writer's
    name and contacts are never part of what is published."""
    with transaction.atomic():
        locked = _locked(message)
        if locked.status != MessageStatus.ANSWERED:
            raise Refusal(_("只有已答复的留言才能公开。"), code="state")
        if not locked.wants_publication:
            raise Refusal(_("留言人未同意公开，不能公开。"), code="consent")
        if not public_subject.strip() or not public_body.strip():
            raise Refusal(_("请填写公开的标题和留言内容。"))
        locked.public_subject = public_subject.strip()
        locked.public_body = public_body.strip()
        locked.published_at = locked.published_at or timezone.now()
        locked.save()
        _event(locked, EventKind.PUBLISHED, by=by)
    _refresh(message, locked)


def unpublish(message, *, by, reason: str) -> None:
    if not reason.strip():
        raise Refusal(_("请写明取消公开的理由。"))
    with transaction.atomic():
        locked = _locked(message)
        if locked.published_at is None:
            raise Refusal(_("该留言尚未公开。"), code="state")
        locked.published_at = None
        locked.save(update_fields=["published_at"])
        _event(locked, EventKind.UNPUBLISHED, by=by, comment=reason.strip())
    _refresh(message, locked)


def order_answer(message, note: str, *, by) -> None:
    """督办: the supervising office orders the organisation to answer; recorded and mailed to its handlers."""
    if not note.strip():
        raise Refusal(_("请填写督办意见。"))
    with transaction.atomic():
        locked = _locked(message)
        _require_open(locked)
        locked.ordered_at = timezone.now()
        locked.order_note = note.strip()
        locked.save(update_fields=["ordered_at", "order_note"])
        _event(locked, EventKind.ORDERED, by=by, comment=note.strip())
        send_templated_mail(
            "interaction/emails/ordered", {"message": locked, "note": note.strip()},
            answerers_emails(locked.organisation), language="zh-hans",
        )  # fmt: skip
    _refresh(message, locked)


# ---------------------------------------------------------------- either way with information requests


def convert_to_request(message, applicant: dict, *, by):
    """The message asks for government information: it becomes an online information request (the applicant
    data staff completed from the message), both records linked; the writer gets the request's number and code."""
    from requests_app import services as request_services

    with transaction.atomic():
        locked = _locked(message)
        _require_open(locked, allow_reviewing=False)
        info_request, code = request_services.submit_online(locked.organisation, applicant)
        locked.status = MessageStatus.CONVERTED
        locked.converted_request = info_request
        locked.save()
        _event(locked, EventKind.CONVERTED, by=by, comment=info_request.tracking_number,
               from_state=MessageStatus.RECEIVED)  # fmt: skip
        notify_writer(locked, "interaction/emails/converted", request=info_request)
    _refresh(message, locked)
    return info_request, code


def convert_from_request(info_request, message_type, *, by) -> tuple[Message, str]:
    """An information request that is really a consultation, suggestion or complaint (Art. 39) becomes a
    message of the same organisation, linked to the request; the request itself is answered in its own flow."""
    if Message.objects.filter(from_request=info_request).exists():
        raise Refusal(_("该申请已转为留言。"))
    today = _today()
    with transaction.atomic():
        year = today.year
        serial = codes.next_serial(MESSAGE_PREFIX, year)
        code = codes.new_query_code()
        message = Message.objects.create(
            tracking_number=codes.format_tracking_number(MESSAGE_PREFIX, year, serial),
            query_code_hash=codes.hash_query_code(code, QUERY_CODE_PURPOSE),
            fingerprint=duplicates.fingerprint(info_request.tracking_number),
            organisation=info_request.organisation,
            message_type=message_type,
            subject=info_request.subject[:100],
            body=info_request.description,
            name=info_request.applicant_name[:50],
            phone=info_request.phone[:20],
            email=info_request.email,
            wants_publication=False,
            received_on=today,
            due_on=due_for(info_request.organisation, message_type, today),
            from_request=info_request,
        )
        _event(message, EventKind.FROM_REQUEST, by=by, comment=info_request.tracking_number)
        notify_writer(message, "interaction/emails/submitted", code=code)
    return message, code


# ---------------------------------------------------------------- 我为政府网站找错


@transaction.atomic
def submit_error_report(data: dict) -> tuple[ErrorReport, str | None]:
    now = timezone.now()
    year = timezone.localtime(now).year
    serial = codes.next_serial(ERROR_PREFIX, year)
    fingerprint = duplicates.fingerprint(data["kind"], data["page_url"], data["description"])
    earlier = duplicates.find_recent_duplicate(ErrorReport.objects.all(), fingerprint)
    if earlier is not None:
        transaction.set_rollback(True)
        return earlier, None
    code = codes.new_query_code()
    received_on = timezone.localdate(now)
    report = ErrorReport.objects.create(
        tracking_number=codes.format_tracking_number(ERROR_PREFIX, year, serial),
        query_code_hash=codes.hash_query_code(code, QUERY_CODE_PURPOSE),
        fingerprint=fingerprint,
        kind=data["kind"],
        page_url=data["page_url"],
        description=data["description"],
        email=data.get("email", ""),
        submitted_at=now,
        received_on=received_on,
        due_on=deadlines.error_report_due(received_on),
    )
    send_templated_mail("interaction/emails/error_submitted", {"report": report, "code": code}, [report.email],
                        language="zh-hans")  # fmt: skip
    return report, code


def answer_error_report(report, answer: str, *, by) -> None:
    if not answer.strip():
        raise Refusal(_("请填写答复内容。"))
    with transaction.atomic():
        locked = ErrorReport.objects.select_for_update().get(pk=report.pk)
        if locked.status == ErrorStatus.ANSWERED:
            raise Refusal(_("该纠错已答复。"), code="state")
        locked.status = ErrorStatus.ANSWERED
        locked.answer = answer.strip()
        locked.answered_on = _today()
        locked.answered_by = by
        locked.save()
        send_templated_mail("interaction/emails/error_answered", {"report": locked}, [locked.email],
                            language="zh-hans")  # fmt: skip
    _refresh(report, locked)


# ---------------------------------------------------------------- interviews


def ask_question(interview: Interview, text: str, name: str = "") -> InterviewQuestion:
    """A question before the interview; shown only after moderation. Twice the same within minutes is once."""
    with transaction.atomic():
        locked = Interview.objects.select_for_update().get(pk=interview.pk)
        if not locked.takes_questions():
            raise Refusal(_("本期访谈已不再征集问题。"), code="closed")
        fingerprint = duplicates.fingerprint(locked, text)
        earlier = duplicates.find_recent_duplicate(locked.questions.all(), fingerprint)
        if earlier is not None:
            return earlier
        return InterviewQuestion.objects.create(interview=locked, text=text.strip(), name=name.strip(),
                                                fingerprint=fingerprint)  # fmt: skip


def moderate_question(question: InterviewQuestion, approve: bool, *, by) -> None:
    with transaction.atomic():
        locked = InterviewQuestion.objects.select_for_update().get(pk=question.pk)
        locked.status = QuestionStatus.APPROVED if approve else QuestionStatus.REJECTED
        locked.moderated_by = by
        locked.save(update_fields=["status", "moderated_by"])
    _refresh(question, locked)


def publish_transcript(interview: Interview, transcript: str, *, by) -> None:
    """The transcript goes public after the interview has taken place (and its announcement is published)."""
    if not transcript.strip():
        raise Refusal(_("请填写文字实录。"))
    with transaction.atomic():
        locked = Interview.objects.select_for_update().get(pk=interview.pk)
        if locked.status != "published":
            raise Refusal(_("访谈预告发布后才能发布实录。"), code="state")
        if locked.starts_at > timezone.now():
            raise Refusal(_("访谈尚未开始，不能发布实录。"), code="early")
        locked.transcript = transcript.strip()
        locked.transcript_published_at = locked.transcript_published_at or timezone.now()
        locked.save(update_fields=["transcript", "transcript_published_at", "updated_at"])
    _refresh(interview, locked)


def editable(obj) -> None:
    if obj.status not in ("draft", "withdrawn"):
        raise Refusal(_("只有草稿或已撤回的内容可以修改。"), code="state")


def search_filter(text: str) -> Q:
    text = text.strip()
    return Q(public_subject__icontains=text) | Q(public_body__icontains=text) | Q(reply__icontains=text)
