"""CatalogEvent takes the shared WorkflowEvent shape: action → kind, by → actor (kept), state columns added."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATES = [("draft", "编制中"), ("submitted", "待审核"), ("published", "已发布")]
MOVES = {"submit": ("draft", "submitted"), "publish": ("submitted", "published"), "send_back": ("submitted", "draft")}


def fill_states(apps, schema_editor):
    CatalogEvent = apps.get_model("catalog", "CatalogEvent")
    for kind, (from_state, to_state) in MOVES.items():
        CatalogEvent.objects.filter(kind=kind).update(from_state=from_state, to_state=to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_import_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="catalogevent", old_name="action", new_name="kind"),
        migrations.RenameField(model_name="catalogevent", old_name="by", new_name="actor"),
        migrations.AlterField(
            model_name="catalogevent",
            name="kind",
            field=models.CharField(
                choices=[("submit", "提交审核"), ("publish", "审核发布"), ("send_back", "退回修改"), ("import", "导入表格")],
                max_length=30,
                verbose_name="操作",
            ),
        ),
        migrations.AlterField(
            model_name="catalogevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="操作人",
            ),
        ),
        migrations.AlterField(
            model_name="catalogevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="时间"),
        ),
        migrations.AddField(
            model_name="catalogevent",
            name="from_state",
            field=models.CharField(blank=True, choices=STATES, max_length=30, verbose_name="原状态"),
        ),
        migrations.AddField(
            model_name="catalogevent",
            name="to_state",
            field=models.CharField(blank=True, choices=STATES, max_length=30, verbose_name="新状态"),
        ),
        migrations.RunPython(fill_states, migrations.RunPython.noop),
    ]
