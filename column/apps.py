from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColumnConfig(AppConfig):
    """政府信息公开专栏: the same fixed parts for every organisation (guide, rules, statutory content, annual
    reports, organisation information) and the policy-document library. Reads portal, catalog, disclosure and
    requests_app; only api imports it (the read API)."""

    name = "column"
    verbose_name = _("政府信息公开专栏")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(15, _("信息公开专栏"), "column:index"), (16, _("政策文件库"), "column:policies")]
    workspace_links = [(_("信息公开专栏（指南、制度、机构信息）"), "column:staff_home", "draft_content")]
    sitemaps = {"column": "column.sitemaps.ColumnSitemap"}
    demo_after = ("disclosure", "requests_app")
    # A document's page links to its organisation's column (disclosure never imports this app).
    template_slots = {"disclosure.document_detail": [(5, "column/_document_column_link.html")]}

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_delete, post_save

        from column import models
        from portal.caching import bump_public_generation

        for model in (models.Guide, models.Rules, models.Profile, models.Leader):
            auditlog.register(model)
        # Citizens read only published versions: a new one changes public pages (portal/caching.py).
        for signal in (post_save, post_delete):
            signal.connect(bump_public_generation, sender=models.PartVersion, dispatch_uid="public-pages-PartVersion")
