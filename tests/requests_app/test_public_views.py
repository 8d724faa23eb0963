"""Public pages: apply without an account, the query code shown once, tracking that leaks nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from requests_app.models import InformationRequest, State
from tests.factories import OrganisationFactory

from .factories import EMAIL, PHONE, QUERY_CODE, RESIDENT_ID, InformationRequestFactory, applicant_data

pytestmark = pytest.mark.django_db
APPLY = reverse("requests_app:apply")
TRACK = reverse("requests_app:track")


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    yield
    cache.clear()


def form_data(organisation, **overrides):
    return {"organisation": organisation.pk, **applicant_data(), **overrides}


def test_apply_shows_number_and_code_once_and_emails_them(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="安平县民政局")
    assert client.get(APPLY).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, form_data(organisation))
    assert response.status_code == 302
    info_request = InformationRequest.objects.get()
    assert info_request.state == State.SUBMITTED and info_request.organisation == organisation
    html = client.get(response["Location"]).content.decode()
    assert info_request.tracking_number in html
    code = mail.outbox[0].body.split("查询码：")[1].split()[0]
    assert code in html
    for secret in (RESIDENT_ID, PHONE, EMAIL):
        assert secret not in html
    again = client.get(response["Location"])
    assert again.status_code == 302  # the code is shown only once


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"id_document_number": RESIDENT_ID[:-1] + ("0" if RESIDENT_ID[-1] != "0" else "1")}, "校验位"),
        ({"id_document_type": "credit_code"}, "自然人请选择"),
        (
            {
                "applicant_category": "commercial",
                "id_document_type": "credit_code",
                "id_document_number": "91110000ABCDEFGHIJ",
            },
            "统一社会信用代码",
        ),
        ({"email": "", "delivery": "email"}, "请填写电子邮箱"),
        ({"postal_address": "", "delivery": "post"}, "请填写通信地址"),
        ({"phone": "abc"}, "联系电话"),
        ({"subject": ""}, "请填写此项"),
    ],
)
def test_bad_input_gets_chinese_errors_and_keeps_what_was_typed(client, overrides, field_message):
    organisation = OrganisationFactory()
    response = client.post(APPLY, form_data(organisation, description="我要的是这份独特的文件", **overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert field_message in html
    assert "我要的是这份独特的文件" in html
    assert not InformationRequest.objects.exists()


def test_honeypot_creates_nothing(client):
    organisation = OrganisationFactory()
    response = client.post(APPLY, form_data(organisation, website="http://spam.example"))
    assert response.status_code == 302
    assert not InformationRequest.objects.exists()


def test_submissions_are_throttled_per_client(client, settings):
    settings.GONGKAI_REQUESTS_APPLY_PER_HOUR = 2
    organisation = OrganisationFactory()
    for _ in range(2):
        assert client.post(APPLY, form_data(organisation)).status_code == 302
    response = client.post(APPLY, form_data(organisation, description="第三次提交的内容"))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert "第三次提交的内容" in response.content.decode()
    assert InformationRequest.objects.count() == 2


def test_failed_attempts_do_not_use_up_the_limit_but_a_flood_is_stopped(client, settings):
    settings.GONGKAI_REQUESTS_APPLY_PER_HOUR = 2
    organisation = OrganisationFactory()
    for _ in range(5):  # a citizen fighting with an ID number
        assert client.post(APPLY, form_data(organisation, id_document_number="110105194912310021")).status_code == 400
    assert client.post(APPLY, form_data(organisation)).status_code == 302
    for _ in range(14):  # 20 attempts in all are allowed for a limit of 2 accepted
        client.post(APPLY, form_data(organisation, id_document_number="110105194912310021"))
    assert client.post(APPLY, form_data(organisation)).status_code == 429
    assert InformationRequest.objects.count() == 1


def test_tracking_shows_status_and_dates_without_personal_data(client):
    info_request = InformationRequestFactory(applicant_name="张三丰")
    response = client.post(TRACK, {"tracking_number": info_request.tracking_number, "query_code": QUERY_CODE})
    html = response.content.decode()
    assert response.status_code == 200
    assert info_request.get_state_display() in html
    assert "2025-03-03" in html and "2025-03-31" in html  # received and due dates
    for secret in (RESIDENT_ID, PHONE, EMAIL, "张三丰", "人民路8号"):
        assert secret not in html


def test_wrong_code_and_unknown_number_read_the_same(client):
    info_request = InformationRequestFactory()
    wrong = client.post(TRACK, {"tracking_number": info_request.tracking_number, "query_code": "WRONG22222"})
    unknown = client.post(TRACK, {"tracking_number": "YSQ-2025-123456", "query_code": QUERY_CODE})
    assert wrong.status_code == unknown.status_code == 404

    def message(response):
        html = response.content.decode()
        return html[html.index('class="form-errors"') :].split("</div>")[0]

    assert message(wrong) == message(unknown)
    assert info_request.subject not in wrong.content.decode()


def test_tracking_lookups_are_throttled(client, settings):
    settings.GONGKAI_REQUESTS_TRACK_PER_HOUR = 1
    client.post(TRACK, {"tracking_number": "YSQ-2025-000001", "query_code": "X"})
    response = client.post(TRACK, {"tracking_number": "YSQ-2025-000001", "query_code": "Y"})
    assert response.status_code == 429


def test_tracking_links_the_published_documents_of_the_reply(client):
    from requests_app.models import Reply
    from tests.disclosure.factories import DocumentFactory

    info_request = InformationRequestFactory(state=State.ANSWERED)
    reply = Reply.objects.create(
        request=info_request, reply_type="already_public", body="已公开", drafted_at=info_request.submitted_at
    )
    public = DocumentFactory(published=True, title="已发布的低保通知")
    withdrawn_later = DocumentFactory(title="后来撤回的文件")
    reply.documents.add(public, withdrawn_later)
    html = client.post(
        TRACK, {"tracking_number": info_request.tracking_number, "query_code": QUERY_CODE}
    ).content.decode()
    assert "已发布的低保通知" in html and reverse("disclosure:detail", kwargs={"pk": public.pk}) in html
    assert "后来撤回的文件" not in html


def test_tracking_explains_how_the_due_date_was_computed(client):
    info_request = InformationRequestFactory(received_on=dt.date(2025, 4, 1), state=State.IN_PROGRESS)
    info_request.consultations.create(
        kind="third_party",
        party="某公司",
        sent_on=dt.date(2025, 4, 7),
        answer_due_on=dt.date(2025, 4, 28),
        answered_on=dt.date(2025, 4, 18),
    )
    info_request.due_on = dt.date(2025, 5, 15)
    info_request.save()
    response = client.post(TRACK, {"tracking_number": info_request.tracking_number, "query_code": QUERY_CODE})
    html = response.content.decode()
    assert "答复期限是如何计算的" in html
    assert "（2025-04-07 至 2025-04-18）" in html and "9 个工作日" in html
    assert "05-01" in html  # May Day, a holiday that moved the date
    assert "某公司" not in html  # the consulted party is not shown to the applicant


CALCULATOR = reverse("requests_app:calculator")


def test_the_due_date_calculator_uses_the_official_calendar(client):
    response = client.get(CALCULATOR, {"received_on": "2025-01-24"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2025-02-10" in html  # correction notice: the reference's Spring Festival example
    assert "2025-02-27" in html  # reply due
    assert "01-28" in html and "01-26" in html  # the holidays and the make-up Sunday that moved it


@pytest.mark.parametrize("value", ["", "2018-12-31", "not-a-date", "9999-12-31"])
def test_the_calculator_refuses_bad_dates_with_a_message(client, value):
    response = client.get(CALCULATOR, {"received_on": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and "答复期限（第三十三条" not in html


def test_the_calculator_marks_dates_in_unconfirmed_years_provisional(client):
    next_year = dt.date.today().year + 1
    html = client.get(CALCULATOR, {"received_on": f"{next_year}-06-01"}).content.decode()
    assert "暂定" in html
