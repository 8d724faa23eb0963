"""Public pages: the list of published years, one year's report, its A4 print view and its xlsx. Everything
starts from `SiteReport.objects.published()`; the figures come from the snapshot only."""

from django.shortcuts import get_object_or_404, render

from portal.downloads import XLSX, attachment_response
from sitereport import figures, rules, spreadsheet
from sitereport.models import SiteReport


def _published(year):
    return get_object_or_404(SiteReport.objects.published().select_related("organisation"), year=year)


def _years():
    return list(SiteReport.objects.published().order_by("-year").values_list("year", "published_on")[:100])


def index(request):
    years = _years()
    latest = _published(years[0][0]) if years else None
    return render(request, "sitereport/index.html", _context(latest, years))


def _context(report, years):
    context = {"report": report, "years": [{"year": y, "late": rules.is_late(y, on)} for y, on in years]}
    if report is not None:
        context.update(
            table=figures.table(report),
            late=rules.is_late(report.year, report.published_on),
            deadline=rules.deadline(report.year),
        )
    return context


def detail(request, year):
    return render(request, "sitereport/detail.html", _context(_published(year), _years()))


def print_view(request, year):
    return render(request, "sitereport/print.html", _context(_published(year), []))


def download(request, year):
    report = _published(year)
    return attachment_response(spreadsheet.workbook(report), XLSX, f"site-report-{report.year}.xlsx")
