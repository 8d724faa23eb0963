from django.db import migrations, models


class Migration(migrations.Migration):
    """The body is always cleaned HTML now (0008 converted the Markdown ones): no format to choose."""

    dependencies = [("disclosure", "0008_body_as_cleaned_html")]
    operations = [
        migrations.RemoveField(model_name="document", name="body_format"),
        migrations.AlterField(
            model_name="document",
            name="body",
            field=models.TextField(blank=True, verbose_name="正文", help_text="可设置标题、列表、表格和链接；从 Word 粘贴的格式会自动清理。浏览器未启用脚本时，直接输入纯文本，空行分段。"),
        ),
    ]
