"""Every staff URL of the catalog: 403 for members of another organisation or without the role, login for anonymous."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.models import ImportJob
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory, NegativeListEntryFactory, domain
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

# (url name, kwargs builder, method, required role)
DRAFT, REVIEW = Role.EDITOR, Role.REVIEWER
STAFF_URLS = [
    ("catalog:staff_home", lambda o: {}, "get", DRAFT),
    ("catalog:staff_domain", lambda o: {"domain": "social-assistance"}, "get", DRAFT),
    ("catalog:staff_item_add", lambda o: {"domain": "social-assistance"}, "post", DRAFT),
    ("catalog:staff_adopt", lambda o: {"domain": "social-assistance"}, "post", DRAFT),
    ("catalog:staff_import", lambda o: {"domain": "social-assistance"}, "post", DRAFT),
    ("catalog:staff_import_job", lambda o: {"domain": "social-assistance", "job_pk": o["job"].pk}, "get", DRAFT),
    ("catalog:staff_item_edit", lambda o: {"item_pk": o["item"].pk}, "post", DRAFT),
    ("catalog:staff_item_delete", lambda o: {"item_pk": o["item"].pk}, "post", DRAFT),
    ("catalog:staff_item_move", lambda o: {"item_pk": o["item"].pk}, "post", DRAFT),
    ("catalog:staff_item_not_applicable", lambda o: {"item_pk": o["item"].pk}, "post", DRAFT),
    ("catalog:staff_item_applicable", lambda o: {"item_pk": o["item"].pk}, "post", DRAFT),
    ("catalog:staff_item_refresh", lambda o: {"item_pk": o["item"].pk}, "post", DRAFT),
    ("catalog:staff_export", lambda o: {"domain": "social-assistance"}, "get", DRAFT),
    ("catalog:staff_submit", lambda o: {"catalog_pk": o["catalog"].pk}, "post", DRAFT),
    ("catalog:staff_publish", lambda o: {"catalog_pk": o["catalog"].pk}, "post", REVIEW),
    ("catalog:staff_send_back", lambda o: {"catalog_pk": o["catalog"].pk}, "post", REVIEW),
    ("catalog:staff_negative", lambda o: {}, "post", DRAFT),
    ("catalog:staff_negative_edit", lambda o: {"entry_pk": o["entry"].pk}, "post", DRAFT),
    ("catalog:staff_negative_delete", lambda o: {"entry_pk": o["entry"].pk}, "post", DRAFT),
    ("catalog:staff_negative_move", lambda o: {"entry_pk": o["entry"].pk}, "post", DRAFT),
]


def test_the_list_covers_every_staff_url():
    from catalog.urls import urlpatterns

    staff_names = {f"catalog:{p.name}" for p in urlpatterns if str(p.pattern).startswith("staff/")}
    assert staff_names == {name for name, *_ in STAFF_URLS}


@pytest.fixture
def target():
    org = OrganisationFactory()
    item = CatalogItemFactory(organisation=org)
    return {
        "org": org,
        "item": item,
        "entry": NegativeListEntryFactory(organisation=org),
        "catalog": services.catalog_for(org, domain()),
        "job": ImportJob.objects.create(organisation=org, domain=domain(), by=UserFactory(), filename="目录.xlsx"),
    }


def _call(client, name, build, method, target):
    url = reverse(name, kwargs={"org_pk": target["org"].pk, **build(target)})
    return getattr(client, method)(url, {"direction": "up", "comment": "x"})


@pytest.mark.parametrize(("name", "build", "method", "role"), STAFF_URLS, ids=[u[0] for u in STAFF_URLS])
def test_member_of_another_organisation_gets_403(client, target, name, build, method, role):
    other = OrganisationFactory()
    user = member(Role.REVIEWER, other)  # every catalog role, but elsewhere
    client.force_login(user)
    assert _call(client, name, build, method, target).status_code == 403


@pytest.mark.parametrize(("name", "build", "method", "role"), STAFF_URLS, ids=[u[0] for u in STAFF_URLS])
def test_member_without_the_role_gets_403(client, target, name, build, method, role):
    roles_without = [Role.REQUEST_HANDLER, Role.ORGANISATION_ADMIN] + ([Role.EDITOR] if role == REVIEW else [])
    for without in roles_without:
        client.force_login(member(without, target["org"]))
        assert _call(client, name, build, method, target).status_code == 403, without


@pytest.mark.parametrize(("name", "build", "method", "role"), STAFF_URLS, ids=[u[0] for u in STAFF_URLS])
def test_anonymous_is_sent_to_login(client, target, name, build, method, role):
    response = _call(client, name, build, method, target)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_objects_of_another_organisation_are_not_reachable_through_my_organisation(client, target):
    mine = OrganisationFactory()
    client.force_login(member(Role.REVIEWER, mine))
    url = reverse("catalog:staff_item_edit", kwargs={"org_pk": mine.pk, "item_pk": target["item"].pk})
    assert client.get(url).status_code == 404
    url = reverse("catalog:staff_publish", kwargs={"org_pk": mine.pk, "catalog_pk": target["catalog"].pk})
    assert client.post(url).status_code == 404
    url = reverse(
        "catalog:staff_import_job", kwargs={"org_pk": mine.pk, "domain": "social-assistance", "job_pk": target["job"].pk}
    )
    assert client.get(url).status_code == 404
