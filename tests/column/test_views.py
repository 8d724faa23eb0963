"""Public column pages and the staff pages: gates, empty states, versions, downloads, uploads, bounded queries."""

import io
import zipfile

import pytest
from django.urls import reverse

from catalog.models import Domain
from column.models import Leader, Part, PartVersion
from disclosure.models import DocumentType, Validity
from portal.models import Organisation, OrganisationKind
from portal.roles import Role
from tests.column.conftest import publish, write
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, make_credit_code, member

pytestmark = pytest.mark.django_db
PAGES = ("home", "guide", "rules", "statutory", "annual_reports", "profile")
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00"
    b"\x00\x00\rIDATx\xdac\xfc\xcf\xc0P\x0f\x00\x04\x85\x01\x80\x84\xa9\x8c!\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _page(client, name, org, *args):
    return client.get(reverse(f"column:{name}", args=[org.pk, *args]))


def test_a_new_organisation_has_every_part_with_an_empty_state(client):
    org = OrganisationFactory(name="新设机构")
    for name in PAGES:
        response = _page(client, name, org)
        assert response.status_code == 200, name
        body = response.content.decode()
        for part in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "机构信息"):
            assert part in body  # the same navigation on every page
    assert "本机构尚未发布“政府信息公开指南”" in _page(client, "guide", org).content.decode()
    assert "传真" in _page(client, "guide", org).content.decode()  # the empty state says what to fill in
    assert "本机构尚未发布“机构信息”" in _page(client, "profile", org).content.decode()
    assert "本类暂无公开文件" in _page(client, "statutory", org).content.decode()


def test_an_organisation_created_in_the_admin_has_its_column_at_once(admin_client, client):
    """The issue's own journey: the supervising office adds an organisation in the admin, nothing else."""
    parent = OrganisationFactory(kind=OrganisationKind.COUNTY)
    response = admin_client.post(
        reverse("admin:portal_organisation_add"),
        {
            "name": "安平县新设事务中心",
            "kind": OrganisationKind.DEPARTMENT,
            "parent": parent.pk,
            "credit_code": make_credit_code(9901),
            "sort_order": 0,
            "is_active": "on",
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="安平县新设事务中心")
    for name in PAGES:
        response = _page(client, name, org)
        assert response.status_code == 200, name
        assert "安平县新设事务中心" in response.content.decode()
    assert "本机构尚未发布“政府信息公开指南”" in _page(client, "guide", org).content.decode()
    assert "本机构尚未发布“机构信息”" in _page(client, "profile", org).content.decode()


def test_villages_have_no_column(client):
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, credit_code=None)
    for name in PAGES:
        assert _page(client, name, village).status_code == 404
    inactive = OrganisationFactory(is_active=False)
    assert _page(client, "home", inactive).status_code == 404


def test_the_public_sees_the_published_version_never_the_draft(client, org, editor, reviewer):
    write(org, Part.GUIDE, editor, office_name="尚未审核的办公室")
    assert "尚未审核的办公室" not in _page(client, "guide", org).content.decode()
    publish(org, Part.GUIDE, editor, reviewer, office_name="已发布的办公室")
    write(org, Part.GUIDE, editor, office_name="修改中的办公室")
    body = _page(client, "guide", org).content.decode()
    assert "已发布的办公室" in body and "修改中的办公室" not in body and "0318-7000002" in body


def test_earlier_rules_stay_readable(client, org, editor, reviewer):
    publish(org, Part.RULES, editor, reviewer, confidentiality_review="第一版保密审查。")
    publish(org, Part.RULES, editor, reviewer, confidentiality_review="第二版保密审查。")
    current = _page(client, "rules", org).content.decode()
    assert "第二版保密审查" in current and reverse("column:rules_version", args=[org.pk, 1]) in current
    earlier = _page(client, "rules_version", org, 1).content.decode()
    assert "第一版保密审查" in earlier and "较早的版本" in earlier
    assert _page(client, "rules_version", org, 9).status_code == 404


def test_the_application_form_downloads_as_a4_docx_with_chinese_fonts(client, org, editor, reviewer):
    publish(org, Part.GUIDE, editor, reviewer)
    response = _page(client, "application_form_docx", org)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "政府信息公开申请表" in xml and "仿宋_GB2312" in xml and "方正小标宋简体" in xml
    assert 'w:w="11906"' in xml and 'w:h="16838"' in xml  # A4 in twentieths of a point
    assert "0318-7000002" in xml  # the office's fax from the published guide
    printed = _page(client, "application_form", org).content.decode()
    assert "政府信息公开申请表" in printed and "official.css" in printed and "0318-7000002" in printed


def test_leader_photos_are_served_only_as_published(client, org, editor, reviewer, login):
    profile = publish(org, Part.PROFILE, editor, reviewer)
    login(editor)
    url = reverse("column:staff_leader_new", args=[org.pk])
    bad = io.BytesIO(b"%PDF-1.4 not an image")
    bad.name = "photo.png"
    response = client.post(url, {"name": "张三", "post": "局长", "duties": "主持全面工作。", "sort_order": 1, "photo": bad})
    assert response.status_code == 200 and not Leader.objects.exists()
    assert "张三" in response.content.decode()  # the input is kept
    photo = io.BytesIO(PNG)
    photo.name = "photo.png"
    response = client.post(url, {"name": "张三", "post": "局长", "duties": "主持全面工作。", "sort_order": 1, "photo": photo})
    assert response.status_code == 302
    client.logout()
    assert _page(client, "leader_photo", org, 1, 0).status_code == 404  # the draft's photo is not public
    profile.refresh_from_db()
    from column import services

    services.transition(profile, "submit", by=editor)
    services.transition(profile, "publish", by=reviewer)
    response = _page(client, "leader_photo", org, 2, 0)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert "张三" in _page(client, "profile", org).content.decode()


def test_staff_edit_keeps_the_input_on_a_bad_phone_number(client, org, editor, login):
    login(editor)
    url = reverse("column:staff_edit", args=[org.pk, "guide"])
    assert client.get(url).status_code == 200
    from tests.column.conftest import GUIDE

    response = client.post(url, {**GUIDE, "fax": "请来电", "edit_version": ""})
    assert response.status_code == 200 and "请来电" in response.content.decode()
    response = client.post(url, {**GUIDE, "edit_version": ""})
    assert response.status_code == 302
    home = client.get(reverse("column:staff_home", args=[org.pk])).content.decode()
    assert "提交审核" in home
    assert client.get(reverse("column:staff_edit", args=[org.pk, "nonsense"])).status_code == 404


def test_staff_of_another_organisation_are_refused(client, org, login):
    outsider = member(Role.REVIEWER, OrganisationFactory())
    login(outsider)
    assert client.get(reverse("column:staff_home", args=[org.pk])).status_code == 403
    assert client.post(reverse("column:staff_event", args=[org.pk, "guide", "publish"])).status_code == 403


def test_the_workflow_buttons_publish_through_the_staff_pages(client, org, editor, reviewer, login):
    write(org, Part.RULES, editor)
    login(editor)
    client.post(reverse("column:staff_event", args=[org.pk, "rules", "submit"]), {"comment": ""})
    login(reviewer)
    client.post(reverse("column:staff_event", args=[org.pk, "rules", "send_back"]), {"comment": ""})  # no reason
    assert not PartVersion.objects.exists()
    client.post(reverse("column:staff_event", args=[org.pk, "rules", "publish"]), {"comment": "同意"})
    assert PartVersion.objects.current(org, Part.RULES).number == 1


def _documents(org, n):
    assistance = Domain.objects.get(code="social-assistance")
    for i in range(n):
        DocumentFactory(organisation=org, domain=assistance, published=True)
        policy = DocumentFactory(organisation=org, doc_type=DocumentType.NORMATIVE, published=True,
                                 validity=Validity.REPEALED if i % 2 else Validity.VALID)  # fmt: skip
        DocumentFactory(organisation=org, doc_type=DocumentType.INTERPRETATION, interprets=policy, published=True)


@pytest.mark.parametrize("n", [2, 12])
def test_pages_make_a_fixed_number_of_queries(client, org, editor, reviewer, n, django_assert_max_num_queries):
    _documents(org, n)
    publish(org, Part.PROFILE, editor, reviewer)
    for name in PAGES:
        with django_assert_max_num_queries(12):
            assert _page(client, name, org).status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get(reverse("column:policies"), {"organisation": org.pk})
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        assert _page(client, "statutory_heading", org, "normative").status_code == 200


def test_statutory_content_lists_documents_under_their_heading(client, org):
    _documents(org, 7)
    DocumentFactory(organisation=org, title="草稿不公开", doc_type=DocumentType.NORMATIVE)
    body = _page(client, "statutory", org).content.decode()
    assert "社会救助" in body and "草稿不公开" not in body
    assert _page(client, "statutory_heading", org, "normative").context["page"].object_list
    assert _page(client, "statutory_heading", org, "no-such").status_code == 404
    province = OrganisationFactory(kind=OrganisationKind.PROVINCE)
    assert _page(client, "statutory_heading", province, "social_assistance").status_code == 404  # Art. 21 only


def test_the_policy_library_filters_and_links_interpretations(client, org):
    _documents(org, 2)
    page = client.get(reverse("column:policies"), {"organisation": org.pk, "validity": "valid"}).context["page"]
    assert page.object_list and all(d.validity == Validity.VALID for d in page.object_list)
    assert all(d.doc_type in (DocumentType.NORMATIVE, DocumentType.POLICY) for d in page.object_list)
    body = client.get(reverse("column:policies"), {"organisation": org.pk}).content.decode()
    assert "政策解读" in body and "废止" in body
    assert client.get(reverse("column:policies"), {"year": "abc", "doc_type": "nonsense"}).status_code == 200


def test_the_document_page_shows_its_theme_and_links_its_column(client, org):
    document = DocumentFactory(organisation=org, topic="城乡低保", published=True)
    body = client.get(document.get_absolute_url()).content.decode()
    assert "主题分类" in body and "城乡低保" in body
    assert reverse("column:home", args=[org.pk]) in body


def test_the_sitemap_lists_every_organisation_column(client, org):
    body = client.get("/sitemap-column.xml").content.decode()
    assert reverse("column:guide", args=[org.pk]) in body and reverse("column:policies") in body
