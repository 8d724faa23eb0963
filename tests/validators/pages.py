"""The main public pages the validators check, found in the seeded demo (`seed_demo`)."""

from django.urls import reverse

from portal.display import sweep_values

DISPLAY_MODES = sweep_values()  # cookie values: standard, large, contrast (portal/display.py)
LANGUAGES = ("zh-hans", "en")
__all__ = ["DISPLAY_MODES", "LANGUAGES", "main_pages"]


def main_pages() -> list[tuple[str, str]]:
    """(name, path) of home, lists, details, search, catalog, requests, interaction, participation, open days,
    supervision, alerts, the disclosure column, the service-hall kiosk, the site report and the error pages, each
    an example the demo has data for."""
    from catalog.models import CatalogVersion
    from disclosure.models import Document
    from interaction.models import Message
    from participation.models import OpenDay, PublicConsultation
    from portal.models import Organisation, OrganisationKind

    document = Document.objects.public().order_by("-published_at").first()
    version = (
        CatalogVersion.objects.published()
        .filter(catalog__domain__isnull=False)
        .select_related("catalog__domain")
        .first()
    )
    county = Organisation.objects.active().filter(kind=OrganisationKind.COUNTY).first()
    pages = [
        ("home", reverse("portal:home")),
        ("guide", reverse("portal:guide")),
        ("site-map", reverse("portal:site_map")),
        ("villages", reverse("villages:index")),
        ("documents", reverse("disclosure:list")),
        ("document", reverse("disclosure:detail", args=[document.pk])),
        ("search", reverse("disclosure:search") + "?q=低保"),
        ("search-empty", reverse("disclosure:search")),
        ("catalog", reverse("catalog:home")),
        ("catalog-organisation", reverse("catalog:organisation", args=[version.catalog.organisation_id])),
        (
            "catalog-domain",
            reverse("catalog:domain", args=[version.catalog.organisation_id, version.catalog.domain.code]),
        ),
        ("requests-apply", reverse("requests_app:apply")),
        ("requests-track", reverse("requests_app:track")),
        ("interaction", reverse("interaction:home")),
        ("interaction-write", reverse("interaction:write")),
        ("interaction-messages", reverse("interaction:messages")),
        ("participation", reverse("participation:home")),
        ("consultations", reverse("participation:consultations")),
        ("open-days", reverse("participation:open_days")),
        ("supervision", reverse("supervision:public_home")),
        ("supervision-statistics", reverse("supervision:statistics", args=[county.pk])),
        ("alerts", reverse("alerts:subscribe")),
        ("not-found", "/documents/999999999/"),
        ("method-not-allowed", reverse("portal:set_display")),
    ]
    message = Message.objects.public().first()
    if message:
        pages.append(("interaction-message", reverse("interaction:message", args=[message.pk])))
    consultation = PublicConsultation.objects.public().first()
    if consultation:
        pages.append(("consultation", reverse("participation:consultation", args=[consultation.pk])))
    from villages.models import VillageItem

    item = VillageItem.objects.public().select_related("village").first()
    if item:
        pages.append(("village", reverse("villages:village", args=[item.village_id])))
        pages.append(("village-item", reverse("villages:item", args=[item.pk])))
    open_day = OpenDay.objects.public().first()
    if open_day:
        pages.append(("open-day", reverse("participation:open_day", args=[open_day.pk])))
    pages += _column_hall_and_site_report_pages()
    return pages


def _column_hall_and_site_report_pages() -> list[tuple[str, str]]:
    from column.models import Part, PartVersion
    from sitereport.models import SiteReport

    pages = [
        ("column", reverse("column:index")),
        ("column-policies", reverse("column:policies")),
        ("hall", reverse("servicehall:home")),
        ("hall-guide", reverse("servicehall:guide")),
        ("hall-documents", reverse("servicehall:documents")),
        ("hall-track", reverse("servicehall:track")),
        ("site-reports", reverse("sitereport:index")),
    ]
    profile = PartVersion.objects.public().filter(part=Part.PROFILE).first()
    if profile:
        org = profile.organisation_id
        pages += [
            ("column-home", reverse("column:home", args=[org])),
            ("column-profile", reverse("column:profile", args=[org])),
            ("column-statutory", reverse("column:statutory", args=[org])),
            ("column-annual-reports", reverse("column:annual_reports", args=[org])),
        ]
    for part, view in ((Part.GUIDE, "column:guide"), (Part.RULES, "column:rules")):
        version = PartVersion.objects.public().filter(part=part).first()
        if version:
            pages.append((f"column-{part}", reverse(view, args=[version.organisation_id])))
    report = SiteReport.objects.published().first()
    if report:
        pages.append(("site-report", reverse("sitereport:detail", args=[report.year])))
    return pages
