"""Staff screens under /staff/org/<org_pk>/participation/: one view family, one door (`staff_view`).

Organisers (run_participation) draft consultations and open days, moderate comments, publish feedback,
link final documents, keep the decision matters, check people in and publish summaries; reviewers
(review_content) publish or send back through the workflow (participation/flows.py).
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participation import exports, forms, rules, services
from participation.flows import CONSULTATION_FLOW, OPEN_DAY_FLOW, RUN_PARTICIPATION
from participation.models import (
    CommentStatus,
    DecisionMatter,
    OpenDay,
    ParticipationRules,
    PublicComment,
    PublicConsultation,
    RegistrationStatus,
    ReviewStatus,
)
from portal.downloads import XLSX, attachment_response
from portal.errors import Refusal
from portal.pagination import paginate
from portal.permissions import can, organisation_permission_required
from portal.roles import REVIEW_CONTENT


def staff_view(permission=RUN_PARTICIPATION):
    """The one door: login, the organisation from the URL, the permission (403 otherwise)."""

    def decorator(view):
        @organisation_permission_required(permission)
        @wraps(view)
        def wrapped(request, organisation, *args, **kwargs):
            return view(request, organisation, *args, **kwargs)

        return wrapped

    return decorator


def _url(name, organisation, *args):
    return reverse(f"participation_staff:{name}", args=[organisation.pk, *args])


def _render(request, organisation, template, context):
    context.setdefault("organisation", organisation)
    context.setdefault("may_review", can(request.user, REVIEW_CONTENT, organisation))
    return render(request, f"participation/staff/{template}", context)


# ---------------------------------------------------------------- overview and review


@staff_view()
def home(request, organisation):
    today = timezone.localdate()
    consultations = (
        PublicConsultation.objects.filter(organisation=organisation)
        .annotate(pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)))
        .defer("draft_text", "explanation", "adopted_views", "not_adopted_views")
        .order_by("-updated_at", "-pk")
    )
    return _render(
        request,
        organisation,
        "home.html",
        {
            "page_obj": paginate(consultations, request.GET.get("page"), 30),
            "overdue": PublicConsultation.objects.feedback_overdue(today).filter(organisation=organisation),
            "today": today,
        },
    )


@staff_view(REVIEW_CONTENT)
def review(request, organisation):
    return _render(
        request,
        organisation,
        "review.html",
        {
            "consultations": PublicConsultation.objects.filter(
                organisation=organisation, status=ReviewStatus.SUBMITTED
            ),
            "open_days": OpenDay.objects.filter(organisation=organisation, status=ReviewStatus.SUBMITTED),
        },
    )


# ---------------------------------------------------------------- consultations


def _consultation(organisation, pk):
    return get_object_or_404(PublicConsultation.objects.select_related("matter"), pk=pk, organisation=organisation)


@staff_view()
def consultation_form(request, organisation, pk=None):
    instance = _consultation(organisation, pk) if pk else PublicConsultation(organisation=organisation)
    if pk and instance.status != ReviewStatus.DRAFT:
        messages.error(request, services.ONLY_DRAFTS)
        return redirect(_url("consultation", organisation, pk))
    form = forms.PublicConsultationForm(request.POST or None, instance=instance, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_consultation(form.save(commit=False), by=request.user)
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("已保存草稿。"))
            if form.warning:
                messages.warning(request, form.warning)
            return redirect(_url("consultation", organisation, saved.pk))
    return _render(request, organisation, "consultation_form.html", {"form": form, "consultation": instance})


@staff_view()
def consultation_detail(request, organisation, pk):
    consultation = _consultation(organisation, pk)
    comments = consultation.comments.order_by("status", "submitted_at", "pk")
    status = request.GET.get("comments", "")
    if status in CommentStatus.values:
        comments = comments.filter(status=status)
    counts = services.comment_counts(consultation)
    today = timezone.localdate()
    return _render(
        request,
        organisation,
        "consultation_detail.html",
        {
            "consultation": consultation,
            "transitions": CONSULTATION_FLOW.available(consultation, request.user),
            "events": CONSULTATION_FLOW.events(consultation).select_related("actor"),
            "comments": paginate(comments, request.GET.get("page"), 50),
            "period_warning": forms.period_warning(
                rules.check_period(consultation.kind, consultation.opens_on, consultation.closes_on)
            ),
            "phase": consultation.phase(today),
            "overdue": rules.feedback_overdue(consultation.feedback_due_on, consultation.feedback_published_on, today),
            "attachment_form": forms.AttachmentForm(),
            "feedback_form": forms.FeedbackForm(initial={"comment_count": counts[0], "commenter_count": counts[1]}),
            "final_form": forms.FinalDocumentForm(
                organisation=organisation, initial={"document": consultation.final_document_id}
            ),
            "transition_form": forms.TransitionForm(),
        },
    )


@require_POST
@staff_view()
def consultation_event(request, organisation, pk):
    consultation = _consultation(organisation, pk)
    form = forms.TransitionForm(request.POST)
    form.is_valid()
    event = request.POST.get("event", "")
    try:
        CONSULTATION_FLOW.transition(event)
    except KeyError:
        messages.error(request, _("未知操作。"))
        return redirect(_url("consultation", organisation, pk))
    try:
        services.transition_consultation(
            consultation, event, by=request.user, comment=form.cleaned_data.get("comment", "")
        )
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("已完成：%(action)s。") % {"action": CONSULTATION_FLOW.transition(event).label})
    if event == "publish":
        return redirect(_url("review", organisation))
    return redirect(_url("consultation", organisation, pk))


@require_POST
@staff_view()
def consultation_attachment(request, organisation, pk):
    consultation = _consultation(organisation, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_consultation_attachment(consultation, form.cleaned_data["file"], form.checked, by=request.user)
        except Refusal as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("已上传附件。"))
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])))
    return redirect(_url("consultation", organisation, pk))


@require_POST
@staff_view()
def moderate(request, organisation, pk, comment_pk):
    comment = get_object_or_404(
        PublicComment, pk=comment_pk, consultation__pk=pk, consultation__organisation=organisation
    )
    form = forms.ModerationForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.moderate_comment(comment, by=request.user, approve=approve, note=form.cleaned_data["note"])
        messages.success(request, _("意见已公开。") if approve else _("意见不予公开。"))
    return redirect(_url("consultation", organisation, pk) + "#comments")


@staff_view()
def feedback(request, organisation, pk):
    consultation = _consultation(organisation, pk)
    form = forms.FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_feedback(consultation, by=request.user, **form.cleaned_data)
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("已发布意见采纳情况反馈。"))
            return redirect(_url("consultation", organisation, pk))
    return _render(request, organisation, "feedback.html", {"consultation": consultation, "form": form})


@require_POST
@staff_view()
def final_document(request, organisation, pk):
    consultation = _consultation(organisation, pk)
    form = forms.FinalDocumentForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            services.link_final_document(consultation, form.cleaned_data["document"], by=request.user)
        except Refusal as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("已关联正式发布的政策文件。"))
    else:
        messages.error(request, _("请选择本机构已发布的政策文件。"))
    return redirect(_url("consultation", organisation, pk))


# ---------------------------------------------------------------- decision matters, rules, activities


@staff_view()
def matters(request, organisation):
    matters = DecisionMatter.objects.filter(organisation=organisation).annotate(n=Count("activities"))
    return _render(request, organisation, "matters.html", {"matters": matters})


@staff_view()
def matter_form(request, organisation, pk=None):
    instance = (
        get_object_or_404(DecisionMatter, pk=pk, organisation=organisation)
        if pk
        else DecisionMatter(organisation=organisation, year=timezone.localdate().year)
    )
    form = forms.DecisionMatterForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存决策事项。"))
        return redirect(_url("matters", organisation))
    activities = instance.activities.all() if pk else []
    return _render(
        request, organisation, "matter_form.html", {"form": form, "matter": instance, "activities": activities}
    )


@staff_view()
def activity_form(request, organisation, pk):
    matter = get_object_or_404(DecisionMatter, pk=pk, organisation=organisation)
    form = forms.ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.matter = matter
        activity.save()
        messages.success(request, _("已记录公众参与活动。"))
        return redirect(_url("matter_edit", organisation, pk))
    return _render(request, organisation, "activity_form.html", {"form": form, "matter": matter})


@staff_view()
def rules_form(request, organisation):
    instance = ParticipationRules.objects.filter(organisation=organisation).first() or ParticipationRules(
        organisation=organisation
    )
    form = forms.RulesForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存公众参与制度。"))
        return redirect(_url("matters", organisation))
    return _render(request, organisation, "rules_form.html", {"form": form})


# ---------------------------------------------------------------- open days


def _open_day(organisation, pk):
    return get_object_or_404(OpenDay, pk=pk, organisation=organisation)


@staff_view()
def open_days(request, organisation):
    days = OpenDay.objects.filter(organisation=organisation).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )
    return _render(request, organisation, "open_days.html", {"page_obj": paginate(days, request.GET.get("page"), 30)})


@staff_view()
def open_day_form(request, organisation, pk=None):
    instance = _open_day(organisation, pk) if pk else OpenDay(organisation=organisation)
    if pk and instance.status != ReviewStatus.DRAFT:
        messages.error(request, services.ONLY_DRAFTS)
        return redirect(_url("open_day", organisation, pk))
    form = forms.OpenDayForm(request.POST or None, instance=instance, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_open_day(form.save(commit=False), by=request.user)
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("已保存草稿。"))
            return redirect(_url("open_day", organisation, saved.pk))
    return _render(request, organisation, "open_day_form.html", {"form": form, "open_day": instance})


@staff_view()
def open_day_detail(request, organisation, pk):
    open_day = _open_day(organisation, pk)
    registrations = open_day.registrations.order_by("status", "created_at", "pk")
    counts = dict(open_day.registrations.values_list("status").annotate(n=Count("pk")).order_by())
    return _render(
        request,
        organisation,
        "open_day_detail.html",
        {
            "open_day": open_day,
            "transitions": OPEN_DAY_FLOW.available(open_day, request.user),
            "events": OPEN_DAY_FLOW.events(open_day).select_related("actor"),
            "registrations": paginate(registrations, request.GET.get("page"), 100),
            "confirmed": counts.get(RegistrationStatus.CONFIRMED, 0),
            "waiting": counts.get(RegistrationStatus.WAITING, 0),
            "checked_in": services.checked_in_count(open_day),
            "transition_form": forms.TransitionForm(),
            "question_form": forms.QuestionForm(),
            "photo_form": forms.PhotoForm(),
            "summary_form": forms.SummaryForm(
                initial={
                    "attendance": open_day.attendance or services.checked_in_count(open_day),
                    "summary": open_day.summary,
                }
            ),  # fmt: skip
        },
    )


@require_POST
@staff_view()
def open_day_event(request, organisation, pk):
    open_day = _open_day(organisation, pk)
    form = forms.TransitionForm(request.POST)
    form.is_valid()
    event = request.POST.get("event", "")
    try:
        OPEN_DAY_FLOW.transition(event)
    except KeyError:
        messages.error(request, _("未知操作。"))
        return redirect(_url("open_day", organisation, pk))
    try:
        services.transition_open_day(open_day, event, by=request.user, comment=form.cleaned_data.get("comment", ""))
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("已完成：%(action)s。") % {"action": OPEN_DAY_FLOW.transition(event).label})
    return redirect(_url("open_day", organisation, pk))


@staff_view()
def registrations_xlsx(request, organisation, pk):
    open_day = _open_day(organisation, pk)
    registrations = open_day.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by("status", "created_at")
    content = exports.registrations_xlsx(open_day, registrations)
    return attachment_response(content, XLSX, _("%(theme)s-报名名单.xlsx") % {"theme": open_day.theme[:40]})


@require_POST
@staff_view()
def check_in(request, organisation, pk, registration_pk):
    open_day = _open_day(organisation, pk)
    registration = get_object_or_404(open_day.registrations, pk=registration_pk)
    try:
        services.check_in(registration, by=request.user)
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(name)s 已签到。") % {"name": registration.name})
    return redirect(_url("open_day", organisation, pk) + "#registrations")


@require_POST
@staff_view()
def question(request, organisation, pk):
    open_day = _open_day(organisation, pk)
    form = forms.QuestionForm(request.POST)
    if form.is_valid():
        services.add_question(open_day, by=request.user, **form.cleaned_data)
        messages.success(request, _("已添加问答。"))
    else:
        messages.error(request, _("请填写问题和答复。"))
    return redirect(_url("open_day", organisation, pk) + "#summary")


@require_POST
@staff_view()
def photo(request, organisation, pk):
    open_day = _open_day(organisation, pk)
    form = forms.PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_photo(open_day, form.cleaned_data["file"], form.checked, caption=form.cleaned_data["caption"],
                           by=request.user)  # fmt: skip
        messages.success(request, _("已上传照片。"))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(_url("open_day", organisation, pk) + "#summary")


@require_POST
@staff_view()
def summary(request, organisation, pk):
    open_day = _open_day(organisation, pk)
    form = forms.SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.publish_summary(open_day, by=request.user, **form.cleaned_data)
        except Refusal as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("已发布活动总结。"))
    else:
        messages.error(request, _("请填写实到人数和活动总结。"))
    return redirect(_url("open_day", organisation, pk) + "#summary")
