"""RSS and Atom feeds of newly published documents, per organisation (with its subtree) and per domain.

Atom (RFC 4287) requires `updated` and `author` on every entry, or an `author` on the feed: entries carry the
publication time as `updated` (a correction is a new document, so a published one never changes significantly)
and the publishing organisation as author; the feed's author is the organisation, or the site for a domain.
Django's Feed view sets Last-Modified from the newest entry; ConditionalGetMiddleware adds the ETag and the 304.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from catalog.models import Domain
from disclosure.models import Document
from portal.models import Organisation

FEED_SIZE = 30


class OrganisationFeed(Feed):
    def get_object(self, request, org_pk):
        return get_object_or_404(Organisation, pk=org_pk, is_active=True)

    def title(self, organisation):
        return _("%(name)s · 最新公开文件") % {"name": organisation.name}

    def link(self, organisation):
        return reverse("disclosure:list") + f"?organisation={organisation.pk}"

    def description(self, organisation):
        return _("%(name)s及其下级机构主动公开的政府信息") % {"name": organisation.name}

    def items(self, organisation):
        return _latest(Document.objects.public().of_organisation_tree(organisation))

    def item_title(self, document):
        return document.title

    def item_description(self, document):
        # RSS <description> and Atom <summary type="html"> are HTML to feed readers: every field goes in as text.
        return escape(f"{document.organisation.name} {document.document_number} {document.index_number}")

    def author_name(self, organisation):
        return organisation.name

    def item_pubdate(self, document):
        return document.published_at

    def item_updateddate(self, document):
        return document.published_at

    def item_author_name(self, document):
        return document.organisation.name


class DomainFeed(OrganisationFeed):
    def get_object(self, request, code):
        return get_object_or_404(Domain, code=code, is_active=True)

    def author_name(self, domain):
        return settings.GONGKAI_SITE_NAME

    def link(self, domain):
        return reverse("disclosure:list") + f"?domain={domain.code}"

    def description(self, domain):
        return _("%(name)s领域主动公开的政府信息") % {"name": domain.name}

    def items(self, domain):
        return _latest(Document.objects.public().filter(domain=domain))


def _latest(documents):
    return documents.select_related("organisation").defer("body", "body_html", "search_tokens")[:FEED_SIZE]


class OrganisationAtomFeed(OrganisationFeed):
    feed_type = Atom1Feed
    subtitle = OrganisationFeed.description


class DomainAtomFeed(DomainFeed):
    feed_type = Atom1Feed
    subtitle = DomainFeed.description
