"""Public pages: the gates, the comment and sign-up forms (errors keep input, honeypot, throttle), the feeds."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from participation.models import CommentStatus, PublicComment, Registration, ReviewStatus
from tests.disclosure.factories import DocumentFactory

from .factories import CommentFactory, ConsultationFactory, OpenDayFactory

pytestmark = pytest.mark.django_db


def test_only_published_consultations_are_shown_open_first(client):
    closed = ConsultationFactory(title="已截止的草案", opens_on=timezone.localdate() - dt.timedelta(days=30),
                                 closes_on=timezone.localdate() - dt.timedelta(days=2))  # fmt: skip
    open_now = ConsultationFactory(title="正在征集的草案", opens_on=timezone.localdate() - dt.timedelta(days=60))
    draft = ConsultationFactory(title="内部草稿", status=ReviewStatus.DRAFT)
    html = client.get(reverse("participation:consultations")).content.decode()
    assert html.index(open_now.title) < html.index(closed.title)
    assert draft.title not in html
    assert client.get(draft.get_absolute_url()).status_code == 404
    withdrawn = ConsultationFactory(status=ReviewStatus.WITHDRAWN)
    assert client.get(withdrawn.get_absolute_url()).status_code == 404


def test_comment_form_errors_keep_input_and_success_shows_the_receipt(client):
    consultation = ConsultationFactory()
    url = reverse("participation:comment", args=[consultation.pk])
    response = client.post(url, {"name": "张三", "body": "我的意见"})
    assert response.status_code == 400
    assert (
        "请至少填写联系电话或电子邮箱中的一项。" in response.content.decode()
        and "我的意见" in response.content.decode()
    )
    response = client.post(url, {"name": "张三", "phone": "13900000000", "body": "我的意见"}, follow=True)
    comment = PublicComment.objects.get()
    assert comment.receipt_number in response.content.decode()
    # Not shown until moderated; then only the text and a masked name.
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "我的意见" not in page
    comment.status = CommentStatus.APPROVED
    comment.save()
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "我的意见" in page and "张*" in page and "张三" not in page and "13900000000" not in page


def test_honeypot_and_throttle(client, settings):
    consultation = ConsultationFactory()
    url = reverse("participation:comment", args=[consultation.pk])
    data = {"name": "张三", "phone": "13900000000", "body": "意见"}
    response = client.post(url, {**data, "website": "http://spam.example"})
    assert response.status_code == 302 and not PublicComment.objects.exists()
    settings.GONGKAI_PARTICIPATION_COMMENTS_PER_HOUR = 1
    client.post(url, data)
    response = client.post(url, {**data, "body": "第二条"})
    assert response.status_code == 429 and PublicComment.objects.count() == 1


def test_closed_consultation_has_no_form_and_refuses_posts(client):
    consultation = ConsultationFactory(opens_on=timezone.localdate() - dt.timedelta(days=9),
                                       closes_on=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    assert 'name="body"' not in client.get(consultation.get_absolute_url()).content.decode()
    response = client.post(reverse("participation:comment", args=[consultation.pk]),
                           {"name": "张三", "phone": "13900000000", "body": "意见"})  # fmt: skip
    assert response.status_code == 400 and not PublicComment.objects.exists()


def test_final_document_links_both_ways(client):
    document = DocumentFactory(published=True, title="关于养老服务设施布局的通知")
    consultation = ConsultationFactory(organisation=document.organisation, final_document=document,
                                       feedback_published_at=timezone.now())  # fmt: skip
    assert document.get_absolute_url() in client.get(consultation.get_absolute_url()).content.decode()
    html = client.get(document.get_absolute_url()).content.decode()
    assert consultation.get_absolute_url() in html and "意见采纳情况反馈" in html


def test_sign_up_then_cancel_with_the_code(client):
    day = OpenDayFactory(capacity=1)
    url = reverse("participation:sign_up", args=[day.pk])
    response = client.post(url, {"name": "李四", "phone": "123"})
    assert response.status_code == 400 and "请填写11位手机号码。" in response.content.decode()
    response = client.post(url, {"name": "李四", "phone": "13900000000"}, follow=True)
    html = response.content.decode()
    registration = Registration.objects.get()
    assert registration.number in html and "报名成功" in html
    code = html.split('id="confirmation-code">')[1].split("<")[0]
    assert client.get(reverse("participation:signup_done")).content.decode().count(code) == 0  # shown once
    page = client.get(day.get_absolute_url()).content.decode()
    assert "报名候补" in page  # full: the next person joins the waiting list
    cancel = reverse("participation:cancel")
    assert client.post(cancel, {"number": registration.number, "code": "WRONG"}).status_code == 404
    lookup = client.post(cancel, {"number": registration.number, "code": code})
    assert "取消报名" in lookup.content.decode()
    client.post(cancel, {"number": registration.number, "code": code, "confirm": "cancel"})
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_ical_feed_lists_public_open_days_only(client):
    public = OpenDayFactory(theme="走进县应急管理局")
    OpenDayFactory(theme="内部草稿开放日", status=ReviewStatus.DRAFT)
    response = client.get(reverse("participation:open_days_ical"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [public.theme]
    assert str(events[0]["url"]).endswith(public.get_absolute_url())


def test_rss_and_sitemap(client):
    consultation = ConsultationFactory()
    assert consultation.title in client.get(reverse("participation:rss")).content.decode()
    assert consultation.get_absolute_url() in client.get("/sitemap-participation.xml").content.decode()


def test_supervision_page_needs_the_global_permission(client, django_user_model):
    overdue = ConsultationFactory(opens_on=timezone.localdate() - dt.timedelta(days=90),
                                  closes_on=timezone.localdate() - dt.timedelta(days=60))  # fmt: skip
    url = reverse("participation:supervision_overdue")
    assert client.get(url).status_code == 302
    user = django_user_model.objects.create_user("plain")
    client.force_login(user)
    assert client.get(url).status_code == 403
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="review_content"))
    client.force_login(django_user_model.objects.get(pk=user.pk))
    assert overdue.title in client.get(url).content.decode()


def test_comment_factory_is_never_public_unless_approved():
    comment = CommentFactory()
    assert not PublicComment.objects.public().filter(pk=comment.pk).exists()
