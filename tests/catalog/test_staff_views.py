"""Staff screens through the test client: what is typed is kept, messages are Chinese, queries are bounded."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.models import Catalog, CatalogItem, GuidelineEntry, NegativeListEntry
from catalog.spreadsheet import read_catalog
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory, NegativeListEntryFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

ITEM = {
    "first_level": "综合业务",
    "second_level": "办事指南",
    "content_elements": "申请条件、申请材料",
    "legal_basis": "《社会救助暂行办法》",
    "time_limit": "制定或获取信息之日起10个工作日内",
    "responsible_body": "城关街道办事处",
    "channels": ["website", "notice_board"],
    "audience_public": "on",
    "mode_proactive": "on",
    "level_township": "on",
}


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def editor_client(client, org):
    client.force_login(member(Role.EDITOR, org))
    return client


def url(name, org, **kwargs):
    return reverse(f"catalog:{name}", kwargs={"org_pk": org.pk, **kwargs})


def test_overview_lists_26_domains_with_status_in_bounded_queries(editor_client, org, django_assert_max_num_queries):
    publish_catalog(org, items=3)
    CatalogItemFactory(organisation=org, domain=domain("budgets"))
    CatalogItemFactory.create_batch(3, organisation=org, domain=domain("employment"))
    with django_assert_max_num_queries(12):
        response = editor_client.get(url("staff_home", org))
    assert response.status_code == 200
    rows = {r["domain"].code: r for r in response.context["rows"]}
    assert len(rows) == 26
    assert (str(rows["social-assistance"]["label"]), rows["social-assistance"]["count"]) == ("已发布", 3)
    assert str(rows["budgets"]["label"]) == "编制中"
    assert str(rows["tax"]["label"]) == "未开始"


def test_add_item_derives_the_time_limit_rule(editor_client, org):
    response = editor_client.post(url("staff_item_add", org, domain="social-assistance"), ITEM)
    assert response.status_code == 302
    item = CatalogItem.objects.get(organisation=org)
    assert (item.time_limit_kind, item.time_limit_days, item.time_limit_trigger) == ("working_days", 10, "made_or_obtained")
    assert item.channels == ["website", "notice_board"]
    assert str(item.time_limit_rule_text) == "10个工作日内"
    page = editor_client.get(url("staff_domain", org, domain="social-assistance")).content.decode()
    assert "10个工作日内</span>" in page


def test_bad_item_keeps_what_was_typed_and_explains_in_chinese(editor_client, org):
    data = {**ITEM, "second_level": "", "level_township": ""}
    response = editor_client.post(url("staff_item_add", org, domain="social-assistance"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个字段是必填项" in html or "必填" in html
    assert "请至少勾选一个公开层级" in html
    assert "制定或获取信息之日起10个工作日内" in html
    assert not CatalogItem.objects.exists()


def test_domain_page_with_many_items_is_bounded(editor_client, org, django_assert_max_num_queries):
    entries = GuidelineEntry.objects.filter(domain=domain())
    services.adopt(org, entries, by=member(Role.EDITOR, org))
    publish_catalog(org)
    with django_assert_max_num_queries(20):
        response = editor_client.get(url("staff_domain", org, domain="social-assistance"))
    assert response.status_code == 200
    assert response.content.decode().count('class="row-actions"') == entries.count()


def test_adopt_bulk_then_edit_move_and_not_applicable(editor_client, org):
    entries = list(GuidelineEntry.objects.filter(domain=domain())[:3])
    response = editor_client.post(url("staff_adopt", org, domain="social-assistance"), {"entries": [e.pk for e in entries]})
    assert response.status_code == 302
    items = list(CatalogItem.objects.filter(organisation=org).order_by("sort_order"))
    assert [i.guideline for i in items] == entries
    assert items[0].first_level == items[1].first_level != items[2].first_level
    editor_client.post(url("staff_item_move", org, item_pk=items[0].pk), {"direction": "down"})
    assert list(CatalogItem.objects.filter(organisation=org).order_by("sort_order")) == [items[1], items[0], items[2]]
    response = editor_client.post(url("staff_item_not_applicable", org, item_pk=items[0].pk), {"reason": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    editor_client.post(url("staff_item_not_applicable", org, item_pk=items[0].pk), {"reason": "本街道无此职能"})
    items[0].refresh_from_db()
    assert not items[0].is_applicable
    response = editor_client.get(url("staff_adopt", org, domain="social-assistance"))
    assert response.content.decode().count("已采用") >= 3


def test_adopting_nothing_is_a_clear_message(editor_client, org):
    response = editor_client.post(url("staff_adopt", org, domain="social-assistance"), {})
    assert "请至少勾选一项标准指引事项" in response.content.decode()


def test_editor_submits_reviewer_publishes_and_sends_back(client, org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    CatalogItemFactory(organisation=org)
    catalog = services.catalog_for(org, domain())
    client.force_login(editor)
    client.post(url("staff_submit", org, catalog_pk=catalog.pk), {"comment": "请审核"})
    page = client.get(url("staff_domain", org, domain="social-assistance")).content.decode()
    assert "等待本机构审核人审核发布" in page and "审核通过并发布" not in page
    client.force_login(reviewer)
    response = client.post(url("staff_send_back", org, catalog_pk=catalog.pk), {"comment": ""}, follow=True)
    assert "请填写退回理由" in response.content.decode()
    client.post(url("staff_publish", org, catalog_pk=catalog.pk), {"comment": "首次发布"})
    catalog.refresh_from_db()
    assert catalog.state == Catalog.State.PUBLISHED and catalog.current_version.change_summary == "首次发布"


def test_editing_a_submitted_catalog_is_refused_with_a_message(editor_client, org):
    item = CatalogItemFactory(organisation=org)
    services.submit(services.catalog_for(org, domain()), by=member(Role.EDITOR, org))
    response = editor_client.post(url("staff_item_edit", org, item_pk=item.pk), ITEM, follow=True)
    assert "审核人退回后才能修改" in response.content.decode()


def test_negative_list_editor(editor_client, org):
    data = {"scope": "信访人个人信息", "ground": "other_law", "legal_basis": "", "last_reviewed": "2026-06-30"}
    response = editor_client.post(url("staff_negative", org), data)
    assert response.status_code == 200 and "须写明具体的法律依据" in response.content.decode()
    assert "信访人个人信息" in response.content.decode()
    data["legal_basis"] = "《信访工作条例》第四十五条"
    assert editor_client.post(url("staff_negative", org), data).status_code == 302
    entry = NegativeListEntry.objects.get(organisation=org)
    NegativeListEntryFactory(organisation=org)
    editor_client.post(url("staff_negative_move", org, entry_pk=entry.pk), {"direction": "down"})
    editor_client.post(url("staff_negative_delete", org, entry_pk=entry.pk))
    assert not NegativeListEntry.objects.filter(pk=entry.pk).exists()


def test_guideline_revision_is_shown_and_can_be_taken_over(editor_client, org):
    entry = GuidelineEntry.objects.filter(domain=domain()).first()
    (item,) = services.adopt(org, [entry], by=member(Role.EDITOR, org))
    entry.time_limit = "信息形成或者变更之日起15个工作日内"
    entry.save()
    page = editor_client.get(url("staff_item_edit", org, item_pk=item.pk)).content.decode()
    assert "该指引事项在采用后已更新" in page and "信息形成或者变更之日起15个工作日内" in page
    # Saving the edit comes first; the replacing button follows it and asks before it discards typing.
    assert page.index("保存</button>") < page.index("改为标准指引的现行内容</button>")
    assert "data-confirm=" in page
    assert "标准指引已更新" in editor_client.get(url("staff_domain", org, domain="social-assistance")).content.decode()
    editor_client.post(url("staff_item_refresh", org, item_pk=item.pk))
    item.refresh_from_db()
    assert item.time_limit_days == 15 and not item.guideline_changed and item.origin == "采用"


def test_working_copy_export_reimports(editor_client, org):
    CatalogItemFactory.create_batch(2, organisation=org)
    response = editor_client.get(url("staff_export", org, domain="social-assistance"))
    assert [r["second_level"] for r in read_catalog(response.content).rows] == list(
        CatalogItem.objects.filter(organisation=org).values_list("second_level", flat=True)
    )


def test_reviewer_sees_the_pending_changes_in_detail(client, org):
    reviewer = member(Role.REVIEWER, org)
    version = publish_catalog(org)
    item = version.items.first().item
    item.time_limit = "及时公开"
    services.save_item(item, by=member(Role.EDITOR, org))
    services.submit(services.catalog_for(org, domain()), by=member(Role.EDITOR, org))
    client.force_login(reviewer)
    page = client.get(url("staff_domain", org, domain="social-assistance")).content.decode()
    assert "修改1项" in page and "公开时限" in page and "<ins>及时公开</ins>" in page


def test_duplicate_matter_is_refused(editor_client, org):
    CatalogItemFactory(organisation=org, first_level=ITEM["first_level"], second_level=ITEM["second_level"])
    response = editor_client.post(url("staff_item_add", org, domain="social-assistance"), ITEM)
    assert "本领域目录中已有相同的一级事项和二级事项" in response.content.decode()
    other_domain = editor_client.post(url("staff_item_add", org, domain="elderly-care"), ITEM)
    assert other_domain.status_code == 302


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("staff_domain", {"domain": "social-assistance"}), ("staff_export", {"domain": "social-assistance"}),
     ("staff_negative", {})],
)  # fmt: skip
def test_looking_at_a_catalog_page_writes_nothing(editor_client, org, name, kwargs):
    response = editor_client.get(url(name, org, **kwargs))
    assert response.status_code == 200
    assert not Catalog.objects.filter(organisation=org).exists()


def test_first_change_creates_the_working_copy(editor_client, org):
    editor_client.post(url("staff_negative", org), {
        "scope": "内部人事信息", "ground": "other_law", "legal_basis": "《信访工作条例》第四十五条", "last_reviewed": "2026-06-30",
    })  # fmt: skip
    assert Catalog.objects.filter(organisation=org, domain__isnull=True).exists()


def test_a_sent_back_catalog_says_so_and_why_at_the_top_until_submitted_again(client, org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    CatalogItemFactory(organisation=org)
    catalog = services.catalog_for(org, domain())
    services.submit(catalog, by=editor)
    client.force_login(reviewer)
    client.post(url("staff_send_back", org, catalog_pk=catalog.pk), {"comment": "公开时限写法不规范，请改为标准表述"})
    client.force_login(editor)
    page = client.get(url("staff_domain", org, domain="social-assistance")).content.decode()
    assert 'id="sent-back"' in page and "本目录已被退回修改" in page
    assert "公开时限写法不规范，请改为标准表述" in page
    assert page.index('id="sent-back"') < page.index("<table")  # at the top, before the working copy
    services.submit(catalog, by=editor)
    assert 'id="sent-back"' not in client.get(url("staff_domain", org, domain="social-assistance")).content.decode()
