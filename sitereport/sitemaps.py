from django.urls import reverse

from portal.sitemaps import StaticPagesSitemap
from sitereport.models import SiteReport


class SiteReportSitemap(StaticPagesSitemap):
    """The list page and every published year (from the public gate)."""

    url_names = ["sitereport:index"]
    changefreq = "yearly"

    def items(self):
        years = SiteReport.objects.published().order_by("-year").values_list("year", flat=True)[:100]
        return super().items() + [reverse("sitereport:detail", args=[year]) for year in years]
