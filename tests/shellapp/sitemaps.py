from portal.sitemaps import StaticPagesSitemap


class ShellSitemap(StaticPagesSitemap):
    url_names = ["shellapp:index"]
