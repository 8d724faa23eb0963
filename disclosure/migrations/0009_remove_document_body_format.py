from django.db import migrations, models

HELP = "可用标题、列表、表格、链接；Word 粘贴的格式自动清理。无脚本时输入纯文本，空行分段。"


class Migration(migrations.Migration):
    """The body is always cleaned HTML now (0008 converted the Markdown ones): no format to choose."""

    dependencies = [("disclosure", "0008_body_as_cleaned_html")]
    operations = [
        migrations.RemoveField(model_name="document", name="body_format"),
        migrations.AlterField(
            model_name="document",
            name="body",
            field=models.TextField(blank=True, verbose_name="正文", help_text=HELP),
        ),
    ]
