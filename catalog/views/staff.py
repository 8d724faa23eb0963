"""Staff screens for compiling an organisation's catalog and negative list.

One view family: every view takes the organisation from the URL (`org_pk`) and is guarded by
`organisation_permission_required` — drafting needs `draft_content`, publishing and sending back
need `review_content`. Objects are always looked up within that organisation. Business rules live
in catalog.services; these views translate HTTP.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog import services
from catalog.forms import (
    STEP_FORMS,
    AdoptForm,
    CatalogItemForm,
    CommentForm,
    ImportForm,
    NegativeListEntryForm,
    NotApplicableForm,
)
from catalog.grouping import in_catalog_order
from catalog.models import Catalog, CatalogItem, Domain, ImportJob, NegativeListEntry
from catalog.reports import LABELS as STATUS_LABELS
from catalog.reports import PUBLISHED, cell_status
from catalog.spreadsheet import catalog_title, read_catalog, write_catalog
from portal.downloads import XLSX, attachment_response
from portal.editing import EditConflict
from portal.permissions import can, organisation_permission_required
from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.workflow import action_buttons

drafter = organisation_permission_required(DRAFT_CONTENT)
reviewer = organisation_permission_required(REVIEW_CONTENT)


def _posted(request):
    """The submitted data, or None for GET (an empty POST must still be validated, not treated as unbound)."""
    return request.POST if request.method == "POST" else None


def _domain(code):
    return get_object_or_404(Domain.objects.active(), code=code)


def _item(organisation, item_pk):
    return get_object_or_404(CatalogItem.objects.working().select_related("domain"), pk=item_pk, organisation=organisation)


def _catalog_page(catalog):
    if catalog.is_negative_list:
        return reverse("catalog:staff_negative", kwargs={"org_pk": catalog.organisation_id})
    return reverse("catalog:staff_domain", kwargs={"org_pk": catalog.organisation_id, "domain": catalog.domain.code})


def _fail(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


@drafter
def staff_home(request, organisation):
    """The 26 domains with the state of this organisation's catalog in each (three queries)."""
    catalogs = {
        c.domain_id: c
        for c in Catalog.objects.filter(organisation=organisation).select_related("current_version")
    }
    counts = dict(
        CatalogItem.objects.working()
        .filter(organisation=organisation)
        .values_list("domain")
        .annotate(n=Count("pk"))
        .values_list("domain", "n")
    )
    rows = []
    for domain in Domain.objects.active():
        catalog = catalogs.get(domain.pk)
        status = cell_status(catalog, counts.get(domain.pk, 0))
        rows.append(
            {
                "domain": domain,
                "catalog": catalog,
                "count": counts.get(domain.pk, 0),
                "status": status,
                "label": STATUS_LABELS[status],
                # published, but the working copy has moved on (draft or submitted)
                "pending": status == PUBLISHED and catalog.state != Catalog.State.PUBLISHED,
                "awaiting_review": catalog is not None and catalog.state == Catalog.State.SUBMITTED,
            }
        )
    negative = catalogs.get(None)
    return render(
        request,
        "catalog/staff/overview.html",
        {"organisation": organisation, "rows": rows, "negative": negative},
    )


@drafter
def staff_domain(request, organisation, domain):
    """One domain's working copy: the table with its actions, workflow buttons and pending changes."""
    domain = _domain(domain)
    catalog = services.find_catalog(organisation, domain)  # a GET page: nothing is written
    items = in_catalog_order(services.working_items(catalog).select_related("guideline"))
    return render(
        request,
        "catalog/staff/domain.html",
        {
            "organisation": organisation,
            "domain": domain,
            "catalog": catalog,
            "items": items,
            "pending": services.pending_changes(catalog) if catalog.current_version_id else None,
            "labels": services.column_labels(catalog),
            **_workflow_context(request, organisation, catalog),
        },
    )


@drafter
def item_add(request, organisation, domain):
    domain = _domain(domain)
    form = CatalogItemForm(_posted(request), organisation=organisation, domain=domain)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.organisation, item.domain = organisation, domain
        try:
            services.save_item(item, by=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("已添加事项“%(name)s”。") % {"name": item})
            return redirect("catalog:staff_domain", org_pk=organisation.pk, domain=domain.code)
    return render(
        request, "catalog/staff/item_form.html", {"organisation": organisation, "domain": domain, "form": form}
    )


@drafter
def item_edit(request, organisation, item_pk):
    item = _item(organisation, item_pk)
    form = CatalogItemForm(_posted(request), instance=item, organisation=organisation, domain=item.domain)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(form.save(commit=False), by=request.user, loaded_version=form.loaded_version)
        except EditConflict as conflict:  # another editor saved meanwhile: show what, keep this input
            form.show_conflict(conflict)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("已保存事项“%(name)s”。") % {"name": item})
            return redirect("catalog:staff_domain", org_pk=organisation.pk, domain=item.domain.code)
    return render(
        request,
        "catalog/staff/item_form.html",
        {
            "organisation": organisation,
            "domain": item.domain,
            "form": form,
            "item": item,
            "guideline_changes": services.guideline_changes(item),
            "labels": {f.name: str(f.verbose_name) for f in CatalogItem._meta.fields},
        },
    )


@require_POST
@drafter
def item_refresh(request, organisation, item_pk):
    """Replace the item's columns with its guideline entry's current wording."""
    return _item_step(
        request, organisation, item_pk, services.refresh_from_guideline, _("已按标准指引的最新内容更新“%(name)s”。")
    )


def _item_step(request, organisation, item_pk, step, done_message):
    """A one-button step on an item: run the service, report the outcome, back to the domain table."""
    item = _item(organisation, item_pk)
    try:
        step(item, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, done_message % {"name": item})
    return redirect("catalog:staff_domain", org_pk=organisation.pk, domain=item.domain.code)


@drafter
def export_working_copy(request, organisation, domain):
    """The working copy as an xlsx in the county layout, to edit offline and import again."""
    domain = _domain(domain)
    catalog = services.find_catalog(organisation, domain)
    title = catalog_title(organisation, domain)
    rows = [i for i in in_catalog_order(services.working_items(catalog)) if i.is_applicable]
    return attachment_response(write_catalog(title, rows), XLSX, f"catalog-{organisation.pk}-{domain.code}-draft.xlsx")


@require_POST
@drafter
def item_delete(request, organisation, item_pk):
    return _item_step(request, organisation, item_pk, services.remove_item, _("已删除事项“%(name)s”。"))


@require_POST
@drafter
def item_move(request, organisation, item_pk):
    """Move up/down with a plain form button (works without JavaScript)."""
    item = _item(organisation, item_pk)
    catalog = services.catalog_for(organisation, item.domain)
    direction = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.move(item, direction, services.working_items(catalog), catalog=catalog, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    return redirect(f"{_catalog_page(catalog)}#item-{item.pk}")


@drafter
def item_not_applicable(request, organisation, item_pk):
    item = _item(organisation, item_pk)
    form = NotApplicableForm(_posted(request), initial={"reason": item.not_applicable_reason})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_not_applicable(item, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("已将“%(name)s”标为不适用。") % {"name": item})
            return redirect("catalog:staff_domain", org_pk=organisation.pk, domain=item.domain.code)
    return render(
        request, "catalog/staff/not_applicable.html", {"organisation": organisation, "item": item, "form": form}
    )


@require_POST
@drafter
def item_applicable(request, organisation, item_pk):
    return _item_step(request, organisation, item_pk, services.mark_applicable, _("已将“%(name)s”恢复为适用。"))


@drafter
def adopt(request, organisation, domain):
    """Pick guideline entries (checkbox list) and adopt them in one go."""
    domain = _domain(domain)
    entries = services.guideline_entries_for(domain)
    form = AdoptForm(_posted(request), queryset=entries)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.adopt(organisation, form.cleaned_data["entries"], by=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("已采用 %(n)d 项标准指引事项。") % {"n": len(created)})
            return redirect("catalog:staff_domain", org_pk=organisation.pk, domain=domain.code)
    adopted = set(
        CatalogItem.objects.working()
        .filter(organisation=organisation, domain=domain, guideline__isnull=False)
        .values_list("guideline_id", flat=True)
    )
    return render(
        request,
        "catalog/staff/adopt.html",
        {
            "organisation": organisation,
            "domain": domain,
            "form": form,
            "entries": entries,
            "adopted": adopted,
            "checked": set(request.POST.getlist("entries")),
        },
    )


@drafter
def import_xlsx(request, organisation, domain):
    """Upload a spreadsheet: every row is checked; nothing is applied unless every row is right.

    A small workbook is imported in the request; a large one (GONGKAI_CATALOG_BACKGROUND_BYTES) is handed
    to the task worker and the editor follows it on the job's progress page.
    """
    domain = _domain(domain)
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if len(data) > settings.GONGKAI_CATALOG_BACKGROUND_BYTES:
            job = services.queue_import(organisation, domain, data, by=request.user, filename=upload.name)
            return redirect("catalog:staff_import_job", org_pk=organisation.pk, domain=domain.code, job_pk=job.pk)
        result = read_catalog(data, domain=domain)
        problems = result.errors
        if not problems:
            catalog = services.catalog_for(organisation, domain)
            try:
                added, updated = services.import_items(catalog, result.rows, by=request.user, filename=upload.name)
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(request, _("导入完成：新增 %(a)d 项，更新 %(u)d 项。") % {"a": added, "u": updated})
                return redirect("catalog:staff_domain", org_pk=organisation.pk, domain=domain.code)
    return render(
        request,
        "catalog/staff/import.html",
        {
            "organisation": organisation, "domain": domain, "form": form, "problems": problems,
            "jobs": ImportJob.objects.filter(organisation=organisation, domain=domain).defer("data")[:5],
        },
    )


def _workflow_context(request, organisation, catalog) -> dict:
    """The workflow section: the steps this user may take now (engine), the recent events."""
    if not catalog.pk:
        return {
            "events": [], "actions": [], "sent_back": None, "is_reviewer": can(request.user, REVIEW_CONTENT, organisation)
        }
    kwargs = {"org_pk": organisation.pk, "catalog_pk": catalog.pk}
    actions = action_buttons(
        services.FLOW,
        catalog,
        request.user,
        url=lambda t: reverse(f"catalog:staff_{t.event}", kwargs=kwargs),
        forms=STEP_FORMS,
    )
    note = ""
    if not actions:
        notes = {
            Catalog.State.SUBMITTED: _("已提交，等待本机构审核人审核发布。"),
            Catalog.State.PUBLISHED: _("工作稿与现行版本一致。修改事项后可再次提交审核。"),
        }
        note = notes.get(catalog.state) or services.FLOW.refusal(catalog, services.FLOW.transition("submit"), request.user)
    return {
        "events": catalog.events.select_related("actor")[:10],
        "sent_back": catalog.sent_back_event(),
        "actions": actions,
        "workflow_note": note or "",
        "is_reviewer": can(request.user, REVIEW_CONTENT, organisation),
    }


@drafter
def import_job(request, organisation, domain, job_pk):
    """Progress and outcome of a background import; refreshes itself until the job has finished."""
    domain = _domain(domain)
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=job_pk, organisation=organisation, domain=domain)
    return render(request, "catalog/staff/import_job.html", {"organisation": organisation, "domain": domain, "job": job})


def _workflow_catalog(organisation, catalog_pk):
    return get_object_or_404(Catalog.objects.select_related("domain"), pk=catalog_pk, organisation=organisation)


def _workflow_step(request, organisation, catalog_pk, step):
    """Submit, publish or send back: run `step(catalog, user, comment)`, show the message it returns or the
    refusal, and go back to the catalog's page."""
    catalog = _workflow_catalog(organisation, catalog_pk)
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        done_message = step(catalog, request.user, form.cleaned_data.get("comment", ""))
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, done_message)
    return redirect(_catalog_page(catalog))


@require_POST
@drafter
def submit(request, organisation, catalog_pk):
    def step(catalog, user, comment):
        services.submit(catalog, by=user, comment=comment)
        return _("已提交审核。")

    return _workflow_step(request, organisation, catalog_pk, step)


@require_POST
@reviewer
def publish(request, organisation, catalog_pk):
    def step(catalog, user, comment):
        version = services.publish(catalog, by=user, change_summary=comment)
        return _("已发布第 %(n)d 版。") % {"n": version.number}

    return _workflow_step(request, organisation, catalog_pk, step)


@require_POST
@reviewer
def send_back(request, organisation, catalog_pk):
    def step(catalog, user, comment):
        services.send_back(catalog, by=user, comment=comment)
        return _("已退回修改。")

    return _workflow_step(request, organisation, catalog_pk, step)


def _negative_entry(organisation, entry_pk):
    return get_object_or_404(NegativeListEntry, pk=entry_pk, organisation=organisation, removed=False)


@drafter
def negative_list(request, organisation):
    """The negative list editor: the entries, a form to add one, and the workflow."""
    catalog = services.find_catalog(organisation, None)  # saving an entry creates the row (catalog_for)
    form = NegativeListEntryForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.organisation = organisation
        try:
            services.save_negative_entry(entry, by=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("已添加负面清单事项。"))
            return redirect("catalog:staff_negative", org_pk=organisation.pk)
    return render(
        request,
        "catalog/staff/negative.html",
        {
            "organisation": organisation,
            "catalog": catalog,
            "entries": services.working_negative_entries(catalog),
            "form": form,
            "pending": services.pending_changes(catalog) if catalog.current_version_id else None,
            "labels": services.column_labels(catalog),
            **_workflow_context(request, organisation, catalog),
        },
    )


@drafter
def negative_edit(request, organisation, entry_pk):
    entry = _negative_entry(organisation, entry_pk)
    form = NegativeListEntryForm(_posted(request), instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_negative_entry(form.save(commit=False), by=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("已保存负面清单事项。"))
            return redirect("catalog:staff_negative", org_pk=organisation.pk)
    return render(
        request, "catalog/staff/negative_form.html", {"organisation": organisation, "entry": entry, "form": form}
    )


@require_POST
@drafter
def negative_delete(request, organisation, entry_pk):
    entry = _negative_entry(organisation, entry_pk)
    try:
        services.remove_negative_entry(entry, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("已删除负面清单事项。"))
    return redirect("catalog:staff_negative", org_pk=organisation.pk)


@require_POST
@drafter
def negative_move(request, organisation, entry_pk):
    entry = _negative_entry(organisation, entry_pk)
    catalog = services.catalog_for(organisation, None)
    direction = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.move(entry, direction, services.working_negative_entries(catalog), catalog=catalog, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    return redirect("catalog:staff_negative", org_pk=organisation.pk)

