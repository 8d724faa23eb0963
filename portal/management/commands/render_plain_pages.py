"""Render and store the menu's plain pages (portal/plain_pages.py) ahead of the readers, in every language.

Run after a deploy (a new build id makes every stored page old) so the first visitors of the home page and
the menu's pages do not render them; the task worker does the same after every change of public content.
`--forget-old` also deletes the rows that can no longer be served. Never required for correctness: without it
pages are rendered by their first reader.
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import Resolver404

from portal import plain_pages


class Command(BaseCommand):
    help = "Render the menu's stored plain pages ahead of the readers (and delete old rows with --forget-old)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="the plain addresses to render (default: the menu's pages)")
        parser.add_argument("--forget-old", action="store_true", help="delete rows that can no longer be served")

    def handle(self, *args, paths, forget_old, **options):
        if not plain_pages.enabled():
            self.stdout.write("Stored plain pages are off (GONGKAI_STORED_PLAIN_PAGES): nothing to do.")
            return
        if forget_old:
            self.stdout.write(f"Deleted {plain_pages.forget_old()} old stored pages.")
        try:
            stored = plain_pages.render_ahead(paths or None)
        except (ValueError, Resolver404) as error:
            raise CommandError(f"{error}") from error
        self.stdout.write(f"Stored {stored} pages.")
