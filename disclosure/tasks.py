"""Background work of disclosure, run by the task worker: rendering newly published documents' pages.

Why: a publication makes new document pages that citizens (and crawlers following the feeds) read soon;
rendering their stored parts (and their rows in the document list, disclosure/stored_lists.py) in the worker right after the commit spares the first readers the rendering
(disclosure/rendering.py). Queued only with a backend that defers (`rendering.schedule_render`).
"""

from django.tasks import task


@task
def render_documents(ids: list[int]) -> None:
    """Render and store the parts and list rows of those of `ids` that are public, in every language."""
    from django.conf import settings

    from disclosure import rendering, stored_lists

    rendering.render_and_store(rendering.full_documents().filter(pk__in=ids))
    for language, _name in settings.LANGUAGES:
        stored_lists.render_and_store_rows(ids, language)
