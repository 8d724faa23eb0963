"""Two editors saving the same draft: the later save is stopped, sees what changed and keeps its input."""

import pytest
from django.test import Client

from disclosure.models import Document
from portal.roles import Role
from tests.editing import form_data
from tests.factories import member

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org):
    return DocumentFactory(organisation=org, title="关于春季防火的通知")


def editor_client(org):
    client = Client()
    client.force_login(member(Role.EDITOR, org))
    return client


def edit_url(document):
    return f"/staff/org/{document.organisation_id}/documents/{document.pk}/edit/"


def load(client, document):
    return client.get(edit_url(document)).context["form"]


def test_the_second_save_is_stopped_and_keeps_its_input(org, draft):
    first, second = editor_client(org), editor_client(org)
    first_form, second_form = load(first, draft), load(second, draft)
    assert first.post(edit_url(draft), form_data(first_form, title="关于春季森林防火的通知")).status_code == 302

    response = second.post(edit_url(draft), form_data(second_form, title="关于春季防火工作的通知", topic="防火"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "在您编辑期间" in html
    assert "关于春季森林防火的通知" in html  # what the other editor saved
    assert 'value="关于春季防火工作的通知"' in html and 'value="防火"' in html  # this editor's input, kept
    draft.refresh_from_db()
    assert draft.title == "关于春季森林防火的通知" and draft.topic == ""  # nothing silently overwritten

    # Having seen it, the second editor saves again: now on purpose.
    again = response.context["form"]
    assert second.post(edit_url(draft), form_data(again, title="关于春季防火工作的通知")).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "关于春季防火工作的通知"


def test_saves_one_after_the_other_from_fresh_pages_do_not_conflict(org, draft):
    client = editor_client(org)
    for title in ("第一稿", "第二稿", "第三稿"):
        assert client.post(edit_url(draft), form_data(load(client, draft), title=title)).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "第三稿" and draft.edit_version == 4


def test_the_conflict_table_marks_the_fields_the_other_editor_changed(org, draft):
    first, second = editor_client(org), editor_client(org)
    first_form, second_form = load(first, draft), load(second, draft)
    first.post(edit_url(draft), form_data(first_form, topic="森林防火"))
    response = second.post(edit_url(draft), form_data(second_form))
    rows = {str(row["label"]): row for row in response.context["form"].conflict}
    assert rows["主题分类"]["by_other"] and rows["主题分类"]["saved"] == "森林防火"
    assert Document.objects.get(pk=draft.pk).topic == "森林防火"
