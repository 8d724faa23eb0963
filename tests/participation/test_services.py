"""Business steps: workflow, comments, feedback, the final policy link, sign-up, waiting list, check-in."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from participation import services
from participation.flows import CONSULTATION_FLOW
from participation.models import CommentStatus, Phase, RegistrationStatus, ReviewStatus
from portal.errors import Refusal
from portal.roles import Role
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member

from .factories import ConsultationFactory, OpenDayFactory

pytestmark = pytest.mark.django_db
D = dt.timedelta


@pytest.fixture
def org():
    return OrganisationFactory()


def test_review_flow_four_eyes_and_feedback_due(org, settings, django_capture_on_commit_callbacks):
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    officer = member("participation_officer", org)
    reviewer = member(Role.REVIEWER, org)
    consultation = ConsultationFactory(organisation=org, status=ReviewStatus.DRAFT, feedback_due_on=None)
    with pytest.raises(PermissionDenied):  # an editor holds no participation permission
        services.transition_consultation(consultation, "submit", by=member(Role.EDITOR, org))
    services.transition_consultation(consultation, "submit", by=officer)
    assert [t.event for t in CONSULTATION_FLOW.available(consultation, officer)] == []
    services.transition_consultation(consultation, "publish", by=reviewer)
    consultation.refresh_from_db()
    assert consultation.status == ReviewStatus.PUBLISHED and consultation.feedback_due_on > consultation.closes_on
    # The reviewer who submitted it may not publish their own change.
    other = ConsultationFactory(organisation=org, status=ReviewStatus.DRAFT)
    services.transition_consultation(other, "submit", by=reviewer)
    with pytest.raises(Refusal):
        services.transition_consultation(other, "publish", by=reviewer)


def test_comment_needs_an_open_consultation_and_sends_a_receipt(org, django_capture_on_commit_callbacks):
    consultation = ConsultationFactory(organisation=org)
    with django_capture_on_commit_callbacks(execute=True):
        comment, new = services.submit_comment(
            consultation, name="欧阳明辉", phone="", email="oy@example.com", body="建议增加社区食堂。"
        )
    assert new and comment.receipt_number.startswith("YJ-") and comment.status == CommentStatus.PENDING
    assert mail.outbox and comment.receipt_number in mail.outbox[0].subject
    again, new = services.submit_comment(
        consultation, name="欧阳明辉", phone="", email="oy@example.com", body="建议增加社区食堂。"
    )
    assert (again.pk, new) == (comment.pk, False)
    closed = ConsultationFactory(organisation=org, opens_on=timezone.localdate() - D(days=9),
                                 closes_on=timezone.localdate() - D(days=1))  # fmt: skip
    with pytest.raises(Refusal):
        services.submit_comment(closed, name="甲", phone="13900000000", email="", body="迟到的意见")
    draft = ConsultationFactory(organisation=org, status=ReviewStatus.DRAFT)
    with pytest.raises(Refusal):
        services.submit_comment(draft, name="甲", phone="13900000000", email="", body="草稿")


def test_feedback_only_after_closing_and_once(org):
    consultation = ConsultationFactory(organisation=org)
    user = member(Role.REVIEWER, org)
    kwargs = {"comment_count": 3, "commenter_count": 2, "adopted_views": "采纳一条", "not_adopted_views": "无"}
    with pytest.raises(Refusal, match="征集截止后"):
        services.publish_feedback(consultation, by=user, **kwargs)
    consultation.closes_on = timezone.localdate() - D(days=1)
    consultation.opens_on = consultation.closes_on - D(days=10)
    consultation.save()
    services.publish_feedback(consultation, by=user, **kwargs)
    consultation.refresh_from_db()
    assert consultation.phase() == Phase.ANSWERED and consultation.feedback_published_on == timezone.localdate()
    with pytest.raises(Refusal):
        services.publish_feedback(consultation, by=user, **kwargs)


def test_comment_counts_group_commenters(org):
    consultation = ConsultationFactory(organisation=org)
    for body in ("一", "二"):
        services.submit_comment(consultation, name="张三", phone="13900000001", email="", body=body)
    services.submit_comment(consultation, name="李四", phone="13900000002", email="", body="三")
    assert services.comment_counts(consultation) == (3, 2)


def test_final_document_must_be_public_and_of_the_organisation(org):
    consultation = ConsultationFactory(organisation=org)
    user = member(Role.REVIEWER, org)
    with pytest.raises(Refusal):
        services.link_final_document(consultation, DocumentFactory(organisation=org), by=user)  # a draft
    with pytest.raises(Refusal):
        services.link_final_document(consultation, DocumentFactory(published=True), by=user)
    document = DocumentFactory(organisation=org, published=True)
    services.link_final_document(consultation, document, by=user)
    assert list(document.public_consultations.all()) == [consultation]


def test_sign_up_fills_places_then_the_waiting_list_moves_up_on_cancellation(django_capture_on_commit_callbacks):
    day = OpenDayFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first, code1 = services.sign_up(day, name="甲", phone="13900000001", email="a@example.com")
        second, _ = services.sign_up(day, name="乙", phone="13900000002")
        third, _ = services.sign_up(day, name="丙", phone="13900000003", email="c@example.com")
    assert [r.status for r in (first, second, third)] == ["confirmed", "confirmed", "waiting"]
    assert services.places_left(day) == 0
    with pytest.raises(Refusal):
        services.sign_up(day, name="甲", phone="13900000001")  # the same phone twice
    with pytest.raises(Refusal):
        services.cancel_registration(first.number, "WRONGCODE0")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = services.cancel_registration(first.number, code1)
    assert cancelled.status == RegistrationStatus.CANCELLED and promoted.pk == third.pk
    third.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED and third.promoted_at is not None
    assert [m.to for m in mail.outbox] == [["c@example.com"]]
    with pytest.raises(Refusal):
        services.cancel_registration(first.number, code1)


def test_sign_up_window_and_id_number():
    now = timezone.now()
    closed = OpenDayFactory(signup_opens_at=now - D(days=3), signup_closes_at=now - D(days=1))
    with pytest.raises(Refusal):
        services.sign_up(closed, name="甲", phone="13900000001")
    needs_id = OpenDayFactory(requires_id_number=True)
    with pytest.raises(Refusal):
        services.sign_up(needs_id, name="甲", phone="13900000001")
    draft = OpenDayFactory(status=ReviewStatus.DRAFT)
    with pytest.raises(Refusal):
        services.sign_up(draft, name="甲", phone="13900000001")


def test_check_in_and_summary():
    day = OpenDayFactory(capacity=1)
    staff = member(Role.REVIEWER, day.organisation)
    confirmed, _ = services.sign_up(day, name="甲", phone="13900000001")
    waiting, _ = services.sign_up(day, name="乙", phone="13900000002")
    services.check_in(confirmed, by=staff)
    with pytest.raises(Refusal):
        services.check_in(confirmed, by=staff)
    with pytest.raises(Refusal):
        services.check_in(waiting, by=staff)
    assert services.checked_in_count(day) == 1
    with pytest.raises(Refusal, match="活动开始后"):
        services.publish_summary(day, by=staff, summary="总结", attendance=1)
    services.publish_summary(day, by=staff, summary="总结", attendance=1, now=day.starts_at + D(hours=4))
    day.refresh_from_db()
    assert day.summary_published_at is not None and day.attendance == 1
