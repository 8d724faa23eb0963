"""Business steps of participation: one verb per step. Staff identity is `by`; refusals are `Refusal`.

Who may act is checked in the staff view family; whether the step is allowed now is checked here, inside
the row lock. Sign-ups and cancellations lock the open day's row, so the last place goes to one person
and a cancellation moves exactly one person up from the waiting list.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from participation import rules
from participation.flows import CONSULTATION_FLOW, OPEN_DAY_FLOW
from participation.models import (
    CommentStatus,
    ConsultationAttachment,
    OpenDay,
    OpenDayPhoto,
    OpenDayQuestion,
    Phase,
    PublicComment,
    PublicConsultation,
    Registration,
    RegistrationStatus,
    ReviewStatus,
)
from portal.errors import Refusal
from portal.intake import codes, duplicates
from portal.mail import send_templated_mail

COMMENT_PREFIX = "YJ"  # 意见: YJ-2026-000012
REGISTRATION_PREFIX = "KFR"  # 开放日: KFR-2026-000031
REGISTRATION_CODE_PURPOSE = "gongkai.participation.registration_code"

ONLY_DRAFTS = _("只有草稿可以修改。")
NOT_OPEN = _("该意见征集不在征集期内，不能提交意见。")
FEEDBACK_TOO_EARLY = _("征集截止后才能发布意见采纳情况反馈。")
FEEDBACK_DONE = _("意见采纳情况反馈已经发布。")
NOT_PUBLISHED = _("尚未发布。")
DOCUMENT_NOT_PUBLIC = _("只能关联已主动公开发布的政策文件。")
DOCUMENT_OTHER_ORGANISATION = _("只能关联本机构发布的政策文件。")
SIGNUP_CLOSED = _("当前不在报名时间内。")
ALREADY_SIGNED_UP = _("该手机号码已报名本次开放日，如需变更请先取消原报名。")
ID_REQUIRED = _("本次开放日场所要求登记身份证号。")
REGISTRATION_NOT_FOUND = _("没有找到与该报名编号和确认码相符的报名，请核对后重新输入。")
ALREADY_CANCELLED = _("该报名已经取消。")
TOO_LATE_TO_CANCEL = _("活动已经开始，不能再取消报名。")
NOT_CONFIRMED = _("只有报名成功的人员可以签到。")
ALREADY_CHECKED_IN = _("已签到。")
SUMMARY_TOO_EARLY = _("活动开始后才能发布活动总结。")


def _language():
    return translation.get_language() or settings.LANGUAGE_CODE


def _lock(model, pk):
    return model.objects.select_for_update().get(pk=pk)


# ---------------------------------------------------------------- consultations


@transaction.atomic
def save_consultation(consultation: PublicConsultation, *, by) -> PublicConsultation:
    """Create or edit a draft (the form has checked the period and its reason)."""
    if consultation.pk:
        locked = _lock(PublicConsultation, consultation.pk)
        if locked.status != ReviewStatus.DRAFT:
            raise Refusal(ONLY_DRAFTS, code="state")
    else:
        consultation.created_by = by
        consultation.status = ReviewStatus.DRAFT
    consultation.save()
    return consultation


def transition_consultation(consultation, event: str, *, by, comment: str = ""):
    return CONSULTATION_FLOW.apply(consultation, event, by=by, comment=comment)


def add_consultation_attachment(consultation, upload, checked, *, by) -> ConsultationAttachment:
    with transaction.atomic():
        locked = _lock(PublicConsultation, consultation.pk)
        if locked.status != ReviewStatus.DRAFT:
            raise Refusal(ONLY_DRAFTS, code="state")
        return ConsultationAttachment.objects.create(
            consultation=locked, file=upload, original_name=checked.original_name, kind=checked.kind, size=upload.size
        )


def submit_comment(consultation, *, name: str, phone: str, email: str, body: str) -> tuple[PublicComment, bool]:
    """A citizen's comment while the consultation is open → (comment, is_new). The same comment sent twice in a
    few minutes returns the first one. A receipt goes to the e-mail address, if given."""
    today = timezone.localdate()
    with transaction.atomic():
        locked = _lock(PublicConsultation, consultation.pk)
        if locked.status != ReviewStatus.PUBLISHED or locked.phase(today) != Phase.OPEN:
            raise Refusal(NOT_OPEN, code="closed")
        now = timezone.now()
        year = timezone.localtime(now).year
        serial = codes.next_serial(COMMENT_PREFIX, year)
        fingerprint = duplicates.fingerprint(locked.pk, name, phone, email, body)
        earlier = duplicates.find_recent_duplicate(PublicComment.objects.filter(consultation=locked), fingerprint)
        if earlier is not None:
            transaction.set_rollback(True)  # the serial taken above is given back
            return earlier, False
        comment = PublicComment.objects.create(
            consultation=locked,
            receipt_number=codes.format_tracking_number(COMMENT_PREFIX, year, serial),
            name=name,
            phone=phone,
            email=email,
            body=body,
            submitted_at=now,
            fingerprint=fingerprint,
        )
        if email:
            send_templated_mail(
                "participation/emails/comment_received",
                {"comment": comment, "consultation": locked},
                [email],
                language=_language(),
            )
    return comment, True


@transaction.atomic
def moderate_comment(comment: PublicComment, *, by, approve: bool, note: str = "") -> PublicComment:
    """Show a comment publicly (approve) or keep it unpublished; it counts in the feedback either way."""
    locked = _lock(PublicComment, comment.pk)
    locked.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    locked.moderated_by = by
    locked.moderated_at = timezone.now()
    locked.moderation_note = note[:200]
    locked.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_note"])
    return locked


def comment_counts(consultation) -> tuple[int, int]:
    """(comments, commenters) received online: a commenter is one name + contact, spacing and case ignored."""
    rows = consultation.comments.values_list("name", "phone", "email")
    people = {duplicates.fingerprint(*row) for row in rows}
    return len(rows), len(people)


@transaction.atomic
def publish_feedback(
    consultation, *, by, comment_count: int, commenter_count: int, adopted_views: str, not_adopted_views: str
) -> PublicConsultation:
    """意见采纳情况反馈: counts of comments and commenters, views adopted, views not adopted with reasons."""
    locked = _lock(PublicConsultation, consultation.pk)
    today = timezone.localdate()
    if locked.status != ReviewStatus.PUBLISHED:
        raise Refusal(NOT_PUBLISHED, code="state")
    if locked.feedback_published_at is not None:
        raise Refusal(FEEDBACK_DONE, code="done")
    if today <= locked.closes_on:
        raise Refusal(FEEDBACK_TOO_EARLY, code="early")
    now = timezone.now()
    locked.comment_count, locked.commenter_count = comment_count, commenter_count
    locked.adopted_views, locked.not_adopted_views = adopted_views, not_adopted_views
    locked.feedback_published_at, locked.feedback_published_on = now, timezone.localdate(now)
    locked.save()
    CONSULTATION_FLOW.get_event_model().objects.create(
        consultation=locked, kind="feedback", actor=by, from_state=locked.status, to_state=locked.status
    )
    return locked


@transaction.atomic
def link_final_document(consultation, document, *, by) -> PublicConsultation:
    """The final policy: it then shows its consultation and feedback, and the consultation links to it."""
    from disclosure.models import Document

    locked = _lock(PublicConsultation, consultation.pk)
    if locked.status != ReviewStatus.PUBLISHED:
        raise Refusal(NOT_PUBLISHED, code="state")
    if document is not None:
        if not Document.objects.public().filter(pk=document.pk).exists():
            raise Refusal(DOCUMENT_NOT_PUBLIC, code="document")
        if document.organisation_id != locked.organisation_id:
            raise Refusal(DOCUMENT_OTHER_ORGANISATION, code="document")
    locked.final_document = document
    locked.save(update_fields=["final_document", "updated_at"])
    CONSULTATION_FLOW.get_event_model().objects.create(
        consultation=locked,
        kind="final_document",
        actor=by,
        comment=document.title if document else "",
        from_state=locked.status,
        to_state=locked.status,
    )
    return locked


# ---------------------------------------------------------------- open days


@transaction.atomic
def save_open_day(open_day: OpenDay, *, by) -> OpenDay:
    if open_day.pk:
        locked = _lock(OpenDay, open_day.pk)
        if locked.status != ReviewStatus.DRAFT:
            raise Refusal(ONLY_DRAFTS, code="state")
    else:
        open_day.created_by = by
        open_day.status = ReviewStatus.DRAFT
    open_day.save()
    return open_day


def transition_open_day(open_day, event: str, *, by, comment: str = ""):
    return OPEN_DAY_FLOW.apply(open_day, event, by=by, comment=comment)


def _confirmed(open_day) -> int:
    return open_day.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def places_left(open_day) -> int:
    return rules.places_left(open_day.capacity, _confirmed(open_day))


def _mail_registration(registration, template, code=""):
    if registration.email:
        send_templated_mail(
            f"participation/emails/{template}",
            {"registration": registration, "open_day": registration.open_day, "code": code},
            [registration.email],
            language=_language(),
        )


def sign_up(open_day, *, name: str, phone: str, email: str = "", id_number: str = "", now=None):
    """A citizen signs up → (registration, confirmation code). A place while places are left, else the waiting
    list. The open day's row is locked, so two people never both take the last place."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(OpenDay, open_day.pk)
        if locked.status != ReviewStatus.PUBLISHED or locked.signup_state(now) != rules.SignupState.OPEN:
            raise Refusal(SIGNUP_CLOSED, code="closed")
        if locked.requires_id_number and not id_number:
            raise Refusal(ID_REQUIRED, code="id_number")
        active = locked.registrations.exclude(status=RegistrationStatus.CANCELLED)
        if active.filter(phone=phone).exists():
            raise Refusal(ALREADY_SIGNED_UP, code="duplicate")
        year = timezone.localtime(now).year
        code = codes.new_query_code()
        registration = Registration.objects.create(
            open_day=locked,
            number=codes.next_tracking_number(REGISTRATION_PREFIX, year),
            code_hash=codes.hash_query_code(code, REGISTRATION_CODE_PURPOSE),
            name=name,
            phone=phone,
            email=email,
            id_number=id_number if locked.requires_id_number else "",
            status=rules.place_for(locked.capacity, _confirmed(locked)),
            created_at=now,
            fingerprint=duplicates.fingerprint(locked.pk, phone),
        )
        template = (
            "registration_confirmed" if registration.status == RegistrationStatus.CONFIRMED else "registration_waiting"
        )
        _mail_registration(registration, template, code)
    return registration, code


def find_registration(number: str, code: str) -> Registration | None:
    """Only when both match; an unknown number and a wrong code read the same."""
    number = codes.normalise_tracking_number(number)
    found = Registration.objects.select_related("open_day").filter(number=number).first()
    return found if codes.check(code, found.code_hash if found else None, REGISTRATION_CODE_PURPOSE) else None


def cancel_registration(number: str, code: str, *, now=None) -> tuple[Registration, Registration | None]:
    """The citizen cancels with number + code → (cancelled, promoted from the waiting list or None)."""
    now = now or timezone.now()
    found = find_registration(number, code)
    if found is None:
        raise Refusal(REGISTRATION_NOT_FOUND, code="not_found")
    with transaction.atomic():
        open_day = _lock(OpenDay, found.open_day_id)
        registration = Registration.objects.get(pk=found.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise Refusal(ALREADY_CANCELLED, code="cancelled")
        if now >= open_day.starts_at:
            raise Refusal(TOO_LATE_TO_CANCEL, code="late")
        had_place = registration.status == RegistrationStatus.CONFIRMED
        registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if had_place and _confirmed(open_day) < open_day.capacity:
            promoted = (
                open_day.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk").first()
            )
            if promoted is not None:
                promoted.status, promoted.promoted_at = RegistrationStatus.CONFIRMED, now
                promoted.save(update_fields=["status", "promoted_at"])
                _mail_registration(promoted, "registration_promoted")
    return registration, promoted


@transaction.atomic
def check_in(registration, *, by, now=None) -> Registration:
    locked = _lock(Registration, registration.pk)
    if locked.status != RegistrationStatus.CONFIRMED:
        raise Refusal(NOT_CONFIRMED, code="state")
    if locked.checked_in_at is not None:
        raise Refusal(ALREADY_CHECKED_IN, code="done")
    locked.checked_in_at, locked.checked_in_by = now or timezone.now(), by
    locked.save(update_fields=["checked_in_at", "checked_in_by"])
    return locked


def add_question(open_day, *, question: str, answer: str, by) -> OpenDayQuestion:
    return OpenDayQuestion.objects.create(open_day=open_day, question=question, answer=answer)


def add_photo(open_day, upload, checked, *, caption: str, by) -> OpenDayPhoto:
    return OpenDayPhoto.objects.create(
        open_day=open_day, file=upload, caption=caption, kind=checked.kind, size=upload.size
    )


def checked_in_count(open_day) -> int:
    return open_day.registrations.filter(checked_in_at__isnull=False).count()


@transaction.atomic
def publish_summary(open_day, *, by, summary: str, attendance: int, now=None) -> OpenDay:
    """The published summary: attendance, the questions raised and their answers, optional photos."""
    now = now or timezone.now()
    locked = _lock(OpenDay, open_day.pk)
    if locked.status != ReviewStatus.PUBLISHED:
        raise Refusal(NOT_PUBLISHED, code="state")
    if now < locked.starts_at:
        raise Refusal(SUMMARY_TOO_EARLY, code="early")
    locked.summary, locked.attendance = summary, attendance
    locked.summary_published_at = locked.summary_published_at or now
    locked.save(update_fields=["summary", "attendance", "summary_published_at", "updated_at"])
    OPEN_DAY_FLOW.get_event_model().objects.create(
        open_day=locked, kind="summary", actor=by, from_state=locked.status, to_state=locked.status
    )
    return locked


def today() -> dt.date:
    return timezone.localdate()
