"""The members page: Django's username rules, the four-eyes rule for role grants, races become form errors."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from portal.models import Membership
from portal.permissions import grant_needs_second_person
from portal.roles import MANAGE_MEMBERS, Role
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def admin_client(client, org):
    admin = member(Role.ORGANISATION_ADMIN, org)
    client.force_login(admin)
    client.admin = admin
    return client


def post(client, org, **data):
    return client.post(f"/staff/org/{org.pk}/members/", {"password": "Zz-初始密码-2026x", **data})


@pytest.mark.parametrize("username", ["li si", "li<script>", "张三/li", "a" * 151, "li\tsi", "li;drop"])
def test_usernames_must_pass_djangos_validator(admin_client, org, username):
    response = post(admin_client, org, username=username, role=Role.EDITOR)
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not User.objects.filter(username=username).exists()


@pytest.mark.parametrize("username", ["lisi", "li.si@gov", "张三", "li_si-2"])
def test_valid_usernames_create_accounts(admin_client, org, username):
    assert post(admin_client, org, username=username, role=Role.EDITOR).status_code == 302
    assert Membership.objects.filter(user__username=username, organisation=org, granted_by=admin_client.admin).exists()


# (role, grantee, needs second person) — grantee: "self", "created" (an account the admin made), "other"
FOUR_EYES = [
    (Role.REVIEWER, "self", True),
    (Role.ORGANISATION_ADMIN, "self", True),
    (Role.EDITOR, "self", False),
    (Role.REQUEST_HANDLER, "self", False),
    (Role.REVIEWER, "created", True),
    (Role.ORGANISATION_ADMIN, "created", True),
    (Role.EDITOR, "created", False),
    (Role.REVIEWER, "other", False),
    (Role.ORGANISATION_ADMIN, "other", False),
]


@pytest.mark.parametrize(("role", "grantee", "refused"), FOUR_EYES)
def test_grant_needs_second_person_table(role, grantee, refused):
    admin = UserFactory()
    assert (
        grant_needs_second_person(admin, role, is_self=grantee == "self", created_by_granter=grantee == "created")
        is refused
    )


def test_an_org_admin_cannot_make_themselves_reviewer(admin_client, org):
    response = post(admin_client, org, username=admin_client.admin.username, role=Role.REVIEWER)
    assert response.status_code == 200
    assert "四眼原则" in response.content.decode()
    assert not Membership.objects.filter(user=admin_client.admin, role=Role.REVIEWER).exists()


def test_an_org_admin_cannot_create_a_reviewer_account(admin_client, org):
    response = post(admin_client, org, username="puppet", role=Role.REVIEWER)
    assert "四眼原则" in response.content.decode()
    assert not User.objects.filter(username="puppet").exists()


def test_nor_promote_an_account_they_created(admin_client, org):
    assert post(admin_client, org, username="puppet", role=Role.EDITOR).status_code == 302
    response = post(admin_client, org, username="puppet", role=Role.REVIEWER)
    assert "四眼原则" in response.content.decode()
    response = post(admin_client, org, username="puppet", role=Role.ORGANISATION_ADMIN)
    assert "四眼原则" in response.content.decode()
    assert list(Membership.objects.filter(user__username="puppet").values_list("role", flat=True)) == [Role.EDITOR]


def test_another_admin_may_grant_it(admin_client, client, org):
    assert post(admin_client, org, username="newcomer", role=Role.EDITOR).status_code == 302
    second = member(Role.ORGANISATION_ADMIN, org)
    client.force_login(second)
    assert post(client, org, username="newcomer", role=Role.REVIEWER).status_code == 302
    assert post(client, org, username=admin_client.admin.username, role=Role.REVIEWER).status_code == 302


def test_an_existing_account_they_did_not_create_may_be_made_reviewer(admin_client, org):
    colleague = UserFactory()
    assert post(admin_client, org, username=colleague.username, role=Role.REVIEWER).status_code == 302


def test_the_supervising_office_may_grant_any_role(client, org):
    supervisor = UserFactory(is_staff=True)
    supervisor.user_permissions.add(Permission.objects.get(codename=MANAGE_MEMBERS))
    client.force_login(supervisor)
    assert post(client, org, username="fresh-reviewer", role=Role.REVIEWER).status_code == 302
    assert post(client, org, username=supervisor.username, role=Role.REVIEWER).status_code == 302
