"""Public catalog pages. Every one reads through the gate: CatalogVersion.objects.published()/current().

Nothing here looks at working copies: an organisation or domain without a published version is a 404.
"""

from collections import defaultdict

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from catalog import services
from catalog.grouping import group_by_first_level
from catalog.models import CatalogVersion, Domain
from catalog.spreadsheet import catalog_title, write_catalog
from portal.downloads import XLSX, attachment_response
from portal.models import CATALOG_KINDS, Organisation, OrganisationKind


def _current_versions():
    return CatalogVersion.objects.current().select_related("catalog__organisation", "catalog__domain")


def home(request):
    """The organisation tree — each county, its departments, its townships and streets — with published domains."""
    published = defaultdict(list)
    negative = set()
    for version in _current_versions().order_by("catalog__domain__number"):
        if version.catalog.is_negative_list:
            negative.add(version.catalog.organisation_id)
        else:
            published[version.catalog.organisation_id].append(version.catalog.domain)

    def row(org):
        return {"organisation": org, "domains": published.get(org.pk, []), "has_negative": org.pk in negative}

    organisations = list(Organisation.objects.active().filter(kind__in=CATALOG_KINDS).in_tree_order())
    counties = []
    for county in (o for o in organisations if o.kind == OrganisationKind.COUNTY):
        below = sorted(
            (o for o in organisations if o.path.startswith(county.path) and o.pk != county.pk),
            key=lambda o: (o.sort_order, o.pk),  # paths sort as text ("/10/" before "/4/")
        )
        counties.append(
            {
                "county": county,
                "government": [row(county)],  # the county government's own catalog
                "departments": [row(o) for o in below if o.kind == OrganisationKind.DEPARTMENT],
                "townships": [row(o) for o in below if o.kind in (OrganisationKind.TOWNSHIP, OrganisationKind.STREET)],
            }
        )
    return render(request, "catalog/home.html", {"counties": counties, "domain_count": Domain.objects.active().count()})


def organisation(request, org_pk):
    org = get_object_or_404(Organisation.objects.active(), pk=org_pk)
    versions = list(_current_versions().filter(catalog__organisation=org).order_by("catalog__domain__number"))
    if not versions:
        raise Http404
    return render(
        request,
        "catalog/organisation.html",
        {
            "organisation": org,
            "versions": [v for v in versions if not v.catalog.is_negative_list],
            "negative": next((v for v in versions if v.catalog.is_negative_list), None),
        },
    )


def _version(org_pk, domain_code, number=None):
    """A published version of a domain catalog (the current one unless a number is given), or 404."""
    versions = CatalogVersion.objects.published().select_related("catalog__organisation", "catalog__domain", "published_by")
    lookup = {"catalog__organisation_id": org_pk}
    if domain_code is None:
        lookup["catalog__domain__isnull"] = True
    else:
        lookup["catalog__domain__code"] = domain_code
    if number is None:
        return get_object_or_404(versions.filter(current_of__isnull=False), **lookup)
    return get_object_or_404(versions, number=number, **lookup)


def domain_catalog(request, org_pk, domain, number=None):
    """A published domain catalog as a table; `?print=1` gives the print layout."""
    version = _version(org_pk, domain, number)
    rows = list(version.items.all())
    template = "catalog/print.html" if request.GET.get("print") else "catalog/domain.html"
    return render(
        request,
        template,
        {
            "version": version,
            "organisation": version.catalog.organisation,
            "domain": version.catalog.domain,
            "groups": group_by_first_level([r for r in rows if r.is_applicable]),
            "not_applicable": [r for r in rows if not r.is_applicable],
            "is_current": number is None or version.catalog.current_version_id == version.pk,
        },
    )


def domain_xlsx(request, org_pk, domain, number=None):
    version = _version(org_pk, domain, number)
    title = catalog_title(version.catalog.organisation, version.catalog.domain, version.number)
    data = write_catalog(title, [r for r in version.items.all() if r.is_applicable])
    filename = f"catalog-{version.catalog.organisation_id}-{version.catalog.domain.code}-v{version.number}.xlsx"
    return attachment_response(data, XLSX, filename)


def history(request, org_pk, domain=None):
    """Every published version of a catalog (or negative list), newest first, with its change summary."""
    current = _version(org_pk, domain)
    versions = (
        CatalogVersion.objects.published().filter(catalog=current.catalog).select_related("published_by").order_by("-number")
    )
    return render(
        request,
        "catalog/history.html",
        {"catalog": current.catalog, "organisation": current.catalog.organisation, "versions": versions},
    )


def version_detail(request, org_pk, number, domain=None):
    """An earlier (or the current) version with what changed against the one before."""
    version = _version(org_pk, domain, number)
    diff = services.version_diff(version)
    return render(
        request,
        "catalog/version.html",
        {
            "version": version,
            "catalog": version.catalog,
            "organisation": version.catalog.organisation,
            "diff": diff,
            "labels": services.column_labels(version.catalog),
        },
    )


def negative_list(request, org_pk, number=None):
    version = _version(org_pk, None, number)
    return render(
        request,
        "catalog/negative.html",
        {"version": version, "organisation": version.catalog.organisation, "entries": version.negative_entries.all()},
    )
