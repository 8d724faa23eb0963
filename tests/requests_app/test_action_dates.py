"""Absurd dates posted to every staff action come back as Chinese form errors, never a 500."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from portal.errors import Refusal
from requests_app import services
from requests_app.actions import ACTIONS
from requests_app.models import ConsultationKind, InformationRequest, RemedyKind, RemedyOutcome, ReplyType, State

from .factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

D = dt.date
RECEIVED = D(2025, 3, 3)
ABSURD = ["9999-12-30", "9999-12-31", "0001-01-01", "1900-01-01", "2999-06-01", ""]


def _in_progress(organisation):
    return InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)


def _answered(organisation, handler, reviewer):
    info_request = _in_progress(organisation)
    reply = services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
    services.approve_reply(reply, by=reviewer)
    services.send_reply(info_request, on=D(2025, 3, 20), by=handler)
    return info_request


def prepare(name, organisation, handler, reviewer):
    """A request on which `name` is available, the user who may do it, and valid values for its other fields."""
    valid_comment = {"comment": "说明"}
    if name == "discard":
        info_request = InformationRequestFactory(organisation=organisation, state=State.SUBMITTED, received_on=None)
        info_request.submitted_at = timezone.make_aware(dt.datetime(2025, 3, 3, 9))
        info_request.due_on = None
        info_request.save()
        return info_request, handler, {"comment": "广告"}
    if name == "confirm_receipt":
        info_request = InformationRequestFactory(organisation=organisation, state=State.SUBMITTED, received_on=None)
        info_request.submitted_at = timezone.make_aware(dt.datetime(2025, 3, 3, 9))
        info_request.due_on = None
        info_request.save()
        return info_request, handler, {}
    if name in ("request_correction", "start_handling", "transfer", "withdraw", "mark_excessive", "assign"):
        info_request = InformationRequestFactory(organisation=organisation)
        extra = {
            "request_correction": {"comment": "请写明年份", "applicant_deadline": "2025-03-20", "on": "2025-03-05"},
            "transfer": {"competent_organ": "安平县财政局", **valid_comment},
            "mark_excessive": {"reason": "同一申请人一月内申请百余件", "reply_on": "2025-05-30", "on": "2025-03-05"},
            "assign": {"handler": handler.pk},
        }.get(name, valid_comment)
        return info_request, handler, extra
    if name in ("record_correction", "mark_abandoned"):
        info_request = InformationRequestFactory(organisation=organisation)
        services.request_correction(
            info_request, on=D(2025, 3, 5), applicant_deadline=D(2025, 3, 19), comment="请写明年份", by=handler
        )
        return info_request, handler, valid_comment
    if name in ("start_consultation", "grant_extension", "draft_reply"):
        extra = {
            "start_consultation": {
                "kind": ConsultationKind.THIRD_PARTY,
                "party": "某公司",
                "sent_on": "2025-03-05",
                "letter_received_on": "2025-03-06",
            },
            "grant_extension": {"days": 10, "reason": "需要汇总多个乡镇的数据", "approved_by": "李主任"},
            "draft_reply": {"reply_type": ReplyType.PROVIDED, "body": "见附件"},
        }[name]
        return _in_progress(organisation), handler, extra
    if name == "record_consultation_answer":
        info_request = _in_progress(organisation)
        consultation = services.start_consultation(
            info_request, kind=ConsultationKind.THIRD_PARTY, party="某公司", sent_on=D(2025, 3, 5), by=handler
        )
        return info_request, handler, {"consultation": consultation.pk, "answer": "同意公开"}
    if name in ("approve_reply", "send_reply"):
        info_request = _in_progress(organisation)
        reply = services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
        if name == "approve_reply":
            return info_request, reviewer, {}
        services.approve_reply(reply, by=reviewer)
        return info_request, handler, {}
    if name == "send_fee_notice":
        return _in_progress(organisation), handler, {"method": "page", "quantity": 120}
    if name in ("record_fee_payment", "waive_fee"):
        info_request = _in_progress(organisation)
        services.send_fee_notice(info_request, method="page", quantity=120, on=D(2025, 3, 5), by=handler)
        return info_request, handler, {"reason": "申请人经济困难"} if name == "waive_fee" else {}
    if name in ("close", "record_remedy"):
        extra = valid_comment
        if name == "record_remedy":
            extra = {"kind": RemedyKind.RECONSIDERATION, "outcome": RemedyOutcome.PENDING, "note": ""}
        return _answered(organisation, handler, reviewer), handler, extra
    raise KeyError(f"add a set-up for the new action {name!r}")


def date_fields(name):
    return [field for field, f in ACTIONS[name].form.base_fields.items() if isinstance(f, forms.DateField)]


@pytest.mark.parametrize("absurd", ABSURD)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_absurd_dates_never_reach_a_500(client, organisation, handler, reviewer, name, absurd):
    info_request, user, extra = prepare(name, organisation, handler, reviewer)
    client.force_login(user)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": name}
    )
    fields = date_fields(name)
    valid = {"on": "2025-03-21", "sent_on": "2025-03-05", "answered_on": "2025-03-10", "filed_on": "2025-04-01"}
    # each date field absurd on its own (the others valid), then all of them at once
    variants = [{field: absurd} for field in fields] + ([dict.fromkeys(fields, absurd)] if len(fields) > 1 else [])
    # an empty optional date may go through (302): try those last, the request has moved on after that
    variants.sort(key=lambda v: all(not ACTIONS[name].form.base_fields[f].required for f in v))
    for variant in variants or [{}]:
        state = InformationRequest.objects.get(pk=info_request.pk).state
        data = {**{f: valid.get(f, "2025-03-21") for f in fields}, **extra, **variant}
        response = client.post(url, data)  # the test client re-raises any exception a 500 would hide
        assert response.status_code in (200, 302), (name, variant)
        if response.status_code == 302:
            # only the empty optional dates (letter not yet received, remedy not yet decided) may go through
            assert all(value == "" for value in variant.values()), (name, variant)
            assert all(not ACTIONS[name].form.base_fields[f].required for f in variant), (name, variant)
            return
        assert InformationRequest.objects.get(pk=info_request.pk).state == state
        if variant:
            assert "form-errors" in response.content.decode(), (name, variant)
            for value in variant.values():
                assert value == "" or f'value="{value}"' in response.content.decode(), "what was typed is kept"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sent_on": "2025-03-05", "letter_received_on": "9999-12-30"}, "日期不能晚于今天"),
        ({"sent_on": "0001-01-01", "letter_received_on": ""}, "日期不能早于收到申请的日期"),
        ({"sent_on": "2025-03-05", "letter_received_on": "2025-03-04"}, "不能早于发出日期"),
        ({"sent_on": "2025-02-28", "letter_received_on": ""}, "日期不能早于收到申请的日期"),
    ],
)
def test_start_consultation_refuses_dates_before_any_arithmetic(client, organisation, handler, data, message):
    info_request = _in_progress(organisation)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action",
        kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "start_consultation"},
    )
    response = client.post(url, {"kind": ConsultationKind.THIRD_PARTY, "party": "某公司", **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert not info_request.consultations.exists()


def test_start_consultation_without_letter_date_counts_from_sending(client, organisation, handler):
    info_request = _in_progress(organisation)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action",
        kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "start_consultation"},
    )
    data = {"kind": ConsultationKind.THIRD_PARTY, "party": "某公司", "sent_on": "2025-03-05", "letter_received_on": ""}
    assert client.post(url, data).status_code == 302
    assert info_request.consultations.get().answer_due_on == D(2025, 3, 26)


def test_a_calendar_overflow_becomes_a_workflow_error(organisation, handler, monkeypatch):
    """Whatever date slips past the checks, the calendar's ValueError is refused, never a 500."""
    info_request = _in_progress(organisation)

    def overflow(*args, **kwargs):
        raise ValueError("date out of range")

    monkeypatch.setattr(services.deadlines, "consultation_answer_due", overflow)
    with pytest.raises(Refusal, match="超出"):
        services.start_consultation(
            info_request, kind=ConsultationKind.THIRD_PARTY, party="某公司", sent_on=D(2025, 3, 5), by=handler
        )
    waiting = InformationRequestFactory(organisation=organisation, state=State.CORRECTION_REQUESTED)
    monkeypatch.setattr(services.deadlines, "explain_reply_due", overflow)
    with pytest.raises(Refusal, match="超出"):
        services.record_correction(waiting, on=D(2025, 3, 10), by=handler)


@pytest.mark.parametrize(
    ("applicant_deadline", "refused"), [(D(2025, 3, 19), False), (D(2026, 3, 7), True), (D(9999, 12, 31), True)]
)
def test_correction_deadline_is_bounded(organisation, handler, applicant_deadline, refused):
    info_request = InformationRequestFactory(organisation=organisation)
    call = lambda: services.request_correction(  # noqa: E731
        info_request, on=D(2025, 3, 5), applicant_deadline=applicant_deadline, comment="请写明年份", by=handler
    )
    if refused:
        with pytest.raises(Refusal):
            call()
    else:
        call()


def test_record_correction_not_before_it_was_asked_for(organisation, handler):
    info_request = InformationRequestFactory(organisation=organisation)
    services.request_correction(
        info_request, on=D(2025, 3, 7), applicant_deadline=D(2025, 3, 19), comment="请写明年份", by=handler
    )
    with pytest.raises(Refusal, match="不能早于告知补正"):
        services.record_correction(info_request, on=D(2025, 3, 6), by=handler)


def test_remedy_dates_are_bounded(organisation, handler, reviewer):
    info_request = _answered(organisation, handler, reviewer)
    for filed_on, decided_on in [(D(2024, 1, 1), None), (timezone.localdate() + dt.timedelta(days=1), None)]:
        with pytest.raises(Refusal):
            services.record_remedy(
                info_request,
                kind=RemedyKind.RECONSIDERATION,
                filed_on=filed_on,
                outcome=RemedyOutcome.PENDING,
                decided_on=decided_on,
                by=handler,
            )


def test_services_refuse_absurd_dates_even_without_the_form(organisation, handler):
    info_request = InformationRequestFactory(organisation=organisation)
    with pytest.raises(Refusal, match="不能晚于今天"):
        services.mark_excessive(
            info_request, reply_on=D(9999, 12, 31), reason="频繁申请", on=D(9999, 12, 30), by=handler
        )
    with pytest.raises(Refusal, match="不能晚于今天"):
        services.request_correction(
            info_request, on=D(9999, 12, 30), applicant_deadline=D(9999, 12, 31), comment="请写明年份", by=handler
        )
