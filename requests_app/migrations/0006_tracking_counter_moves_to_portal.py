"""The per-year tracking-number counter moves to portal's generic (prefix, year) counter; the serials carry over."""

from django.db import migrations

PREFIX = "YSQ"


def forwards(apps, schema_editor):
    Old = apps.get_model("requests_app", "TrackingCounter")
    New = apps.get_model("portal", "TrackingCounter")
    for old in Old.objects.all():
        New.objects.update_or_create(prefix=PREFIX, year=old.year, defaults={"last_serial": old.last_serial})


def backwards(apps, schema_editor):
    Old = apps.get_model("requests_app", "TrackingCounter")
    New = apps.get_model("portal", "TrackingCounter")
    for new in New.objects.filter(prefix=PREFIX):
        Old.objects.update_or_create(year=new.year, defaults={"last_serial": new.last_serial})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_tracking_counter_and_open_roles"),
        ("requests_app", "0005_due_recomputed_event"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="TrackingCounter"),
    ]
