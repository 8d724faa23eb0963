"""What the column's public pages read, each through the owning app's public gate, in a fixed number of queries."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from catalog.models import CatalogVersion
from disclosure.headings import headings_for
from disclosure.models import Document
from requests_app.models import AnnualReport

# Documents shown under each heading on the overview; the heading's own page lists the rest (keyset pages).
PER_HEADING = 5
DOCUMENT_FIELDS = (
    "pk",
    "title",
    "document_number",
    "published_on",
    "validity",
    "validity_changed_on",
    "statutory_heading",
    "organisation_id",
)


def statutory_overview(organisation):
    """[(heading, [newest documents], has_more)] for every heading that applies to the organisation's kind.

    One query whatever the number of documents: a window numbers each heading's public documents newest first
    and only the first PER_HEADING + 1 of each are fetched (the extra one says "more"). The headings are named
    (`IN`, not "not empty"), so the walk is the doc_org_heading index's and not every document of the organisation
    (at a million documents: 40 ms in the database for an organisation with 17,000 documents, none headed)."""
    headings = headings_for(organisation.kind)
    ranked = (
        Document.objects.public()
        .filter(organisation=organisation, statutory_heading__in=headings)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("statutory_heading")], order_by=[F("published_on").desc(), F("pk").desc()]
            )
        )
        .filter(rank__lte=PER_HEADING + 1)
        .only(*DOCUMENT_FIELDS)
    )
    by_heading = {}
    for document in ranked:
        by_heading.setdefault(document.statutory_heading, []).append(document)
    rows = []
    for heading in headings:
        found = sorted(by_heading.get(heading, []), key=lambda d: (d.published_on, d.pk), reverse=True)
        rows.append((heading, found[:PER_HEADING], len(found) > PER_HEADING))
    return rows


def heading_documents(organisation, heading):
    """One organisation's public documents under one heading (paged by the caller with disclosure's keyset)."""
    return Document.objects.public().filter(organisation=organisation, statutory_heading=heading).only(*DOCUMENT_FIELDS)


def domain_catalogs(organisation):
    """The organisation's current published domain catalogs (the 26 domains beside the headings)."""
    return list(
        CatalogVersion.objects.current()
        .filter(catalog__organisation=organisation, catalog__domain__isnull=False)
        .select_related("catalog__domain")
        .order_by("catalog__domain__number")
    )


def annual_reports(organisation):
    """The organisation's published annual reports, newest year first (a correction replaces the original)."""
    return list(AnnualReport.objects.published().filter(organisation=organisation).order_by("-year")[:50])
