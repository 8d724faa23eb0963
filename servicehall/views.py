"""The kiosk (政务公开专区) at /hall/: large touch targets, nothing of one visitor left for the next.

Every page is `never_cache` (no-store: the back button shows no one's form), forms carry autocomplete=off, and
`reset` — the 结束 button and the idle timer (static/servicehall/kiosk.js) — flushes the visitor's session.
Documents come only from `Document.objects.public()`; requests go through requests_app's own services.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from disclosure import search as full_text
from disclosure.models import Document
from disclosure.views import paginate_search
from portal.intake import throttle
from requests_app import letters, services
from requests_app.models import InformationRequest, LetterKind
from servicehall.forms import DocumentLookupForm, KioskApplicationForm, KioskTrackingForm
from servicehall.terminals import terminal_for

# The same budgets as requests_app's own pages (one client, one allowance); a registered terminal is exempt.
APPLY_SCOPE, TRACK_SCOPE = "requests.apply", "requests.track"
RECEIPT_KEY = "servicehall_receipt"
LOOKUP_SCOPE = "servicehall.documents"
LOOKUPS_PER_HOUR = 300


def _render(request, template, context, status=200):
    context.setdefault("terminal", terminal_for(request))
    idle = settings.GONGKAI_KIOSK_IDLE_SECONDS
    context.setdefault("idle_seconds", idle)
    context.setdefault("warn_seconds", min(20, max(idle // 4, 2)))  # the countdown before the screen clears
    return render(request, f"servicehall/{template}", context, status=status)


@never_cache
def home(request):
    return _render(request, "home.html", {})


@never_cache
def guide(request):
    """The platform-wide guide in kiosk type (the organisation's own guide is linked when that app is there)."""
    from portal.models import Organisation, OrganisationKind

    offices = (
        Organisation.objects.active()
        .exclude(kind__in=[OrganisationKind.VILLAGE, OrganisationKind.COMMUNITY])
        .exclude(address="", phone="")
        .order_by("path")[:200]
    )
    return _render(request, "guide.html", {"offices": offices})


@never_cache
def documents(request):
    form = DocumentLookupForm(request.GET or None)
    context = {"form": form, "page": None}
    if form.is_valid():
        if not throttle.allow_lookup(request, LOOKUP_SCOPE, LOOKUPS_PER_HOUR):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            return _render(request, "documents.html", context, status=429)
        public = Document.objects.public().select_related("organisation").defer("body", "search_tokens")
        results, words = full_text.search(public, form.cleaned_data["q"])
        context["page"] = paginate_search(results, request.GET.get("page"))
        context["query"] = form.cleaned_data["q"]
    return _render(request, "documents.html", context)


@never_cache
def document(request, pk):
    found = get_object_or_404(Document.objects.public().select_related("organisation"), pk=pk)
    return _render(request, "document.html", {"document": found})


@never_cache
def track(request):
    form = KioskTrackingForm(request.POST or None)
    found, status = None, 200
    if request.method == "POST" and form.is_valid():
        if not throttle.allow_lookup(request, TRACK_SCOPE, settings.GONGKAI_REQUESTS_TRACK_PER_HOUR):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            status = 429
        else:
            found = services.find_for_applicant(form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
            if found is None:
                form.add_error(None, _("没有找到与该受理编号和查询码相符的申请，请核对后重新输入。"))
                status = 404
    context = {"form": form, "found": found}
    if found is not None:
        context["events"] = found.events.only("kind", "on").order_by("at", "pk")
    return _render(request, "track.html", context, status=status)


@never_cache
def apply(request):
    """Filing an information request with a staff member's help, through requests_app's submit service."""
    terminal = terminal_for(request)
    form = KioskApplicationForm(request.POST or None, terminal=terminal)
    status = 200
    if request.method == "POST":
        if not throttle.allow_submission(request, APPLY_SCOPE, settings.GONGKAI_REQUESTS_APPLY_PER_HOUR):
            form.add_error(None, _("提交过于频繁，请一小时后再试，或请工作人员登记书面申请。"))
            status = 429
        elif form.is_spam():
            return redirect("servicehall:home")
        elif form.is_valid():
            info_request, code = services.submit_online(form.cleaned_data["organisation"], form.applicant_data())
            throttle.record_submission(request, APPLY_SCOPE)
            request.session[RECEIPT_KEY] = {"pk": info_request.pk, "code": code}
            return redirect("servicehall:receipt")
        else:
            status = 400
    return _render(request, "apply.html", {"form": form}, status=status)


@never_cache
def receipt(request):
    """The tracking number and query code, once, with requests_app's 受理回执 to print; then they are gone."""
    held = request.session.pop(RECEIPT_KEY, None)
    if not held:
        return redirect("servicehall:home")
    info_request = InformationRequest.objects.select_related("organisation").filter(pk=held["pk"]).first()
    if info_request is None:
        raise Http404
    code = held.get("code")
    letter = letters.build(LetterKind.RECEIPT, info_request, query_code=code or "")
    context = {"info_request": info_request, "code": code, "letter": letter}
    return _render(request, "receipt.html", context)


# Exempt from CSRF: it only forgets the visitor's own session (like logging out a kiosk), and the idle timer must
# be able to post it from any page, however long the page has been open.
@csrf_exempt
@require_POST
def reset(request):
    request.session.flush()
    return redirect("servicehall:home")
