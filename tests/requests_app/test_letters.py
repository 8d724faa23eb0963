"""Letters and notices: every step the applicant must be told of has its letter, on paper, in Word, by mail and on
the tracking page, in the letter format of official documents; the supervising office can reword them."""

import datetime as dt
import io
import time

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from docx import Document as DocxDocument

from requests_app import letters, services
from requests_app.admin import LetterTemplateForm
from requests_app.models import ConsultationKind, LetterKind, LetterTemplate, ReplyFile, ReplyType, State
from requests_app.views import TRACKED_SECONDS, TRACKED_SESSION_KEY

from .factories import QUERY_CODE, InformationRequestFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def journey(organisation, handler, reviewer, django_capture_on_commit_callbacks):
    """A request that went through every lettered step, with mail captured."""
    with django_capture_on_commit_callbacks(execute=True):
        request = InformationRequestFactory(
            organisation=organisation, received_on=D(2025, 3, 3), email="zhang@example.cn"
        )
        services.request_correction(
            request, on=D(2025, 3, 5), applicant_deadline=D(2025, 3, 19), comment="请写明文件的年份。", by=handler
        )
        services.record_correction(request, on=D(2025, 3, 10), by=handler)
        services.start_handling(request, on=D(2025, 3, 11), by=handler)
        consultation = services.start_consultation(
            request, kind=ConsultationKind.THIRD_PARTY, party="安平县康乐养老院", sent_on=D(2025, 3, 12), by=handler
        )
        services.record_consultation_answer(consultation, answered_on=D(2025, 3, 20), answer="同意", by=handler)
        notice = services.send_fee_notice(request, method="page", quantity=120, on=D(2025, 3, 21), by=handler)
        services.record_fee_payment(notice, on=D(2025, 3, 24), by=handler)
        services.grant_extension(
            request, days=10, reason="需要调取档案", approved_by="政务公开科科长", on=D(2025, 4, 1), by=handler
        )
        reply = services.draft_reply(request, reply_type=ReplyType.PROVIDED, body="现提供所申请的文件。", by=handler)
        services.approve_reply(reply, by=reviewer)
        services.send_reply(request, on=D(2025, 4, 10), by=handler)
    request.refresh_from_db()
    return request, consultation, notice


def test_every_step_has_its_letter(journey):
    request, consultation, notice = journey
    kinds = [(kind, item) for kind, item in letters.available(request)]
    assert kinds == [
        (LetterKind.RECEIPT, None),
        (LetterKind.CORRECTION, None),
        (LetterKind.EXTENSION, None),
        (LetterKind.CONSULTATION, consultation),
        (LetterKind.FEE, notice),
        (LetterKind.REPLY, None),
    ]
    correction = letters.build(LetterKind.CORRECTION, request)
    assert "请写明文件的年份。" in "".join(correction.paragraphs) and correction.date == "2025年3月5日"
    assert "2025年3月19日" in "".join(correction.paragraphs)
    extension = letters.build(LetterKind.EXTENSION, request)
    assert "延长10个工作日" in "".join(extension.paragraphs)
    third_party = letters.build(LetterKind.CONSULTATION, request, consultation)
    assert third_party.addressee == "安平县康乐养老院：" and request.applicant_name not in "".join(
        third_party.paragraphs
    )
    fee = letters.build(LetterKind.FEE, request, notice)
    assert "1100元" in "".join(fee.paragraphs) and "提供信息共120页" in "".join(fee.paragraphs)
    for letter in (correction, extension, third_party, fee):
        assert "{" not in "".join(letter.paragraphs)  # every placeholder filled


def test_the_applicant_is_mailed_each_notice_after_the_commit(journey):
    request, _consultation, _notice = journey
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        f"政府信息公开申请补正告知书（{request.tracking_number}）",
        f"政府信息公开信息处理费收费通知书（{request.tracking_number}）",
        f"政府信息公开申请延期答复告知书（{request.tracking_number}）",
        f"政府信息公开申请答复书（{request.tracking_number}）",
    ]
    assert all(message.to == ["zhang@example.cn"] for message in mail.outbox)
    assert "请写明文件的年份。" in mail.outbox[0].body and "60日内" in mail.outbox[-1].body


def test_staff_print_and_word_for_each_letter(client, journey, handler):
    request, consultation, notice = journey
    client.force_login(handler)
    detail = client.get(
        reverse("requests_app:staff_detail", args=[request.organisation.pk, request.pk])
    ).content.decode()
    assert "补正告知书" in detail and "征求意见函" in detail and "收费通知书" in detail
    kwargs = {"org_pk": request.organisation.pk, "pk": request.pk}
    html = client.get(reverse("requests_app:staff_letter_of", kwargs={**kwargs, "kind": "correction"})).content.decode()
    assert '<html lang="zh-CN">' in html and "official.css" in html and 'class="issuer">安平县民政局<' in html
    item = {**kwargs, "kind": "fee", "item": notice.pk}
    assert "1100元" in client.get(reverse("requests_app:staff_letter_item", kwargs=item)).content.decode()
    wrong = {**kwargs, "kind": "fee", "item": consultation.pk + 1000}
    assert client.get(reverse("requests_app:staff_letter_item", kwargs=wrong)).status_code == 404
    assert client.get(reverse("requests_app:staff_letter_of", kwargs={**kwargs, "kind": "transfer"})).status_code == 404
    response = client.get(reverse("requests_app:staff_letter_item_docx", kwargs=item))
    assert response["Content-Disposition"].endswith(f'{request.tracking_number}-fee.docx"')


def test_the_word_letter_uses_the_official_layout(journey):
    request, _consultation, _notice = journey
    document = DocxDocument(io.BytesIO(letters.to_docx(letters.build(LetterKind.EXTENSION, request))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    header, reference = document.paragraphs[0], document.paragraphs[1]
    assert header.text == "安平县民政局" and str(header.runs[0].font.color.rgb) == "E60012"
    assert header._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") is not None
    body = next(p for p in document.paragraphs if "延长10个工作日" in p.text)
    fonts = body.runs[0]._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    assert document.core_properties.language == "zh-CN"
    assert reference.text.endswith("号")


def test_the_tracking_page_offers_the_applicants_letters_and_files(client, journey, tmp_path):
    request, _consultation, _notice = journey
    reply_file = ReplyFile.objects.create(reply=request.reply, name="文件.pdf", content_type="application/pdf", size=9)
    reply_file.file.save("x.pdf", io.BytesIO(b"%PDF-1.4\n"), save=True)
    html = client.post(
        reverse("requests_app:track"), {"tracking_number": request.tracking_number, "query_code": QUERY_CODE}
    ).content.decode()
    assert "补正告知书" in html and "答复书" in html and "文件.pdf" in html
    assert "征求意见函" not in html  # a letter to the third party is not the applicant's
    letter = client.get(reverse("requests_app:track_letter", kwargs={"kind": "reply"}))
    assert letter.status_code == 200 and "60日内" in letter.content.decode()
    assert client.get(reverse("requests_app:track_letter", kwargs={"kind": "consultation"})).status_code == 404
    download = client.get(reverse("requests_app:track_file", kwargs={"file_pk": reply_file.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_letters_need_a_fresh_lookup(client, journey):
    request, _consultation, _notice = journey
    url = reverse("requests_app:track_letter", kwargs={"kind": "reply"})
    assert client.get(url).status_code == 404  # no lookup in this session
    session = client.session
    session[TRACKED_SESSION_KEY] = {"pk": request.pk, "at": int(time.time()) - TRACKED_SECONDS - 1}
    session.save()
    assert client.get(url).status_code == 404  # looked up too long ago


def test_an_unsent_reply_is_not_the_applicants_yet(client, organisation, handler):
    request = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS)
    services.draft_reply(request, reply_type=ReplyType.PROVIDED, body="草稿", by=handler)
    client.post(reverse("requests_app:track"), {"tracking_number": request.tracking_number, "query_code": QUERY_CODE})
    assert client.get(reverse("requests_app:track_letter", kwargs={"kind": "reply"})).status_code == 404


def test_the_supervising_office_rewords_a_letter(journey):
    request, _consultation, _notice = journey
    bad = LetterTemplateForm({"kind": LetterKind.EXTENSION, "wording": "因{延期理由}延期至{答复日}。"})
    assert not bad.is_valid() and "{答复日}" not in bad.errors["wording"][0] and "答复日" in bad.errors["wording"][0]
    good = LetterTemplateForm(
        {"kind": LetterKind.EXTENSION, "wording": "经批准，答复期限延长{延长天数}个工作日。\n特此告知。"}
    )
    assert good.is_valid(), good.errors
    good.save()
    assert letters.build(LetterKind.EXTENSION, request).paragraphs == ["经批准，答复期限延长10个工作日。", "特此告知。"]
    LetterTemplate.objects.all().delete()
    assert "需要调取档案" in "".join(letters.build(LetterKind.EXTENSION, request).paragraphs)


def test_the_letter_template_admin_shows_the_default_wording(admin_user):
    admin = site._registry[LetterTemplate]
    request = RequestFactory().get("/")
    request.user = admin_user
    shown = admin.default_wording(LetterTemplate(kind=LetterKind.FEE))
    assert "{缴费期限}" in shown and "<p>" in shown


def test_a_walk_in_applicant_gets_a_printed_receipt_with_the_query_code(client, organisation, handler):
    from .factories import applicant_data

    client.force_login(handler)
    url = reverse("requests_app:staff_intake", kwargs={"org_pk": organisation.pk})
    data = {**applicant_data(), "channel": "in_person", "arrived_on": "2025-03-03", "confirmed_on": ""}
    done = client.post(url, data, follow=True).content.decode()
    assert "政府信息公开申请受理回执" in done and "查询码：" in done and "2025年3月31日" in done
    code = done.split("查询码：")[1][:10]
    assert code.isalnum() and "已在受理时告知" not in done
    # printed again later (from the request page), the receipt no longer carries the code
    from requests_app.models import InformationRequest

    request = InformationRequest.objects.get()
    again = client.get(reverse("requests_app:staff_letter_of", args=[organisation.pk, request.pk, "receipt"]))
    assert code not in again.content.decode() and "已在受理时告知" in again.content.decode()
