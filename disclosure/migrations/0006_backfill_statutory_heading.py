"""Classify the documents already there under a heading of 法定主动公开内容, as Document.save() would.

The mapping is copied here (not imported) so that this migration keeps doing what it did when it was written.
One UPDATE per (type, domain) pair, however many documents there are."""

from django.db import migrations

TYPE_HEADINGS = {"policy": "normative", "normative": "normative", "interpretation": "normative",
                 "statistics": "statistics", "plan": "plans"}  # fmt: skip
DOMAIN_HEADINGS = {
    "major-projects": "major_projects", "public-resource-trading": "procurement", "budgets": "finance",
    "work-safety": "inspections", "tax": "fees", "land-acquisition": "land", "house-expropriation": "housing",
    "rural-housing": "livelihood", "planning": "plans", "environment": "inspections",
    "public-culture": "public_services", "legal-services": "public_services", "rural-revitalisation": "livelihood",
    "disaster-relief": "emergencies", "food-drug": "inspections", "urban-enforcement": "penalties",
    "employment": "livelihood", "social-insurance": "livelihood", "social-assistance": "social_assistance",
    "elderly-care": "public_welfare", "household-registration": "public_order",
    "agricultural-subsidies": "livelihood", "compulsory-education": "livelihood", "health": "livelihood",
    "municipal-services": "municipal", "subsidised-housing": "livelihood",
}  # fmt: skip


def backfill(apps, schema_editor):
    Document = apps.get_model("disclosure", "Document")
    unclassified = Document.objects.filter(statutory_heading="")
    for doc_type, heading in TYPE_HEADINGS.items():
        unclassified.filter(doc_type=doc_type).update(statutory_heading=heading)
    for code, heading in DOMAIN_HEADINGS.items():
        unclassified.filter(domain__code=code).update(statutory_heading=heading)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0005_statutory_heading"), ("catalog", "0002_load_domains")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
