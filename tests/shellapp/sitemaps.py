from django.contrib.sitemaps import Sitemap


class ShellSitemap(Sitemap):
    def items(self):
        return ["/shell/"]

    def location(self, item):
        return item
