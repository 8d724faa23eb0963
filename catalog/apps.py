from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("政务公开事项标准目录")
    default_auto_field = "django.db.models.BigAutoField"
    public_nav = [(20, _("公开目录"), "catalog:home")]
    workspace_links = [(_("标准目录编制"), "catalog:staff_home", "draft_content")]
    sitemaps = {"catalog": "catalog.sitemaps.CatalogSitemap"}

    def ready(self):
        from auditlog.registry import auditlog

        from catalog.models import Catalog, CatalogItem, Domain, GuidelineEntry, NegativeListEntry

        # Everything staff edit leaves an audit trail; published versions are immutable and carry events.
        for model in (Domain, GuidelineEntry, Catalog, CatalogItem, NegativeListEntry):
            auditlog.register(model)

        # Published catalogs, domains and items (shown on document pages too): drop the cached public pages.
        from django.db.models.signals import post_delete, post_save

        from catalog.models import CatalogVersion, VersionItem, VersionNegativeEntry
        from portal.caching import bump_public_generation

        for model in (Domain, GuidelineEntry, Catalog, CatalogItem, CatalogVersion, VersionItem, VersionNegativeEntry):
            for signal in (post_save, post_delete):
                signal.connect(bump_public_generation, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
