"""Staff screens under /staff/org/<township>/villages/: the township or street office publishes for its villages.

One door (`staff_view`): login, the township from the URL, the permission on it (403 otherwise) — before any
village or item is looked up, and every lookup is limited to the township's own villages.
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.downloads import XLSX, attachment_response
from portal.editing import EditConflict
from portal.errors import Refusal
from portal.pagination import paginate
from portal.permissions import can, organisation_permission_required
from portal.roles import REVIEW_CONTENT
from portal.workflow import action_buttons
from villages import forms, services
from villages.flows import DRAFT_VILLAGE_AFFAIRS, EVENT_LABELS, ITEM_FLOW
from villages.models import Column, ItemStatus, VillageContact, VillageItem, grassroots
from villages.spreadsheet import ListError, read_benefit_list


def staff_view(permission=DRAFT_VILLAGE_AFFAIRS):
    def decorator(view):
        @organisation_permission_required(permission)
        @wraps(view)
        def wrapped(request, organisation, *args, **kwargs):
            return view(request, organisation, *args, **kwargs)

        return wrapped

    return decorator


def _url(name, township, *args):
    return reverse(f"villages:staff_{name}", args=[township.pk, *args])


def _villages(township):
    return grassroots().filter(parent=township).order_by("sort_order", "path")


def _village(township, pk):
    return get_object_or_404(_villages(township), pk=pk)


def _item(township, pk):
    return get_object_or_404(
        VillageItem.objects.select_related("village", "catalog_item__domain"), pk=pk, village__parent=township
    )


def _render(request, township, template, context):
    context.setdefault("organisation", township)
    context.setdefault("may_review", can(request.user, REVIEW_CONTENT, township))
    return render(request, f"villages/staff/{template}", context)


@staff_view()
def home(request, township):
    villages = list(_villages(township))
    today = timezone.localdate()
    published = services.published_quarters_by_village(villages)
    counts = {}
    rows = VillageItem.objects.filter(village__in=villages).values_list("village_id", "status").annotate(n=Count("pk"))
    for village_id, status, n in rows:
        counts.setdefault(village_id, {})[status] = n
    for village in villages:
        village.missing_quarters = services.missing_finance_quarters(village, today, published=published[village.pk])
        village.counts = [(label, counts.get(village.pk, {}).get(value, 0)) for value, label in ItemStatus.choices]
    submitted = (
        VillageItem.objects.filter(village__in=villages, status=ItemStatus.SUBMITTED)
        .select_related("village")
        .order_by("updated_at")[:50]
    )
    return _render(request, township, "home.html", {"villages": villages, "submitted": submitted})


@staff_view()
def village(request, township, village_pk):
    village = _village(township, village_pk)
    items = VillageItem.objects.filter(village=village).order_by("-updated_at", "-pk")
    column = request.GET.get("column", "")
    if column in Column.values:
        items = items.filter(column=column)
    return _render(
        request,
        township,
        "village.html",
        {
            "village": village,
            "page_obj": paginate(items.defer("body"), request.GET.get("page"), 30),
            "columns": Column.choices,
            "column": column,
            "contacts": VillageContact.objects.filter(village=village),
            "missing_quarters": services.missing_finance_quarters(village, timezone.localdate()),
        },
    )


@staff_view()
def item_form(request, township, village_pk=None, pk=None):
    if pk:
        item = _item(township, pk)
        village = item.village
        if item.status != ItemStatus.DRAFT:
            messages.error(request, services.ONLY_DRAFTS)
            return redirect(_url("item", township, pk))
    else:
        village = _village(township, village_pk)
        column = request.GET.get("column")
        item = VillageItem(village=village, column=column if column in Column.values else Column.DECISIONS)
    form = forms.VillageItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_item(form.save(commit=False), by=request.user, loaded_version=form.loaded_version)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("已保存草稿。"))
            return redirect(_url("item", township, saved.pk))
    return _render(request, township, "item_form.html", {"form": form, "item": item, "village": village})


@staff_view()
def item_detail(request, township, pk):
    item = _item(township, pk)
    actions = action_buttons(
        ITEM_FLOW,
        item,
        request.user,
        url=lambda t: _url("item_event", township, pk) + f"?event={t.event}",
        comment_form=forms.CommentForm,
        reason_form=forms.ReasonForm,
    )
    may_edit = item.status == ItemStatus.DRAFT
    return _render(
        request,
        township,
        "item_detail.html",
        {
            "item": item,
            "village": item.village,
            "actions": actions,
            "may_edit": may_edit,
            "may_delete": may_edit and item.published_at is None,
            "may_import": may_edit and item.is_benefit_list,
            "events": _labelled(ITEM_FLOW.events(item).select_related("actor")),
            "recipients": paginate(item.recipients.all(), request.GET.get("page"), 100),
            "list_form": forms.BenefitListForm(),
            "is_public": item.status == ItemStatus.PUBLISHED,
        },
    )


def _labelled(events):
    events = list(events)
    for event in events:
        event.label = EVENT_LABELS.get(event.kind, event.kind)
    return events


@require_POST
@staff_view()
def item_event(request, township, pk):
    item = _item(township, pk)
    event = request.GET.get("event", "")
    try:
        transition = ITEM_FLOW.transition(event)
    except KeyError:
        messages.error(request, _("未知操作。"))
        return redirect(_url("item", township, pk))
    form = forms.ReasonForm(request.POST) if transition.needs_comment else forms.CommentForm(request.POST)
    comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
    try:
        services.transition(item, event, by=request.user, comment=comment)
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("已完成：%(action)s。") % {"action": transition.label})
    return redirect(_url("item", township, pk))


@require_POST
@staff_view()
def item_delete(request, township, pk):
    item = _item(township, pk)
    village = item.village
    try:
        services.delete_draft(item, by=request.user)
    except Refusal as refusal:
        messages.error(request, str(refusal))
        return redirect(_url("item", township, pk))
    messages.success(request, _("已删除草稿。"))
    return redirect(_url("village", township, village.pk))


@staff_view()
def recipients_import(request, township, pk):
    item = _item(township, pk)
    if request.method != "POST":
        return redirect(_url("item", township, pk))
    form = forms.BenefitListForm(request.POST, request.FILES)
    problems = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_benefit_list(upload.read())
            added = services.import_recipients(item, rows, by=request.user, filename=upload.name[:100])
        except ListError as error:
            problems = error.problems
        except Refusal as refusal:
            problems = [str(refusal)]
        else:
            messages.success(request, _("已导入%(n)s户。") % {"n": added})
            return redirect(_url("item", township, pk))
    context = {"item": item, "village": item.village, "list_form": form, "problems": problems}
    return _render(request, township, "import.html", context)


@staff_view()
def benefit_template(request, township):
    from villages.spreadsheet import blank_workbook

    return attachment_response(blank_workbook(), XLSX, _("补贴和救助名单模板.xlsx"))


@staff_view()
def contact_form(request, township, village_pk=None, pk=None):
    if pk:
        contact = get_object_or_404(VillageContact.objects.select_related("village"), pk=pk, village__parent=township)
        village = contact.village
    else:
        village = _village(township, village_pk)
        contact = VillageContact(village=village)
    form = forms.VillageContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contact(form.save(commit=False), by=request.user)
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("已保存联系人。"))
            return redirect(_url("village", township, village.pk))
    return _render(request, township, "contact_form.html", {"form": form, "contact": contact, "village": village})


@require_POST
@staff_view()
def contact_delete(request, township, pk):
    contact = get_object_or_404(VillageContact.objects.select_related("village"), pk=pk, village__parent=township)
    village = contact.village
    services.delete_contact(contact, by=request.user)
    messages.success(request, _("已删除联系人。"))
    return redirect(_url("village", township, village.pk))
