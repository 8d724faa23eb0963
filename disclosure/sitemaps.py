"""The documents section of the site's sitemap.xml (declared in DisclosureConfig.sitemaps, served by portal)."""

from django.contrib.sitemaps import Sitemap

from disclosure.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return Document.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, document):
        return document.updated_at
