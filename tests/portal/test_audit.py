"""Every staff change leaves a trail: who, when, what changed."""

import pytest
from auditlog.models import LogEntry

from portal.models import CalendarOverride, Membership
from portal.roles import Role
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_changes_to_organisations_are_logged_with_the_diff():
    org = OrganisationFactory(name="旧名称")
    org.name = "新名称"
    org.save()
    entries = LogEntry.objects.get_for_object(org).order_by("timestamp")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert entries.last().changes_dict["name"] == ["旧名称", "新名称"]


def test_member_changes_through_the_site_record_the_actor(client):
    org = OrganisationFactory()
    admin = member(Role.ORGANISATION_ADMIN, org)
    target = UserFactory(username="newcomer")
    client.force_login(admin)
    response = client.post(f"/staff/org/{org.pk}/members/", {"username": "newcomer", "role": Role.EDITOR})
    assert response.status_code == 302
    membership = Membership.objects.get(user=target, organisation=org)
    entry = LogEntry.objects.get_for_object(membership).get()
    assert entry.actor == admin
    assert entry.action == LogEntry.Action.CREATE


def test_deletions_are_logged(admin_user):
    override = CalendarOverride.objects.create(date="2027-01-02", kind="holiday")
    pk = override.pk
    override.delete()
    assert LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).exists()


def test_audit_log_is_viewable_in_the_admin(admin_client):
    OrganisationFactory(name="审计测试局")
    response = admin_client.get("/admin/auditlog/logentry/")
    assert response.status_code == 200
    assert "审计测试局" in response.content.decode()
