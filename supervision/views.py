"""The supervising office's pages under /staff/supervision/. urls.py wraps every one in access.supervisor_required:
the guard sits in one place, not in each view."""

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal.downloads import attachment_response
from portal.editing import EditConflict
from portal.errors import Refusal
from portal.models import Organisation, OrganisationKind
from portal.pagination import paginate
from supervision import charts, forms, indicators, metrics, scoring, services, spreadsheet, trends
from supervision import dashboard as dashboard_figures
from supervision.models import (
    Demonstration,
    Designation,
    EvaluationScheme,
    Notice,
    SupervisionOrder,
    Training,
)
from supervision.periods import year_choices, year_from, year_period

SAVED = _("已保存。")
DELETED = _("已删除。")
WITHDRAWN = _("该通报已在网站公开，现已撤下（不再公开，记录保留）。如确属误录，可再次删除。")
ORDER_ISSUED = _("已下达督办事项。")
ORDER_CLOSED = _("督办事项已办结。")
SCHEME_SAVED = _("考核方案已保存，得分已按新方案重新计算。")
KIND_FILTERS = [("", _("县、部门、乡镇（街道）"))] + list(OrganisationKind.choices)


def _organisations(kind: str):
    return dashboard_figures.organisations(kind)


def _sort_key(value):
    if value is None:
        return (1, 0)
    if isinstance(value, dt.date):
        return (0, value.toordinal())
    return (0, value)


def dashboard(request):
    """Organisations × key indicators with red/amber/green, sortable; county-wide charts over twelve months."""
    year = year_from(request)
    kind = request.GET.get("kind", "")
    organisations, columns, values, series = dashboard_figures.figures(year, kind)
    rows = []
    for org in organisations:
        cells = [(c, values[c.code][org.pk], c.colour(values[c.code][org.pk])) for c in columns]
        rows.append({"organisation": org, "cells": cells, "reds": sum(1 for _c, _v, rag in cells if rag == "red")})
    sort, order = request.GET.get("sort", ""), request.GET.get("order", "desc")
    by_code = {c.code: i for i, c in enumerate(columns)}
    if sort in by_code:
        index = by_code[sort]
        present = [r for r in rows if r["cells"][index][1] is not None]
        missing = [r for r in rows if r["cells"][index][1] is None]
        present.sort(key=lambda r: _sort_key(r["cells"][index][1]), reverse=order == "desc")
        rows = present + missing
    elif sort == "reds":
        rows.sort(key=lambda r: r["reds"], reverse=order == "desc")
    today = timezone.localdate()
    context = {
        "year": year,
        "years": year_choices(),
        "kind": kind,
        "kinds": KIND_FILTERS,
        "columns": columns,
        "headers": [(c, "asc" if sort == c.code and order == "desc" else "desc") for c in columns],
        "reds_next": "asc" if sort == "reds" and order == "desc" else "desc",
        "rows": rows,
        "sort": sort,
        "order": order,
        "series": series,
        "publication_chart": charts.bar_chart(str(_("每月发布文件数")), series["labels"], series["documents"]),
        "on_time_chart": charts.line_chart(str(_("每月申请按期答复率")), series["labels"], series["on_time_rate"]),
        "overdue_orders": SupervisionOrder.objects.overdue(today).select_related("organisation")[:20],
        "totals": {
            "organisations": len(organisations),
            "red": sum(1 for r in rows if r["reds"]),
        },
    }
    return render(request, "supervision/dashboard.html", context)


def organisation(request, org_pk):
    """One organisation: every indicator of the year with drill-down, its trend, orders, notices, trainings."""
    org = get_object_or_404(Organisation, pk=org_pk)
    year = year_from(request)
    start, end = year_period(year)
    values = indicators.compute([org.pk], start, end)
    groups = {}
    for indicator in indicators.all_indicators():
        value = values.get(indicator.code, {}).get(org.pk)
        groups.setdefault(str(indicator.group), []).append((indicator, value, indicator.colour(value)))
    series = trends.monthly(min(end, timezone.localdate()), [org.pk], n=24)
    context = {
        "organisation": org,
        "year": year,
        "years": year_choices(),
        "groups": groups,
        "series": series,
        "publication_chart": charts.bar_chart(str(_("每月发布文件数")), series["labels"], series["documents"]),
        "on_time_chart": charts.line_chart(str(_("每月申请按期答复率")), series["labels"], series["on_time_rate"]),
        "orders": org.supervision_orders.all()[:20],
        "notices": org.supervision_notices.all()[:20],
        "demonstrations": org.demonstrations.all(),
        "designation": Designation.objects.filter(organisation=org).first(),
        "today": timezone.localdate(),
    }
    return render(request, "supervision/organisation.html", context)


def drilldown(request, org_pk, code):
    """The records behind one number."""
    org = get_object_or_404(Organisation, pk=org_pk)
    known = indicators.by_code()
    if code not in known:
        raise Http404
    indicator = known[code]
    year = year_from(request)
    start, end = year_period(year)
    value = indicators.compute([org.pk], start, end, codes=[code]).get(code, {}).get(org.pk)
    rows = indicators.evidence(code, org.pk, start, end)
    page = paginate(rows, request.GET.get("page"), 50)
    return render(
        request,
        "supervision/drilldown.html",
        {"organisation": org, "indicator": indicator, "value": value, "colour": indicator.colour(value),
         "year": year, "page_obj": page, "start": start, "end": end},
    )  # fmt: skip


# -------------------------------------------------------------------------------------------- evaluation


def schemes(request):
    form = forms.NewSchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scheme = services.create_scheme(form, copy_from=form.cleaned_data["copy_from"])
        messages.success(request, SAVED)
        return redirect("supervision:scheme", pk=scheme.pk)
    listing = EvaluationScheme.objects.annotate(n=Count("indicators"))
    return render(request, "supervision/schemes.html", {"schemes": listing, "form": form})


def scheme(request, pk):
    """Edit a scheme as data: its indicators, points and scoring rules (no code change for next year's scheme)."""
    scheme = get_object_or_404(EvaluationScheme, pk=pk)
    form = forms.SchemeForm(request.POST or None, instance=scheme, prefix="scheme")
    formset = forms.SchemeIndicatorFormSet(request.POST or None, instance=scheme, prefix="rules")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        form.save()
        formset.save()
        messages.success(request, SCHEME_SAVED)
        return redirect("supervision:scores", pk=scheme.pk)
    total = sum((f.instance.weight or 0) for f in formset.forms if f.instance.pk)
    return render(request, "supervision/scheme.html", {"scheme": scheme, "form": form, "formset": formset,
                                                       "total": total})  # fmt: skip


def _scores(scheme, kind=""):
    known = indicators.by_code()
    organisations = list(_organisations(kind))
    start, end = scoring.scheme_period(scheme, timezone.localdate())
    codes = [rule.code for rule in scheme.indicators.all() if rule.code in known]
    values = indicators.compute([o.pk for o in organisations], start, end, codes=codes) if codes else {}
    return scoring.score(scheme, organisations, values, known), start, end


def scores(request, pk):
    scheme = get_object_or_404(EvaluationScheme.objects.prefetch_related("indicators"), pk=pk)
    kind = request.GET.get("kind", "")
    results, start, end = _scores(scheme, kind)
    return render(
        request,
        "supervision/scores.html",
        {"scheme": scheme, "results": results, "rule_labels": _rule_labels(scheme), "kind": kind,
         "kinds": KIND_FILTERS, "start": start, "end": end},
    )  # fmt: skip


def _rule_labels(scheme):
    known = indicators.by_code()
    return [(rule, known[rule.code].label if rule.code in known else rule.code) for rule in scheme.indicators.all()]


def scores_xlsx(request, pk):
    scheme = get_object_or_404(EvaluationScheme.objects.prefetch_related("indicators"), pk=pk)
    results, _start, _end = _scores(scheme, request.GET.get("kind", ""))
    content = spreadsheet.write_scores(scheme, results)
    return attachment_response(
        content, spreadsheet.XLSX_TYPE, str(_("%(year)s年度政务公开考核评分表.xlsx") % {"year": scheme.year})
    )


# -------------------------------------------------------------------------------------------- orders


def orders(request):
    today = timezone.localdate()
    state = request.GET.get("state", "")
    listing = SupervisionOrder.objects.select_related("organisation").order_by("state", "deadline", "-pk")
    if state == "overdue":
        listing = listing.filter(state=SupervisionOrder.State.OPEN, deadline__lt=today)
    elif state in SupervisionOrder.State.values:
        listing = listing.filter(state=state)
    page = paginate(listing, request.GET.get("page"), 50)
    counts = SupervisionOrder.objects.aggregate(
        open=Count("pk", filter=Q(state=SupervisionOrder.State.OPEN)),
        overdue=Count("pk", filter=Q(state=SupervisionOrder.State.OPEN, deadline__lt=today)),
        answered=Count("pk", filter=Q(state=SupervisionOrder.State.ANSWERED)),
    )
    states = SupervisionOrder.State
    tabs = [
        {"value": value, "label": label, "count": count, "current": state == value}
        for value, label, count in [
            ("", _("全部"), None),
            ("overdue", _("已超期"), counts["overdue"]),
            (states.OPEN, states.OPEN.label, counts["open"]),
            (states.ANSWERED, states.ANSWERED.label, counts["answered"]),
            (states.CLOSED, states.CLOSED.label, None),
        ]
    ]
    return render(request, "supervision/orders.html", {"page_obj": page, "state": state, "today": today, "tabs": tabs,
                                                       "counts": counts, "states": states.choices})  # fmt: skip


def order_new(request):
    initial = {key: request.GET[key] for key in ("organisation", "indicator") if key in request.GET}
    form = forms.OrderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.issue_order(
                data["organisation"], by=request.user, subject=data["subject"], details=data["details"],
                deadline=data["deadline"], kind=data["kind"], indicator=data["indicator"],
            )  # fmt: skip
        except Refusal as refusal:
            form.add_error("deadline", refusal)
        else:
            messages.success(request, ORDER_ISSUED)
            return redirect("supervision:orders")
    return render(request, "supervision/order_form.html", {"form": form})


@require_POST
def order_close(request, pk):
    order = get_object_or_404(SupervisionOrder, pk=pk)
    try:
        services.close_order(order, by=request.user)
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, ORDER_CLOSED)
    return redirect("supervision:orders")


# -------------------------------------------------------------------------------------------- recognition


def notices(request):
    form = forms.NoticeForm(request.POST or None, initial={"issued_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.save_record(form.save(commit=False), by=request.user)
        messages.success(request, SAVED)
        return redirect("supervision:notices")
    page = paginate(Notice.objects.select_related("organisation"), request.GET.get("page"), 50)
    return render(request, "supervision/notices.html", {"form": form, "page_obj": page})


@require_POST
def notice_publish(request, pk):
    notice = get_object_or_404(Notice, pk=pk)
    services.set_notice_published(notice, request.POST.get("publish") == "1", by=request.user)
    messages.success(request, SAVED)
    return redirect("supervision:notices")


def demonstrations(request):
    form = forms.DemonstrationForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        services.save_record(form.save(commit=False), by=request.user)
        messages.success(request, SAVED)
        return redirect("supervision:demonstrations")
    listing = Demonstration.objects.select_related("organisation")
    return render(request, "supervision/demonstrations.html", {"form": form, "demonstrations": listing})


# -------------------------------------------------------------------------------------------- mechanism


def trainings(request):
    """Trainings of a year and the annual check: which organisations neither held nor attended one."""
    year = year_from(request)
    start, end = year_period(year)
    form = forms.TrainingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.save_record(form.save(commit=False), by=request.user, save_m2m=form.save_m2m)
        messages.success(request, SAVED)
        return redirect("supervision:trainings")
    organisations = list(_organisations(""))
    held = metrics.trainings_by_organisation([o.pk for o in organisations], start, end)  # two small queries
    missing = [org for org in organisations if not held.get(org.pk)]
    listing = (
        Training.objects.filter(held_on__range=(start, end))
        .select_related("organiser")
        .annotate(n=Count("attendees", distinct=True), orgs=Count("attendees__organisation", distinct=True))
    )
    return render(
        request,
        "supervision/trainings.html",
        {"form": form, "trainings": listing, "missing": missing, "year": year, "years": year_choices(),
         "covered": len(organisations) - len(missing), "total": len(organisations)},
    )  # fmt: skip


def training(request, pk):
    training = get_object_or_404(Training.objects.select_related("organiser"), pk=pk)
    attendees = training.attendees.select_related("user", "organisation").order_by("organisation__path")
    return render(request, "supervision/training.html", {"training": training, "attendees": attendees})


def designations(request):
    organisations = list(_organisations(request.GET.get("kind", "")))
    found = {d.organisation_id: d for d in Designation.objects.filter(organisation__in=organisations)}
    rows = [(org, found.get(org.pk)) for org in organisations]
    return render(request, "supervision/designations.html", {"rows": rows, "kinds": KIND_FILTERS,
                                                             "kind": request.GET.get("kind", "")})  # fmt: skip


# -------------------------------------------------------------------------------------------- edit and delete
# One pair of views for the office's records (notices, demonstrations, trainings): an edit page with edit-conflict
# detection (portal/editing.py) and a confirm page for deletion. A public notice is withdrawn, not deleted.

RECORDS = {
    "notice": (Notice, forms.NoticeForm, "supervision:notices", _("修改通报"), _("删除通报")),
    "demonstration": (Demonstration, forms.DemonstrationForm, "supervision:demonstrations",
                      _("修改示范区（点）"), _("删除示范区（点）")),
    "training": (Training, forms.TrainingForm, "supervision:trainings", _("修改培训记录"), _("删除培训记录")),
}  # fmt: skip


def record_edit(request, kind, pk):
    model, form_class, back, title, _delete_title = RECORDS[kind]
    record = get_object_or_404(model, pk=pk)
    form = form_class(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_record(
                form.save(commit=False), by=request.user, loaded_version=form.loaded_version,
                save_m2m=getattr(form, "save_m2m", None) if kind == "training" else None,
            )  # fmt: skip
        except EditConflict as conflict:  # another member of the office saved meanwhile: show what, keep this input
            form.show_conflict(conflict)
        except Refusal as refusal:
            messages.error(request, str(refusal))
            return redirect(back)
        else:
            messages.success(request, SAVED)
            return redirect(back)
    return render(request, "supervision/record_form.html",
                  {"form": form, "record": record, "title": title, "back": back, "kind": kind})  # fmt: skip


def record_delete(request, kind, pk):
    model, _form_class, back, _title, title = RECORDS[kind]
    record = get_object_or_404(model, pk=pk)
    if request.method == "POST":
        try:
            if kind == "notice":
                deleted = services.remove_notice(record, by=request.user)
            else:
                services.delete_record(record, by=request.user)
                deleted = True
        except Refusal as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, DELETED if deleted else WITHDRAWN)
        return redirect(back)
    withdraws = kind == "notice" and record.is_published
    return render(request, "supervision/record_delete.html",
                  {"record": record, "title": title, "back": back, "kind": kind, "withdraws": withdraws})  # fmt: skip
