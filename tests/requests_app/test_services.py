"""The workflow: every action writes an event, refuses moves the transition table forbids, derives the due date."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from portal.errors import Refusal
from portal.roles import Role
from requests_app import deadlines, services
from requests_app.deadlines import Channel
from requests_app.models import (
    ConsultationKind,
    EventKind,
    InformationRequest,
    ReplyType,
    State,
)
from tests.factories import OrganisationFactory, member

from .factories import QUERY_CODE, InformationRequestFactory, applicant_data

pytestmark = pytest.mark.django_db
D = dt.date


def test_submit_online_issues_tracking_number_and_emails_the_code(organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request, code = services.submit_online(organisation, applicant_data())
    assert request.tracking_number.startswith(f"YSQ-{request.year}-")
    assert len(request.tracking_number) == len("YSQ-2026-000001")
    assert request.state == State.SUBMITTED and request.received_on is None and request.due_on is None
    assert code not in request.query_code_hash
    assert services.find_for_applicant(request.tracking_number, code) == request
    assert services.find_for_applicant(request.tracking_number.lower(), code.lower()) == request
    assert services.find_for_applicant(request.tracking_number, "WRONGCODE2") is None
    assert services.find_for_applicant("YSQ-2020-999999", code) is None
    assert len(mail.outbox) == 1 and code in mail.outbox[0].body
    assert list(request.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]


def test_serials_are_consecutive_per_year(organisation):
    numbers = [services.submit_online(organisation, applicant_data(subject=f"申请{n}"))[0].serial for n in range(3)]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need a server database")
def test_concurrent_submissions_get_distinct_numbers():
    organisation = OrganisationFactory()
    errors, numbers = [], []

    def submit(n):
        try:
            data = applicant_data(subject=f"第{n}份申请")
            numbers.append(services.submit_online(organisation, data)[0].tracking_number)
        except Exception as error:  # noqa: BLE001 — the test reports any failure below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(numbers)) == 8


def test_the_same_application_within_minutes_is_one_and_keeps_serials_gapless(organisation, settings):
    first, code = services.submit_online(organisation, applicant_data())
    again, no_code = services.submit_online(organisation, applicant_data(subject=" 2025年城乡低保资金发放明细  "))
    assert again == first and code and no_code is None
    assert InformationRequest.objects.count() == 1 and first.events.count() == 1
    other, _code = services.submit_online(organisation, applicant_data(subject="2025年临时救助资金发放明细"))
    assert other.serial == first.serial + 1  # the duplicate's serial was given back
    elsewhere, _code = services.submit_online(OrganisationFactory(), applicant_data())
    assert elsewhere != first  # the same text to another office is another application


def test_the_same_application_after_the_window_is_a_new_one(organisation):
    first, _code = services.submit_online(organisation, applicant_data())
    InformationRequest.objects.filter(pk=first.pk).update(
        submitted_at=timezone.now() - dt.timedelta(minutes=services.DUPLICATE_MINUTES + 1)
    )
    second, code = services.submit_online(organisation, applicant_data())
    assert second != first and code


def test_a_paper_application_is_never_taken_for_an_online_duplicate(organisation, handler):
    paper, _code = services.register_offline(
        organisation,
        applicant_data(),
        channel=Channel.IN_PERSON,
        arrived_on=timezone.localdate(),
        confirmed_on=None,
        by=handler,
    )
    online, code = services.submit_online(organisation, applicant_data())
    assert online != paper and code


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need a server database")
def test_identical_posts_racing_each_other_make_one_request():
    organisation = OrganisationFactory()
    errors, results = [], []
    barrier = threading.Barrier(6)

    def submit():
        try:
            barrier.wait()
            results.append(services.submit_online(organisation, applicant_data()))
        except Exception as error:  # noqa: BLE001 — the test reports any failure below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert InformationRequest.objects.count() == 1
    assert {request.pk for request, _code in results} == {InformationRequest.objects.get().pk}
    assert sum(1 for _request, code in results if code) == 1


def test_register_offline_uses_the_art31_receipt_date(organisation, handler):
    request, code = services.register_offline(
        organisation,
        applicant_data(),
        channel=Channel.POST_SIGNED,
        arrived_on=D(2025, 3, 3),
        confirmed_on=None,
        by=handler,
    )
    assert request.received_on == D(2025, 3, 3)
    assert request.state == State.RECEIVED
    assert request.due_on == D(2025, 3, 31)
    with pytest.raises(Refusal, match="确认日期不早于收到日期"):
        services.register_offline(
            organisation,
            applicant_data(),
            channel=Channel.POST_ORDINARY,
            arrived_on=D(2025, 3, 4),
            confirmed_on=D(2025, 3, 3),
            by=handler,
        )
    # ordinary post confirmed a day late: the confirmation day is the day of receipt (Art. 31)
    late, _code = services.register_offline(
        organisation,
        applicant_data(),
        channel=Channel.POST_ORDINARY,
        arrived_on=D(2025, 3, 3),
        confirmed_on=D(2025, 3, 4),
        by=handler,
    )
    assert late.received_on == D(2025, 3, 4) and late.due_on == D(2025, 4, 1)


def test_confirm_receipt_starts_the_clock(organisation, handler):
    request, _code = services.submit_online(organisation, applicant_data())
    request.submitted_at = request.submitted_at.replace(year=2025, month=1, day=20)
    request.save()
    services.confirm_receipt(request, on=D(2025, 1, 24), by=handler)
    assert request.received_on == D(2025, 1, 24)
    assert request.due_on == D(2025, 2, 27)


def test_full_journey_correction_consultation_extension_reply(organisation, handler, reviewer):
    request = InformationRequestFactory(organisation=organisation, received_on=D(2025, 4, 1))
    services.request_correction(
        request, on=D(2025, 4, 3), applicant_deadline=D(2025, 4, 18), comment="请写明文件名称", by=handler
    )
    assert request.due_on is None  # the clock waits for the correction
    services.record_correction(request, on=D(2025, 4, 7), by=handler)
    assert request.due_on == D(2025, 5, 7)  # 20 working days from 04-07 (Sun 04-27 worked, 05-01…05-05 off)
    services.start_handling(request, on=D(2025, 4, 8), by=handler)
    consultation = services.start_consultation(
        request, kind=ConsultationKind.THIRD_PARTY, party="某商贸有限公司", sent_on=D(2025, 4, 9), by=handler
    )
    assert consultation.answer_due_on == D(2025, 4, 29)  # Sun 04-27 is worked
    # while consulting, the clock is stopped up to the party's answer deadline only: the latest lawful date
    assert request.state == State.CONSULTING and request.due_on == D(2025, 5, 28)
    services.record_consultation_answer(consultation, answered_on=D(2025, 4, 16), answer="不同意公开", by=handler)
    assert request.state == State.IN_PROGRESS
    assert request.due_on == D(2025, 5, 14)  # + 5 working days paused (04-10 … 04-16)
    services.grant_extension(
        request, days=10, reason="需要检索档案", approved_by="县政务公开办主任", on=D(2025, 5, 6), by=handler
    )
    assert request.state == State.EXTENDED and request.due_on == D(2025, 5, 28)
    reply = services.draft_reply(
        request, reply_type=ReplyType.PARTLY_PROVIDED, ground="art15", body="部分信息涉及商业秘密", by=handler
    )
    with pytest.raises(Refusal, match="审核"):
        services.send_reply(request, on=D(2025, 5, 20), by=handler)
    with pytest.raises(PermissionDenied):
        services.approve_reply(reply, by=handler)
    services.approve_reply(reply, by=reviewer)
    services.send_reply(request, on=D(2025, 5, 20), by=handler)
    services.close(request, on=D(2025, 5, 21), by=handler)
    request.refresh_from_db()
    assert request.state == State.CLOSED and request.concluded_on == D(2025, 5, 20)
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTED,
        EventKind.STARTED,
        EventKind.CONSULTATION_STARTED,
        EventKind.CONSULTATION_ANSWERED,
        EventKind.EXTENDED,
        EventKind.REPLY_DRAFTED,
        EventKind.REPLY_APPROVED,
        EventKind.REPLY_SENT,
        EventKind.CLOSED,
    ]
    assert all(e.actor for e in request.events.all())


def test_reviewer_may_not_approve_own_draft(organisation, settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    both = member(Role.REVIEWER, organisation)
    member(Role.REQUEST_HANDLER, organisation, user=both)
    request = InformationRequestFactory(organisation=organisation)
    reply = services.draft_reply(request, reply_type=ReplyType.PROVIDED, body="见附件", by=both)
    with pytest.raises(Refusal, match="起草人"):
        services.approve_reply(reply, by=both)


def test_redraft_needs_a_new_sign_off(organisation, handler, reviewer):
    request = InformationRequestFactory(organisation=organisation)
    reply = services.draft_reply(request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
    services.approve_reply(reply, by=reviewer)
    reply = services.draft_reply(request, reply_type=ReplyType.NOT_HELD, body="经检索无此信息", by=handler)
    assert not reply.is_approved


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"days": 21, "reason": "r", "approved_by": "a"}, "1至20"),
        ({"days": 0, "reason": "r", "approved_by": "a"}, "1至20"),
        ({"days": 5, "reason": "", "approved_by": "a"}, "理由"),
        ({"days": 5, "reason": "r", "approved_by": " "}, "批准人"),
    ],
)
def test_extension_needs_days_reason_and_approver(organisation, handler, kwargs, message):
    request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    with pytest.raises(Refusal, match=message):
        services.grant_extension(request, on=D(2025, 3, 10), by=handler, **kwargs)


def test_only_one_extension(organisation, handler):
    request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    services.grant_extension(request, days=5, reason="r", approved_by="a", on=D(2025, 3, 10), by=handler)
    with pytest.raises(Refusal):
        services.grant_extension(request, days=5, reason="r", approved_by="a", on=D(2025, 3, 11), by=handler)


def test_correction_must_be_asked_within_seven_working_days(organisation, handler):
    request = InformationRequestFactory(organisation=organisation, received_on=D(2025, 1, 24))
    with pytest.raises(Refusal, match="7个工作日"):
        services.request_correction(
            request, on=D(2025, 2, 11), applicant_deadline=D(2025, 2, 28), comment="x", by=handler
        )
    services.request_correction(request, on=D(2025, 2, 10), applicant_deadline=D(2025, 2, 28), comment="x", by=handler)


def test_abandoned_only_after_the_correction_deadline(organisation, handler):
    request = InformationRequestFactory(organisation=organisation)
    services.request_correction(request, on=D(2025, 3, 4), applicant_deadline=D(2025, 3, 14), comment="x", by=handler)
    with pytest.raises(Refusal):
        services.mark_abandoned(request, on=D(2025, 3, 14), by=handler)
    services.mark_abandoned(request, on=D(2025, 3, 17), by=handler)
    assert request.state == State.ABANDONED and request.concluded_on == D(2025, 3, 17)


def test_excessive_has_its_own_due_date(organisation, handler):
    request = InformationRequestFactory(organisation=organisation)
    services.mark_excessive(request, reply_on=D(2025, 6, 30), reason="一个月内申请40件", on=D(2025, 3, 5), by=handler)
    assert request.state == State.EXCESSIVE and request.due_on == D(2025, 6, 30)


def test_art39_reply_ends_as_not_processed(organisation, handler, reviewer):
    request = InformationRequestFactory(organisation=organisation)
    reply = services.draft_reply(request, reply_type=ReplyType.PETITION, body="属于信访事项", by=handler)
    services.approve_reply(reply, by=reviewer)
    services.send_reply(request, on=D(2025, 3, 5), by=handler)
    assert request.state == State.NOT_PROCESSED


def test_withholding_reply_needs_a_ground(organisation, handler):
    request = InformationRequestFactory(organisation=organisation)
    with pytest.raises(Refusal, match="法定理由"):
        services.draft_reply(request, reply_type=ReplyType.WITHHELD, body="不予公开", by=handler)


def test_transitions_table_is_enforced(organisation, handler):
    request = InformationRequestFactory(organisation=organisation, state=State.CLOSED)
    with pytest.raises(Refusal, match="不能进行“开始办理”"):
        services.start_handling(request, on=D(2025, 3, 4), by=handler)
    assert request.events.count() == 0


S = State
# The legal moves between states (the table the request flow replaced): REQUEST_FLOW must allow exactly these.
LEGAL_MOVES = {
    S.SUBMITTED: {S.RECEIVED, S.WITHDRAWN, S.DISCARDED},
    S.RECEIVED: {S.CORRECTION_REQUESTED, S.IN_PROGRESS, S.EXCESSIVE, S.ANSWERED, S.TRANSFERRED, S.WITHDRAWN,
                 S.NOT_PROCESSED},
    S.CORRECTION_REQUESTED: {S.CORRECTED, S.ABANDONED, S.WITHDRAWN},
    S.CORRECTED: {S.IN_PROGRESS, S.ANSWERED, S.TRANSFERRED, S.WITHDRAWN, S.NOT_PROCESSED},
    S.IN_PROGRESS: {S.CONSULTING, S.EXTENDED, S.EXCESSIVE, S.ANSWERED, S.TRANSFERRED, S.WITHDRAWN, S.NOT_PROCESSED},
    S.CONSULTING: {S.IN_PROGRESS, S.EXTENDED, S.CONSULTING, S.WITHDRAWN},
    S.EXTENDED: {S.CONSULTING, S.ANSWERED, S.WITHDRAWN, S.NOT_PROCESSED},
    S.EXCESSIVE: {S.IN_PROGRESS, S.ANSWERED, S.WITHDRAWN},
    S.ANSWERED: {S.CLOSED},
    **{state: set() for state in (S.CLOSED, S.ABANDONED, S.TRANSFERRED, S.WITHDRAWN, S.NOT_PROCESSED, S.DISCARDED)},
}  # fmt: skip


def test_the_request_flow_allows_exactly_the_legal_moves():
    moves = {state: set() for state in State.values}
    for transition in services.REQUEST_FLOW.transitions:
        for source in transition.sources:
            moves[source].add(transition.target)
    assert moves == LEGAL_MOVES


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (S.CONSULTING, "start_handling"),  # the clock restarts only with the consulted party's answer
        (S.CONSULTING, "grant_extension"),
        (S.EXCESSIVE, "not_process"),
        (S.CLOSED, "withdraw"),
    ],
)
def test_steps_the_flow_refuses(organisation, handler, state, event):
    request = InformationRequestFactory(organisation=organisation, state=state)
    assert event not in {t.event for t in services.REQUEST_FLOW.available(request, handler)}


def test_assign_only_to_handlers_of_the_organisation(organisation, handler):
    request = InformationRequestFactory(organisation=organisation)
    outsider = member(Role.REQUEST_HANDLER)
    with pytest.raises(Refusal):
        services.assign(request, handler=outsider, by=handler)
    services.assign(request, handler=handler, by=handler)
    assert InformationRequest.objects.get().handler == handler


def test_transfer_and_withdraw_conclude(organisation, handler):
    a = InformationRequestFactory(organisation=organisation)
    services.transfer(a, competent_organ="安平县自然资源局", on=D(2025, 3, 5), by=handler)
    b = InformationRequestFactory(organisation=organisation)
    services.withdraw(b, on=D(2025, 3, 5), by=handler)
    assert (a.state, b.state) == (State.TRANSFERRED, State.WITHDRAWN)


def test_query_code_factory_default_matches():
    request = InformationRequestFactory()
    assert services.find_for_applicant(request.tracking_number, QUERY_CODE) == request


def test_consultation_answer_due_counts_from_the_letters_receipt(organisation, handler):
    request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS, received_on=D(2026, 4, 20))
    consultation = services.start_consultation(
        request,
        kind=ConsultationKind.THIRD_PARTY,
        party="某公司",
        sent_on=D(2026, 4, 27),
        letter_received_on=D(2026, 4, 30),
        by=handler,
    )
    assert consultation.answer_due_on == D(2026, 5, 25)  # 15 working days from 04-30 over May Day 2026
    with pytest.raises(Refusal):
        services.start_consultation(
            InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS),
            kind=ConsultationKind.THIRD_PARTY,
            party="某公司",
            sent_on=D(2025, 3, 5),
            letter_received_on=D(2025, 3, 4),
            by=handler,
        )


@pytest.mark.parametrize("forbid", [True, False])
def test_self_approval_follows_the_shared_four_eyes_rule(organisation, settings, forbid):
    settings.GONGKAI_FORBID_SELF_APPROVAL = forbid
    both = member(Role.REVIEWER, organisation)
    member(Role.REQUEST_HANDLER, organisation, user=both)
    reply = services.draft_reply(
        InformationRequestFactory(organisation=organisation), reply_type=ReplyType.PROVIDED, body="见附件", by=both
    )
    if forbid:
        with pytest.raises(Refusal, match="起草人不能审核自己起草的答复"):
            services.approve_reply(reply, by=both)
    else:
        services.approve_reply(reply, by=both)
        assert reply.is_approved


@pytest.mark.parametrize(
    ("submitted_on", "confirmed_on", "refused"),
    [
        (D(2025, 1, 20), D(2025, 1, 20), False),
        (D(2025, 1, 20), D(2025, 1, 24), False),
        (D(2025, 1, 20), D(2025, 1, 17), True),
    ],
)
def test_confirming_an_online_application_goes_through_art31(
    organisation, handler, submitted_on, confirmed_on, refused
):
    request, _code = services.submit_online(organisation, applicant_data())
    request.submitted_at = timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(23, 30)))
    request.save()
    if refused:
        with pytest.raises(Refusal, match="不能早于申请提交日期"):
            services.confirm_receipt(request, on=confirmed_on, by=handler)
        assert InformationRequest.objects.get(pk=request.pk).received_on is None
        return
    services.confirm_receipt(request, on=confirmed_on, by=handler)
    expected = deadlines.receipt_date(Channel.ONLINE, arrived_on=submitted_on, confirmed_on=confirmed_on)
    assert InformationRequest.objects.get(pk=request.pk).received_on == expected == confirmed_on


def test_a_late_answer_does_not_push_the_due_date_past_the_lawful_one(organisation, handler):
    """Art. 32: after the party's 15 working days the organ decides itself; a late answer stops nothing more."""
    request = InformationRequestFactory(organisation=organisation, received_on=D(2025, 4, 1), state=State.IN_PROGRESS)
    consultation = services.start_consultation(
        request, kind=ConsultationKind.THIRD_PARTY, party="某商贸有限公司", sent_on=D(2025, 4, 7), by=handler
    )
    assert consultation.answer_due_on == D(2025, 4, 27)  # Sun 04-27 is a make-up working day
    waiting_due = request.due_on
    services.record_consultation_answer(consultation, answered_on=D(2025, 6, 30), answer="同意公开", by=handler)
    # stopped (04-07, 04-27] only, however late the answer came: the same date as while waiting
    assert request.due_on == waiting_due == D(2025, 5, 23)
    explanation = services.explain_due_on(request)
    assert explanation.stopped == ((D(2025, 4, 7), D(2025, 4, 27), 15),)


def test_several_third_parties_at_once_stop_the_clock_once(organisation, handler):
    """Art. 33: consultations overlap; the clock stops for their union and runs again when the last one answers."""
    request = InformationRequestFactory(organisation=organisation, received_on=D(2025, 4, 1), state=State.IN_PROGRESS)
    first = services.start_consultation(
        request, kind=ConsultationKind.THIRD_PARTY, party="甲公司", sent_on=D(2025, 4, 7), by=handler
    )
    second = services.start_consultation(
        request, kind=ConsultationKind.THIRD_PARTY, party="乙公司", sent_on=D(2025, 4, 10), by=handler
    )
    assert request.state == State.CONSULTING
    services.record_consultation_answer(first, answered_on=D(2025, 4, 18), answer="同意", by=handler)
    assert request.state == State.CONSULTING  # 乙公司 has not answered yet
    services.record_consultation_answer(second, answered_on=D(2025, 4, 25), answer="不同意", by=handler)
    assert request.state == State.IN_PROGRESS
    # union (04-07, 04-25] = 14 working days, not 9 + 11: 04-29 + 14 working days
    assert request.due_on == D(2025, 5, 22)


def test_no_extension_while_consulting_and_an_earlier_one_survives_the_consultation(organisation, handler):
    request = InformationRequestFactory(organisation=organisation, received_on=D(2025, 4, 1), state=State.IN_PROGRESS)
    consultation = services.start_consultation(
        request, kind=ConsultationKind.THIRD_PARTY, party="甲公司", sent_on=D(2025, 4, 7), by=handler
    )
    with pytest.raises(Refusal, match="征求意见期间无需延期"):
        services.grant_extension(request, days=5, reason="复杂", approved_by="科长", on=D(2025, 4, 8), by=handler)
    services.record_consultation_answer(consultation, answered_on=D(2025, 4, 18), answer="同意", by=handler)
    services.grant_extension(request, days=5, reason="复杂", approved_by="科长", on=D(2025, 4, 21), by=handler)
    again = services.start_consultation(
        request, kind=ConsultationKind.OTHER_ORGAN, party="县财政局", sent_on=D(2025, 4, 22), by=handler
    )
    services.record_consultation_answer(again, answered_on=D(2025, 4, 24), answer="同意", by=handler)
    assert request.state == State.EXTENDED  # back where the clock was, the answer could be recorded
    # 04-29 + 9 (first) + 2 (second: 04-23, 04-24) + 5 extension = 16 working days (05-01…05-05 off)
    assert request.due_on == D(2025, 5, 26)
