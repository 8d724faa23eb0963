"""Staff screens under /staff/org/<org_pk>/column/: one view family, one door (`staff_view`).

Editors (draft_content) write the guide, rules and organisation information and submit them; reviewers
(review_content) publish or send back through column/flows.py. Permission first, then anything that may 404.
"""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from column import forms, services
from column.flows import FLOWS
from column.models import Leader, Part, PartVersion, Profile
from portal.editing import EditConflict
from portal.errors import Refusal
from portal.permissions import organisation_permission_required
from portal.roles import DRAFT_CONTENT
from portal.workflow import action_buttons

FORMS = {Part.GUIDE: forms.GuideForm, Part.RULES: forms.RulesForm, Part.PROFILE: forms.ProfileForm}
EVENT_LABELS = {
    "edited": gettext_lazy("修改"), "submit": gettext_lazy("提交审核"), "publish": gettext_lazy("审核发布"),
    "send_back": gettext_lazy("退回修改"),
}  # fmt: skip


def staff_view(view):
    """The one door: login, the organisation from the URL, draft_content on it (403 otherwise)."""

    @organisation_permission_required(DRAFT_CONTENT)
    @wraps(view)
    def wrapped(request, organisation, *args, **kwargs):
        return view(request, organisation, *args, **kwargs)

    return wrapped


def _part(value) -> Part:
    try:
        return Part(value)
    except ValueError as error:
        raise Http404 from error


def _home_url(organisation):
    return reverse("column:staff_home", args=[organisation.pk])


def _card(request, organisation, part):
    copy = services.working_copy(organisation, part)
    flow = FLOWS[part]
    card = {"part": part, "copy": copy, "exists": copy.pk is not None, "actions": [], "events": [],
            "has_leaders": part == Part.PROFILE and copy.pk is not None}  # fmt: skip
    if copy.pk:
        card["actions"] = action_buttons(
            flow, copy, request.user,
            url=lambda t: reverse("column:staff_event", args=[organisation.pk, part.value, t.event]),
            comment_form=forms.CommentForm, reason_form=forms.ReasonForm,
        )  # fmt: skip
        card["events"] = list(flow.events(copy).select_related("actor").order_by("-at", "-pk")[:5])
        for event in card["events"]:
            event.label = EVENT_LABELS.get(event.kind, event.kind)
        card["may_edit"] = copy.status != "submitted"
    else:
        card["may_edit"] = True
    card["published"] = PartVersion.objects.current(organisation, part)
    return card


@staff_view
def home(request, organisation):
    cards = [_card(request, organisation, part) for part in Part]
    profile = next(c["copy"] for c in cards if c["part"] == Part.PROFILE)
    leaders = list(profile.leaders.all()) if profile.pk else []
    return render(
        request,
        "column/staff/home.html",
        {"organisation": organisation, "cards": cards, "leaders": leaders},
    )


@staff_view
def edit_part(request, organisation, part):
    part = _part(part)
    copy = services.working_copy(organisation, part)
    form = FORMS[part](request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_part(form.instance, by=request.user, loaded_version=form.loaded_version)
        except EditConflict as conflict:  # another editor saved meanwhile: show what, keep this input
            form.show_conflict(conflict)
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("已保存草稿；提交审核并发布后公众才能看到。"))
            return redirect(_home_url(organisation))
    return render(request, "column/staff/edit.html", {"organisation": organisation, "part": part, "form": form})


@require_POST
@staff_view
def part_event(request, organisation, part, event):
    part = _part(part)
    flow = FLOWS[part]
    try:
        transition = flow.transition(event)
    except KeyError as error:
        raise Http404 from error
    copy = services.working_copy(organisation, part)
    if copy.pk is None:
        raise Http404
    form_class = forms.ReasonForm if transition.needs_comment else forms.CommentForm
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(_home_url(organisation))
    try:
        services.transition(copy, event, by=request.user, comment=form.cleaned_data.get("comment", ""))
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("已完成：%(action)s。") % {"action": transition.label})
    return redirect(_home_url(organisation))


def _profile(organisation):
    profile = Profile.objects.filter(organisation=organisation).first()
    if profile is None:
        return None
    return profile


@staff_view
def leader_form(request, organisation, pk=None):
    profile = _profile(organisation)
    if profile is None:
        messages.error(request, _("请先填写并保存机构信息，再添加领导信息。"))
        return redirect(_home_url(organisation))
    leader = get_object_or_404(Leader, pk=pk, profile=profile) if pk else Leader(profile=profile)
    form = forms.LeaderForm(request.POST or None, request.FILES or None, instance=leader)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_leader(form.save(commit=False), by=request.user, loaded_version=form.loaded_version)
        except EditConflict as conflict:
            form.show_conflict(conflict)
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("已保存领导信息；机构信息需重新提交审核。"))
            return redirect(_home_url(organisation))
    return render(request, "column/staff/leader.html", {"organisation": organisation, "form": form, "leader": leader})


@require_POST
@staff_view
def leader_delete(request, organisation, pk):
    profile = _profile(organisation)
    leader = get_object_or_404(Leader, pk=pk, profile=profile) if profile else None
    if leader is None:
        raise Http404
    try:
        services.remove_leader(leader, by=request.user)
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("已删除领导信息；机构信息需重新提交审核。"))
    return redirect(_home_url(organisation))
