"""Public pages. Every query starts from the models' `public()` gates; no commenter's or registrant's
personal data is ever rendered here (comments show only their text and a masked name)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from participation import calendar_feed, rules, services
from participation.forms import CommentForm, LookupForm, SignupForm
from participation.models import (
    ConsultationAttachment,
    DecisionMatter,
    OpenDay,
    OpenDayPhoto,
    ParticipationActivity,
    ParticipationRules,
    PublicComment,
    PublicConsultation,
    RegistrationStatus,
)
from portal.downloads import stored_file_response
from portal.errors import Refusal
from portal.intake import throttle
from portal.models import Organisation

COMMENT_SCOPE, SIGNUP_SCOPE, LOOKUP_SCOPE = "participation.comment", "participation.signup", "participation.lookup"
COMMENT_SESSION, SIGNUP_SESSION = "participation_comment", "participation_signup"
PER_PAGE = 20


def _comment_limit():
    return settings.GONGKAI_PARTICIPATION_COMMENTS_PER_HOUR


def _signup_limit():
    return settings.GONGKAI_OPEN_DAY_SIGNUPS_PER_HOUR


def _lookup_limit():
    return settings.GONGKAI_REQUESTS_TRACK_PER_HOUR


def public_consultations(today=None):
    """Open now first, then upcoming, then closed and answered ones, newest first within each."""
    today = today or timezone.localdate()
    order = Case(
        When(opens_on__lte=today, closes_on__gte=today, feedback_published_at__isnull=True, then=Value(0)),
        When(opens_on__gt=today, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        PublicConsultation.objects.public()
        .select_related("organisation")
        .defer("draft_text", "explanation", "adopted_views", "not_adopted_views")
        .annotate(open_first=order)
        .order_by("open_first", "-opens_on", "-pk")
    )


@require_safe
def home(request):
    today = timezone.localdate()
    return render(
        request,
        "participation/home.html",
        {
            "open_now": public_consultations(today).filter(open_first=0)[:10],
            "coming_days": OpenDay.objects.public().coming().select_related("organisation").order_by("starts_at")[:5],
            "organisations": Organisation.objects.filter(
                Q(decision_matters__in=DecisionMatter.objects.public())
                | Q(participation_rules__in=ParticipationRules.objects.public())
            )
            .distinct()
            .order_by("path"),
        },
    )


@require_safe
def consultation_list(request):
    consultations = public_consultations()
    organisation = request.GET.get("organisation", "")
    if organisation.isdigit():
        consultations = consultations.filter(organisation_id=organisation)
    page = Paginator(consultations, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "participation/consultation_list.html", {"page_obj": page})


def _public_consultation(pk):
    return get_object_or_404(
        PublicConsultation.objects.public().select_related("organisation", "matter").prefetch_related("attachments"),
        pk=pk,
    )


def _consultation_context(consultation, form):
    from disclosure.models import Document

    comments = PublicComment.objects.public().filter(consultation=consultation).only("name", "body", "submitted_at")
    final = None
    if consultation.final_document_id:
        final = Document.objects.public().filter(pk=consultation.final_document_id).first()
    return {
        "consultation": consultation,
        "form": form,
        "comments": Paginator(comments, 50).get_page(1),
        "final_document": final,
        "phase": consultation.phase(),
        "period": rules.check_period(consultation.kind, consultation.opens_on, consultation.closes_on),
    }


@require_safe
def consultation_detail(request, pk):
    consultation = _public_consultation(pk)
    form = CommentForm() if consultation.is_open else None
    return render(request, "participation/consultation_detail.html", _consultation_context(consultation, form))


@require_POST
def comment(request, pk):
    consultation = _public_consultation(pk)
    form = CommentForm(request.POST)
    status = 400
    if not throttle.allow_submission(request, COMMENT_SCOPE, _comment_limit):
        form.add_error(None, _("提交过于频繁，请一小时后再试，或通过公告中列出的其他方式提出意见。"))
        status = 429
    elif form.is_spam():
        return redirect("participation:comment_done")
    elif form.is_valid():
        try:
            data = form.cleaned_data
            saved, _new = services.submit_comment(
                consultation, name=data["name"], phone=data["phone"], email=data["email"], body=data["body"]
            )
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            throttle.record_submission(request, COMMENT_SCOPE)
            request.session[COMMENT_SESSION] = {
                "receipt_number": saved.receipt_number,
                "consultation": consultation.title,
                "url": consultation.get_absolute_url(),
            }
            return redirect("participation:comment_done")
    context = _consultation_context(consultation, form)
    return render(request, "participation/consultation_detail.html", context, status=status)


@never_cache
def comment_done(request):
    receipt = request.session.pop(COMMENT_SESSION, None)
    return render(request, "participation/comment_done.html", {"receipt": receipt})


@require_safe
def consultation_attachment(request, pk, attachment_pk):
    attachment = get_object_or_404(
        ConsultationAttachment.objects.filter(consultation__in=PublicConsultation.objects.public()),
        pk=attachment_pk,
        consultation_id=pk,
    )
    return stored_file_response(attachment.file, attachment.original_name)


@require_safe
def matters(request):
    matters = (
        DecisionMatter.objects.public()
        .select_related("organisation")
        .annotate(n_activities=Count("activities", filter=Q(activities__is_published=True)))
    )
    organisation = request.GET.get("organisation", "")
    if organisation.isdigit():
        matters = matters.filter(organisation_id=organisation)
    page = Paginator(matters.order_by("-year", "organisation__path", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "participation/matters.html", {"page_obj": page})


@require_safe
def matter_detail(request, pk):
    matter = get_object_or_404(DecisionMatter.objects.public().select_related("organisation"), pk=pk)
    return render(
        request,
        "participation/matter_detail.html",
        {
            "matter": matter,
            "activities": ParticipationActivity.objects.public().filter(matter=matter),
            "consultations": PublicConsultation.objects.public()
            .filter(matter=matter)
            .only("pk", "title", "opens_on", "closes_on", "feedback_published_at"),
        },
    )


@require_safe
def rules_page(request, org_pk):
    rules = get_object_or_404(
        ParticipationRules.objects.public().select_related("organisation"), organisation_id=org_pk
    )
    return render(request, "participation/rules.html", {"rules": rules})


# ---------------------------------------------------------------- open days


@require_safe
def open_days(request):
    now = timezone.now()
    days = OpenDay.objects.public().select_related("organisation")
    past = Paginator(days.past(now).order_by("-starts_at"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/open_days.html",
        {"coming": days.coming(now).order_by("starts_at"), "page_obj": past},
    )


def _public_open_day(pk):
    return get_object_or_404(
        OpenDay.objects.public().select_related("organisation").prefetch_related("questions", "photos"), pk=pk
    )


def _open_day_context(open_day, form):
    confirmed = open_day.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = open_day.registrations.filter(status=RegistrationStatus.WAITING).count()
    signup_state = open_day.signup_state()
    return {
        "open_day": open_day,
        "form": form,
        "signup_state": signup_state,
        "signup_open": signup_state == rules.SignupState.OPEN,
        "signup_not_yet": signup_state == rules.SignupState.NOT_YET,
        "places_left": rules.places_left(open_day.capacity, confirmed),
        "waiting": waiting,
    }


@require_safe
def open_day_detail(request, pk):
    open_day = _public_open_day(pk)
    form = SignupForm(open_day=open_day) if open_day.signup_state() == "open" else None
    return render(request, "participation/open_day_detail.html", _open_day_context(open_day, form))


@require_POST
def sign_up(request, pk):
    open_day = _public_open_day(pk)
    form = SignupForm(request.POST, open_day=open_day)
    status = 400
    if not throttle.allow_submission(request, SIGNUP_SCOPE, _signup_limit):
        form.add_error(None, _("提交过于频繁，请一小时后再试。"))
        status = 429
    elif form.is_spam():
        return redirect("participation:signup_done")
    elif form.is_valid():
        try:
            data = form.cleaned_data
            registration, code = services.sign_up(
                open_day,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                id_number=data.get("id_number", ""),
            )
        except Refusal as refusal:
            form.add_error(None, refusal)
        else:
            throttle.record_submission(request, SIGNUP_SCOPE)
            request.session[SIGNUP_SESSION] = {
                "number": registration.number,
                "code": code,
                "waiting": registration.status == RegistrationStatus.WAITING,
                "theme": open_day.theme,
                "url": open_day.get_absolute_url(),
            }
            return redirect("participation:signup_done")
    return render(request, "participation/open_day_detail.html", _open_day_context(open_day, form), status=status)


@never_cache
def signup_done(request):
    """Shows the registration number and confirmation code once: they leave the session as the page renders."""
    created = request.session.pop(SIGNUP_SESSION, None)
    return render(request, "participation/signup_done.html", {"created": created})


@never_cache
def cancel(request):
    """Registration number + confirmation code → the registration's state, and a button to cancel it."""
    form = LookupForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST" and form.is_valid():
        if not throttle.allow_lookup(request, LOOKUP_SCOPE, _lookup_limit):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            return render(request, "participation/cancel.html", {"form": form}, status=429)
        number, code = form.cleaned_data["number"], form.cleaned_data["code"]
        if request.POST.get("confirm") == "cancel":
            try:
                cancelled, _promoted = services.cancel_registration(number, code)
            except Refusal as refusal:
                form.add_error(None, refusal)
                status = 400
            else:
                messages.success(request, _("已取消报名。感谢您告知，名额将依次让给候补人员。"))
                return redirect(cancelled.open_day)
        found = services.find_registration(number, code)
        if found is None:
            form.add_error(None, services.REGISTRATION_NOT_FOUND)
            status = 404
    return render(request, "participation/cancel.html", {"form": form, "found": found}, status=status)


@require_safe
def open_day_photo(request, pk, photo_pk):
    photo = get_object_or_404(
        OpenDayPhoto.objects.filter(
            open_day__in=OpenDay.objects.public(), open_day__summary_published_at__isnull=False
        ),
        pk=photo_pk,
        open_day_id=pk,
    )
    return stored_file_response(photo.file, f"{photo.caption[:60]}.{photo.kind}")


@require_safe
def open_days_ical(request):
    body = calendar_feed.render(OpenDay.objects.public().select_related("organisation"), request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="open-days.ics"'
    return response


# ---------------------------------------------------------------- the supervising office


@login_required
def supervision_overdue(request):
    """Feedback overdue across every organisation, for the supervising office (global permission)."""
    if not request.user.has_perm("portal.review_content"):
        raise PermissionDenied
    today = timezone.localdate()
    overdue = (
        PublicConsultation.objects.feedback_overdue(today)
        .select_related("organisation")
        .only("pk", "title", "closes_on", "feedback_due_on", "organisation__name", "organisation_id")
        .order_by("feedback_due_on", "pk")
    )
    page = Paginator(overdue, 50).get_page(request.GET.get("page"))
    return render(request, "participation/supervision_overdue.html", {"page_obj": page, "today": today})
