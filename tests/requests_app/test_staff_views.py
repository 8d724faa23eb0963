"""Staff pages: one guard for the whole family, bounded queries, actions through forms, letters."""

import datetime as dt
import io

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone
from docx import Document as DocxDocument

from portal.roles import Role
from portal.workdays import add_working_days
from requests_app import services
from requests_app.models import ConsultationKind, InformationRequest, ReplyFile, ReplyType, State
from tests.factories import OrganisationFactory, member

from .factories import EMAIL, PHONE, RESIDENT_ID, InformationRequestFactory, applicant_data

pytestmark = pytest.mark.django_db


def staff_url_names():
    patterns = get_resolver().url_patterns
    names = []
    for entry in patterns:
        if getattr(entry, "namespace", None) == "requests_app":
            names += [p.name for p in entry.url_patterns if isinstance(p, URLPattern) and p.name.startswith("staff_")]
    return names


def staff_kwargs(name, info_request, file_pk=1):
    pattern = next(
        p
        for entry in get_resolver().url_patterns
        if getattr(entry, "namespace", None) == "requests_app"
        for p in entry.url_patterns
        if p.name == name
    )
    params = pattern.pattern.converters
    kwargs = {"org_pk": info_request.organisation.pk}
    if "pk" in params:
        kwargs["pk"] = info_request.pk
    if "action" in params:
        kwargs["action"] = "start_handling"
    if "file_pk" in params:
        kwargs["file_pk"] = file_pk
    if "year" in params:
        kwargs["year"] = 2025
    if "kind" in params:
        kwargs["kind"] = "reply"
    if "item" in params:
        kwargs["item"] = 1
    return kwargs


def test_every_staff_url_is_403_for_other_organisations_members(client, organisation):
    info_request = InformationRequestFactory(organisation=organisation)
    other = OrganisationFactory()
    outsider = member(Role.REQUEST_HANDLER, other)
    member(Role.REVIEWER, other, user=outsider)
    client.force_login(outsider)
    names = staff_url_names()
    assert len(names) >= 10
    for name in names:
        url = reverse(f"requests_app:{name}", kwargs=staff_kwargs(name, info_request))
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_staff_urls_need_login(client, organisation):
    info_request = InformationRequestFactory(organisation=organisation)
    for name in staff_url_names():
        response = client.get(reverse(f"requests_app:{name}", kwargs=staff_kwargs(name, info_request)))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_requests_of_another_organisation_are_404_inside_ones_own(client, organisation, handler):
    foreign = InformationRequestFactory()
    client.force_login(handler)
    url = reverse("requests_app:staff_detail", kwargs={"org_pk": organisation.pk, "pk": foreign.pk})
    assert client.get(url).status_code == 404


def test_queue_shows_working_days_left_and_filters(client, organisation, handler, django_assert_max_num_queries):
    today = timezone.localdate()
    soon = InformationRequestFactory(organisation=organisation, subject="快到期的申请", state=State.IN_PROGRESS)
    InformationRequest.objects.filter(pk=soon.pk).update(due_on=add_working_days(today, 2))
    late = InformationRequestFactory(organisation=organisation, subject="已超期的申请", state=State.IN_PROGRESS)
    InformationRequest.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=30))
    relaxed = InformationRequestFactory(organisation=organisation, subject="时间充裕的申请", state=State.IN_PROGRESS)
    InformationRequest.objects.filter(pk=relaxed.pk).update(due_on=add_working_days(today, 15))
    InformationRequestFactory.create_batch(5, organisation=organisation, handler=handler)
    InformationRequestFactory(organisation=organisation, subject="已办结的申请", state=State.CLOSED)
    client.force_login(handler)
    url = reverse("requests_app:staff_queue", kwargs={"org_pk": organisation.pk})
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert "快到期的申请" in html and "已超期的申请" in html and "已办结的申请" not in html
    row = html[html.index("时间充裕的申请") :].split("</tr>")[0]
    assert "<td>15</td>" in row
    assert "张" not in row or RESIDENT_ID not in html
    assert RESIDENT_ID not in html and PHONE not in html and EMAIL not in html
    soon_only = client.get(url, {"due": "soon"}).content.decode()
    assert "快到期的申请" in soon_only and "已超期的申请" not in soon_only and "时间充裕的申请" not in soon_only
    overdue_only = client.get(url, {"due": "overdue"}).content.decode()
    assert "已超期的申请" in overdue_only and "快到期的申请" not in overdue_only
    closed = client.get(url, {"state": "closed"}).content.decode()
    assert "已办结的申请" in closed


def test_queue_masks_names_and_paginates(client, organisation, handler):
    InformationRequestFactory.create_batch(27, organisation=organisation, applicant_name="欧阳锋")
    client.force_login(handler)
    url = reverse("requests_app:staff_queue", kwargs={"org_pk": organisation.pk})
    html = client.get(url).content.decode()
    assert "欧阳锋" not in html and "欧**" in html
    assert "第 1 页" in html and "下一页" in html
    assert client.get(url, {"page": 2}).status_code == 200


def test_detail_is_the_handlers_view_with_unmasked_data(client, organisation, handler, django_assert_max_num_queries):
    info_request = InformationRequestFactory(organisation=organisation, applicant_name="张三丰")
    services.start_handling(info_request, on=dt.date(2025, 3, 4), by=handler)
    client.force_login(handler)
    url = reverse("requests_app:staff_detail", kwargs={"org_pk": organisation.pk, "pk": info_request.pk})
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    for value in ("张三丰", RESIDENT_ID, PHONE, EMAIL):
        assert value in html
    assert "开始办理" in html
    assert "第 1 件" in html and "信息处理费" not in html


def test_detail_shows_the_per_piece_fee_from_the_eleventh_application_of_a_month(client, organisation, handler):
    first = InformationRequestFactory(organisation=organisation)
    for minutes in range(1, 11):
        latest = InformationRequestFactory(
            organisation=organisation, submitted_at=first.submitted_at + dt.timedelta(minutes=minutes)
        )
    InformationRequestFactory(organisation=organisation, id_document_number="440300199001010000")  # someone else
    client.force_login(handler)
    url = reverse("requests_app:staff_detail", kwargs={"org_pk": organisation.pk, "pk": latest.pk})
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "第 11 件" in html and "本件为 100 元" in html


def test_actions_through_the_forms(client, organisation, handler, reviewer):
    info_request = InformationRequestFactory(
        organisation=organisation, received_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(handler)

    def act(name, data, user=handler):
        client.force_login(user)
        url = reverse(
            "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": name}
        )
        return client.post(url, data)

    today = timezone.localdate().isoformat()
    assert act("start_handling", {"on": today}).status_code == 302
    response = act("grant_extension", {"on": today, "days": 25, "reason": "档案多", "approved_by": "主任"})
    assert response.status_code == 200 and "1至20" in response.content.decode()
    assert "档案多" in response.content.decode()  # keeps what was typed
    assert (
        act("grant_extension", {"on": today, "days": 5, "reason": "档案多", "approved_by": "主任"}).status_code == 302
    )
    assert (
        act(
            "start_consultation", {"kind": ConsultationKind.OTHER_ORGAN, "party": "县财政局", "sent_on": today}
        ).status_code
        == 302
    )
    consultation = info_request.consultations.get()
    assert (
        act(
            "record_consultation_answer", {"consultation": consultation.pk, "answered_on": today, "answer": "同意"}
        ).status_code
        == 302
    )
    assert act("draft_reply", {"reply_type": ReplyType.WITHHELD, "body": "理由"}).status_code == 200  # no ground
    assert act("draft_reply", {"reply_type": ReplyType.PROVIDED, "body": "见附件"}).status_code == 302
    refused = act("send_reply", {"on": today})
    assert refused.status_code == 200 and "须经审核人审核" in refused.content.decode()
    info_request.refresh_from_db()
    assert info_request.state == State.EXTENDED
    assert act("approve_reply", {}, user=handler).status_code == 403
    assert act("approve_reply", {}, user=reviewer).status_code == 302
    assert act("send_reply", {"on": today}).status_code == 302
    info_request.refresh_from_db()
    assert info_request.state == State.ANSWERED


def test_unknown_action_is_404(client, organisation, handler):
    info_request = InformationRequestFactory(organisation=organisation)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "explode"}
    )
    assert client.get(url).status_code == 404


def test_reply_files_are_checked_by_content(client, organisation, handler):
    from django.core.files.uploadedfile import SimpleUploadedFile

    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "draft_reply"}
    )
    fake = SimpleUploadedFile("low-income.pdf", b"MZ this is an executable pretending", content_type="application/pdf")
    response = client.post(url, {"reply_type": ReplyType.PROVIDED, "body": "见附件", "files": [fake]})
    assert response.status_code == 200 and "类型不支持或与扩展名不符" in response.content.decode()
    pdf = SimpleUploadedFile("low-income.pdf", b"%PDF-1.4\n" + b"0" * 200, content_type="application/octet-stream")
    assert client.post(url, {"reply_type": ReplyType.PROVIDED, "body": "见附件", "files": [pdf]}).status_code == 302
    reply_file = ReplyFile.objects.get(reply__request=info_request)
    assert reply_file.content_type == "application/pdf"
    download = client.get(
        reverse(
            "requests_app:staff_file",
            kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "file_pk": reply_file.pk},
        )
    )
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_reply_files_respect_the_size_limit(client, organisation, handler, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 100
    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "draft_reply"}
    )
    pdf = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 200)
    response = client.post(url, {"reply_type": ReplyType.PROVIDED, "body": "见附件", "files": [pdf]})
    assert "过大" in response.content.decode()


@pytest.mark.parametrize("reply_type", list(ReplyType))
def test_letters_state_basis_and_remedies_in_html_and_docx(client, organisation, handler, reply_type):
    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    ground = "art15" if reply_type in ("withheld", "partly_provided") else ""
    services.draft_reply(info_request, reply_type=reply_type, ground=ground, body="具体说明。", by=handler)
    client.force_login(handler)
    kwargs = {"org_pk": organisation.pk, "pk": info_request.pk}
    html = client.get(reverse("requests_app:staff_letter", kwargs=kwargs)).content.decode()
    assert "条例" in html and "60日内" in html and "6个月内" in html and info_request.tracking_number in html
    response = client.get(reverse("requests_app:staff_letter_docx", kwargs=kwargs))
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    assert "60日内" in text and "6个月内" in text and "具体说明。" in text


def test_staff_intake_applies_art31(client, organisation, handler):
    client.force_login(handler)
    url = reverse("requests_app:staff_intake", kwargs={"org_pk": organisation.pk})
    data = {**applicant_data(), "channel": "post_ordinary", "arrived_on": "2025-03-03", "confirmed_on": "2025-03-02"}
    response = client.post(url, data)
    assert response.status_code == 200 and "确认日期不早于收到日期" in response.content.decode()
    assert 'value="2025-03-02"' in response.content.decode()  # what was typed is kept
    data["confirmed_on"] = "2025-03-03"
    response = client.post(url, data)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    info_request = InformationRequest.objects.get()
    assert info_request.received_on == dt.date(2025, 3, 3) and info_request.due_on == dt.date(2025, 3, 31)
    assert info_request.tracking_number in html and "查询码" in html


def test_art44_lists_information_several_applicants_received(client, organisation, handler, reviewer):
    for number in ("证件甲A1", "证件乙B2", "证件丙C3"):  # distinctive: a random CSRF token may contain "A1"
        info_request = InformationRequestFactory(
            organisation=organisation, subject="低保名单", id_document_number=number
        )
        reply = services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
        services.approve_reply(reply, by=reviewer)
        services.send_reply(info_request, on=dt.date(2025, 3, 5), by=handler)
    InformationRequestFactory(organisation=organisation, subject="只有一人申请的信息")
    client.force_login(handler)
    html = client.get(reverse("requests_app:staff_art44", kwargs={"org_pk": organisation.pk})).content.decode()
    assert "低保名单" in html and "只有一人申请的信息" not in html
    assert "证件甲A1" not in html


def test_approvals_page_for_reviewers(client, organisation, handler, reviewer):
    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    services.draft_reply(info_request, reply_type=ReplyType.NOT_HELD, body="经检索无此信息", by=handler)
    client.force_login(reviewer)
    html = client.get(reverse("requests_app:staff_approvals", kwargs={"org_pk": organisation.pk})).content.decode()
    assert info_request.tracking_number in html
    page = client.get(
        reverse(
            "requests_app:staff_action",
            kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "approve_reply"},
        )
    )
    assert page.status_code == 200 and "经检索无此信息" in page.content.decode()


def test_reply_links_only_public_documents(client, organisation, handler):
    from tests.disclosure.factories import DocumentFactory

    public = DocumentFactory(organisation=organisation, published=True, title="城乡低保标准调整通知")
    draft = DocumentFactory(organisation=organisation, title="尚未发布的草稿")
    foreign = DocumentFactory(published=True, title="别的机关的文件")
    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "draft_reply"}
    )
    form_html = client.get(url).content.decode()
    assert (
        "城乡低保标准调整通知" in form_html and "尚未发布的草稿" not in form_html and "别的机关的文件" not in form_html
    )
    # documents are named by index number (the form no longer lists every document of the organisation)
    typed = f"{public.index_number}\n000000000-2099-9999\n{draft.pk}"
    refused = client.post(url, {"reply_type": ReplyType.ALREADY_PUBLIC, "body": "已公开", "documents": typed})
    assert refused.status_code == 200
    refused_html = refused.content.decode()
    assert "以下索引号不存在或不是已主动公开的文件：000000000-2099-9999、" in refused_html
    assert "000000000-2099-9999" in refused_html.split("<textarea")[-1]  # what was typed is kept
    assert (
        client.post(
            url, {"reply_type": ReplyType.ALREADY_PUBLIC, "body": "已公开", "documents": f" {public.index_number} \n"}
        ).status_code
        == 302
    )
    reply = info_request.__class__.objects.get(pk=info_request.pk).reply
    assert list(reply.documents.all()) == [public]
    # the service applies the same gate even when called directly
    services.draft_reply(
        info_request, reply_type=ReplyType.ALREADY_PUBLIC, body="x", documents=[public, draft, foreign], by=handler
    )
    assert set(reply.documents.all()) == {public, foreign}
    detail = client.get(
        reverse("requests_app:staff_detail", kwargs={"org_pk": organisation.pk, "pk": info_request.pk})
    ).content.decode()
    assert reverse("disclosure:detail", kwargs={"pk": public.pk}) in detail
    letter = client.get(
        reverse("requests_app:staff_letter", kwargs={"org_pk": organisation.pk, "pk": info_request.pk})
    ).content.decode()
    assert "城乡低保标准调整通知" in letter and "尚未发布的草稿" not in letter


def test_approvals_and_art44_pages_have_bounded_queries(
    client, organisation, handler, reviewer, django_assert_max_num_queries
):
    for _ in range(6):
        info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS, subject="同一信息")
        services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
    client.force_login(reviewer)
    with django_assert_max_num_queries(10):
        assert (
            client.get(reverse("requests_app:staff_approvals", kwargs={"org_pk": organisation.pk})).status_code == 200
        )
    client.force_login(handler)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("requests_app:staff_art44", kwargs={"org_pk": organisation.pk})).status_code == 200


def test_reply_file_keeps_its_name_for_download_but_is_stored_under_a_random_one(client, organisation, handler):
    from django.core.files.uploadedfile import SimpleUploadedFile

    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "draft_reply"}
    )
    pdf = SimpleUploadedFile("低保名单 2025.pdf", b"%PDF-1.4\n" + b"0" * 200)
    assert client.post(url, {"reply_type": ReplyType.PROVIDED, "body": "见附件", "files": [pdf]}).status_code == 302
    reply_file = ReplyFile.objects.get(reply__request=info_request)
    assert reply_file.name == "低保名单 2025.pdf"
    assert "低保" not in reply_file.file.name and reply_file.file.name.endswith(".pdf")
    file_url = reverse(
        "requests_app:staff_file", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "file_pk": reply_file.pk}
    )
    download = client.get(file_url)
    assert "filename*=utf-8''%E4%BD%8E%E4%BF%9D" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # a file the storage has lost is a 404, not a 500
    reply_file.file.storage.delete(reply_file.file.name)
    assert client.get(file_url).status_code == 404


def test_renamed_file_of_another_type_is_refused(client, organisation, handler):
    from django.core.files.uploadedfile import SimpleUploadedFile

    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    client.force_login(handler)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": organisation.pk, "pk": info_request.pk, "action": "draft_reply"}
    )
    png_named_pdf = SimpleUploadedFile("名单.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 200)
    response = client.post(url, {"reply_type": ReplyType.PROVIDED, "body": "见附件", "files": [png_named_pdf]})
    assert response.status_code == 200 and "类型不支持或与扩展名不符" in response.content.decode()
    assert not ReplyFile.objects.exists()


def test_letter_docx_download_uses_the_shared_attachment_response(client, organisation, handler):
    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
    client.force_login(handler)
    kwargs = {"org_pk": organisation.pk, "pk": info_request.pk}
    response = client.get(reverse("requests_app:staff_letter_docx", kwargs=kwargs))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert response["Content-Disposition"] == f'attachment; filename="{info_request.tracking_number}.docx"'


def test_letter_dates_have_no_leading_zeros(organisation, handler, reviewer):
    from requests_app import letters

    info_request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    reply = services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
    services.approve_reply(reply, by=reviewer)
    services.send_reply(info_request, on=dt.date(2025, 3, 5), by=handler)
    content = letters.letter(info_request.reply)
    assert "本机关于2025年3月3日收到" in content.paragraphs[0]
    assert content.date == "2025年3月5日"
    assert letters.official_date(dt.date(2025, 12, 31)) == "2025年12月31日"


def test_queue_marks_due_soon_with_the_shared_rule(client, organisation, handler):
    today = timezone.localdate()
    horizon = services.deadlines.due_soon_horizon(today)
    edge = InformationRequestFactory(organisation=organisation, subject="期限在提醒范围边上", state=State.IN_PROGRESS)
    beyond = InformationRequestFactory(organisation=organisation, subject="刚过提醒范围", state=State.IN_PROGRESS)
    InformationRequest.objects.filter(pk=edge.pk).update(due_on=horizon)
    InformationRequest.objects.filter(pk=beyond.pk).update(due_on=add_working_days(horizon, 1))
    client.force_login(handler)
    html = client.get(reverse("requests_app:staff_queue", kwargs={"org_pk": organisation.pk})).content.decode()
    assert 'class="soon"' in html[html.index("期限在提醒范围边上") :].split("</tr>")[0]
    assert 'class="soon"' not in html[html.index("刚过提醒范围") :].split("</tr>")[0]
    soon_only = client.get(
        reverse("requests_app:staff_queue", kwargs={"org_pk": organisation.pk}), {"due": "soon"}
    ).content.decode()
    assert "期限在提醒范围边上" in soon_only and "刚过提醒范围" not in soon_only


def test_online_applications_not_confirmed_in_time_are_listed_as_overdue_to_confirm(client, organisation, handler):
    today = timezone.localdate()
    old = InformationRequestFactory(
        organisation=organisation,
        state=State.SUBMITTED,
        received_on=None,
        channel="online",
        submitted_at=timezone.now() - dt.timedelta(days=14),
        subject="逾期未确认的申请",
    )
    fresh = InformationRequestFactory(
        organisation=organisation,
        state=State.SUBMITTED,
        received_on=None,
        channel="online",
        submitted_at=timezone.now(),
        subject="今天提交的申请",
    )
    assert list(InformationRequest.objects.overdue_to_confirm(today)) == [old]
    client.force_login(handler)
    queue = reverse("requests_app:staff_queue", kwargs={"org_pk": organisation.pk})
    html = client.get(queue).content.decode()
    assert "超过规定时间仍未确认收到" in html
    listed = client.get(queue, {"due": "unconfirmed"}).content.decode()
    assert old.subject in listed and fresh.subject not in listed
    services.confirm_receipt(old, on=today, by=handler)
    assert "超过规定时间仍未确认收到" not in client.get(queue).content.decode()
