"""The admin cannot publish or unpublish: status and disclosure attribute are read-only, documents are not
added or deleted there, and a body edit re-renders the stored HTML and search text (and is recorded)."""

import pytest
from django.urls import reverse

from disclosure.models import Attribute, Document, DocumentEvent, EventKind, Status
from portal.legal import WithholdingGround

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def change_form_data(response) -> dict:
    """What the browser would post back from an admin change page, unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
    return data


def change_url(document):
    return reverse("admin:disclosure_document_change", args=[document.pk])


def test_switching_a_withheld_document_to_proactive_in_the_admin_publishes_nothing(admin_client):
    document = DocumentFactory(
        status=Status.PUBLISHED,
        attribute=Attribute.ON_REQUEST,
        withholding_ground=WithholdingGround.choices[0][0],
        withholding_explanation="涉及第三方商业秘密",
    )
    assert not Document.objects.public().filter(pk=document.pk).exists()
    page = admin_client.get(change_url(document))
    data = {**change_form_data(page), "attribute": Attribute.PROACTIVE, "status": Status.PUBLISHED}
    response = admin_client.post(change_url(document), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    document.refresh_from_db()
    assert document.attribute == Attribute.ON_REQUEST
    assert not Document.objects.public().filter(pk=document.pk).exists()


def test_the_status_cannot_be_changed_in_the_admin(admin_client):
    document = DocumentFactory(published=True)
    page = admin_client.get(change_url(document))
    admin_client.post(change_url(document), {**change_form_data(page), "status": Status.WITHDRAWN})
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED and Document.objects.public().filter(pk=document.pk).exists()


def test_a_body_edit_re_renders_html_and_search_text_and_is_recorded(admin_client, admin_user):
    document = DocumentFactory(published=True, body="<p>旧的正文</p>")
    from disclosure import services

    services.prepare(document)
    document.save()
    page = admin_client.get(change_url(document))
    response = admin_client.post(change_url(document), {**change_form_data(page), "body": "<p>更正后的低保标准</p>"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert "更正后的低保标准" in document.body_html and "旧的正文" not in document.body_html
    assert "低保" in document.search_tokens and "旧的" not in document.search_tokens
    event = DocumentEvent.objects.get(document=document, kind=EventKind.EDITED)
    assert event.actor == admin_user and "body" in event.comment


def test_documents_are_neither_added_nor_deleted_in_the_admin(admin_client):
    document = DocumentFactory(published=True)
    assert admin_client.get(reverse("admin:disclosure_document_add")).status_code == 403
    assert admin_client.get(reverse("admin:disclosure_document_delete", args=[document.pk])).status_code == 403
    response = admin_client.post(
        reverse("admin:disclosure_document_changelist"),
        {"action": "delete_selected", "_selected_action": [document.pk]},
    )
    assert Document.objects.filter(pk=document.pk).exists(), response.status_code
