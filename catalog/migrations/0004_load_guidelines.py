"""Load the national standard guideline entries from fixtures/guidelines.json (a fresh install has them)."""

import json
from pathlib import Path

from django.db import migrations

from catalog.timelimits import parse_time_limit

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "guidelines.json"


def load(apps, schema_editor):
    Domain = apps.get_model("catalog", "Domain")
    GuidelineEntry = apps.get_model("catalog", "GuidelineEntry")
    domains = {d.code: d for d in Domain.objects.all()}
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        fields = dict(row["fields"])
        fields["domain"] = domains[fields["domain"]]
        # Historical models do not run CatalogColumns.save(): derive the time-limit rule here.
        rule = parse_time_limit(fields["time_limit"])
        fields["time_limit_kind"] = rule.kind if rule else ""
        fields["time_limit_days"] = rule.days if rule else None
        fields["time_limit_trigger"] = rule.trigger if rule else ""
        fields["time_limit_period"] = rule.period if rule else ""
        GuidelineEntry.objects.update_or_create(code=fields.pop("code"), defaults=fields)


def unload(apps, schema_editor):
    GuidelineEntry = apps.get_model("catalog", "GuidelineEntry")
    codes = [row["fields"]["code"] for row in json.loads(FIXTURE.read_text(encoding="utf-8"))]
    GuidelineEntry.objects.filter(code__in=codes, adoptions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_catalog_versions")]
    operations = [migrations.RunPython(load, unload)]
