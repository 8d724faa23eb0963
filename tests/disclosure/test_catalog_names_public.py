"""Public document pages name catalog items as published, never with the working copy's unpublished edits."""

import pytest

from catalog.models import CatalogItem
from tests.catalog.factories import publish_catalog

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document_with_renamed_item():
    version = publish_catalog(DocumentFactory().organisation, items=1)
    item = CatalogItem.objects.get(pk=version.items.get().item_id)
    published_name = f"{item.first_level} / {item.second_level}"
    document = DocumentFactory(organisation=item.organisation, published=True)
    document.catalog_items.add(item)
    item.second_level = "尚未发布的新名称"  # the editor's working copy, not submitted
    item.first_level = "草稿一级"
    item.save()
    return document, item, published_name


@pytest.mark.parametrize("which", ["detail", "print"])
def test_document_pages_show_the_published_item_name(client, document_with_renamed_item, which):
    document, _, published_name = document_with_renamed_item
    url = f"/documents/{document.pk}/" + ("print/" if which == "print" else "")
    html = client.get(url).content.decode()
    assert published_name in html
    assert "尚未发布的新名称" not in html and "草稿一级" not in html


def test_the_list_filtered_by_item_names_it_as_published(client, document_with_renamed_item):
    document, item, published_name = document_with_renamed_item
    html = client.get(f"/documents/?item={item.pk}").content.decode()
    assert published_name in html
    assert "尚未发布的新名称" not in html


def test_staff_still_see_the_working_copy(login, document_with_renamed_item):
    from portal.roles import Role
    from tests.factories import member

    document, item, _ = document_with_renamed_item
    client = login(member(Role.EDITOR, document.organisation))
    html = client.get(f"/staff/org/{document.organisation_id}/documents/{document.pk}/").content.decode()
    assert "尚未发布的新名称" in html


def test_gates_carry_published_names():
    version = publish_catalog(DocumentFactory().organisation, items=1)
    item = CatalogItem.objects.get(pk=version.items.get().item_id)
    item.second_level = "改名"
    item.save()
    assert "改名" not in str(CatalogItem.objects.published().get(pk=item.pk))
    assert "改名" not in str(CatalogItem.objects.ever_published().get(pk=item.pk))
    assert "改名" in str(CatalogItem.objects.get(pk=item.pk))
