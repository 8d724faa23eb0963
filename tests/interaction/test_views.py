"""Public and staff pages: forms keep input, only public() reaches citizens, one door per staff family."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from interaction import services
from interaction.models import HotTopic, Interview, Message, MessageStatus
from portal.roles import Role
from tests.factories import OrganisationFactory, UserFactory, member

from .factories import message_type, write_message

pytestmark = pytest.mark.django_db


def answered(organisation, handler, reviewer, publish=True, **kwargs):
    message, code = write_message(organisation, **kwargs)
    services.submit_reply(message, kwargs.get("reply", "答复：请到乡镇便民服务中心办理。"), by=handler)
    services.review_reply(message, "approve", by=reviewer)
    if publish:
        services.publish(message, by=reviewer, public_subject=message.subject, public_body=message.body)
    return message, code


def test_write_form_errors_keep_input_and_success_shows_code_once(client, organisation):
    url = reverse("interaction:write")
    response = client.post(url, {"mailbox": "organisation", "subject": "低保咨询", "body": "请问……", "name": "王建华",
                                 "phone": "abc"})  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert "请选择要写信的部门" in body and "请输入有效的联系电话" in body and "低保咨询" in body
    data = {"mailbox": "organisation", "organisation": organisation.pk, "message_type": message_type().pk,
            "subject": "低保咨询", "body": "请问需要哪些材料？", "name": "王建华", "phone": "13905371234"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    done = client.get(reverse("interaction:write_done"))
    message = Message.objects.get()
    assert message.tracking_number in done.content.decode() and 'id="query-code"' in done.content.decode()
    assert client.get(reverse("interaction:write_done")).status_code == 302  # shown once


def test_write_page_points_to_the_request_form(client):
    body = client.get(reverse("interaction:write")).content.decode()
    assert reverse("requests_app:apply") in body


def test_honeypot_stores_nothing(client, organisation):
    client.post(reverse("interaction:write"), {"website": "http://spam", "subject": "x"})
    assert not Message.objects.exists()


def test_tracking_shows_status_and_reply(client, organisation, handler, reviewer):
    message, code = answered(organisation, handler, reviewer, publish=False)
    response = client.post(reverse("interaction:track"), {"tracking_number": message.tracking_number.lower(),
                                                          "query_code": code})  # fmt: skip
    body = response.content.decode()
    assert "已答复" in body and "便民服务中心" in body
    wrong = client.post(reverse("interaction:track"), {"tracking_number": message.tracking_number,
                                                       "query_code": "AAAAAAAAAA"})  # fmt: skip
    assert wrong.status_code == 404 and "便民服务中心" not in wrong.content.decode()


def test_public_list_shows_only_published_and_never_the_writer(client, organisation, handler, reviewer):
    published, _ = answered(organisation, handler, reviewer, subject="公开的留言", name="王建华", phone="13900001111")
    hidden, _ = answered(organisation, handler, reviewer, publish=False, subject="未公开的留言")
    write_message(organisation, subject="还没答复的留言")
    body = client.get(reverse("interaction:messages")).content.decode()
    assert "公开的留言" in body and "未公开的留言" not in body and "还没答复的留言" not in body
    detail = client.get(reverse("interaction:message", args=[published.pk])).content.decode()
    assert "便民服务中心" in detail and "王建华" not in detail and "13900001111" not in detail
    assert client.get(reverse("interaction:message", args=[hidden.pk])).status_code == 404


def test_public_list_filters_and_search(client, organisation, handler, reviewer):
    answered(organisation, handler, reviewer, subject="低保材料")
    answered(organisation, handler, reviewer, code="complaint", subject="窗口服务态度", body="投诉窗口")
    other = OrganisationFactory()
    url = reverse("interaction:messages")
    by_type = client.get(url, {"message_type": message_type("complaint").pk}).content.decode()
    assert "窗口服务态度" in by_type and "低保材料" not in by_type
    assert "低保材料" not in client.get(url, {"organisation": other.pk}).content.decode()
    assert "窗口服务态度" in client.get(url, {"q": "投诉"}).content.decode()
    month = timezone.localdate().strftime("%Y-%m")
    assert "低保材料" in client.get(url, {"month": month}).content.decode()
    assert "低保材料" not in client.get(url, {"month": "2020-01"}).content.decode()
    bad = client.get(url, {"month": "May"})
    assert bad.status_code == 200 and "请按" in bad.content.decode()


def test_feeds_escape_every_field_and_atom_has_updated_and_author(client, organisation, handler, reviewer):
    answered(organisation, handler, reviewer, subject="<script>alert(1)</script> & 低保", body="a < b & c")
    rss = client.get(reverse("interaction:rss")).content.decode()
    assert "<script>" not in rss and "&lt;script&gt;" in rss and "a &lt; b &amp; c" in rss
    atom = client.get(reverse("interaction:atom")).content.decode()
    assert "<updated>" in atom and "<author><name>安平县民政局</name></author>" in atom
    assert "<script>" not in atom and "王建华" not in atom and "wang@example.net" not in atom


def test_statistics_table_chart_and_csv(client, organisation, handler, reviewer):
    answered(organisation, handler, reviewer)
    write_message(organisation, subject="未办结")
    month = timezone.localdate().strftime("%Y-%m")
    body = client.get(reverse("interaction:statistics"), {"month": month}).content.decode()
    assert "安平县民政局" in body and "<svg" in body and "bar-answered" in body and "style=" not in body
    csv = client.get(reverse("interaction:statistics_csv"), {"month": month}).content.decode("utf-8-sig")
    assert "安平县民政局,2,1,1" in csv
    assert client.get(reverse("interaction:statistics"), {"month": "garbage"}).status_code == 200


def test_error_report_entry_on_every_page(client):
    home = client.get("/documents/").content.decode()
    assert reverse("interaction:report_error") + "?page=/documents/" in home
    form = client.get(reverse("interaction:report_error"), {"page": "/documents/"}).content.decode()
    assert 'value="/documents/"' in form
    response = client.post(reverse("interaction:report_error"), {"kind": "typo", "page_url": "/documents/",
                                                                 "description": "错别字"})  # fmt: skip
    assert response.status_code == 302


def test_hot_topics_and_interviews_public_only(client, organisation):
    draft = HotTopic.objects.create(organisation=organisation, title="草稿回应", concern="关切", response="回应")
    live = HotTopic.objects.create(organisation=organisation, title="已发布回应", concern="关切", response="回应",
                                   status="published", published_at=timezone.now())  # fmt: skip
    assert "已发布回应" in client.get(reverse("interaction:hot_topics")).content.decode()
    assert client.get(reverse("interaction:hot_topic", args=[draft.pk])).status_code == 404
    assert client.get(reverse("interaction:hot_topic", args=[live.pk])).status_code == 200
    coming = Interview.objects.create(organisation=organisation, topic="招生政策访谈", guest="局长", status="published",
                                      starts_at=timezone.now() + dt.timedelta(days=3))  # fmt: skip
    page = client.get(reverse("interaction:interview", args=[coming.pk]))
    assert "我要提问" in page.content.decode()
    client.post(reverse("interaction:interview", args=[coming.pk]), {"text": "能否同校？", "name": "张三"})
    question = coming.questions.get()
    assert "能否同校" not in client.get(reverse("interaction:interview", args=[coming.pk])).content.decode()
    services.moderate_question(question, True, by=None)
    shown = client.get(reverse("interaction:interview", args=[coming.pk])).content.decode()
    assert "能否同校" in shown and "张三" not in shown


# ---------------------------------------------------------------- staff


def test_staff_pages_need_the_permission(client, organisation):
    message, _ = write_message(organisation)
    outsider = member(Role.EDITOR, OrganisationFactory())
    client.force_login(outsider)
    assert client.get(reverse("interaction_staff:queue", args=[organisation.pk])).status_code == 403
    assert client.get(reverse("interaction_staff:detail", args=[organisation.pk, message.pk])).status_code == 403
    assert client.get(reverse("interaction_office:oversight")).status_code == 403


def test_message_of_another_organisation_is_404(client, organisation, handler):
    other = OrganisationFactory()
    message, _ = write_message(other)
    client.force_login(handler)
    assert client.get(reverse("interaction_staff:detail", args=[organisation.pk, message.pk])).status_code == 404


def test_queue_filters_overdue_and_3_months(client, organisation, handler):
    write_message(organisation, subject="新留言")
    write_message(organisation, subject="超期留言", days_ago=20)
    write_message(organisation, subject="百日留言", days_ago=100)
    client.force_login(handler)
    url = reverse("interaction_staff:queue", args=[organisation.pk])
    everything = client.get(url).content.decode()
    assert all(s in everything for s in ["新留言", "超期留言", "百日留言"])
    overdue = client.get(url, {"due": "overdue"}).content.decode()
    assert "超期留言" in overdue and "新留言" not in overdue
    veto = client.get(url, {"due": "3months"}).content.decode()
    assert "百日留言" in veto and "超期留言" not in veto


def test_staff_answer_review_publish_through_the_pages(client, organisation, handler, reviewer):
    message, _ = write_message(organisation)
    action = lambda name: reverse("interaction_staff:action", args=[organisation.pk, message.pk, name])  # noqa: E731
    client.force_login(handler)
    detail = client.get(reverse("interaction_staff:detail", args=[organisation.pk, message.pk])).content.decode()
    assert "王建华" in detail and "13905371234" in detail  # the handler's own page
    empty = client.post(action("reply"), {"reply": ""})
    assert empty.status_code == 400
    client.post(action("reply"), {"reply": "请到乡镇便民服务中心办理。"})
    assert Message.objects.get().status == MessageStatus.REVIEWING
    assert client.post(action("review"), {"event": "approve"}).status_code == 403  # not a reviewer
    client.force_login(reviewer)
    client.post(action("review"), {"event": "approve"})
    assert Message.objects.get().status == MessageStatus.ANSWERED
    client.post(action("publish"), {"public_subject": "低保材料", "public_body": "请问需要哪些材料？"})
    assert Message.objects.public().exists()


def test_self_approval_is_refused_with_input_kept(client, organisation, reviewer):
    message, _ = write_message(organisation)
    client.force_login(reviewer)
    client.post(reverse("interaction_staff:action", args=[organisation.pk, message.pk, "reply"]), {"reply": "答复"})
    response = client.post(reverse("interaction_staff:action", args=[organisation.pk, message.pk, "review"]),
                           {"event": "approve", "comment": "同意"})  # fmt: skip
    assert response.status_code == 400 and "四眼原则" in response.content.decode()
    assert Message.objects.get().status == MessageStatus.REVIEWING


def test_supervising_office_sees_every_overdue_message_and_orders_an_answer(client, organisation, handler):
    from django.contrib.auth.models import Permission

    message, _ = write_message(organisation, subject="超期未答复", days_ago=30)
    supervisor = UserFactory(is_staff=True)
    supervisor.user_permissions.add(Permission.objects.get(codename="supervise_messages"))
    client.force_login(supervisor)
    page = client.get(reverse("interaction_office:oversight")).content.decode()
    assert "超期未答复" in page and "安平县民政局" in page and "王**" in page and "王建华" not in page
    client.post(reverse("interaction_office:order", args=[message.pk]), {"note": "请立即答复。"})
    client.force_login(handler)
    detail = client.get(reverse("interaction_staff:detail", args=[organisation.pk, message.pk])).content.decode()
    assert "请立即答复。" in detail
    assert "超期未答复" in client.get(reverse("interaction_staff:queue", args=[organisation.pk]),
                                      {"due": "overdue"}).content.decode()  # fmt: skip


def test_hot_topic_staff_flow_links_public_documents(client, organisation):
    from tests.disclosure.factories import DocumentFactory

    document = DocumentFactory(organisation=organisation, status="published", index_number="000-2026-0001")
    editor, reviewer = member(Role.EDITOR, organisation), member(Role.REVIEWER, organisation)
    client.force_login(editor)
    url = reverse("interaction_staff:hot_topic_new", args=[organisation.pk])
    bad = client.post(url, {"title": "回应", "concern": "关切", "response": "回应", "index_numbers": "nope"})
    assert bad.status_code == 400 and "nope" in bad.content.decode()
    client.post(url, {"title": "低保标准回应", "concern": "关切", "response": "回应", "index_numbers": "000-2026-0001"})
    topic = HotTopic.objects.get()
    client.post(reverse("interaction_staff:hot_topic_event", args=[organisation.pk, topic.pk, "submit"]))
    client.force_login(reviewer)
    client.post(reverse("interaction_staff:hot_topic_event", args=[organisation.pk, topic.pk, "publish"]))
    page = client.get(reverse("interaction:hot_topic", args=[topic.pk])).content.decode()
    assert document.title in page


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        ("申请公开2025年预算", "请提供全文", True),
        ("低保材料", "请提供2025年低保对象名单", True),
        ("查阅档案", "想查阅我家的土地确权档案", True),
        ("低保材料", "申请低保需要准备哪些材料？", False),
        ("路灯不亮", "人民路路灯坏了三天", False),
        ("建议", "建议公开更多便民信息", False),
    ],
)
def test_looks_like_an_information_request(subject, body, expected):
    assert services.looks_like_information_request(subject, body) is expected


def test_a_message_asking_for_information_is_offered_the_request_form(client, organisation):
    data = {"mailbox": "organisation", "organisation": organisation.pk, "message_type": message_type().pk,
            "subject": "申请公开2025年县级预算", "body": "请提供预算报告全文。", "name": "王建华",
            "phone": "13905371234"}  # fmt: skip
    response = client.post(reverse("interaction:write"), data)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="request-suggestion"' in body
    assert reverse("requests_app:apply") in body and "申请公开2025年县级预算" in body
    assert not Message.objects.exists()
    assert client.post(reverse("interaction:write"), {**data, "send_anyway": "on"}).status_code == 302
    assert Message.objects.count() == 1
