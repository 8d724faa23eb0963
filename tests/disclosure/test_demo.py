import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import CatalogItem
from disclosure.models import Document

pytestmark = pytest.mark.django_db


def test_demo_documents_are_filed_under_published_catalog_items(client, settings):
    settings.GONGKAI_STORED_PAGES = False  # the view's own page (context); the stored list's: test_stored_lists.py
    call_command("seed_demo", stdout=io.StringIO())
    # Every item a demo document is filed under came through the catalog workflow.
    filed = CatalogItem.objects.filter(documents__isnull=False).distinct()
    assert filed.exists()
    assert set(filed.values_list("pk", flat=True)) <= set(
        CatalogItem.objects.ever_published().values_list("pk", flat=True)
    )
    # A published catalog's 相关文件 link lists documents.
    item = CatalogItem.objects.published().filter(documents__in=Document.objects.public()).first()
    assert item is not None
    response = client.get(reverse("disclosure:list"), {"item": item.pk})
    assert response.context["item"] == item
    assert response.context["page"].object_list
    count = Document.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Document.objects.count() == count
