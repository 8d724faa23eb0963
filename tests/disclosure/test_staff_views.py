import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import services
from disclosure.models import Attachment, Document, Status, Validity
from portal.roles import Role
from tests.factories import OrganisationFactory, member

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def url(name, org, document=None, **extra):
    kwargs = {"org_pk": org.pk, **extra}
    if document is not None:
        kwargs["pk"] = document.pk
    return reverse(f"disclosure:{name}", kwargs=kwargs)


FORM = {
    "title": "关于调整城乡低保标准的通知",
    "document_number": "安民发[2026]5号",
    "doc_type": "notice",
    "body": "<p>正文</p>",
    "attribute": "proactive",
}


def test_editor_drafts_and_submits_then_reviewer_publishes(client, org, editor, reviewer):
    client.force_login(editor)
    response = client.post(url("staff_create", org), FORM)
    document = Document.objects.get()
    assert response.status_code == 302 and document.document_number == "安民发〔2026〕5号"
    client.post(url("staff_submit", org, document))
    assert client.post(url("staff_publish", org, document)).status_code == 403  # editors cannot publish
    client.force_login(reviewer)
    assert document.title in client.get(url("staff_review", org)).content.decode()
    client.post(url("staff_publish", org, document), {"comment": "同意"})
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED and document.index_number


def test_form_refuses_withheld_without_ground_and_keeps_input(client, org, editor):
    client.force_login(editor)
    response = client.post(url("staff_create", org), FORM | {"attribute": "withheld", "title": "内部人事安排"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "须选择法定依据" in html and "须填写理由说明" in html
    assert 'value="内部人事安排"' in html
    assert not Document.objects.exists()
    response = client.post(
        url("staff_create", org),
        FORM | {"attribute": "withheld", "withholding_ground": "art16_1", "withholding_explanation": "内部事务"},
    )
    assert response.status_code == 302
    assert Document.objects.get().next_review_on is not None


def test_send_back_needs_reason(client, org, editor, reviewer):
    document = services.submit(services.save_draft(Document(organisation=org, title="t"), by=editor), by=editor)
    client.force_login(reviewer)
    response = client.post(url("staff_send_back", org, document), {"comment": ""}, follow=True)
    assert "请填写理由" in response.content.decode()
    client.post(url("staff_send_back", org, document), {"comment": "请补充正文"})
    document.refresh_from_db()
    assert document.status == Status.DRAFT


def test_self_approval_is_refused_with_a_message(client, org, reviewer):
    document = services.submit(services.save_draft(Document(organisation=org, title="t"), by=reviewer), by=reviewer)
    client.force_login(reviewer)
    response = client.post(url("staff_publish", org, document), follow=True)
    assert "不能审核发布本人起草" in response.content.decode()


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("通知.pdf", b"%PDF-1.4\n%\xe2\xe3", True),
        ("表格.docx", _docx_bytes(), True),
        ("照片.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, True),
        ("伪装.pdf", b"MZ\x90\x00 not a pdf", False),
        ("脚本.html", b"<script>alert(1)</script>", False),
        ("压缩.docx", b"%PDF-1.4", False),  # extension and content disagree
    ],
)
def test_attachment_type_checked_by_content(client, org, editor, name, content, ok):
    document = services.save_draft(Document(organisation=org, title="t"), by=editor)
    client.force_login(editor)
    client.post(url("staff_attach", org, document), {"file": SimpleUploadedFile(name, content)})
    attachments = list(Attachment.objects.all())
    assert bool(attachments) is ok
    if ok:
        assert attachments[0].original_name == name
        assert name not in attachments[0].file.name  # safe stored name


def test_attachment_size_limit(client, org, editor, settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 10
    document = services.save_draft(Document(organisation=org, title="t"), by=editor)
    client.force_login(editor)
    response = client.post(
        url("staff_attach", org, document), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4" + b"0" * 20)}, follow=True
    )
    assert "文件“a.pdf”过大" in response.content.decode()  # the shared portal.uploads message
    assert not Attachment.objects.exists()


def test_withdraw_correct_reassess_and_cleanup(client, org, editor, reviewer):
    published = DocumentFactory(organisation=org, published=True)
    client.force_login(reviewer)
    client.post(url("staff_correct", org, published))
    correction = Document.objects.get(supersedes=published)
    assert correction.status == Status.DRAFT
    client.post(url("staff_withdraw", org, published), {"comment": "有误"})
    published.refresh_from_db()
    assert published.status == Status.WITHDRAWN

    withheld = DocumentFactory(organisation=org, published=True, withheld=True, next_review_on="2020-01-01")
    assert withheld.title in client.get(url("staff_reassessment", org)).content.decode()
    response = client.post(url("staff_reassess", org, withheld), {"decision": "disclose", "reason": ""})
    assert "请填写理由" in response.content.decode()
    client.post(url("staff_reassess", org, withheld), {"decision": "disclose", "reason": "已不涉及内部事务"})
    withheld.refresh_from_db()
    assert withheld.status == Status.SUBMITTED and withheld.attribute == "proactive"

    valid = DocumentFactory(organisation=org, published=True)
    response = client.post(url("staff_cleanup", org), {
        "held_on": "2026-11-01", "scope": "2020年以前文件", "note": "", "new_validity": "expired",
        "effective_on": "2026-11-01", "documents": [valid.pk],
    })  # fmt: skip
    valid.refresh_from_db()
    assert valid.validity == Validity.EXPIRED
    page = client.get(response["Location"]).content.decode()
    assert "清理结果" in page and valid.title in page


def test_staff_list_bounded_queries(client, org, editor, django_assert_max_num_queries):
    for _ in range(15):
        DocumentFactory(organisation=org)
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        response = client.get(url("staff_home", org))
    assert response.status_code == 200
    document = Document.objects.first()
    with django_assert_max_num_queries(16):
        assert client.get(url("staff_detail", org, document)).status_code == 200


STAFF_URLS = [
    ("staff_home", False, "get"), ("staff_create", False, "get"), ("staff_review", False, "get"),
    ("staff_reassessment", False, "get"), ("staff_cleanup", False, "get"), ("staff_detail", True, "get"),
    ("staff_edit", True, "get"), ("staff_print", True, "get"), ("staff_attach", True, "post"), ("staff_submit", True, "post"),
    ("staff_publish", True, "post"), ("staff_send_back", True, "post"), ("staff_withdraw", True, "post"),
    ("staff_correct", True, "post"), ("staff_reassess", True, "get"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "with_document", "method"), STAFF_URLS)
def test_every_staff_url_is_403_for_other_organisations(client, org, name, with_document, method):
    outsider = member(Role.REVIEWER, OrganisationFactory())
    document = DocumentFactory(organisation=org)
    client.force_login(outsider)
    target = url(name, org, document if with_document else None)
    response = getattr(client, method)(target)
    assert response.status_code == 403
    attachment = Attachment.objects.create(document=document, file="x.pdf", original_name="x.pdf", kind="pdf", size=1)
    for extra in ["staff_attachment", "staff_attachment_delete"]:
        assert client.get(url(extra, org, document, attachment_pk=attachment.pk)).status_code == 403


def test_document_of_another_organisation_is_404_in_own_scope(client, org, editor):
    foreign = DocumentFactory()
    client.force_login(editor)
    assert client.get(url("staff_detail", org, foreign)).status_code == 404


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(url("staff_home", org))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_detail_shows_the_article_26_deadline(client, org, editor):
    import datetime as dt

    document = services.save_draft(Document(organisation=org, title="t", formed_on=dt.date(2026, 3, 2)), by=editor)
    client.force_login(editor)
    html = client.get(url("staff_detail", org, document)).content.decode()
    assert '<time datetime="2026-03-30">2026-03-30</time>' in html


def test_list_offers_feeds_for_the_chosen_organisation(client, org):
    DocumentFactory(organisation=org, published=True)
    html = client.get(reverse("disclosure:list"), {"organisation": org.pk}).content.decode()
    assert reverse("disclosure:org_rss", args=[org.pk]) in html
    assert reverse("disclosure:org_atom", args=[org.pk]) in html


def test_reassessment_keep_moves_the_next_review_a_year_on(client, org, reviewer):
    document = DocumentFactory(organisation=org, published=True, on_request=True, next_review_on="2020-01-01")
    client.force_login(reviewer)
    client.post(url("staff_reassess", org, document), {"decision": "keep", "reason": "仍涉及个人隐私"})
    document.refresh_from_db()
    assert document.attribute == "on_request" and str(document.next_review_on) > "2026-01-01"
    assert document.events.last().comment == "仍涉及个人隐私"
    assert document.title not in client.get(url("staff_reassessment", org)).content.decode()


def test_cleanup_form_needs_documents_and_keeps_input(client, org, reviewer):
    client.force_login(reviewer)
    response = client.post(url("staff_cleanup", org), {
        "held_on": "2026-11-01", "scope": "2019年以前文件", "new_validity": "repealed", "effective_on": "2026-11-01",
    })  # fmt: skip
    html = response.content.decode()
    assert "请至少选择一个文件" in html and 'value="2019年以前文件"' in html


def test_editor_cannot_reach_reviewer_screens(client, org, editor):
    client.force_login(editor)
    for name in ["staff_review", "staff_reassessment", "staff_cleanup"]:
        assert client.get(url(name, org)).status_code == 403


def test_reviewer_detail_has_unique_field_ids(client, org, editor, reviewer):
    import re

    document = services.submit(services.save_draft(Document(organisation=org, title="t"), by=editor), by=editor)
    client.force_login(reviewer)
    html = client.get(url("staff_detail", org, document)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_staff_print_view_carries_the_attribute_mark(client, org, editor):
    document = DocumentFactory(organisation=org, published=True, withheld=True)
    client.force_login(editor)
    html = client.get(url("staff_print", org, document)).content.decode()
    assert "此件不予公开" in html and url("staff_detail", org, document) in html


@pytest.mark.parametrize("field", ["written_on", "formed_on"])
def test_dates_in_the_future_are_a_form_error_not_a_500(client, org, editor, field):
    client.force_login(editor)
    response = client.post(url("staff_create", org), FORM | {field: "9999-12-31"})
    assert response.status_code == 200
    assert "日期不能晚于今天" in response.content.decode()
    assert "9999-12-31" in response.content.decode()  # what was typed is kept
    assert not Document.objects.exists()


def test_staff_detail_survives_a_formed_on_at_the_calendars_end(client, org, editor):
    import datetime as dt

    document = services.save_draft(Document(organisation=org, title="t", formed_on=dt.date(9999, 12, 31)), by=editor)
    client.force_login(editor)
    assert services.publication_due(document) is None
    assert not services.is_late(document.formed_on, dt.date(2026, 1, 1))
    assert client.get(url("staff_detail", org, document)).status_code == 200


def test_staff_detail_links_the_public_page_only_when_the_gate_lets_it_through(client, org, editor):
    public = DocumentFactory(organisation=org, published=True)
    withheld = DocumentFactory(organisation=org, published=True, withheld=True)
    client.force_login(editor)
    assert "查看公开页面" in client.get(url("staff_detail", org, public)).content.decode()
    assert "查看公开页面" not in client.get(url("staff_detail", org, withheld)).content.decode()


def test_drafts_cannot_be_filed_under_removed_catalog_items(client, org, editor):
    from tests.catalog.factories import CatalogItemFactory

    kept = CatalogItemFactory(organisation=org)
    removed = CatalogItemFactory(organisation=org, removed=True)
    client.force_login(editor)
    response = client.post(url("staff_create", org), FORM | {"catalog_items": [removed.pk]})
    assert response.status_code == 200 and not Document.objects.exists()
    client.post(url("staff_create", org), FORM | {"catalog_items": [kept.pk]})
    assert list(Document.objects.get().catalog_items.all()) == [kept]


def test_cleanup_candidates_are_capped_and_filterable(client, org, reviewer, django_assert_max_num_queries):
    import datetime as dt

    from disclosure.forms import CANDIDATE_LIMIT

    for i in range(CANDIDATE_LIMIT + 5):
        DocumentFactory(organisation=org, published=True, title=f"普通文件{i}", published_on=dt.date(2025, 1, 1))
    target = DocumentFactory(
        organisation=org, published=True, title="二〇二〇年旧规定", published_on=dt.date(2020, 5, 1)
    )
    client.force_login(reviewer)
    with django_assert_max_num_queries(14):
        response = client.get(url("staff_cleanup", org))
    html = response.content.decode()
    assert html.count('name="documents"') == CANDIDATE_LIMIT
    assert "请用上方的筛选条件缩小范围" in html
    narrowed = client.get(url("staff_cleanup", org), {"year": 2020, "q": "旧规定"}).content.decode()
    assert narrowed.count('name="documents"') == 1 and target.title in narrowed
    # A document beyond the rendered cap can still be chosen (validation runs on the filtered set).
    oldest = Document.objects.filter(title="普通文件0").get()
    response = client.post(url("staff_cleanup", org), {
        "held_on": "2026-11-01", "scope": "清理", "note": "", "new_validity": "expired",
        "effective_on": "2026-11-01", "documents": [oldest.pk],
    })  # fmt: skip
    assert response.status_code == 302
    assert client.post(url("staff_cleanup", org), {"held_on": "9999-12-31"}).status_code == 200


@pytest.mark.parametrize("name", ["staff_review", "staff_reassessment"])
def test_queues_are_paginated_not_cut(client, org, reviewer, name, django_assert_max_num_queries):
    from disclosure.staff_views import QUEUE_PAGE_SIZE

    kind = {"status": Status.SUBMITTED} if name == "staff_review" else {
        "published": True, "withheld": True, "next_review_on": "2020-01-01"}  # fmt: skip
    DocumentFactory.create_batch(QUEUE_PAGE_SIZE + 1, organisation=org, **kind)
    client.force_login(reviewer)
    with django_assert_max_num_queries(14):
        first = client.get(url(name, org))
    assert len(first.context["page_obj"].object_list) == QUEUE_PAGE_SIZE
    assert "下一页" in first.content.decode()
    assert len(client.get(url(name, org), {"page": 2}).context["page_obj"].object_list) == 1
