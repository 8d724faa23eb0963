"""Roles become object permissions on exactly one organisation."""

import pytest
from django.contrib.auth.models import Permission

from portal.permissions import can, organisations_where, permissions_by_organisation
from portal.roles import (
    DRAFT_CONTENT,
    HANDLE_REQUESTS,
    MANAGE_MEMBERS,
    REVIEW_CONTENT,
    ROLE_PERMISSIONS,
    Role,
    all_permissions,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

ALL = [DRAFT_CONTENT, REVIEW_CONTENT, HANDLE_REQUESTS, MANAGE_MEMBERS]
EXPECTED = {
    Role.EDITOR: {DRAFT_CONTENT},
    Role.REVIEWER: {DRAFT_CONTENT, REVIEW_CONTENT},
    Role.REQUEST_HANDLER: {HANDLE_REQUESTS},
    Role.ORGANISATION_ADMIN: {MANAGE_MEMBERS},
}


def test_mapping_is_what_the_roles_promise():
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == EXPECTED


@pytest.mark.parametrize("role", list(Role))
def test_role_grants_its_permissions_on_its_organisation_only(role):
    own, other = OrganisationFactory(), OrganisationFactory()
    user = member(role, own)
    for permission in ALL:
        assert can(user, permission, own) is (permission in EXPECTED[role])
        assert can(user, permission, other) is False


def test_removing_a_role_revokes_its_permissions_but_keeps_others():
    org = OrganisationFactory()
    user = UserFactory()
    editor = MembershipFactory(user=user, organisation=org, role=Role.EDITOR)
    MembershipFactory(user=user, organisation=org, role=Role.REVIEWER)
    editor.delete()
    assert can(user, DRAFT_CONTENT, org)  # the reviewer role still grants drafting
    user.memberships.all().delete()
    user = type(user).objects.get(pk=user.pk)  # drop guardian's per-user cache
    assert not can(user, DRAFT_CONTENT, org)
    assert not can(user, REVIEW_CONTENT, org)


def test_supervising_office_holds_permissions_globally():
    supervisor = UserFactory(is_staff=True)
    supervisor.user_permissions.add(Permission.objects.get(codename=REVIEW_CONTENT))
    org = OrganisationFactory()
    assert can(supervisor, REVIEW_CONTENT, org)
    assert org in organisations_where(supervisor, REVIEW_CONTENT)


def test_organisations_where_lists_only_granted_ones():
    a, b = OrganisationFactory(), OrganisationFactory()
    user = member(Role.EDITOR, a)
    assert list(organisations_where(user, DRAFT_CONTENT)) == [a]
    assert b not in organisations_where(user, DRAFT_CONTENT)


def test_inactive_and_anonymous_users_can_do_nothing():
    from django.contrib.auth.models import AnonymousUser

    org = OrganisationFactory()
    user = member(Role.REVIEWER, org)
    user.is_active = False
    assert not can(user, REVIEW_CONTENT, org)
    assert not can(AnonymousUser(), REVIEW_CONTENT, org)


def test_batched_permissions_agree_with_can():
    orgs = [OrganisationFactory() for _ in range(4)]
    user = member(Role.EDITOR, orgs[0])
    member(Role.REVIEWER, orgs[1], user=user)
    member(Role.REQUEST_HANDLER, orgs[2], user=user)
    user.user_permissions.add(Permission.objects.get(codename=MANAGE_MEMBERS))
    user = type(user).objects.get(pk=user.pk)
    batched = permissions_by_organisation(user, orgs)
    for org in orgs:
        assert batched[org.pk] == {p for p in all_permissions() if can(user, p, org)}  # apps' codenames too
