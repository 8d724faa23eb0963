"""The organisations' side: answer supervision orders, name the person responsible, read the self-check.

Checked through portal.permissions like every staff view family; the supervising office, holding the
permissions globally, opens the same pages for any organisation.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.errors import Refusal
from portal.permissions import organisation_permission_required
from portal.roles import DRAFT_CONTENT, MANAGE_MEMBERS, REVIEW_CONTENT
from supervision import forms, services
from supervision.models import Designation, SelfCheckRun, SupervisionOrder

ANSWERED = _("整改情况已反馈督导办公室。")
SAVED = _("已保存。")


@organisation_permission_required(REVIEW_CONTENT)
def orders(request, organisation):
    listing = SupervisionOrder.objects.filter(organisation=organisation).order_by("state", "deadline", "-pk")
    return render(request, "supervision/org_orders.html", {"organisation": organisation, "orders": listing[:200],
                                                           "today": timezone.localdate()})  # fmt: skip


@organisation_permission_required(REVIEW_CONTENT)
def order_answer(request, organisation, pk):
    order = get_object_or_404(SupervisionOrder, pk=pk, organisation=organisation)
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_order(order, by=request.user, answer=form.cleaned_data["answer"])
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, ANSWERED)
            return redirect("supervision:org_orders", org_pk=organisation.pk)
    return render(request, "supervision/org_order.html", {"organisation": organisation, "order": order, "form": form,
                                                          "today": timezone.localdate()})  # fmt: skip


@organisation_permission_required(MANAGE_MEMBERS)
def designation(request, organisation):
    instance = Designation.objects.filter(organisation=organisation).first() or Designation(organisation=organisation)
    form = forms.DesignationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, SAVED)
        return redirect("supervision:designation", org_pk=organisation.pk)
    return render(request, "supervision/designation.html", {"organisation": organisation, "form": form})


@organisation_permission_required(DRAFT_CONTENT)
def self_check(request, organisation):
    run = SelfCheckRun.objects.filter(organisation=organisation).order_by("-on").first()
    warnings = list(run.warnings.all()) if run else []
    return render(request, "supervision/self_check.html", {"organisation": organisation, "run": run,
                                                           "warnings": warnings})  # fmt: skip
