"""The shell's own sitemap section, and the base class apps use for their fixed public pages.

The site's `/sitemap.xml` (an index) and `/sitemap-<section>.xml` serve every installed app's declared
`sitemaps` (portal/registry.py); an app adds a section by declaring it in its AppConfig.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse


class StaticPagesSitemap(Sitemap):
    """Pages that always exist, named by URL name: `url_names = ["myapp:home", ...]`. A name the URLconf does
    not wire is left out (as in the navigation), so a sitemap never lists a page that is not there."""

    url_names: list[str] = []
    changefreq = "weekly"

    def items(self):
        return [path for path in map(self._path, self.url_names) if path]

    def location(self, path):
        return path

    @staticmethod
    def _path(url_name):
        try:
            return reverse(url_name)
        except NoReverseMatch:
            return None


class PortalSitemap(StaticPagesSitemap):
    url_names = ["portal:home", "portal:guide"]
    priority = 0.8
