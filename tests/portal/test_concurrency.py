"""Simultaneous requests on the members page (PostgreSQL, real transactions, one connection per thread)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from portal.models import Membership
from portal.roles import Role
from tests.factories import OrganisationFactory, member
from tests.race import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and races need PostgreSQL"),
]


def test_adding_the_same_new_account_eight_times_at_once_gives_form_errors_not_500s():
    org = OrganisationFactory()
    admin = member(Role.ORGANISATION_ADMIN, org)
    url = f"/staff/org/{org.pk}/members/"

    def add():
        client = Client(raise_request_exception=False)
        client.force_login(admin)
        response = client.post(url, {"username": "wang", "role": Role.EDITOR, "password": "Zz-初始密码-2026x"})
        return response.status_code, response.content.decode()

    results, errors = at_once(*[add] * 8)
    assert errors == []
    statuses = [status for status, _ in results]
    assert 500 not in statuses
    assert statuses.count(302) >= 1
    for status, html in results:
        if status == 200:
            assert "刚刚已由其他操作创建" in html or "已有此角色" in html
    assert get_user_model().objects.filter(username="wang").count() == 1
    assert Membership.objects.filter(user__username="wang", organisation=org).count() == 1
