from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from column.views import column_organisations

# Every organisation's column has these pages, each with content or its empty state.
ORGANISATION_PAGES = ("home", "guide", "rules", "statutory", "annual_reports", "profile")


class ColumnSitemap(Sitemap):
    """The column index, the policy library, and each organisation's fixed column pages."""

    changefreq = "weekly"
    limit = 10_000

    def items(self):
        pages = [reverse("column:index"), reverse("column:policies")]
        for org_pk in column_organisations().order_by("path").values_list("pk", flat=True)[:1500]:
            pages.extend(reverse(f"column:{name}", args=[org_pk]) for name in ORGANISATION_PAGES)
        return pages

    def location(self, item):
        return item
