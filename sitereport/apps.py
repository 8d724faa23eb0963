from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteReportConfig(AppConfig):
    """政府网站工作年度报表 (国办函〔2018〕12号) and the visit counting it reports from. Reads portal, catalog,
    disclosure, interaction and participation through their public querysets; nothing imports it."""

    name = "sitereport"
    verbose_name = _("网站工作年度报表")
    default_auto_field = "django.db.models.BigAutoField"
    site_map_links = [(_("政府网站工作年度报表"), "sitereport:index")]
    workspace_links = [(_("网站工作年度报表"), "sitereport:staff_home", "keep_site_report")]
    home_sections = [(90, "sitereport/_home.html")]
    workspace_sections = [(30, "sitereport/_workspace.html")]
    sitemaps = {"site-reports": "sitereport.sitemaps.SiteReportSitemap"}
    demo_after = ("disclosure", "interaction", "participation", "catalog")
    organisation_permissions = [("keep_site_report", _("可编制和发布政府网站工作年度报表"))]
    roles = [("site_report_clerk", _("网站年度报表填报人"))]
    role_permissions = {"site_report_clerk": ["keep_site_report"]}

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_delete, post_save

        from portal.caching import bump_public_generation
        from sitereport import models

        auditlog.register(models.SiteReport, mask_fields=["phone"])
        for signal in (post_save, post_delete):
            signal.connect(bump_public_generation, sender=models.SiteReport, dispatch_uid="public-pages-SiteReport")
