"""Load the 26 pilot domains from fixtures/domains.json (they must exist on every installation)."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "domains.json"


def load(apps, schema_editor):
    Domain = apps.get_model("catalog", "Domain")
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        fields = row["fields"]
        Domain.objects.update_or_create(code=fields["code"], defaults=fields)


def unload(apps, schema_editor):
    Domain = apps.get_model("catalog", "Domain")
    codes = [row["fields"]["code"] for row in json.loads(FIXTURE.read_text(encoding="utf-8"))]
    Domain.objects.filter(code__in=codes, catalog_items__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
