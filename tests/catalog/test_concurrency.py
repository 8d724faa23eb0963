"""Two editors saving the same catalog item at once (PostgreSQL, real transactions, one connection per thread)."""

import pytest
from django.db import connection
from django.test import Client

from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory
from tests.editing import form_data
from tests.factories import OrganisationFactory, member
from tests.race import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and races need PostgreSQL"),
]


def test_two_editors_saving_the_same_item_at_once_never_lose_a_save():
    item = CatalogItemFactory(organisation=OrganisationFactory())
    url = f"/staff/org/{item.organisation_id}/catalog/items/{item.pk}/edit/"
    clients, forms = [], []
    for _ in range(2):
        client = Client(raise_request_exception=False)
        client.force_login(member(Role.EDITOR, item.organisation))
        clients.append(client)
        forms.append(client.get(url).context["form"])

    def save(index):
        return lambda: clients[index].post(url, form_data(forms[index], responsible_body=f"主体{index}")).status_code

    statuses, errors = at_once(save(0), save(1))
    assert errors == []
    assert sorted(statuses) == [200, 302]
    item.refresh_from_db()
    assert item.responsible_body == f"主体{statuses.index(302)}" and item.edit_version == 2
