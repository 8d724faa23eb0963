"""Public supervision pages for the site's sitemap: the overview and every office's statistics page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.models import CATALOG_KINDS, Organisation


class SupervisionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        offices = Organisation.objects.active().filter(kind__in=CATALOG_KINDS).order_by("path").values_list("pk", flat=True)
        return ["home", "demonstrations", "notices", *offices]

    def location(self, item):
        if item == "home":
            return reverse("supervision:public_home")
        if item == "demonstrations":
            return reverse("supervision:public_demonstrations")
        if item == "notices":
            return reverse("supervision:public_notices")
        return reverse("supervision:statistics", kwargs={"org_pk": item})
