"""Staff pages: the one door (403), the period warning, moderation, feedback, final document, sign-up list."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from participation.models import CommentStatus, PublicConsultation, ReviewStatus
from portal.roles import Role
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member

from .factories import CommentFactory, ConsultationFactory, OpenDayFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def officer(org):
    return member("participation_officer", org)


def staff_url(name, org, *args):
    return reverse(f"participation_staff:{name}", args=[org.pk, *args])


def test_staff_pages_answer_403_without_the_permission(client, org):
    client.force_login(member(Role.EDITOR, org))
    assert client.get(staff_url("home", org)).status_code == 403
    assert client.get(staff_url("open_days", org)).status_code == 403
    client.force_login(member("participation_officer", OrganisationFactory()))
    assert client.get(staff_url("home", org)).status_code == 403


def test_staff_urls_sit_under_the_organisation_prefix(org):
    assert staff_url("home", org) == f"/staff/org/{org.pk}/participation/"


def test_short_period_needs_a_reason(client, org, officer):
    client.force_login(officer)
    today = timezone.localdate()
    data = {
        "title": "安平县停车规划（征求意见稿）", "kind": "major_decision", "draft_text": "草案", "explanation": "说明",
        "opens_on": today.isoformat(), "closes_on": (today + dt.timedelta(days=9)).isoformat(),
        "ways_to_comment": "信函", "short_period_reason": "",
    }  # fmt: skip
    response = client.post(staff_url("consultation_new", org), data)
    html = response.content.decode()
    assert response.status_code == 200 and "少于重大行政决策一般不少于 30 天" in html and "安平县停车规划" in html
    assert not PublicConsultation.objects.exists()
    data["short_period_reason"] = "上级要求在汛期前完成，时间紧急。"
    response = client.post(staff_url("consultation_new", org), data, follow=True)
    consultation = PublicConsultation.objects.get()
    assert consultation.status == ReviewStatus.DRAFT and consultation.created_by == officer
    assert "10 天" in response.content.decode()  # the warning stays visible on the staff page


def test_moderation_feedback_and_final_document(client, org, officer):
    reviewer = member(Role.REVIEWER, org)
    consultation = ConsultationFactory(organisation=org, opens_on=timezone.localdate() - dt.timedelta(days=20),
                                       closes_on=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    comment = CommentFactory(consultation=consultation)
    client.force_login(officer)
    detail = client.get(staff_url("consultation", org, consultation.pk)).content.decode()
    assert comment.name in detail and comment.phone in detail  # unmasked on the handler's page only
    client.post(staff_url("moderate", org, consultation.pk, comment.pk), {"decision": "approve"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == officer
    form = client.get(staff_url("feedback", org, consultation.pk))
    assert form.status_code == 200
    response = client.post(staff_url("feedback", org, consultation.pk), {
        "comment_count": 1, "commenter_count": 2, "adopted_views": "x", "not_adopted_views": "无"})  # fmt: skip
    assert "提出意见的人数不能多于意见条数。" in response.content.decode()
    client.post(staff_url("feedback", org, consultation.pk), {
        "comment_count": 5, "commenter_count": 4, "adopted_views": "采纳", "not_adopted_views": "无"})  # fmt: skip
    consultation.refresh_from_db()
    assert consultation.comment_count == 5 and consultation.feedback_published_at
    document = DocumentFactory(organisation=org, published=True)
    client.force_login(reviewer)
    client.post(staff_url("final_document", org, consultation.pk), {"document": document.pk})
    consultation.refresh_from_db()
    assert consultation.final_document == document


def test_overdue_feedback_shows_on_the_staff_page(client, org, officer):
    overdue = ConsultationFactory(organisation=org, opens_on=timezone.localdate() - dt.timedelta(days=90),
                                  closes_on=timezone.localdate() - dt.timedelta(days=60))  # fmt: skip
    client.force_login(officer)
    html = client.get(staff_url("home", org)).content.decode()
    assert "意见采纳情况反馈已超期" in html and overdue.title in html


def test_registration_list_check_in_and_xlsx_export(client, org, officer):
    day = OpenDayFactory(organisation=org, requires_id_number=True)
    registration = RegistrationFactory(open_day=day, name='=HYPERLINK("http://evil")', id_number="110101199003071234")
    client.force_login(officer)
    html = client.get(staff_url("open_day", org, day.pk)).content.decode()
    assert "110101199003071234" not in html  # ID numbers masked even on the list
    client.post(staff_url("check_in", org, day.pk, registration.pk))
    registration.refresh_from_db()
    assert registration.checked_in_at is not None and registration.checked_in_by == officer
    response = client.get(staff_url("registrations_xlsx", org, day.pk))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][2] == '=HYPERLINK("http://evil")' and rows[1][4] == "110101199003071234"
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1"])
def test_formula_like_text_is_written_as_text(text):
    from openpyxl import Workbook

    from portal.spreadsheets import set_cell

    sheet = Workbook().active
    set_cell(sheet, 1, 1, text)  # the export writes every cell through portal.spreadsheets
    cell = sheet["A1"]
    assert cell.data_type == "s" and cell.value == text


def test_open_day_review_flow_through_the_pages(client, org, officer, settings):
    reviewer = member(Role.REVIEWER, org)
    client.force_login(officer)
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "theme": "走进县政务服务中心", "place": "县政务服务中心", "agenda": "参观", "capacity": 10, "eligibility": "本县居民",
        "starts_at": (now + dt.timedelta(days=10)).strftime(fmt), "ends_at": (now + dt.timedelta(days=10, hours=2)).strftime(fmt),
        "signup_opens_at": now.strftime(fmt), "signup_closes_at": (now + dt.timedelta(days=11)).strftime(fmt),
    }  # fmt: skip
    response = client.post(staff_url("open_day_new", org), data)
    assert "报名须在活动开始前截止。" in response.content.decode()
    data["signup_closes_at"] = (now + dt.timedelta(days=9)).strftime(fmt)
    client.post(staff_url("open_day_new", org), data)
    from participation.models import OpenDay

    day = OpenDay.objects.get()
    client.post(staff_url("open_day_event", org, day.pk), {"event": "submit"})
    client.force_login(reviewer)
    client.post(staff_url("open_day_event", org, day.pk), {"event": "publish"})
    day.refresh_from_db()
    assert day.status == ReviewStatus.PUBLISHED
    assert client.get(day.get_absolute_url()).status_code == 200
