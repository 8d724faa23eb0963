import io

import pytest
from django.core.management import call_command

from catalog.models import CatalogItem, CatalogVersion, VersionItem

pytestmark = pytest.mark.django_db


def test_seed_demo_publishes_some_catalogs_leaves_drafts_and_runs_twice():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (CatalogItem.objects.count(), CatalogVersion.objects.count(), VersionItem.objects.count())
    assert CatalogVersion.objects.filter(catalog__domain__isnull=True).count() == 1
    assert CatalogVersion.objects.filter(catalog__domain__isnull=False).count() == 6
    assert CatalogItem.objects.filter(organisation__short_name="城关街道").exists()
    assert not CatalogItem.objects.published().filter(organisation__short_name="城关街道").exists()
    call_command("seed_demo", stdout=io.StringIO())
    assert (CatalogItem.objects.count(), CatalogVersion.objects.count(), VersionItem.objects.count()) == counts
