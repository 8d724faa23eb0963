"""Public pages: apply online, track a request, and the annual report tables (counts only)."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.intake import throttle
from portal.intake.masking import mask_email
from requests_app import deadlines, services
from requests_app.forms import ApplicationForm, DueDateCalculatorForm, TrackingForm
from requests_app.models import State

SESSION_KEY = "requests_app_new_request"
APPLY_SCOPE, TRACK_SCOPE = "requests.apply", "requests.track"


def _apply_limit():
    return settings.GONGKAI_REQUESTS_APPLY_PER_HOUR


def _track_limit():
    return settings.GONGKAI_REQUESTS_TRACK_PER_HOUR


ANSWERED_STATES = (State.ANSWERED, State.CLOSED, State.NOT_PROCESSED)


def apply(request):
    """The online application form (no account needed)."""
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not throttle.allow_submission(request, APPLY_SCOPE, _apply_limit):
            form.add_error(None, _("提交过于频繁，请一小时后再试，或通过电话、信函、当面等方式提出申请。"))
            status = 429
        elif form.is_spam():
            return redirect("requests_app:apply")  # say nothing useful to robots
        elif form.is_valid():
            info_request, code = services.submit_online(form.cleaned_data["organisation"], form.applicant_data())
            throttle.record_submission(request, APPLY_SCOPE)
            request.session[SESSION_KEY] = {
                "tracking_number": info_request.tracking_number,
                "query_code": code,
                "email": mask_email(info_request.email) if info_request.email else "",
                "organisation": info_request.organisation.name,
            }
            return redirect("requests_app:apply_done")
        else:
            status = 400
    return render(request, "requests_app/apply.html", {"form": form}, status=status)


@never_cache
def apply_done(request):
    """Shows the tracking number and query code once: they leave the session as the page renders."""
    created = request.session.pop(SESSION_KEY, None)
    if created is None:
        return redirect("requests_app:track")
    return render(request, "requests_app/apply_done.html", {"created": created})


@never_cache
def track(request):
    """Tracking number + query code → status and dates. Unknown number and wrong code read the same."""
    form = TrackingForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST" and form.is_valid():
        if not throttle.allow_lookup(request, TRACK_SCOPE, _track_limit):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            status = 429
        else:
            found = services.find_for_applicant(form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
            if found is None:
                form.add_error(None, _("没有找到与该受理编号和查询码相符的申请，请核对后重新输入。"))
                status = 404
    context = {"form": form, "found": found}
    if found is not None:
        context["events"] = found.events.only("kind", "on", "to_state").order_by("at", "pk")
        reply = getattr(found, "reply", None) if found.state in ANSWERED_STATES else None
        context["reply"] = reply
        context["explanation"] = services.explain_due_on(found) if found.is_open else None
        context["explanation_consulting"] = found.state == State.CONSULTING
        context["fee_notices"] = found.fee_notices.all()
        context["documents"] = reply.documents.public().order_by("title") if reply else []
    return render(request, "requests_app/track.html", context, status=status)


def due_date_calculator(request):
    """Public: a receipt date on the official calendar → the reply, extension and correction deadlines."""
    form = DueDateCalculatorForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        received_on = form.cleaned_data["received_on"]
        result = {
            "received_on": received_on,
            "correction_notice_due": deadlines.correction_notice_due(received_on),
            "reply_due": deadlines.reply_due(received_on),
            "extended_due": deadlines.reply_due(received_on, extension_days=deadlines.MAX_EXTENSION_WORKING_DAYS),
            "explanation": deadlines.explain_reply_due(received_on),
        }
    return render(request, "requests_app/calculator.html", {"form": form, "result": result})
