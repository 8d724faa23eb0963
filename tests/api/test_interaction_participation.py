"""The API's endpoints for answered messages, public consultations and open days: the pages' public gates,
filters, cursor pages without counting, conditional GET, and nothing personal."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from interaction.models import Message, MessageStatus
from participation.models import ReviewStatus
from tests.api.test_api import published
from tests.factories import OrganisationFactory
from tests.interaction.factories import write_message
from tests.participation.factories import CommentFactory, ConsultationFactory, OpenDayFactory

pytestmark = pytest.mark.django_db


def answered(organisation, *, public=True, **overrides):
    message, _code = write_message(organisation, **overrides)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.ANSWERED, reply="需要身份证、户口簿和收入证明。", answered_on=timezone.localdate(),
        public_subject=message.subject, public_body=message.body,
        published_at=timezone.now() if public else None,
    )  # fmt: skip
    return Message.objects.get(pk=message.pk)


def walk(client, url, django_assert_max_num_queries, limit=6):
    rows = []
    while url:
        with django_assert_max_num_queries(limit):
            response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        assert "count" not in body
        rows += body["results"]
        url = body["next"]
    return rows


def test_messages_only_published_answers_without_the_writer(client, django_assert_max_num_queries):
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    shown = [answered(child, subject=f"公开的留言{i}") for i in range(7)]
    answered(child, public=False, subject="未公开的留言")
    write_message(child, subject="办理中的留言")
    answered(OrganisationFactory(), subject="别处的留言", code="complaint")
    rows = walk(client, reverse("api:messages") + f"?organisation={parent.pk}&page_size=3", django_assert_max_num_queries)
    assert sorted(r["id"] for r in rows) == sorted(m.pk for m in shown)
    text = str(rows)
    assert "未公开的留言" not in text and "办理中的留言" not in text
    assert "王建华" not in text and "13905371234" not in text and "wang@example.net" not in text
    assert all(m.tracking_number not in text for m in shown)
    complaint = client.get(reverse("api:messages") + "?message_type=complaint").json()["results"]
    assert [r["subject"] for r in complaint] == ["别处的留言"]
    hidden = Message.objects.get(subject="未公开的留言")
    assert client.get(reverse("api:message-detail", args=[hidden.pk])).status_code == 404
    detail = client.get(reverse("api:message-detail", args=[shown[0].pk])).json()
    assert detail["reply"] == "需要身份证、户口簿和收入证明。" and detail["html_url"].endswith(f"/{shown[0].pk}/")


def test_consultations_with_feedback_comments_masked_and_the_final_policy(client, django_assert_max_num_queries):
    org = OrganisationFactory()
    policy = published(organisation=org, title="正式发布的规划")
    answered_one = ConsultationFactory(
        organisation=org, title="已反馈的征集", opens_on=dt.date(2025, 3, 1), closes_on=dt.date(2025, 4, 1),
        comment_count=3, commenter_count=2, adopted_views="采纳了增加站点的意见", not_adopted_views="无",
        feedback_published_at=timezone.now(), feedback_published_on=dt.date(2025, 4, 20), final_document=policy,
    )  # fmt: skip
    open_one = ConsultationFactory(organisation=org, title="征集中的草案", adopted_views="尚未发布的反馈")
    ConsultationFactory(organisation=org, title="草稿征集", status=ReviewStatus.DRAFT)
    CommentFactory(consultation=answered_one, status="approved", body="公开的意见", name="欧阳明辉")
    CommentFactory(consultation=answered_one, status="rejected", body="不予公开的意见")
    rows = walk(client, reverse("api:consultations") + "?page_size=1", django_assert_max_num_queries)
    assert [r["title"] for r in rows] == ["征集中的草案", "已反馈的征集"]
    assert rows[0]["feedback"] is None and rows[0]["phase"] == "open"
    assert rows[1]["feedback"]["adopted_views"] == "采纳了增加站点的意见"
    assert "尚未发布的反馈" not in str(rows) and "草稿征集" not in str(rows)
    only = client.get(reverse("api:consultations") + "?has_feedback=true").json()["results"]
    assert [r["id"] for r in only] == [answered_one.pk]
    with django_assert_max_num_queries(6):
        detail = client.get(reverse("api:consultation-detail", args=[answered_one.pk])).json()
    assert [c["body"] for c in detail["comments"]] == ["公开的意见"]
    assert "欧阳明辉" not in str(detail) and detail["comments"][0]["name"] != "欧阳明辉"
    assert detail["final_document"]["title"] == "正式发布的规划"
    assert client.get(reverse("api:consultation-detail", args=[open_one.pk + 1])).status_code == 404
    assert client.get(reverse("api:consultations") + "?kind=nonsense").status_code == 400


def test_open_days_only_published_summary_once_published(client, django_assert_max_num_queries):
    org = OrganisationFactory()
    past = OpenDayFactory(
        organisation=org, theme="走进档案馆", starts_at=timezone.now() - dt.timedelta(days=30),
        ends_at=timezone.now() - dt.timedelta(days=30, hours=-3), signup_opens_at=timezone.now() - dt.timedelta(days=40),
        signup_closes_at=timezone.now() - dt.timedelta(days=31), summary="参观档案馆并座谈。", attendance=18,
        summary_published_at=timezone.now(),
    )  # fmt: skip
    coming = OpenDayFactory(organisation=org, theme="走进政务服务中心", summary="未发布的总结")
    OpenDayFactory(organisation=org, theme="草稿开放日", status=ReviewStatus.DRAFT)
    rows = walk(client, reverse("api:open-days") + "?page_size=1", django_assert_max_num_queries)
    assert [r["theme"] for r in rows] == ["走进政务服务中心", "走进档案馆"]
    assert rows[0]["summary"] is None and rows[1]["summary"] == {"attendance": 18, "text": "参观档案馆并座谈。"}
    assert rows[0]["signup_state"] == "open"
    coming_only = client.get(reverse("api:open-days") + "?coming=true").json()["results"]
    assert [r["id"] for r in coming_only] == [coming.pk]
    response = client.get(reverse("api:open-day-detail", args=[past.pk]))
    assert client.get(reverse("api:open-day-detail", args=[past.pk]), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert "草稿开放日" not in str(rows) and "未发布的总结" not in str(rows)
