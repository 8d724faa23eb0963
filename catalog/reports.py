"""Coverage of the catalog across organisations: who has published which domain (for the supervising office)."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalog.models import Catalog, CatalogItem, Domain
from portal.models import CATALOG_KINDS, Organisation

NOT_STARTED, DRAFT, SUBMITTED, PUBLISHED = "not_started", "draft", "submitted", "published"
LABELS = {NOT_STARTED: _("未开始"), DRAFT: _("编制中"), SUBMITTED: _("待审核"), PUBLISHED: _("已发布")}


@dataclass
class Cell:
    status: str
    items: int
    version: int | None

    @property
    def label(self):
        return LABELS[self.status]


def cell_status(catalog: Catalog | None, items: int) -> str:
    """Pure rule: a published version wins (even with a draft pending); then submitted; then any items = draft."""
    if catalog is not None and catalog.current_version_id:
        return PUBLISHED
    if catalog is not None and catalog.state == Catalog.State.SUBMITTED:
        return SUBMITTED
    return DRAFT if items else NOT_STARTED


def coverage() -> dict:
    """{"domains": [...], "rows": [(organisation, [Cell per domain], published count)], "totals": [...]} in 4 queries."""
    domains = list(Domain.objects.active())
    organisations = list(Organisation.objects.active().filter(kind__in=CATALOG_KINDS).in_tree_order())
    catalogs = {
        (c.organisation_id, c.domain_id): c
        for c in Catalog.objects.filter(domain__isnull=False).select_related("current_version")
    }
    counts = {
        (row["organisation"], row["domain"]): row["n"]
        for row in CatalogItem.objects.working().values("organisation", "domain").annotate(n=Count("pk"))
    }
    rows, totals = [], [0] * len(domains)
    for org in organisations:
        cells = []
        for index, domain in enumerate(domains):
            catalog = catalogs.get((org.pk, domain.pk))
            items = counts.get((org.pk, domain.pk), 0)
            status = cell_status(catalog, items)
            version = catalog.current_version.number if status == PUBLISHED else None
            cells.append(Cell(status, items, version))
            totals[index] += status == PUBLISHED
        rows.append((org, cells, sum(c.status == PUBLISHED for c in cells)))
    return {"domains": domains, "rows": rows, "totals": totals}
