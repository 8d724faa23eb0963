"""Business actions on information requests. Views call these; every action writes a RequestEvent.

A request's state changes are the transitions of `REQUEST_FLOW` on the one workflow engine (portal.workflow):
each verb checks its own rules, then `REQUEST_FLOW.apply` locks the row, re-checks the state (a page out of
date is refused, a repeated click is answered as done), sets the step's fields, re-derives the due date from
the recorded dates through `deadlines.py` and writes the event, in one transaction. The reply's own steps are
`REPLY_FLOW`; sending the reply moves the request along REQUEST_FLOW's `answer` / `not_process` rows.
Refusals raise `portal.errors.Refusal` with a message the views show next to the form.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from disclosure.models import Document
from portal import workdays
from portal.errors import Refusal
from portal.intake import codes, duplicates
from portal.mail import send_templated_mail
from portal.permissions import can
from portal.roles import HANDLE_REQUESTS, REVIEW_CONTENT
from portal.uploads import stored_together
from portal.workflow import WAY_THROUGH, Transition, Workflow, four_eyes
from requests_app import deadlines, fees
from requests_app.deadlines import Channel
from requests_app.models import (
    APPLICANT_FIELDS,
    ART39_REPLY_TYPES,
    REPLY_TYPES_NEEDING_GROUND,
    Consultation,
    EventKind,
    FeeMethod,
    FeeNotice,
    InformationRequest,
    Remedy,
    Reply,
    ReplyFile,
    ReplyStatus,
    RequestEvent,
    State,
    event_note,
    record_text,
)

TRACKING_PREFIX = "YSQ"  # 依申请: YSQ-2026-000123
QUERY_CODE_PURPOSE = "gongkai.requests.query_code"
# How far ahead of the event staff may set a date (a correction deadline, an Art. 35 reply date):
# beyond that a date is a typing slip (2062, 9999), not a decision.
FURTHEST_SET_DATE = dt.timedelta(days=366)
# An identical online application within this many minutes is the same one sent twice (portal.intake.duplicates).
DUPLICATE_MINUTES = duplicates.DEFAULT_MINUTES

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- tracking numbers and query codes


def find_for_applicant(tracking_number: str, query_code: str) -> InformationRequest | None:
    """The request only when both match; the caller cannot tell a wrong code from an unknown number."""
    number = codes.normalise_tracking_number(tracking_number)
    found = InformationRequest.objects.select_related("organisation").filter(tracking_number=number).first()
    matches = codes.check(query_code, found.query_code_hash if found else None, QUERY_CODE_PURPOSE)
    return found if matches else None


# ---------------------------------------------------------------- intake


def _today() -> dt.date:
    return timezone.localdate()


def application_fingerprint(organisation, data: dict) -> str:
    """What makes two applications "the same one sent twice": who asks whom for what (case and spacing ignored)."""
    parts = ("applicant_name", "id_document_number", "subject", "description")
    return duplicates.fingerprint(organisation, *(data.get(name) for name in parts))


class _SameApplication(Exception):
    """Raised inside the intake transaction to undo the serial just taken, carrying the earlier request."""

    def __init__(self, request):
        self.request = request


def _create(
    organisation, data: dict, *, channel: str, submitted_at, duplicate_check: bool = False
) -> tuple[InformationRequest, str]:
    year = timezone.localtime(submitted_at).year
    serial = codes.next_serial(TRACKING_PREFIX, year)  # locks the counter: identical posts queue up here
    fingerprint = application_fingerprint(organisation, data)
    if duplicate_check:
        online = InformationRequest.objects.filter(channel=Channel.ONLINE)
        earlier = duplicates.find_recent_duplicate(online, fingerprint, minutes=DUPLICATE_MINUTES)
        if earlier is not None:
            raise _SameApplication(earlier)
    code = codes.new_query_code()
    request = InformationRequest.objects.create(
        organisation=organisation,
        fingerprint=fingerprint,
        tracking_number=codes.format_tracking_number(TRACKING_PREFIX, year, serial),
        year=year,
        serial=serial,
        query_code_hash=codes.hash_query_code(code, QUERY_CODE_PURPOSE),
        channel=channel,
        submitted_at=submitted_at,
        **data,
    )
    return request, code


def _notify_applicant(request: InformationRequest, code: str) -> None:
    """The tracking number and query code, in the language the citizen used the form in."""
    send_templated_mail(
        "requests_app/emails/submitted",
        {"request": request, "code": code},
        [request.email],
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


def submit_online(organisation, data: dict) -> tuple[InformationRequest, str | None]:
    """A citizen's online application. Counts as received only when staff confirm it (Art. 31).

    The same application sent again within DUPLICATE_MINUTES (a double click, a reload, a second tab) creates
    nothing: the earlier request comes back with code None (its query code was shown once and is not stored).
    """
    try:
        with transaction.atomic():
            request, code = _create(
                organisation, data, channel=Channel.ONLINE, submitted_at=timezone.now(), duplicate_check=True
            )
            on = timezone.localdate(request.submitted_at)
            _event(request, EventKind.SUBMITTED, "", State.SUBMITTED, by=None, on=on)
            _notify_applicant(request, code)
    except _SameApplication as same:  # the rollback gave the serial back: numbers stay gapless
        return same.request, None
    return request, code


@transaction.atomic
def register_offline(
    organisation, data: dict, *, channel: str, arrived_on: dt.date, confirmed_on: dt.date | None, by
) -> tuple[InformationRequest, str]:
    """Staff enter an application that came in person, by post or by fax, with its Art. 31 receipt date."""
    if channel == Channel.ONLINE:
        raise Refusal(_("网上申请由申请人在线提交，请勿在此登记。"))
    try:
        received_on = deadlines.receipt_date(channel, arrived_on=arrived_on, confirmed_on=confirmed_on)
    except ValueError as error:
        raise Refusal(_receipt_message(channel)) from error
    if received_on > _today():
        raise Refusal(_("收到申请日期不能晚于今天。"))
    if min(received_on, arrived_on or received_on) < deadlines.REGULATIONS_IN_FORCE:
        raise Refusal(_("收到申请日期不能早于现行条例施行之日（2019年5月15日），请核对日期。"))
    submitted_at = timezone.make_aware(dt.datetime.combine(arrived_on or received_on, dt.time(9, 0)))
    request, code = _create(organisation, data, channel=channel, submitted_at=submitted_at)
    request.received_on = received_on
    request.state = State.RECEIVED
    _event(
        request,
        EventKind.REGISTERED,
        "",
        State.RECEIVED,
        by=by,
        on=received_on,
        comment=_chinese_label(request.get_channel_display),
    )
    _refresh_due(request)
    _notify_applicant(request, code)
    return request, code


def _receipt_message(channel: str) -> str:
    return {
        Channel.IN_PERSON: _("当面提交的申请，请填写提交日期。"),
        Channel.POST_SIGNED: _("需签收的邮寄申请，请填写签收日期。"),
        Channel.POST_ORDINARY: _(
            "平信邮寄的申请以与申请人确认之日为收到日期，请填写收到日期和确认日期（确认日期不早于收到日期）。"
        ),
        Channel.FAX: _("传真申请以双方确认之日为收到日期，请填写确认日期（不早于收到日期）。"),
    }.get(channel, _("请填写收到申请的日期。"))


# ---------------------------------------------------------------- the workflow


def _event(request, kind, from_state, to_state, *, by, on, comment="", notes=None) -> RequestEvent:
    """An event that is not a move between states (an intake, an assignment, a fee, a remedy). `notes`: the
    portal's own comment as translatable notes (models.note); the Chinese record goes to `comment`."""
    if notes:
        comment = record_text(notes)
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        actor=by,
        on=on,
        comment=comment,
        note=notes or [],
    )


def _chinese_label(display) -> str:
    """A choice's label for the record, in Chinese whatever the clerk's language (it is its own msgid, so the
    history page translates it: models.LABEL_COMMENT_KINDS)."""
    with translation.override("zh-hans"):
        return str(display())


def _check_dates(request: InformationRequest, on: dt.date) -> None:
    """Refuse a step dated before the application arrived or after today."""
    if request.received_on and on < request.received_on:
        raise Refusal(_("日期不能早于收到申请的日期。"))
    if request.received_on is None and on < timezone.localdate(request.submitted_at):
        raise Refusal(_("日期不能早于提交申请的日期。"))
    if on > _today():
        raise Refusal(_("日期不能晚于今天。"))


def _check_move(request: InformationRequest, event: str, on: dt.date) -> None:
    """Refuse a step the flow or the dates do not allow, as the caller's page saw the request; callers run it
    before any date arithmetic. `REQUEST_FLOW.apply` checks the state again inside the row lock."""
    REQUEST_FLOW.check_state(request, event)
    _check_dates(request, on)


def _moved(request: InformationRequest, *, by, on: dt.date, comment: str = "", notes=None, **fields) -> dict | None:
    """The hook of every move, inside the lock: the dates re-checked on the committed row, the fields the step
    records, and the due date re-derived from them (the engine saves the row and writes the event, with the
    translatable `notes` and their Chinese record as its comment)."""
    _check_dates(request, on)
    for name, value in fields.items():
        setattr(request, name, value)
    _set_due(request)
    return {"note": notes, "comment": record_text(notes)} if notes else None


def _move(request: InformationRequest, event: str, *, by, on: dt.date, comment: str = "", **fields):
    """Take `event` of REQUEST_FLOW: the new event row, or None when the click repeated a step already taken."""
    return REQUEST_FLOW.apply(request, event, by=by, on=on, comment=comment, **fields)


S = State
# The request's states as data: every step from which states to which, who may take it (a handler of the
# request's organisation) and the kind of event it writes. `record_consultation_answer` takes one of three rows
# (back to handling, back to the extended period, or still consulting while other parties have not answered).
STILL_OPEN = (
    S.SUBMITTED,
    S.RECEIVED,
    S.CORRECTION_REQUESTED,
    S.CORRECTED,
    S.IN_PROGRESS,
    S.CONSULTING,
    S.EXTENDED,
    S.EXCESSIVE,
)
REQUEST_FLOW = Workflow(
    event_model=RequestEvent,
    event_object_field="request",
    state_field="state",
    stale=gettext_lazy("本申请的办理状态刚刚已被他人更改，请刷新页面后查看。"),
    judged_by_locked_state=frozenset({"withdraw"}),  # the applicant withdrew: true whatever the page showed
    transitions=[
        Transition(S.SUBMITTED, "confirm_receipt", S.RECEIVED, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.RECEIPT_CONFIRMED, label=gettext_lazy("确认收到")),
        Transition(S.SUBMITTED, "discard", S.DISCARDED, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.DISCARDED, label=gettext_lazy("作为无效信息清除"),
                   not_now=gettext_lazy("只有尚未确认收到的网上申请可以作为无效信息清除。")),
        Transition(S.RECEIVED, "request_correction", S.CORRECTION_REQUESTED, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.CORRECTION_REQUESTED, label=gettext_lazy("告知补正")),
        Transition(S.CORRECTION_REQUESTED, "record_correction", S.CORRECTED, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.CORRECTED, label=gettext_lazy("收到补正")),
        Transition(S.CORRECTION_REQUESTED, "mark_abandoned", S.ABANDONED, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.ABANDONED, label=gettext_lazy("逾期未补正，视为放弃")),
        Transition((S.RECEIVED, S.CORRECTED, S.EXCESSIVE), "start_handling", S.IN_PROGRESS, HANDLE_REQUESTS,
                   hook=_moved, kind=EventKind.STARTED, label=gettext_lazy("开始办理")),
        Transition((S.IN_PROGRESS, S.CONSULTING, S.EXTENDED), "start_consultation", S.CONSULTING, HANDLE_REQUESTS,
                   hook=_moved, kind=EventKind.CONSULTATION_STARTED, label=gettext_lazy("征求意见")),
        Transition(S.CONSULTING, "answer_consultation", S.IN_PROGRESS, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.CONSULTATION_ANSWERED, label=gettext_lazy("记录征求意见答复")),
        Transition(S.CONSULTING, "answer_consultation_extended", S.EXTENDED, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.CONSULTATION_ANSWERED, label=gettext_lazy("记录征求意见答复")),
        Transition(S.CONSULTING, "answer_consultation_waiting", S.CONSULTING, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.CONSULTATION_ANSWERED, label=gettext_lazy("记录征求意见答复")),
        # No extension while consulting: the time consulting is not counted anyway (decide after the answer).
        Transition((S.IN_PROGRESS, S.CONSULTING), "grant_extension", S.EXTENDED, HANDLE_REQUESTS, hook=_moved,
                   guard=lambda r, _user: _extension_refusal(r), kind=EventKind.EXTENDED, label=gettext_lazy("延期答复")),
        Transition((S.RECEIVED, S.IN_PROGRESS), "mark_excessive", S.EXCESSIVE, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.EXCESSIVE, label=gettext_lazy("第三十五条处理")),
        Transition((S.RECEIVED, S.CORRECTED, S.IN_PROGRESS), "transfer", S.TRANSFERRED, HANDLE_REQUESTS,
                   hook=_moved, kind=EventKind.TRANSFERRED, label=gettext_lazy("告知向有权机关申请")),
        # Sending the reply (REPLY_FLOW "send") moves the request along one of these two rows.
        Transition((S.RECEIVED, S.CORRECTED, S.IN_PROGRESS, S.EXTENDED, S.EXCESSIVE), "answer", S.ANSWERED,
                   HANDLE_REQUESTS, hook=_moved, kind=EventKind.REPLY_SENT, label=gettext_lazy("发出答复")),
        Transition((S.RECEIVED, S.CORRECTED, S.IN_PROGRESS, S.EXTENDED), "not_process", S.NOT_PROCESSED,
                   HANDLE_REQUESTS, hook=_moved, kind=EventKind.REPLY_SENT, label=gettext_lazy("发出答复")),
        Transition(STILL_OPEN, "withdraw", S.WITHDRAWN, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.WITHDRAWN, label=gettext_lazy("申请人撤回")),
        Transition(S.ANSWERED, "close", S.CLOSED, HANDLE_REQUESTS, hook=_moved,
                   kind=EventKind.CLOSED, label=gettext_lazy("办结归档")),
    ],
)  # fmt: skip
ANSWER_EVENT = {
    S.IN_PROGRESS: "answer_consultation",
    S.EXTENDED: "answer_consultation_extended",
    S.CONSULTING: "answer_consultation_waiting",
}


def _extension_refusal(request):
    if request.state == State.CONSULTING:
        return _("征求意见的时间不计入答复期限，征求意见期间无需延期；请在收到答复后再决定是否延期。")
    if request.extension_days:
        return _("本申请已经延期，延长期限最长不得超过20个工作日。")
    return None


def compute_due_on(request: InformationRequest) -> dt.date | None:
    """The reply due date from the recorded dates; None while the clock has not started or waits for a correction."""
    explanation = explain_due_on(request)
    if request.state == State.EXCESSIVE and request.excessive_due_on:
        return request.excessive_due_on
    return explanation.due_on if explanation else None


def explain_due_on(request: InformationRequest) -> deadlines.DueDateExplanation | None:
    """How the reply due date follows from the recorded dates; None while the clock has not started.

    A consultation still waiting for its answer stops the clock up to the party's answer deadline only, so
    the date shown while consulting is the latest lawful one (Art. 32–34).
    """
    if request.received_on is None or request.state == State.CORRECTION_REQUESTED:
        return None
    pauses = [
        deadlines.stopped_interval(c.sent_on, c.answer_due_on, c.answered_on) for c in request.consultations.all()
    ] + [deadlines.stopped_interval(f.sent_on, f.payment_due_on, f.ended_on) for f in request.fee_notices.all()]
    return deadlines.explain_reply_due(
        request.received_on,
        corrected_on=request.corrected_on,
        pauses=pauses,
        extension_days=request.extension_days,
    )


def _set_due(request: InformationRequest) -> None:
    try:
        request.due_on = compute_due_on(request)
    except ValueError as error:  # the working-day calendar cannot count from these dates
        raise Refusal(_("日期超出可计算答复期限的范围，请核对日期。")) from error


def _refresh_due(request: InformationRequest) -> None:
    _set_due(request)
    request.save()


def recompute_open_due_dates(*, reason: list | None = None) -> int:
    """After a calendar change (a holiday entered, next year's schedule confirmed): every open request's due
    date follows at once, and each request whose date moved says so in its history. Returns how many moved.
    `reason`: why, as event notes (models.note), appended to the history's line.

    Each request is locked and recomputed in its own short transaction, so the job never holds the whole
    queue; a request that cannot be counted on the new calendar keeps its date and is logged.
    """
    workdays.clear_cache()
    today = _today()
    moved = 0
    candidates = InformationRequest.objects.open().filter(received_on__isnull=False).values_list("pk", flat=True)
    for pk in list(candidates.iterator()):
        with transaction.atomic():
            request = InformationRequest.objects.select_for_update().filter(pk=pk).first()
            if request is None or not request.is_open:
                continue
            try:
                due_on = compute_due_on(request)
            except ValueError:
                logger.warning("request %s: due date not computable on the new calendar", pk)
                continue
            if due_on == request.due_on:
                continue
            notes = event_note(
                gettext_noop("答复期限由 %(old)s 调整为 %(new)s。"),
                old=request.due_on.isoformat() if request.due_on else "—",
                new=due_on.isoformat() if due_on else "—",
            )
            request.due_on = due_on
            request.save(update_fields=["due_on"])
            _event(
                request,
                EventKind.DUE_RECOMPUTED,
                request.state,
                request.state,
                by=None,
                on=today,
                notes=notes + (reason or []),
            )
            moved += 1
    return moved


@transaction.atomic
def confirm_receipt(request, *, on: dt.date, by) -> None:
    """Staff confirm an online application; it counts as received on the day both sides confirm (Art. 31).

    A repeated confirmation (a double click, or two staff at once) changes nothing."""
    if request.state == State.SUBMITTED:
        submitted_on = timezone.localdate(request.submitted_at)
        if on < submitted_on:
            raise Refusal(_("确认收到日期不能早于申请提交日期。"))
        _check_move(request, "confirm_receipt", on)
        received_on = deadlines.receipt_date(Channel.ONLINE, arrived_on=submitted_on, confirmed_on=on)
    else:  # the engine answers a repeat as done and refuses anything else
        received_on = request.received_on
    _move(request, "confirm_receipt", by=by, on=on, received_on=received_on)


@transaction.atomic
def request_correction(request, *, on: dt.date, applicant_deadline: dt.date, comment: str, by) -> None:
    """Ask the applicant to correct an unclear application, all at once, within 7 working days (Art. 30)."""
    _check_move(request, "request_correction", on)
    if request.received_on and on > deadlines.correction_notice_due(request.received_on):
        raise Refusal(_("已超过收到申请后7个工作日的补正告知期限，不能再要求补正。"))
    if applicant_deadline <= on:
        raise Refusal(_("补正期限应晚于告知日期。"))
    if applicant_deadline > on + FURTHEST_SET_DATE:
        raise Refusal(_("补正期限应在告知日期后一年以内。"))
    if not comment.strip():
        raise Refusal(_("请一次性写明需要补正的事项。"))
    _move(request, "request_correction", by=by, on=on, comment=comment, correction_due_on=applicant_deadline)


@transaction.atomic
def record_correction(request, *, on: dt.date, comment: str = "", by) -> None:
    """The corrected application arrived: the reply clock restarts from this day (Art. 30)."""
    _check_move(request, "record_correction", on)
    asked_on = (
        request.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("-on").values_list("on", flat=True).first()
    )
    if asked_on and on < asked_on:
        raise Refusal(_("收到补正日期不能早于告知补正的日期。"))
    _move(request, "record_correction", by=by, on=on, comment=comment, corrected_on=on)


@transaction.atomic
def mark_abandoned(request, *, on: dt.date, comment: str = "", by) -> None:
    """No correction within the time given: the application is deemed abandoned (Art. 30)."""
    if request.correction_due_on and on <= request.correction_due_on:
        raise Refusal(_("补正期限尚未届满，不能视为放弃。"))
    _move(request, "mark_abandoned", by=by, on=on, comment=comment, concluded_on=on)


@transaction.atomic
def start_handling(request, *, on: dt.date, by, comment: str = "") -> None:
    """A repeated click (two clerks at once, or a reload) is one step."""
    _move(request, "start_handling", by=by, on=on, comment=comment)


@transaction.atomic
def assign(request, *, handler, by) -> None:
    """Give the request to a handler of the same organisation."""
    if not can(handler, HANDLE_REQUESTS, request.organisation):
        raise Refusal(_("承办人须为本机构的依申请公开办理人。"))
    request.handler = handler
    request.save(update_fields=["handler"])
    _event(request, EventKind.ASSIGNED, request.state, request.state, by=by, on=_today(), comment=str(handler))


@transaction.atomic
def start_consultation(
    request, *, kind: str, party: str, sent_on: dt.date, by, letter_received_on: dt.date | None = None
) -> Consultation:
    """Consult a third party (Art. 32) or another organ (Art. 34): the reply clock stops from the next day.

    The consulted party has 15 working days from receiving the letter; while that date is unknown the
    answer due date counts from the day the letter was sent.
    """
    _check_move(request, "start_consultation", sent_on)
    if letter_received_on and letter_received_on < sent_on:
        raise Refusal(_("对方收到征求意见函的日期不能早于发出日期。"))
    if letter_received_on and letter_received_on > _today():
        raise Refusal(_("对方收到征求意见函的日期不能晚于今天。"))
    try:
        answer_due_on = deadlines.consultation_answer_due(letter_received_on or sent_on)
    except ValueError as error:
        raise Refusal(_("日期超出可计算答复期限的范围，请核对日期。")) from error
    # Written before the move so the due date derived inside it counts the new stop; undone with it if refused.
    consultation = Consultation.objects.create(
        request=request,
        kind=kind,
        party=party,
        sent_on=sent_on,
        letter_received_on=letter_received_on,
        answer_due_on=answer_due_on,
        recorded_by=by,
    )
    _move(request, "start_consultation", by=by, on=sent_on, comment=party)
    return consultation


@transaction.atomic
def record_consultation_answer(consultation: Consultation, *, answered_on: dt.date, answer: str, by) -> None:
    """The consulted party answered (or its time ran out): the reply clock runs again."""
    if consultation.answered_on:
        raise Refusal(_("该征求意见已记录答复。"))
    if answered_on < consultation.sent_on:
        raise Refusal(_("收到答复日期不能早于发出征求意见日期。"))
    consultation.answered_on = answered_on
    consultation.answer = answer
    consultation.save()
    request = consultation.request
    back_to = State.EXTENDED if request.extension_days else State.IN_PROGRESS
    if request.consultations.filter(answered_on__isnull=True).exists():
        back_to = State.CONSULTING  # other parties consulted at the same time have not answered yet
    _move(
        request,
        ANSWER_EVENT[back_to],
        by=by,
        on=answered_on,
        comment=f"{consultation.party}：{answer}",
    )


@transaction.atomic
def grant_extension(request, *, days: int, reason: str, approved_by: str, on: dt.date, by) -> None:
    """Extend the reply period by 1–20 working days, approved by the disclosure office head (Art. 33)."""
    if request.state == State.CONSULTING:
        raise Refusal(_("征求意见的时间不计入答复期限，征求意见期间无需延期；请在收到答复后再决定是否延期。"))
    if request.extension_days:
        raise Refusal(_("本申请已经延期，延长期限最长不得超过20个工作日。"))
    if not 1 <= days <= deadlines.MAX_EXTENSION_WORKING_DAYS:
        raise Refusal(_("延长期限应为1至20个工作日。"))
    if not reason.strip() or not approved_by.strip():
        raise Refusal(_("延期须写明理由和批准人。"))
    if request.due_on and on > request.due_on:
        raise Refusal(_("答复期限已过，不能再延期。"))
    _move(
        request,
        "grant_extension",
        by=by,
        on=on,
        notes=event_note(
            gettext_noop("延长%(days)s个工作日；%(reason)s；批准人：%(approved_by)s"),
            days=days,
            reason=reason,
            approved_by=approved_by,
        ),
        extension_days=days,
        extension_reason=reason,
        extension_approved_by=approved_by,
    )


# ---------------------------------------------------------------- information processing fees (Art. 42)


def _locked(request: InformationRequest) -> InformationRequest:
    """The request row locked for this transaction, re-read so checks see what other clerks just did."""
    return InformationRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def send_fee_notice(request, *, method: str, quantity: int, on: dt.date, by) -> FeeNotice:
    """Send a fee notice within the reply period; the amount follows the 2020 tiers, the clock stops until payment."""
    locked = _locked(request)
    if not locked.is_open or locked.state == State.CONSULTING:
        raise Refusal(_("当前状态下不能发出收费通知。"))
    if locked.fee_notices.filter(paid_on__isnull=True, waived_on__isnull=True).exists():
        raise Refusal(_("已有未缴费的收费通知。"))
    if locked.due_on and on > locked.due_on:
        raise Refusal(_("收费通知应在答复期限内发出。"))
    if locked.received_on and on < locked.received_on:
        raise Refusal(_("收费通知日期不能早于收到申请日期。"))
    amount = fees.piece_fee(quantity) if method == FeeMethod.PER_PIECE else fees.page_fee(quantity)
    if amount <= 0:
        raise Refusal(_("按所填件次或页数不应收费，无需发出收费通知。"))
    try:
        payment_due_on = deadlines.fee_payment_due(on)
    except ValueError as error:
        raise Refusal(_("日期超出可计算答复期限的范围，请核对日期。")) from error
    notice = FeeNotice.objects.create(
        request=locked,
        method=method,
        quantity=quantity,
        amount=amount,
        sent_on=on,
        payment_due_on=payment_due_on,
        recorded_by=by,
    )
    notes = event_note(
        gettext_noop("%(fee_method)s %(amount)s元，缴费期限 %(due)s"),
        fee_method=method,
        amount=str(amount),
        due=f"{payment_due_on:%Y-%m-%d}",
    )
    _event(locked, EventKind.FEE_NOTICE_SENT, locked.state, locked.state, by=by, on=on, notes=notes)
    _refresh_due(locked)
    request.due_on = locked.due_on
    return notice


def _end_fee_notice(notice: FeeNotice, *, on: dt.date, by, kind: str, reason: str = "") -> None:
    request = _locked(notice.request)
    notice = FeeNotice.objects.select_for_update().get(pk=notice.pk)
    if not notice.is_outstanding:
        raise Refusal(_("该收费通知已处理。"))
    if on < notice.sent_on:
        raise Refusal(_("日期不能早于发出收费通知日期。"))
    if kind == EventKind.FEE_PAID:
        if on > notice.payment_due_on:
            raise Refusal(_("已超过缴费期限：申请视为放弃，请以“逾期未缴费”答复。"))
        notice.paid_on = on
        notes = event_note(gettext_noop("%(amount)s元"), amount=str(notice.amount))
    else:
        if not reason.strip():
            raise Refusal(_("减免须写明理由。"))
        notice.waived_on, notice.waiver_reason = on, reason
        notes = event_note(gettext_noop("减免 %(amount)s元：%(reason)s"), amount=str(notice.amount), reason=reason)
    notice.save()
    _event(request, kind, request.state, request.state, by=by, on=on, notes=notes)
    _refresh_due(request)


@transaction.atomic
def record_fee_payment(notice: FeeNotice, *, on: dt.date, by) -> None:
    """The applicant paid within the 20 working days: the reply clock runs again from the payment."""
    _end_fee_notice(notice, on=on, by=by, kind=EventKind.FEE_PAID)


@transaction.atomic
def waive_fee(notice: FeeNotice, *, reason: str, on: dt.date, by) -> None:
    """The organ waives the fee (减免), with the reason on record; the clock runs again."""
    _end_fee_notice(notice, on=on, by=by, kind=EventKind.FEE_WAIVED, reason=reason)


def fees_charged(requests, year: int) -> int:
    """Yuan of information processing fees paid in the year (annual report, part 六)."""
    paid = FeeNotice.objects.filter(request__in=requests, paid_on__year=year).aggregate(total=Sum("amount"))
    return paid["total"] or 0


@transaction.atomic
def mark_excessive(request, *, reply_on: dt.date, reason: str, on: dt.date, by) -> None:
    """Art. 35: an excessive number or frequency of requests; the organ sets a reasonable later reply date."""
    _check_move(request, "mark_excessive", on)  # before `on + FURTHEST_SET_DATE` can overflow
    if not reason.strip():
        raise Refusal(_("请写明认定理由。"))
    if reply_on <= on:
        raise Refusal(_("第三十五条确定的答复日期应晚于今天。"))
    if reply_on > on + FURTHEST_SET_DATE:
        raise Refusal(_("第三十五条确定的答复日期应在一年以内。"))
    _move(request, "mark_excessive", by=by, on=on, comment=reason, excessive_due_on=reply_on)


REPLY_SELF_APPROVAL = format_lazy("{} {}", gettext_lazy("起草人不能审核自己起草的答复。"), WAY_THROUGH)
REPLY_NOT_APPROVED = gettext_lazy("答复须经审核人审核通过后才能发出。")


def _approve(reply, *, by, on, comment):
    reply.approved_by = by
    reply.approved_at = timezone.now()
    return None


def _send(reply, *, by, on, comment):
    """The send hook: the request concludes (answered, or not processed for Art. 39 reply types)."""
    request = InformationRequest.objects.select_for_update().get(pk=reply.request_id)
    # The request moves along REQUEST_FLOW's row; the one event written is the reply's (kind reply_sent).
    transition = REQUEST_FLOW.check_state(request, "not_process" if reply.reply_type in ART39_REPLY_TYPES else "answer")
    from_state = request.state
    reply.sent_on = on
    request.state = transition.target
    _moved(request, by=by, on=on, concluded_on=on)
    request.save()
    return {
        "from_state": from_state,
        "to_state": transition.target,
        "comment": _chinese_label(reply.get_reply_type_display),
    }


def _request_states(reply):
    state = InformationRequest.objects.filter(pk=reply.request_id).values_list("state", flat=True).get()
    return {"from_state": state, "to_state": state}


# draft → submit → approve / send back (with a reason) → send. A redraft, from any state before sending,
# goes back for a fresh sign-off. The events are the request's (RequestEvent), in the request's states.
REPLY_FLOW = Workflow(
    event_model=RequestEvent,
    event_object_field="request",
    event_object=lambda reply: reply.request,
    event_fields=_request_states,
    state_field="status",
    organisation="request.organisation",
    transitions=[
        Transition(
            (ReplyStatus.DRAFT, ReplyStatus.SUBMITTED, ReplyStatus.APPROVED), "submit", ReplyStatus.SUBMITTED,
            HANDLE_REQUESTS, label=gettext_lazy("起草答复"), kind=EventKind.REPLY_DRAFTED,
        ),
        Transition(
            ReplyStatus.SUBMITTED, "approve", ReplyStatus.APPROVED, REVIEW_CONTENT,
            guard=four_eyes(lambda reply: {reply.drafted_by_id}, REPLY_SELF_APPROVAL), hook=_approve,
            label=gettext_lazy("审核通过答复"), kind=EventKind.REPLY_APPROVED,
        ),
        Transition(
            ReplyStatus.SUBMITTED, "send_back", ReplyStatus.DRAFT, REVIEW_CONTENT,
            needs_comment=gettext_lazy("退回答复须写明理由。"), label=gettext_lazy("退回答复修改"),
            kind=EventKind.REPLY_SENT_BACK, style="secondary",
        ),
        Transition(
            ReplyStatus.APPROVED, "send", ReplyStatus.SENT, HANDLE_REQUESTS, hook=_send,
            label=gettext_lazy("发出答复"), kind=EventKind.REPLY_SENT, not_now=REPLY_NOT_APPROVED,
        ),
    ],
)  # fmt: skip


@transaction.atomic
def draft_reply(
    request,
    *,
    reply_type: str,
    body: str,
    by,
    ground: str = "",
    ground_detail: str = "",
    competent_organ: str = "",
    files=(),
    documents=None,
) -> Reply:
    """Draft (or redraft) the reply and hand it to a reviewer; a redraft needs a fresh sign-off."""
    if not request.is_open:
        raise Refusal(_("本申请已办结，不能再起草答复。"))
    if reply_type in REPLY_TYPES_NEEDING_GROUND and not ground:
        raise Refusal(_("部分公开或不予公开的答复须选择法定理由。"))
    if reply_type not in REPLY_TYPES_NEEDING_GROUND:
        ground, ground_detail = "", ""
    reply, _created = Reply.objects.update_or_create(
        request=request,
        defaults={
            "reply_type": reply_type,
            "ground": ground,
            "ground_detail": ground_detail,
            "body": body,
            "competent_organ": competent_organ,
            "drafted_by": by,
            "drafted_at": timezone.now(),
            "approved_by": None,
            "approved_at": None,
        },
    )
    if documents is not None:
        # Only what the public gate lets through may be linked: the reply points the applicant to it.
        reply.documents.set(Document.objects.public().filter(pk__in=[d.pk for d in documents]))
    # The files and their rows are one unit: a full or unwritable storage leaves neither (StorageError).
    with stored_together() as store:
        for upload in files:
            # A checked upload carries a random stored name; the name staff chose is kept for the download.
            name = getattr(upload, "original_name", upload.name)[:200]
            reply_file = ReplyFile(reply=reply, name=name, content_type=upload.content_type or "", size=upload.size)
            store(reply_file, "file", upload)
            reply_file.save()
    REPLY_FLOW.apply(reply, "submit", by=by, on=_today(), comment=_chinese_label(reply.get_reply_type_display))
    return reply


def approve_reply(reply: Reply, *, by) -> None:
    """The organisation's reviewer signs the reply off before it is sent."""
    REPLY_FLOW.apply(reply, "approve", by=by, on=_today())


def send_back_reply(reply: Reply, *, by, reason: str) -> None:
    """The reviewer returns the draft to the handler with the reason (recorded in the request's history)."""
    REPLY_FLOW.apply(reply, "send_back", by=by, on=_today(), comment=reason)


def send_reply(request, *, on: dt.date, by) -> None:
    """Send the signed-off reply; Art. 39 reply types end the request as not processed."""
    reply = Reply.objects.filter(request=request).first()
    if reply is None:
        raise Refusal(REPLY_NOT_APPROVED)
    REPLY_FLOW.apply(reply, "send", by=by, on=on)
    request.refresh_from_db()


@transaction.atomic
def transfer(
    request, *, competent_organ: str = "", on: dt.date, by, comment: str = "", to_organisation=None
) -> InformationRequest | None:
    """Tell the applicant the competent organ (Art. 36(5): not this organ's information).

    When the competent organ is on the platform (`to_organisation`), the application is also passed on: it is
    registered there as received on the day it is passed (a new receipt, its own 20 working days), keeps the
    applicant's query code and links both ways; this organ's handling ends as 36(5) in its report.
    """
    if to_organisation is not None:
        if to_organisation.pk == request.organisation_id:
            raise Refusal(_("不能转给本机关。"))
        competent_organ = to_organisation.name
    if not competent_organ.strip():
        raise Refusal(_("请填写有权机关的名称。"))
    moved = _move(
        request, "transfer", by=by, on=on, comment=comment or competent_organ,
        transferred_to=competent_organ, concluded_on=on,
    )  # fmt: skip
    if to_organisation is None or moved is None:  # not on the platform, or a repeated click
        return request.transferred_request
    passed_on = _pass_on(request, to_organisation, on=on, by=by)
    request.transferred_request = passed_on
    request.save(update_fields=["transferred_request"])
    return passed_on


def _pass_on(request: InformationRequest, organisation, *, on: dt.date, by) -> InformationRequest:
    year = on.year
    serial = codes.next_serial(TRACKING_PREFIX, year)
    passed_on = InformationRequest.objects.create(
        organisation=organisation,
        tracking_number=codes.format_tracking_number(TRACKING_PREFIX, year, serial),
        year=year,
        serial=serial,
        query_code_hash=request.query_code_hash,  # the applicant's code opens both records
        channel=request.channel,
        submitted_at=timezone.now(),
        received_on=on,
        state=State.RECEIVED,
        **{name: getattr(request, name) for name in APPLICANT_FIELDS},
    )
    notes = event_note(
        gettext_noop("由%(org)s转来（原受理编号：%(number)s）"),
        org=request.organisation.name,
        number=request.tracking_number,
    )
    _event(passed_on, EventKind.TRANSFERRED_IN, "", State.RECEIVED, by=by, on=on, notes=notes)
    _refresh_due(passed_on)
    return passed_on


@transaction.atomic
def discard(request, *, reason: str, on: dt.date, by) -> None:
    """Clear an unconfirmed online submission that is spam: it was never received, so it is never counted;
    the step stays in the request's history and the audit log."""
    if not reason.strip():
        raise Refusal(_("请写明清除的理由。"))
    REQUEST_FLOW.check_state(request, "discard")
    _move(request, "discard", by=by, on=on, comment=reason)


@transaction.atomic
def withdraw(request, *, on: dt.date, by, comment: str = "") -> None:
    """The applicant withdrew; a repeated click is one step."""
    _move(request, "withdraw", by=by, on=on, comment=comment, concluded_on=on)


@transaction.atomic
def close(request, *, by, on: dt.date | None = None, comment: str = "") -> None:
    """File the answered request away (delivery confirmed)."""
    _move(request, "close", by=by, on=on or _today(), comment=comment)


@transaction.atomic
def record_remedy(
    request, *, kind: str, filed_on: dt.date, outcome: str, decided_on: dt.date | None, by, note: str = ""
) -> Remedy:
    """A reconsideration or lawsuit about the request, for the annual report's part 四."""
    if decided_on and decided_on < filed_on:
        raise Refusal(_("审结日期不能早于提起日期。"))
    if filed_on < timezone.localdate(request.submitted_at):
        raise Refusal(_("提起日期不能早于提交申请的日期。"))
    if max(filed_on, decided_on or filed_on) > _today():
        raise Refusal(_("日期不能晚于今天。"))
    remedy = Remedy.objects.create(
        request=request, kind=kind, filed_on=filed_on, outcome=outcome, decided_on=decided_on, note=note
    )
    _event(
        request,
        EventKind.REMEDY_RECORDED,
        request.state,
        request.state,
        by=by,
        on=_today(),
        notes=event_note(gettext_noop("%(remedy_kind)s：%(remedy_outcome)s"), remedy_kind=kind, remedy_outcome=outcome),
    )
    return remedy
