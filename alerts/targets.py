"""What a subscription watches, as a small value: its kind, target, key, name, and the documents it matches.

`Target` is built by the form (or the demo) and stored on a Subscription; `matching(subscription, documents)`
narrows a queryset of PUBLIC documents (the caller starts from `Document.objects.public()`) to the target.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from alerts.models import Kind
from disclosure import search as full_text


@dataclass(frozen=True)
class Target:
    kind: str
    organisation: object = None
    domain: object = None
    item: object = None
    query: str = ""

    @property
    def key(self) -> str:
        value = {
            Kind.ORGANISATION: lambda: self.organisation.pk,
            Kind.DOMAIN: lambda: self.domain.code,
            Kind.ITEM: lambda: self.item.pk,
            Kind.SEARCH: lambda: " ".join(self.query.split()).lower(),
        }[self.kind]()
        return f"{self.kind}:{value}"[:120]

    def fields(self) -> dict:
        return {"kind": self.kind, "organisation": self.organisation, "domain": self.domain, "item": self.item,
                "query": self.query, "target_key": self.key}  # fmt: skip


def describe(subscription) -> str:
    if subscription.kind == Kind.ORGANISATION:
        return _("%(org)s（含下级机构）发布的信息") % {"org": subscription.organisation.name}
    if subscription.kind == Kind.DOMAIN:
        return _("“%(domain)s”领域的信息") % {"domain": subscription.domain.name}
    if subscription.kind == Kind.ITEM:
        item = subscription.item
        return _("目录事项“%(first)s / %(second)s”（%(org)s）") % {
            "first": item.first_level, "second": item.second_level, "org": item.organisation.name,
        }  # fmt: skip
    return _("检索“%(query)s”的新结果") % {"query": subscription.query}


def matching(subscription, documents):
    """The public `documents` this subscription watches (a queryset; search results are ranked)."""
    if subscription.kind == Kind.ORGANISATION:
        return documents.of_organisation_tree(subscription.organisation)
    if subscription.kind == Kind.DOMAIN:
        return documents.filter(domain=subscription.domain)
    if subscription.kind == Kind.ITEM:
        return documents.filter(catalog_items=subscription.item)
    return full_text.search(documents, subscription.query)[0]


def browse_path(subscription) -> str:
    """The public page listing everything the subscription watches (the list page's filter, or the search)."""
    if subscription.kind == Kind.SEARCH:
        return reverse("disclosure:search") + "?" + urlencode({"q": subscription.query})
    value = {
        Kind.ORGANISATION: lambda: subscription.organisation_id,
        Kind.DOMAIN: lambda: subscription.domain.code,
        Kind.ITEM: lambda: subscription.item_id,
    }[subscription.kind]()
    return reverse("disclosure:list") + "?" + urlencode({subscription.kind: value})
