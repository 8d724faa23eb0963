"""Every body becomes cleaned HTML: Markdown bodies are rendered with the Markdown renderer the site used until
now (tables included) and every body is passed through the one sanitiser, so the stored body is what pages show.

Unlike the backfill in 0006 this imports the sanitiser instead of copying it: what it must produce is the body the
site stores today (disclosure/richtext.py), and search tokens computed the way `services.prepare` computes them.
Rows are read in primary-key chunks and only changed rows are written."""

from django.db import migrations
from django.utils.html import strip_tags

CHUNK = 1000


def to_html(apps, schema_editor):
    from disclosure.richtext import body_from_markdown, clean_body
    from disclosure.search import document_tokens

    Document = apps.get_model("disclosure", "Document")
    rows = Document.objects.order_by("pk").only("pk", "title", "document_number", "body", "body_format", "body_html")
    last = 0
    while chunk := list(rows.filter(pk__gt=last)[:CHUNK]):
        last = chunk[-1].pk
        changed = []
        for document in chunk:
            if document.body_format == "markdown":
                body = body_from_markdown(document.body)
            else:
                body = clean_body(document.body)
            if body == document.body == document.body_html:
                continue
            text_changed = strip_tags(body) != strip_tags(document.body_html)
            document.body = document.body_html = body
            if text_changed:
                document.search_tokens = document_tokens(document.title, document.document_number, strip_tags(body))
            changed.append((document, text_changed))
        if changed:
            Document.objects.bulk_update([d for d, _ in changed], ["body", "body_html"])
            retokenised = [d for d, text_changed in changed if text_changed]
            if retokenised:
                Document.objects.bulk_update(retokenised, ["search_tokens"])


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0007_merge_20261202_1010")]
    operations = [migrations.RunPython(to_html, migrations.RunPython.noop, elidable=False)]
