"""The import bench on a few rows: its workbook and organisation file import cleanly, and it cleans up."""

import pytest

from bench.imports import SCRATCH, bench_catalog, bench_organisations, clean_up
from catalog.models import CatalogItem
from portal.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_import_bench_measures_every_row_and_leaves_nothing_behind():
    before = Organisation.objects.count()
    new, changed = bench_catalog(60)
    assert (new["added"], new["updated"]) == (60, 0) and (changed["added"], changed["updated"]) == (0, 60)
    organisations = bench_organisations(80)
    assert organisations["added"] == 80 and organisations["seconds"] < organisations["goal_s"]
    clean_up()
    assert Organisation.objects.count() == before
    assert not CatalogItem.objects.filter(organisation__name=SCRATCH).exists()
