"""The supervising office's admin: coverage per organisation × domain, read-only versions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from catalog.models import Catalog
from catalog.reports import DRAFT, NOT_STARTED, PUBLISHED, SUBMITTED, cell_status, coverage
from catalog.sitemaps import CatalogSitemap
from portal.models import OrganisationKind
from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "has_version", "items", "expected"),
    [
        (None, False, 0, NOT_STARTED),
        (None, False, 3, DRAFT),
        (Catalog.State.DRAFT, False, 0, NOT_STARTED),
        (Catalog.State.DRAFT, False, 2, DRAFT),
        (Catalog.State.SUBMITTED, False, 2, SUBMITTED),
        (Catalog.State.PUBLISHED, True, 2, PUBLISHED),
        (Catalog.State.DRAFT, True, 2, PUBLISHED),  # the public still sees the published version
    ],
)
def test_cell_status(state, has_version, items, expected):
    catalog = None if state is None else Catalog(state=state, current_version_id=1 if has_version else None)
    assert cell_status(catalog, items) == expected


def test_coverage_view_for_the_supervising_office(client, django_assert_max_num_queries):
    county = OrganisationFactory(kind=OrganisationKind.COUNTY)
    dept = OrganisationFactory(parent=county)
    publish_catalog(dept)
    CatalogItemFactory(organisation=county, domain=domain("budgets"))
    table = coverage()
    rows = {org.pk: cells for org, cells, _n in table["rows"]}
    index = [d.code for d in table["domains"]].index("social-assistance")
    assert rows[dept.pk][index].status == PUBLISHED and rows[dept.pk][index].version == 1
    supervisor = UserFactory(is_staff=True)
    supervisor.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalog", codename__startswith="view_"))
    client.force_login(supervisor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("admin:catalog_catalogcoverage_changelist"))
    assert response.status_code == 200 and "已发布 v1" in response.content.decode()
    assert client.get(reverse("admin:index")).content.decode().count("目录编制覆盖情况") >= 1


def test_versions_are_read_only_in_admin(admin_client):
    version = publish_catalog(OrganisationFactory())
    response = admin_client.get(reverse("admin:catalog_catalogversion_change", args=[version.pk]))
    assert response.status_code == 200
    assert admin_client.get(reverse("admin:catalog_catalogversion_add")).status_code == 403
    for name in ("domain", "guidelineentry", "catalogitem", "catalog", "negativelistentry", "catalogversion"):
        assert admin_client.get(reverse(f"admin:catalog_{name}_changelist")).status_code == 200, name


def test_sitemap_lists_current_published_pages_only():
    dept = OrganisationFactory()
    publish_catalog(dept)
    CatalogItemFactory(organisation=OrganisationFactory())
    locations = [CatalogSitemap().location(v) for v in CatalogSitemap().items()]
    assert locations == [reverse("catalog:domain", kwargs={"org_pk": dept.pk, "domain": "social-assistance"})]


def test_a_catalog_cannot_be_deleted_in_the_admin(admin_client):
    org = OrganisationFactory()
    catalog = publish_catalog(org).catalog
    assert admin_client.get(reverse("admin:catalog_catalog_delete", args=[catalog.pk])).status_code == 403
    change = admin_client.get(reverse("admin:catalog_catalog_change", args=[catalog.pk])).content.decode()
    assert 'name="state"' not in change  # the state is shown, not editable
