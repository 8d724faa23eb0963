"""Background work of disclosure, run by the task worker: rendering newly published documents' pages.

Why: a publication makes new document pages that citizens (and crawlers following the feeds) read soon;
rendering their stored parts in the worker right after the commit spares the first readers the rendering
(disclosure/rendering.py). Queued only with a backend that defers (`rendering.schedule_render`).
"""

from django.tasks import task


@task
def render_documents(ids: list[int]) -> None:
    """Render and store the parts of those of `ids` that are public, in every language."""
    from disclosure import rendering

    rendering.render_and_store(rendering.full_documents().filter(pk__in=ids))
