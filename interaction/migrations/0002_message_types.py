"""The four message types of the reference (咨询 5 working days, others 10); the supervising office edits them."""

from django.db import migrations

TYPES = [("consultation", "咨询", 5, 10), ("suggestion", "建议", 10, 20), ("complaint", "投诉", 10, 30),
         ("help", "求助", 10, 40)]  # fmt: skip


def load(apps, schema_editor):
    MessageType = apps.get_model("interaction", "MessageType")
    for code, name, days, order in TYPES:
        MessageType.objects.get_or_create(code=code, defaults={"name": name, "working_days": days, "sort_order": order})


def unload(apps, schema_editor):
    apps.get_model("interaction", "MessageType").objects.filter(code__in=[t[0] for t in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("interaction", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
