from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("机构、人员与日历")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(10, _("公开指南"), "portal:guide")]
    workspace_links = [(_("成员管理"), "portal:members", "manage_members")]
    # Every app's staff pages live under /staff/org/<id>/<app>/ (docs/conventions.md): one rule covers them all.
    robots_disallow = ["/staff/", "/admin/", "/accounts/"]
    sitemaps = {"portal": "portal.sitemaps.PortalSitemap"}

    def warm_up(self):
        """Called by portal/wsgi.py as a worker starts: the stored plain pages' build id is hashed from the sources
        this process loaded (with gunicorn's preload, in the master, before a deploy's files change under it),
        and the URL resolver it needs is filled before the first reader."""
        from portal import plain_pages

        plain_pages.build_id()

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate

        from portal import caching, plain_pages, signals  # noqa: F401
        from portal.models import CalendarOverride, ConfirmedCalendarYear, Membership, Organisation
        from portal.registry import create_declared_permissions

        for model in (Organisation, Membership, CalendarOverride, ConfirmedCalendarYear):
            auditlog.register(model)
        # Apps' own Organisation-level permissions get their auth rows after every migrate (portal/registry.py).
        post_migrate.connect(create_declared_permissions, sender=self, dispatch_uid="portal-declared-permissions")
        # The menu's stored pages are rendered again by the task worker after public content changes.
        caching.public_content_changed.connect(plain_pages.schedule_render_ahead, dispatch_uid="portal-render-ahead")
