"""Public pages of the 政府信息公开专栏 under /column/: the same parts, names and layout for every organisation.

Written parts come from `PartVersion.objects.public()`, documents from `Document.objects.public()`, catalogs from
`CatalogVersion.objects.current()`, annual reports from `AnnualReport.objects.published()` — never a working copy.
Villages and communities have no column (they publish 村务/居务): their addresses are 404 here.
"""

import django_filters
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from column import application_form, content
from column.models import Leader, Part, PartVersion
from disclosure.filters import DocumentFilter
from disclosure.headings import StatutoryHeading, headings_for
from disclosure.models import Document, DocumentType
from disclosure.pagination import paginate
from portal.downloads import attachment_response, stored_file_response
from portal.models import GRASSROOTS_KINDS, Organisation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
POLICY_TYPES = (DocumentType.NORMATIVE, DocumentType.POLICY)


def column_organisations():
    """Organisations that have a column: active, not a village or community committee."""
    return Organisation.objects.active().exclude(kind__in=GRASSROOTS_KINDS)


def _organisation(org_pk):
    return get_object_or_404(column_organisations(), pk=org_pk)


def _render(request, organisation, template, context, section=None):
    context.update({"organisation": organisation, "section": section, "parts": Part})
    return render(request, f"column/{template}", context)


@require_GET
def index(request):
    """Every organisation's column, in the county's tree order."""
    organisations = column_organisations().in_tree_order().only("pk", "name", "kind", "path")[:1000]
    return render(request, "column/index.html", {"organisations": organisations})


@require_GET
def home(request, org_pk):
    """The column's front page: the four statutory parts and 机构信息, each with what it holds or an empty state."""
    organisation = _organisation(org_pk)
    latest = {}  # a handful of versions per part: one query, the newest of each kept
    for version in PartVersion.objects.public().filter(organisation=organisation).order_by("-number")[:300]:
        latest.setdefault(version.part, version)
    reports = content.annual_reports(organisation)
    return _render(
        request,
        organisation,
        "home.html",
        {
            "guide": latest.get(Part.GUIDE),
            "rules": latest.get(Part.RULES),
            "profile": latest.get(Part.PROFILE),
            "reports": reports[:3],
        },  # fmt: skip
    )


@require_GET
def guide(request, org_pk):
    organisation = _organisation(org_pk)
    version = PartVersion.objects.current(organisation, Part.GUIDE)
    return _render(request, organisation, "guide.html", {"version": version}, section="guide")


@require_GET
def application_form_print(request, org_pk):
    """The paper application form as an A4 page to print (GB/T 9704 layout, static/column/form.css)."""
    organisation = _organisation(org_pk)
    version = PartVersion.objects.current(organisation, Part.GUIDE)
    data = version.data if version else None
    return render(
        request,
        "column/application_form.html",
        {
            "organisation": organisation,
            "sections": application_form.SECTIONS,
            "title": application_form.TITLE,
            "signature": application_form.SIGNATURE,
            "notes": application_form.notes(data, organisation.name),
        },  # fmt: skip
    )


@require_GET
def application_form_docx(request, org_pk):
    organisation = _organisation(org_pk)
    version = PartVersion.objects.current(organisation, Part.GUIDE)
    body = application_form.to_docx(organisation.name, version.data if version else None)
    return attachment_response(body, DOCX, f"{organisation.name}政府信息公开申请表.docx")


def _part_versions(organisation, part):
    return list(PartVersion.objects.public().filter(organisation=organisation, part=part).order_by("-number")[:100])


@require_GET
def rules(request, org_pk, number=None):
    """The organisation's disclosure rules: the current version, or an earlier one; every version listed."""
    organisation = _organisation(org_pk)
    versions = _part_versions(organisation, Part.RULES)
    if number is None:
        version = versions[0] if versions else None
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404
    is_current = version is not None and version.number == versions[0].number
    context = {"version": version, "versions": versions, "is_current": is_current}
    return _render(request, organisation, "rules.html", context, section="rules")


@require_GET
def profile(request, org_pk):
    organisation = _organisation(org_pk)
    version = PartVersion.objects.current(organisation, Part.PROFILE)
    context = {"version": version}
    if version:
        context.update(
            internal_units=version.lines("internal_units"), subordinate_bodies=version.lines("subordinate_bodies")
        )
    return _render(request, organisation, "profile.html", context, section="profile")


@require_GET
def leader_photo(request, org_pk, number, index):
    """A leader's photo as a published version shows it (never a photo only a draft holds)."""
    organisation = _organisation(org_pk)
    version = get_object_or_404(
        PartVersion.objects.public(), organisation=organisation, part=Part.PROFILE, number=number
    )
    leaders = version.data.get("leaders") or []
    if not 0 <= index < len(leaders) or not leaders[index].get("photo"):
        raise Http404
    name = leaders[index]["photo"]
    storage = Leader._meta.get_field("photo").storage  # the field's storage, as attachments do
    if not storage.exists(name):
        raise Http404
    response = stored_file_response(storage.open(name), f"leader-{index + 1}.{name.rsplit('.', 1)[-1]}")
    response["Content-Disposition"] = "inline"
    return response


@require_GET
def statutory(request, org_pk):
    """法定主动公开内容 by the Art. 20/21 headings, with the organisation's domain catalogs beside them."""
    organisation = _organisation(org_pk)
    return _render(
        request,
        organisation,
        "statutory.html",
        {"rows": content.statutory_overview(organisation), "catalogs": content.domain_catalogs(organisation)},
        section="statutory",
    )


@require_GET
def statutory_heading(request, org_pk, heading):
    organisation = _organisation(org_pk)
    if heading not in {h.value for h in headings_for(organisation.kind)}:
        raise Http404
    page = paginate(
        content.heading_documents(organisation, heading),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    return _render(
        request, organisation, "heading.html", {"heading": StatutoryHeading(heading), "page": page},
        section="statutory",
    )  # fmt: skip


@require_GET
def annual_reports(request, org_pk):
    organisation = _organisation(org_pk)
    return _render(
        request, organisation, "annual_reports.html", {"reports": content.annual_reports(organisation)},
        section="reports",
    )  # fmt: skip


class PolicyFilter(DocumentFilter):
    """The list page's filters (organisation, year, validity) with the type narrowed to policy documents."""

    doc_type = django_filters.ChoiceFilter(
        label=_("文件类型"),
        choices=[(t.value, t.label) for t in POLICY_TYPES],
        empty_label=_("全部政策文件"),
    )

    class Meta:
        model = Document
        fields = ["organisation", "doc_type", "year", "validity", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("domain", "item"):
            self.filters.pop(name, None)
            self.form.fields.pop(name, None)


POLICY_ONLY = ("pk", "title", "document_number", "doc_type", "written_on", "published_on", "validity",
               "validity_changed_on", "organisation__name", "organisation__short_name")  # fmt: skip


@require_GET
def policies(request):
    """行政规范性文件 and other policy documents: 文号, validity, filters, and a 政策解读 column."""
    documents = (
        Document.objects.public()
        .filter(doc_type__in=POLICY_TYPES)
        .select_related("organisation")
        .only(*POLICY_ONLY)
        .prefetch_related(
            Prefetch("interpretations", queryset=Document.objects.public().only("pk", "title", "interprets_id"))
        )
    )
    filterset = PolicyFilter(request.GET, queryset=documents)
    page = paginate(
        filterset.qs,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        newest_first=filterset.newest_first,
    )
    return render(request, "column/policies.html", {"filter": filterset, "page": page})
