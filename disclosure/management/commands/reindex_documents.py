"""Rebuild every document's search tokens (after the tokenisation in disclosure/search.py changed).

Batches by primary key, so memory stays flat on a million rows, and writes only `search_tokens`
(PostgreSQL's generated `search_vector` follows). Safe to run while the site serves: a document saved
meanwhile gets its tokens from `services.prepare` as always.
"""

from django.core.management.base import BaseCommand
from django.utils.html import strip_tags

from disclosure.models import Document
from disclosure.search import document_tokens
from portal.caching import bump_public_generation


class Command(BaseCommand):
    help = "重建所有文件的全文检索词（分词规则变化后运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, batch, **options):
        last, done = 0, 0
        while True:
            rows = list(
                Document.objects.filter(pk__gt=last)
                .order_by("pk")
                .only("pk", "title", "document_number", "body_html")[:batch]
            )
            if not rows:
                break
            for row in rows:
                row.search_tokens = document_tokens(row.title, row.document_number, strip_tags(row.body_html))
            Document.objects.bulk_update(rows, ["search_tokens"])
            last, done = rows[-1].pk, done + len(rows)
        bump_public_generation()  # cached search pages were built on the old tokens
        self.stdout.write(f"reindexed {done} documents")
