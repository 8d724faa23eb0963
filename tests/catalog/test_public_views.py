"""Public catalog pages read published versions only; unpublished things are 404."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.models import CatalogItem
from portal.models import OrganisationKind
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory, NegativeListEntryFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    return OrganisationFactory(kind=OrganisationKind.COUNTY, name="安平县人民政府")


@pytest.fixture
def dept(county):
    return OrganisationFactory(parent=county, name="安平县民政局")


def test_home_shows_tree_and_published_domains_in_bounded_queries(client, county, dept, django_assert_max_num_queries):
    publish_catalog(dept, items=2)
    publish_catalog(dept, domain("elderly-care"), items=1)
    for _n in range(5):
        publish_catalog(OrganisationFactory(parent=county), items=1)
    CatalogItemFactory(organisation=county, domain=domain("budgets"))  # a draft: not shown
    with django_assert_max_num_queries(6):
        response = client.get(reverse("catalog:home"))
    html = response.content.decode()
    assert "安平县民政局" in html and "社会救助" in html and "养老服务" in html
    assert "财政预决算" not in html
    (group,) = response.context["counties"]
    assert group["county"] == county and len(group["departments"]) == 6 and group["townships"] == []


def test_domain_page_shows_only_the_current_version(client, dept, django_assert_max_num_queries):
    items = CatalogItemFactory.create_batch(8, organisation=dept)
    publish_catalog(dept)
    items[0].second_level = "尚未发布的新名称"
    items[0].save()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalog:domain", kwargs={"org_pk": dept.pk, "domain": "social-assistance"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert items[1].second_level in html and "尚未发布的新名称" not in html
    assert "公开渠道和载体" in html and "政府网站、社区/企事业单位/村公示栏（电子屏）" in html


def test_unpublished_things_are_404(client, dept):
    CatalogItemFactory(organisation=dept)
    for name, kwargs in [
        ("catalog:organisation", {}),
        ("catalog:domain", {"domain": "social-assistance"}),
        ("catalog:domain_xlsx", {"domain": "social-assistance"}),
        ("catalog:history", {"domain": "social-assistance"}),
        ("catalog:version", {"domain": "social-assistance", "number": 1}),
        ("catalog:negative", {}),
    ]:
        assert client.get(reverse(name, kwargs={"org_pk": dept.pk, **kwargs})).status_code == 404, name
    dept.is_active = False
    dept.save()


def test_inactive_organisation_hides_its_published_catalog(client, dept):
    publish_catalog(dept)
    dept.is_active = False
    dept.save()
    assert client.get(reverse("catalog:domain", kwargs={"org_pk": dept.pk, "domain": "social-assistance"})).status_code == 404


def test_history_and_version_diff_pages(client, dept):
    editor, reviewer = member(Role.EDITOR, dept), member(Role.REVIEWER, dept)
    a, b = CatalogItemFactory.create_batch(2, organisation=dept)
    publish_catalog(dept, editor=editor, reviewer=reviewer)
    a.time_limit = "及时公开"
    a.save()
    services.remove_item(b, by=editor)
    CatalogItemFactory(organisation=dept, second_level="新增的事项")
    catalog = services.catalog_for(dept, domain())
    services.submit(catalog, by=editor)
    services.publish(catalog, by=reviewer)
    kwargs = {"org_pk": dept.pk, "domain": "social-assistance"}
    history = client.get(reverse("catalog:history", kwargs=kwargs)).content.decode()
    assert "第2版" in history and "新增1项，删除1项，修改1项" in history
    page = client.get(reverse("catalog:version", kwargs={**kwargs, "number": 2})).content.decode()
    assert "新增的事项" in page and b.second_level in page and "及时公开" in page
    old = client.get(reverse("catalog:version_table", kwargs={**kwargs, "number": 1})).content.decode()
    assert b.second_level in old and "这是历史版本" in old
    assert client.get(reverse("catalog:version", kwargs={**kwargs, "number": 3})).status_code == 404


def test_print_view_and_documents_link(client, dept):
    publish_catalog(dept)
    response = client.get(reverse("catalog:domain", kwargs={"org_pk": dept.pk, "domain": "social-assistance"}) + "?print=1")
    assert response.status_code == 200 and "catalog.css" in response.content.decode()


def test_negative_list_page(client, dept):
    NegativeListEntryFactory(organisation=dept, scope="干部人事档案")
    catalog = services.catalog_for(dept, None)
    services.submit(catalog, by=member(Role.EDITOR, dept))
    services.publish(catalog, by=member(Role.REVIEWER, dept))
    html = client.get(reverse("catalog:negative", kwargs={"org_pk": dept.pk})).content.decode()
    assert "干部人事档案" in html and "内部事务信息" in html


def test_published_items_gate_is_what_disclosure_will_use(dept):
    publish_catalog(dept)
    assert CatalogItem.objects.published().count() == 2


def test_organisation_history_and_version_pages_are_bounded(client, dept, django_assert_max_num_queries):
    editor, reviewer = member(Role.EDITOR, dept), member(Role.REVIEWER, dept)
    items = CatalogItemFactory.create_batch(6, organisation=dept)
    for n in range(4):
        items[n].second_level = f"第{n}次修改"
        items[n].save()
        publish_catalog(dept, editor=editor, reviewer=reviewer)
    publish_catalog(dept, domain("elderly-care"), items=3, editor=editor, reviewer=reviewer)
    kwargs = {"org_pk": dept.pk, "domain": "social-assistance"}
    pages = [
        reverse("catalog:organisation", kwargs={"org_pk": dept.pk}),
        reverse("catalog:history", kwargs=kwargs),
        reverse("catalog:version", kwargs={**kwargs, "number": 3}),
        reverse("catalog:version_table", kwargs={**kwargs, "number": 2}),
        reverse("catalog:domain_xlsx", kwargs=kwargs),
    ]
    for page in pages:
        with django_assert_max_num_queries(8):
            assert client.get(page).status_code == 200, page
