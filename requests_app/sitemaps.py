"""The requests section of the site's sitemap.xml: the pages a citizen starts from (declared in the AppConfig)."""

from portal.sitemaps import StaticPagesSitemap


class RequestPagesSitemap(StaticPagesSitemap):
    url_names = ["requests_app:apply", "requests_app:calculator", "requests_app:annual_reports"]
    priority = 0.7
