"""Render and store the pages of every public document (disclosure/rendering.py: the part and the whole
anonymous page, per language) and their rows in the document list (disclosure/stored_lists.py) ahead of the
readers.

Run after a deploy that changes the build id, or once to fill the table. Batches by primary key, so memory
stays flat on a million rows; resumable: a document whose pages are current in every language is skipped,
so a run stopped halfway continues where it was (or start at `--after <pk>`). Without it pages are rendered
on first read, so running it is never required for correctness.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import F

from disclosure import rendering, stored_lists
from disclosure.models import Document, RenderedDocument, RenderedListRow


class Command(BaseCommand):
    help = "Render and store the page parts of public documents (skips those already current)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200)
        parser.add_argument("--after", type=int, default=0, help="start after this document id")
        parser.add_argument("--all", action="store_true", help="render current parts again too")

    def handle(self, *args, batch, after, all, **options):
        languages = [code for code, _name in settings.LANGUAGES]
        last, seen, rendered = after, 0, 0
        while True:
            ids = list(
                Document.objects.public().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch]
            )
            if not ids:
                break
            last, seen = ids[-1], seen + len(ids)
            rows = ids if all else _not_current(RenderedListRow.objects, ids, languages)
            for language in languages:  # their rows in the document list
                stored_lists.render_and_store_rows(rows, language)
            if not all:
                ids = _not_current(RenderedDocument.objects.exclude(page=""), ids, languages)
            if ids:
                rendered += rendering.render_and_store(rendering.full_documents().filter(pk__in=ids), languages)
            if options["verbosity"] > 1:
                self.stdout.write(f"up to document {last}: {rendered} parts rendered")
        self.stdout.write(f"{seen} public documents, {rendered} parts rendered (last id {last})")


def _not_current(stored, ids, languages) -> list[int]:
    """Those of `ids` without a current row of `stored` (stored parts or list rows) in every language."""
    current = stored.filter(
        document_id__in=ids, build=rendering.build_id(), source_updated_at=F("document__updated_at")
    ).values_list("document_id", "language")
    done = {pk for pk, n in _count(current).items() if n >= len(languages)}
    return [pk for pk in ids if pk not in done]


def _count(pairs) -> dict[int, int]:
    counts: dict[int, int] = {}
    for pk, _language in pairs:
        counts[pk] = counts.get(pk, 0) + 1
    return counts
