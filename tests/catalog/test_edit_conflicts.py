"""Two editors saving the same catalog item: the later save is stopped, sees what changed and keeps its input."""

import pytest
from django.test import Client
from django.urls import reverse

from catalog.models import CatalogItem
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory
from tests.editing import form_data
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return CatalogItemFactory(organisation=OrganisationFactory(), second_level="低保审批")


def editor(item):
    client = Client()
    client.force_login(member(Role.EDITOR, item.organisation))
    return client


def edit_url(item):
    return reverse("catalog:staff_item_edit", kwargs={"org_pk": item.organisation_id, "item_pk": item.pk})


def test_the_second_save_is_stopped_and_keeps_its_input(item):
    first, second = editor(item), editor(item)
    first_form = first.get(edit_url(item)).context["form"]
    second_form = second.get(edit_url(item)).context["form"]
    assert first.post(edit_url(item), form_data(first_form, second_level="低保审批结果")).status_code == 302

    response = second.post(edit_url(item), form_data(second_form, responsible_body="县社会救助局"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "在您编辑期间" in html and "低保审批结果" in html
    assert 'value="县社会救助局"' in html
    item.refresh_from_db()
    assert item.second_level == "低保审批结果" and item.responsible_body == "县民政局"

    again = response.context["form"]
    assert second.post(edit_url(item), form_data(again)).status_code == 302
    item.refresh_from_db()
    assert item.responsible_body == "县社会救助局"


def test_a_save_by_another_path_meanwhile_also_conflicts(item):
    client = editor(item)
    form = client.get(edit_url(item)).context["form"]
    CatalogItem.objects.filter(pk=item.pk).update(edit_version=item.edit_version + 1, time_limit="实时")
    response = client.post(edit_url(item), form_data(form, time_limit="及时公开"))
    assert response.status_code == 200 and "在您编辑期间" in response.content.decode()
    assert CatalogItem.objects.get(pk=item.pk).time_limit == "实时"
