"""Business steps on messages: intake, the reply's four-eyes review, transfer, publication, orders, conversions."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from interaction import services
from interaction.models import DeadlineRule, ErrorStatus, EventKind, Message, MessageStatus
from portal.errors import Refusal
from portal.intake import codes
from portal.roles import Role
from tests.factories import OrganisationFactory, member

from .factories import message_type, write_message

pytestmark = pytest.mark.django_db


def test_submit_gives_number_code_due_date_and_mail(organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message, code = write_message(organisation)
    assert message.tracking_number.startswith(f"LY-{timezone.localdate().year}-")
    assert codes.check(code, message.query_code_hash, services.QUERY_CODE_PURPOSE)
    assert message.due_on == services.due_for(organisation, message.message_type, message.received_on)
    assert message.events.get().kind == EventKind.SUBMITTED
    assert len(mail.outbox) == 1 and code in mail.outbox[0].body
    assert services.find_for_writer(message.tracking_number, code) == message
    assert services.find_for_writer(message.tracking_number, "WRONGCODE1") is None


def test_the_same_message_twice_is_one(organisation):
    first, code = write_message(organisation)
    again, no_code = write_message(organisation)
    assert again == first and no_code is None
    assert Message.objects.count() == 1
    other, _ = write_message(organisation, subject="另一件事")
    assert other.tracking_number.endswith("000002")  # no number used up by the duplicate


def test_head_mailbox_goes_to_the_county(organisation):
    county = OrganisationFactory(kind="county", name="安平县人民政府")
    message, _ = write_message(organisation, mailbox="head")
    assert message.organisation == county


def test_organisation_deadline_rule_wins(organisation):
    DeadlineRule.objects.create(organisation=organisation, message_type=message_type("consultation"), working_days=3)
    assert services.working_days_for(organisation, message_type("consultation")) == 3
    assert services.working_days_for(organisation, message_type("complaint")) == 10
    assert services.working_days_for(OrganisationFactory(), message_type("consultation")) == 5


def test_reply_needs_a_second_person(organisation, handler, reviewer, django_capture_on_commit_callbacks):
    message, _ = write_message(organisation)
    services.submit_reply(message, "所需材料：户口簿、身份证。", by=reviewer)
    with pytest.raises(Refusal):
        services.review_reply(message, "approve", by=reviewer)  # the drafter cannot approve
    services.review_reply(message, "send_back", by=member("reviewer", organisation), comment="请补充办理地点。")
    assert message.status == MessageStatus.RECEIVED
    services.submit_reply(message, "所需材料：户口簿、身份证；到乡镇便民服务中心办理。", by=handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_reply(message, "approve", by=reviewer)
    assert message.status == MessageStatus.ANSWERED and message.answered_on == timezone.localdate()
    assert "便民服务中心" in mail.outbox[0].body
    assert services.review_reply(message, "approve", by=reviewer) is None  # a repeated click writes nothing


def test_empty_reply_is_refused(organisation, handler):
    message, _ = write_message(organisation)
    with pytest.raises(Refusal):
        services.submit_reply(message, "  ", by=handler)


def test_transfer_restarts_the_clock_and_tells_the_writer(organisation, handler, django_capture_on_commit_callbacks):
    target = OrganisationFactory(name="安平县住房和城乡建设局")
    message, _ = write_message(organisation, code="complaint", days_ago=8)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transfer(message, target, "道路养护由住建局负责。", by=handler)
    assert message.organisation == target and message.received_on == timezone.localdate()
    assert message.due_on == services.due_for(target, message.message_type, timezone.localdate())
    event = message.events.get(kind=EventKind.TRANSFERRED)
    assert event.organisation == organisation
    assert "安平县住房和城乡建设局" in mail.outbox[0].body
    with pytest.raises(Refusal):
        services.transfer(message, target, "再转一次", by=handler)  # not to itself


def test_publication_needs_consent_and_an_answer(organisation, handler, reviewer):
    message, _ = write_message(organisation, wants_publication=False)
    with pytest.raises(Refusal):
        services.publish(message, by=reviewer, public_subject="标题", public_body="内容")
    services.submit_reply(message, "答复", by=handler)
    services.review_reply(message, "approve", by=reviewer)
    with pytest.raises(Refusal, match="未同意"):
        services.publish(message, by=reviewer, public_subject="标题", public_body="内容")
    consenting, _ = write_message(organisation, subject="可以公开")
    services.submit_reply(consenting, "答复", by=handler)
    services.review_reply(consenting, "approve", by=reviewer)
    services.publish(consenting, by=reviewer, public_subject="公开标题", public_body="去掉电话后的内容")
    assert list(Message.objects.public()) == [consenting]
    services.unpublish(consenting, by=reviewer, reason="留言人撤回同意")
    assert not Message.objects.public().exists()


def test_order_is_recorded_and_mailed(organisation, handler, django_capture_on_commit_callbacks):
    message, _ = write_message(organisation, days_ago=30)
    supervisor = member(Role.REVIEWER)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_answer(message, "请于3个工作日内答复。", by=supervisor)
    assert message.ordered_at and message.order_note == "请于3个工作日内答复。"
    assert message.events.filter(kind=EventKind.ORDERED).exists()
    assert mail.outbox[0].to == [handler.email]


def test_convert_to_request_links_both(organisation, handler):
    from tests.requests_app.factories import RESIDENT_ID

    message, _ = write_message(organisation, subject="请提供2025年预算执行报告")
    applicant = {
        "applicant_category": "natural_person", "applicant_name": "王建华", "id_document_type": "resident_id",
        "id_document_number": RESIDENT_ID, "phone": "13905371234", "email": "wang@example.net",
        "postal_address": "", "subject": message.subject, "description": message.body, "purpose": "",
        "preferred_form": "electronic", "delivery": "email",
    }  # fmt: skip
    info_request, code = services.convert_to_request(message, applicant, by=handler)
    assert message.status == MessageStatus.CONVERTED and message.converted_request == info_request
    assert info_request.tracking_number.startswith("YSQ-") and code
    with pytest.raises(Refusal):
        services.convert_to_request(message, applicant, by=handler)


def test_convert_from_request(organisation, handler):
    from tests.requests_app.factories import InformationRequestFactory

    info_request = InformationRequestFactory(organisation=organisation, subject="投诉窗口服务态度")
    message, code = services.convert_from_request(info_request, message_type("complaint"), by=handler)
    assert message.from_request == info_request and message.organisation == organisation
    assert message.events.get().kind == EventKind.FROM_REQUEST
    with pytest.raises(Refusal):
        services.convert_from_request(info_request, message_type("complaint"), by=handler)


def test_error_report_answered_within_three_working_days(django_capture_on_commit_callbacks):
    report, code = services.submit_error_report(
        {"kind": "typo", "page_url": "/guide/", "description": "办工时间", "email": "a@example.net"}
    )
    assert report.tracking_number.startswith("ZC-")
    assert report.due_on == services.deadlines.error_report_due(report.received_on)
    assert services.find_for_writer(report.tracking_number, code) == report
    supervisor = member(Role.REVIEWER)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_error_report(report, "已更正。", by=supervisor)
    assert report.status == ErrorStatus.ANSWERED
    with pytest.raises(Refusal):
        services.answer_error_report(report, "再答一次", by=supervisor)


def test_questions_only_before_the_interview(organisation):
    from interaction.models import Interview

    interview = Interview.objects.create(organisation=organisation, topic="招生政策", guest="局长",
                                         starts_at=timezone.now() + dt.timedelta(days=1), status="published")  # fmt: skip
    question = services.ask_question(interview, "多孩家庭能否同校？")
    assert services.ask_question(interview, "多孩家庭能否同校？") == question
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    interview.refresh_from_db()
    with pytest.raises(Refusal):
        services.ask_question(interview, "还能提问吗？")
    services.publish_transcript(interview, "实录", by=None)
    assert interview.transcript_published_at
