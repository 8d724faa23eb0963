"""Published catalog pages: the catalog section of the site's sitemap.xml (declared in CatalogConfig.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalog.models import CatalogVersion


class CatalogSitemap(Sitemap):
    """The current version of every published domain catalog and negative list."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            CatalogVersion.objects.current()
            .select_related("catalog__domain")
            .order_by("catalog__organisation_id", "catalog__domain__number")
        )

    def location(self, version):
        catalog = version.catalog
        if catalog.is_negative_list:
            return reverse("catalog:negative", kwargs={"org_pk": catalog.organisation_id})
        return reverse("catalog:domain", kwargs={"org_pk": catalog.organisation_id, "domain": catalog.domain.code})

    def lastmod(self, version):
        return version.published_at
