"""The annual report on open government information: the public pages and the staff pages that write it.

Citizens read published reports (frozen; earlier years and corrected versions stay listed) and, for years
without one, the live statistics. Staff (draft_content) write parts 一, 五, 六 and the figures of part 二
the portal does not hold; a reviewer (review_content) publishes. Rules are in publishing.py.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from portal.downloads import attachment_response
from portal.errors import Refusal
from portal.permissions import OrganisationPermissionMixin
from portal.roles import DRAFT_CONTENT
from requests_app import annual_report, publishing
from requests_app.forms import organisations_accepting_requests
from requests_app.models import AnnualReport, InformationRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAVED = _("草稿已保存。")
DONE = _("已完成：%(action)s。")
FIRST_YEAR = 2019  # the revised Regulations took effect in May 2019


# ---------------------------------------------------------------- public


def annual_reports(request):
    """Published reports, newest year first, and links to each organisation's live statistics."""
    published = AnnualReport.objects.published().select_related("organisation").order_by("-year", "organisation__path")
    organisations = organisations_accepting_requests().order_by("path")
    this_year = timezone.localdate().year
    first = InformationRequest.objects.order_by("year").values_list("year", flat=True).first() or this_year
    years = list(range(this_year, min(first, this_year) - 1, -1))
    context = {"published": published, "organisations": organisations, "years": years}
    return render(request, "requests_app/annual_reports.html", context)


def _public_report(org_pk: int, year: int):
    organisation = get_object_or_404(organisations_accepting_requests(), pk=org_pk)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    record = publishing.published(organisation, year)
    numbers = publishing.numbers(record) if record else annual_report.complete(organisation, year, {})
    return record, numbers


def annual_report_page(request, org_pk: int, year: int):
    """The published report in full, or the live statistics while none is published."""
    record, report = _public_report(org_pk, year)
    superseded = (
        AnnualReport.objects.filter(organisation_id=org_pk, year=year, status="superseded").order_by("version")
        if record
        else []
    )
    context = {"record": record, "report": report, "superseded": superseded}
    return render(request, "requests_app/annual_report.html", context)


def annual_report_print(request, org_pk: int, year: int):
    """The published report laid out for A4 paper, like the official document it is."""
    record, report = _public_report(org_pk, year)
    if record is None:
        raise Http404
    return render(request, "requests_app/annual_report_print.html", {"record": record, "report": report})


def annual_report_xlsx(request, org_pk: int, year: int):
    record, report = _public_report(org_pk, year)
    filename = f"annual-report-{report.organisation.pk}-{year}.xlsx"
    return attachment_response(annual_report.to_xlsx(report, record), XLSX, filename)


# ---------------------------------------------------------------- staff


class ReportForm(forms.ModelForm):
    seen_updated_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AnnualReport
        fields = publishing.EDITABLE_FIELDS
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 8}),
            "problems": forms.Textarea(attrs={"rows": 6}),
            "other_matters": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "other_matters": _("含本年度收取信息处理费的情况；下方表格列出系统记录的收费金额。"),
            "rules_made": _("县级人民政府及其部门无规章制定权的，填0。"),
            "fees_collected": _("单位：万元，可保留四位小数。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.version == 1:
            del self.fields["correction_note"]
        else:
            self.fields["correction_note"].required = True
        self.fields["seen_updated_at"].initial = self.instance.updated_at


class StaffReportMixin(OrganisationPermissionMixin):
    """The one door for the report pages: draft_content on the organisation in the URL."""

    permission = DRAFT_CONTENT

    def report_url(self, year):
        return reverse("requests_app:staff_annual_report", kwargs={"org_pk": self.organisation.pk, "year": year})


class StaffReportListView(StaffReportMixin, TemplateView):
    """Every year since the Regulations took effect, with its report's state and the legal deadline."""

    template_name = "requests_app/staff/annual_reports.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        by_year: dict[int, list[AnnualReport]] = {}
        for report in AnnualReport.objects.filter(organisation=self.organisation).exclude(status="superseded"):
            by_year.setdefault(report.year, []).append(report)
        rows = []
        for year in range(today.year - 1, FIRST_YEAR - 1, -1):
            reports = by_year.get(year, [])
            rows.append(
                {
                    "year": year,
                    "published": next((r for r in reports if r.status == "published"), None),
                    "working": next((r for r in reports if r.status != "published"), None),
                    **publishing.deadline_status(self.organisation, year, today),
                }
            )
        context["rows"] = rows
        return context


class StaffReportView(StaffReportMixin, View):
    """Write the year's report: the working copy's form, the live tables, and the review steps."""

    template_name = "requests_app/staff/annual_report.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.year = kwargs["year"]
        if not FIRST_YEAR <= self.year < timezone.localdate().year:
            raise Http404

    def render_page(self, form=None, status=200):
        report = publishing.working_copy(self.organisation, self.year)
        current = publishing.published(self.organisation, self.year)
        shown = report or current
        if form is None and report is not None and report.status == "draft":
            form = ReportForm(instance=report)
        context = {
            "organisation": self.organisation,
            "year": self.year,
            "report": report,
            "current": current,
            "form": form,
            "numbers": publishing.numbers(shown) if shown else None,
            "transitions": publishing.REPORT_FLOW.available(report, self.request.user) if report else [],
            "events": publishing.labelled_events(report) if report else [],
            **publishing.deadline_status(self.organisation, self.year, timezone.localdate()),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "save")
        try:
            if action == "start":
                publishing.start(self.organisation, self.year, by=request.user)
            elif action == "save":
                report = publishing.working_copy(self.organisation, self.year)
                if report is None:
                    raise Http404
                form = ReportForm(request.POST, instance=AnnualReport.objects.get(pk=report.pk))
                if not form.is_valid():
                    return self.render_page(form=form, status=400)
                data = {name: form.cleaned_data[name] for name in publishing.EDITABLE_FIELDS if name in form.fields}
                try:
                    publishing.save_draft(
                        report, data, by=request.user, seen_updated_at=form.cleaned_data["seen_updated_at"]
                    )
                except Refusal as refusal:
                    form.add_error(None, refusal)
                    return self.render_page(form=form, status=409 if refusal.code == "conflict" else 400)
                messages.success(request, SAVED)
            else:
                self.take_step(action)
        except Refusal as refusal:
            messages.error(request, str(refusal))
        return redirect(self.report_url(self.year))

    def take_step(self, event):
        report = publishing.working_copy(self.organisation, self.year)
        if report is None or event not in {t.event for t in publishing.REPORT_FLOW.transitions}:
            raise Http404
        comment = self.request.POST.get("comment", "")
        if event == "submit":
            publishing.submit(report, by=self.request.user, comment=comment)
        else:
            publishing.REPORT_FLOW.apply(report, event, by=self.request.user, comment=comment)
        label = publishing.REPORT_FLOW.transition(event).label
        messages.success(self.request, DONE % {"action": label})
