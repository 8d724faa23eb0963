"""RSS and Atom feeds of public consultations (意见征集), newest first.

Atom entries carry `updated` (the feedback's publication once there is one, else the consultation's) and the
organisation as `author`; the feed's author is the site (RFC 4287 requires both)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from participation.models import PublicConsultation


class ConsultationFeed(Feed):
    title = _("意见征集")
    description = _("向社会公开征求意见的政策草案及意见采纳情况反馈")

    def author_name(self):
        return settings.GONGKAI_SITE_NAME

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

    def item_updateddate(self, consultation):
        return consultation.feedback_published_at or consultation.published_at

    def item_author_name(self, consultation):
        return consultation.organisation.name


class ConsultationAtomFeed(ConsultationFeed):
    feed_type = Atom1Feed
    subtitle = ConsultationFeed.description
