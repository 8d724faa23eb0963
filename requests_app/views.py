"""Public pages: apply online, track a request, and the annual report tables (counts only)."""

import time

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.downloads import stored_file_response
from portal.intake import throttle
from portal.intake.masking import mask_email
from requests_app import deadlines, letters, services
from requests_app.forms import ApplicationForm, DueDateCalculatorForm, TrackingForm
from requests_app.models import InformationRequest, ReplyFile, State

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
            # code is None when this was the same application sent minutes ago: the earlier one is shown.
            request.session[SESSION_KEY] = {
                "tracking_number": info_request.tracking_number,
                "query_code": code,
                "duplicate": code is None,
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
        context["explanation_consulting"] = found.is_consulting
        context["fee_notices"] = found.fee_notices.all()
        context["documents"] = reply.documents.public().order_by("title") if reply else []
        context["letters"] = letters.links(found, applicant=True)
        context["reply_files"] = reply.files.all() if reply and reply.sent_on else []
        # The letters and files are GET links: the session remembers, for a while, which request this visitor
        # proved they may read (tracking number and query code), instead of putting the code in a URL.
        request.session[TRACKED_SESSION_KEY] = {"pk": found.pk, "at": int(time.time())}
    return render(request, "requests_app/track.html", context, status=status)


TRACKED_SESSION_KEY = "requests_app_tracked"
TRACKED_SECONDS = 30 * 60


def _tracked_request(request):
    """The request this visitor proved with tracking number and query code in the last half hour, or 404."""
    tracked = request.session.get(TRACKED_SESSION_KEY) or {}
    if not tracked or time.time() - tracked.get("at", 0) > TRACKED_SECONDS:
        raise Http404
    return get_object_or_404(InformationRequest.objects.select_related("organisation"), pk=tracked["pk"])


@never_cache
def tracked_letter(request, kind: str, item: int | None = None):
    """A letter to the applicant, for the applicant who just looked their request up: official layout, printable."""
    info_request = _tracked_request(request)
    if not any(link["kind"] == kind and link["item"] == item for link in letters.links(info_request, applicant=True)):
        raise Http404
    content = letters.find(info_request, kind, item)
    context = {"letter": content, "back_url": reverse("requests_app:track")}
    return render(request, "requests_app/letters/official.html", context)


@never_cache
def tracked_file(request, file_pk: int):
    """A file provided with the reply, once the reply has been sent."""
    info_request = _tracked_request(request)
    reply_file = get_object_or_404(
        ReplyFile.objects.filter(reply__request=info_request, reply__sent_on__isnull=False), pk=file_pk
    )
    return stored_file_response(reply_file.file, reply_file.name)


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
