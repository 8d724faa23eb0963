"""The village pages and public village-affairs items, from the public gates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from villages.models import VillageItem
from villages.views import public_villages


class VillageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def items(self):
        return public_villages().only("pk").order_by("pk")

    def location(self, village):
        return reverse("villages:village", args=[village.pk])


class VillageItemSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 5000

    def items(self):
        return VillageItem.objects.public().only("pk", "published_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.published_at
