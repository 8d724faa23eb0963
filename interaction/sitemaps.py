"""The public pages of the app for sitemap.xml: published answers, hot topics and interviews."""

from django.contrib.sitemaps import Sitemap

from interaction.models import HotTopic, Interview, Message


class InteractionSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return [
            *Message.objects.public().only("pk", "published_at").order_by("pk"),
            *HotTopic.objects.public().only("pk", "updated_at").order_by("pk"),
            *Interview.objects.public().only("pk", "updated_at").order_by("pk"),
        ]

    def lastmod(self, item):
        return getattr(item, "updated_at", None) or item.published_at
