"""Sitemaps; `sitemaps` is the dict the site's sitemap.xml serves (other apps' sitemaps are added here)."""

from django.contrib.sitemaps import Sitemap

from catalog.sitemaps import CatalogSitemap
from disclosure.models import Document
from portal import registry


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return Document.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, document):
        return document.updated_at


sitemaps = {"documents": DocumentSitemap, "catalog": CatalogSitemap}
# Sections other apps declare in their AppConfig (portal/registry.py), so this app names none of them.
sitemaps.update({k: v for k, v in registry.sitemaps().items() if k not in sitemaps})
