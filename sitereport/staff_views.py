"""Staff screens under /staff/org/<id>/sitereport/: the county government office keeps the site's report.

One door (`organisation_permission_required(KEEP_SITE_REPORT)`): login and the permission on the organisation in
the URL (403 otherwise) before any year is looked up; every lookup is limited to the reports this organisation
keeps.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.editing import EditConflict
from portal.errors import Refusal
from portal.permissions import organisation_permission_required
from portal.workflow import action_buttons
from sitereport import figures, forms, rules, services
from sitereport.models import ReportStatus, SiteReport
from sitereport.services import FLOW, KEEP_SITE_REPORT

VERBS = {"submit": services.submit, "publish": services.publish, "send_back": services.send_back}


def _years_offered():
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 6, -1))


@organisation_permission_required(KEEP_SITE_REPORT)
def home(request, organisation):
    reports = list(
        SiteReport.objects.filter(organisation=organisation)
        .order_by("-year", "-version")
        .only("pk", "year", "version", "status", "published_on", "updated_at")[:60]
    )
    published_years = {r.year for r in SiteReport.objects.published().only("year")[:100]}
    rows = [
        {"report": r, "late": rules.is_late(r.year, r.published_on), "deadline": rules.deadline(r.year)}
        for r in reports
    ]
    return render(
        request,
        "sitereport/staff/home.html",
        {
            "organisation": organisation,
            "rows": rows,
            "warning": rules.due_warning(timezone.localdate(), published_years),
            "start_form": forms.StartForm(years=_years_offered()),
        },
    )


@require_POST
@organisation_permission_required(KEEP_SITE_REPORT)
def start(request, organisation):
    form = forms.StartForm(request.POST, years=_years_offered())
    if not form.is_valid():
        messages.error(request, _("请选择年度。"))
        return redirect("sitereport:staff_home", org_pk=organisation.pk)
    try:
        report = services.start(organisation, form.cleaned_data["year"], by=request.user)
    except Refusal as refusal:
        messages.error(request, str(refusal))
        return redirect("sitereport:staff_home", org_pk=organisation.pk)
    return redirect("sitereport:staff_edit", org_pk=organisation.pk, year=report.year)


def _current(organisation, year):
    """The year's working copy kept here, else its published version kept here."""
    queryset = SiteReport.objects.filter(organisation=organisation, year=year).exclude(status=ReportStatus.SUPERSEDED)
    return get_object_or_404(queryset.order_by("-version"))


@organisation_permission_required(KEEP_SITE_REPORT)
def edit(request, organisation, year):
    report = _current(organisation, year)
    may_edit = report.status == ReportStatus.DRAFT
    form = forms.SiteReportForm(request.POST or None, instance=report) if may_edit else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("只有草稿可以修改；已提交审核的报表请先退回。"))
            return redirect("sitereport:staff_edit", org_pk=organisation.pk, year=year)
        if form.is_valid():
            try:
                services.save_draft(form.save(commit=False), by=request.user, loaded_version=form.loaded_version)
            except EditConflict as conflict:
                form.show_conflict(conflict)
            except Refusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(request, _("已保存草稿。"))
                return redirect("sitereport:staff_edit", org_pk=organisation.pk, year=year)
        report = SiteReport.objects.get(pk=report.pk)  # the table beside the form shows what is saved
    actions = action_buttons(
        FLOW,
        report,
        request.user,
        url=lambda t: reverse("sitereport:staff_event", args=[organisation.pk, year]) + f"?event={t.event}",
        comment_form=forms.CommentForm,
        reason_form=forms.ReasonForm,
    )
    events = list(report.events.select_related("actor").order_by("-at", "-pk")[:30])
    return render(
        request,
        "sitereport/staff/edit.html",
        {
            "organisation": organisation,
            "report": report,
            "form": form,
            "may_edit": may_edit,
            "is_published": report.status == ReportStatus.PUBLISHED,
            "table": figures.table(report),
            "actions": actions,
            "events": events,
            "deadline": rules.deadline(report.year),
            "late": rules.is_late(report.year, report.published_on),
        },
    )


@require_POST
@organisation_permission_required(KEEP_SITE_REPORT)
def event(request, organisation, year):
    report = _current(organisation, year)
    name = request.GET.get("event", "")
    verb = VERBS.get(name)
    if verb is None:
        messages.error(request, _("未知操作。"))
        return redirect("sitereport:staff_edit", org_pk=organisation.pk, year=year)
    transition = FLOW.transition(name)
    form = forms.ReasonForm(request.POST) if transition.needs_comment else forms.CommentForm(request.POST)
    comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
    try:
        verb(report, by=request.user, comment=comment)
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("已完成：%(action)s。") % {"action": transition.label})
    return redirect("sitereport:staff_edit", org_pk=organisation.pk, year=year)
