from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from participation.models import DecisionMatter, OpenDay, ParticipationRules, PublicConsultation


class ParticipationSitemap(Sitemap):
    """Public consultations, decision matters, participation rules and open days: the same public() gates."""

    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return [
            *(reverse("participation:home"), reverse("participation:consultations"), reverse("participation:matters"),
              reverse("participation:open_days")),
            *PublicConsultation.objects.public().only("pk").order_by("pk"),
            *DecisionMatter.objects.public().only("pk").order_by("pk"),
            *(reverse("participation:rules", args=[org]) for org in
              ParticipationRules.objects.public().values_list("organisation_id", flat=True).order_by("organisation_id")),
            *OpenDay.objects.public().only("pk").order_by("pk"),
        ]  # fmt: skip

    def location(self, item):
        return item if isinstance(item, str) else item.get_absolute_url()
