"""RSS and Atom feeds of public consultations (意见征集), newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from participation.models import PublicConsultation


class ConsultationFeed(Feed):
    title = _("意见征集")
    description = _("向社会公开征求意见的政策草案及意见采纳情况反馈")

    def link(self):
        return reverse("participation:consultations")

    def items(self):
        return PublicConsultation.objects.public().select_related("organisation").order_by("-published_at", "-pk")[:30]

    def item_title(self, consultation):
        return consultation.title

    def item_description(self, consultation):
        return _("%(organisation)s，征集期 %(opens)s 至 %(closes)s") % {
            "organisation": consultation.organisation.name,
            "opens": consultation.opens_on.isoformat(),
            "closes": consultation.closes_on.isoformat(),
        }

    def item_pubdate(self, consultation):
        return consultation.published_at


class ConsultationAtomFeed(ConsultationFeed):
    feed_type = Atom1Feed
    subtitle = ConsultationFeed.description
