"""Background work of the portal, run by the task worker: rendering the menu's stored pages after a change.

Why: a publication makes every stored plain page old (portal/plain_pages.py); rendering the pages everybody
opens first — the home page and the menu's — right after the commit spares their next readers the rendering.
"""

from django.tasks import task


@task
def render_plain_pages() -> None:
    """Render and store the menu's plain pages in every language, then delete the stored pages the change made old.

    Deleting keeps the table to the current generation's pages: the document list's shells
    (disclosure/stored_lists.py, up to 5,000 per generation) would otherwise pile up, one set per publication."""
    from portal import plain_pages

    plain_pages.render_ahead_started()
    plain_pages.render_ahead()
    plain_pages.forget_old()
