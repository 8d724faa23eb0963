"""Village affairs are granted only at township and street offices: a department's editor sees no village workspace."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from guardian.shortcuts import assign_perm

from portal import registry
from portal.models import Organisation, OrganisationKind
from portal.permissions import can
from portal.roles import DRAFT_CONTENT, Role, permissions_for_roles
from tests.factories import OrganisationFactory, member
from villages.flows import DRAFT_VILLAGE_AFFAIRS

pytestmark = pytest.mark.django_db

DEPARTMENT, TOWNSHIP, STREET = OrganisationKind.DEPARTMENT, OrganisationKind.TOWNSHIP, OrganisationKind.STREET


def test_the_codename_is_declared_for_townships_and_streets_only():
    assert registry.declared_permission_kinds()[DRAFT_VILLAGE_AFFAIRS] == {"township", "street"}
    assert DRAFT_VILLAGE_AFFAIRS in permissions_for_roles({Role.EDITOR})  # the role table itself is unchanged
    assert DRAFT_VILLAGE_AFFAIRS not in permissions_for_roles({Role.EDITOR}, kind=DEPARTMENT)
    assert DRAFT_VILLAGE_AFFAIRS in permissions_for_roles({Role.EDITOR}, kind=STREET)
    assert DRAFT_CONTENT in permissions_for_roles({Role.EDITOR}, kind=DEPARTMENT)  # unrestricted codenames stay


@pytest.mark.parametrize(
    ("kind", "role", "granted"),
    [
        (TOWNSHIP, Role.EDITOR, True),
        (STREET, Role.REVIEWER, True),
        (TOWNSHIP, "village_affairs_clerk", True),
        (DEPARTMENT, Role.EDITOR, False),
        (DEPARTMENT, Role.REVIEWER, False),
        (DEPARTMENT, "village_affairs_clerk", False),
        (OrganisationKind.COUNTY, Role.EDITOR, False),
    ],
)
def test_roles_grant_village_affairs_where_villages_belong(kind, role, granted):
    organisation = OrganisationFactory(kind=kind)
    user = member(role, organisation)
    assert can(user, DRAFT_VILLAGE_AFFAIRS, organisation) is granted


def test_the_workspace_link_follows_the_permission(client):
    department = OrganisationFactory(kind=DEPARTMENT)
    town = OrganisationFactory(kind=TOWNSHIP)
    editor = member(Role.EDITOR, department)
    client.force_login(editor)
    page = client.get(reverse("portal:workspace")).content.decode()
    assert reverse("villages:staff_home", args=[department.pk]) not in page
    assert client.get(reverse("villages:staff_home", args=[department.pk])).status_code == 403
    member(Role.EDITOR, town, user=editor)
    page = client.get(reverse("portal:workspace")).content.decode()
    assert reverse("villages:staff_home", args=[town.pk]) in page
    assert client.get(reverse("villages:staff_home", args=[town.pk])).status_code == 200


def test_changing_an_organisations_kind_resyncs_its_members():
    organisation = OrganisationFactory(kind=DEPARTMENT)
    editor = member(Role.EDITOR, organisation)
    assert not can(editor, DRAFT_VILLAGE_AFFAIRS, organisation)
    organisation.kind = TOWNSHIP
    organisation.save()
    editor = type(editor).objects.get(pk=editor.pk)  # a fresh permission cache
    assert can(editor, DRAFT_VILLAGE_AFFAIRS, organisation) and can(editor, DRAFT_CONTENT, organisation)
    organisation.kind = DEPARTMENT
    organisation.save()
    editor = type(editor).objects.get(pk=editor.pk)
    assert not can(editor, DRAFT_VILLAGE_AFFAIRS, organisation)


def test_the_data_migration_removes_grants_made_before_the_restriction():
    migration = importlib.import_module("villages.migrations.0003_village_affairs_only_at_townships")
    department = OrganisationFactory(kind=DEPARTMENT)
    town = OrganisationFactory(kind=TOWNSHIP)
    dept_editor, town_editor = member(Role.EDITOR, department), member(Role.EDITOR, town)
    assign_perm(f"portal.{DRAFT_VILLAGE_AFFAIRS}", dept_editor, department)  # as the old table granted it
    assert can(type(dept_editor).objects.get(pk=dept_editor.pk), DRAFT_VILLAGE_AFFAIRS, department)

    migration.forwards(apps, None)

    dept_editor, town_editor = (type(u).objects.get(pk=u.pk) for u in (dept_editor, town_editor))
    assert not can(dept_editor, DRAFT_VILLAGE_AFFAIRS, department)
    assert can(dept_editor, DRAFT_CONTENT, department)  # the membership and its other grants stay
    assert can(town_editor, DRAFT_VILLAGE_AFFAIRS, town)
    assert Organisation.objects.count() == 2


def test_the_members_form_offers_the_village_clerk_role_only_where_it_grants_something():
    from portal.forms import AddMemberForm

    def offered(kind):
        return {
            value for value, _label in AddMemberForm(organisation=OrganisationFactory(kind=kind)).fields["role"].choices
        }

    assert "village_affairs_clerk" in offered(TOWNSHIP) and "village_affairs_clerk" in offered(STREET)
    assert "village_affairs_clerk" not in offered(DEPARTMENT)
    assert Role.EDITOR in offered(DEPARTMENT) and "site_report_clerk" in offered(DEPARTMENT)
