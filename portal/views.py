"""Shell pages: home, the disclosure guide, the staff workspace, members, health, display mode, and the site's
sitemap and robots.txt built from what every installed app declares (portal/registry.py)."""

import sys
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from portal import display, registry, services
from portal.errors import Refusal
from portal.forms import AddMemberForm
from portal.models import Membership, Organisation, OrganisationKind
from portal.permissions import organisation_permission_required, permissions_by_organisation
from portal.roles import MANAGE_MEMBERS


def home(request):
    counties = Organisation.objects.active().filter(kind=OrganisationKind.COUNTY).order_by("sort_order", "name")
    return render(request, "portal/home.html", {"counties": counties, "home_templates": registry.home_templates()})


def guide(request):
    """政府信息公开指南: how information is published and how to apply, with each office's contacts."""
    offices = (
        Organisation.objects.active()
        .exclude(kind__in=[OrganisationKind.VILLAGE, OrganisationKind.COMMUNITY])
        .exclude(address="", phone="")
        .order_by("path")[:200]
    )
    return render(request, "portal/guide.html", {"offices": offices})


def sitemap_index(request):
    """/sitemap.xml: an index of every app's sections."""
    return sitemap_views.index(request, registry.sitemaps(), sitemap_url_name="portal:sitemap_section")


def sitemap_section(request, section):
    """/sitemap-<section>.xml (paged with ?p= past 50 000 entries, Django's sitemap framework does it)."""
    return sitemap_views.sitemap(request, registry.sitemaps(), section=section)


@require_safe
def robots_txt(request):
    """What every app asks crawlers to leave alone; staff pages all live under /staff/ (docs/conventions.md)."""
    sitemap = request.build_absolute_uri(reverse("portal:sitemap"))
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in registry.robots_disallow()), f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """200 after a real database round-trip; 503 (with Retry-After) when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "error", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


@csrf_exempt
@require_POST
def set_display(request):
    """Switch a display mode (large text 适老化, high contrast) on or off; remembered in a cookie for a year.

    Works without JS: each header toggle posts `mode` and `state` ("on"/"off"); `mode=standard` turns large
    text off (the earlier form). Exempt from CSRF: it only sets a display cookie and redirects within the site,
    and a token in every page's header would make pages per-visitor and uncacheable (portal/caching.py).
    """
    mode, state = request.POST.get("mode", ""), request.POST.get("state", "on")
    if mode == "standard":
        mode, state = "large", "off"
    modes = display.switched(display.of_request(request), mode, on=state != "off")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.GONGKAI_DISPLAY_COOKIE,
        display.cookie_value(modes),
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def site_map(request):
    """The human-readable site map (网站地图): every app's public pages, from what each declares."""
    return render(request, "portal/site_map.html", {"groups": registry.site_map()})


@login_required
def workspace(request):
    """My organisations and what I may do there."""
    memberships = Membership.objects.filter(user=request.user).select_related("organisation")
    roles_by_org = defaultdict(list)
    for membership in memberships:
        roles_by_org[membership.organisation].append(membership.get_role_display())
    held = permissions_by_organisation(request.user, roles_by_org)
    cards = []
    for organisation, roles in sorted(roles_by_org.items(), key=lambda item: item[0].path):
        links = []
        for label, url_name, permission in registry.workspace_links():
            if permission in held[organisation.pk]:
                try:
                    links.append((label, reverse(url_name, kwargs={"org_pk": organisation.pk})))
                except NoReverseMatch:
                    continue
        cards.append({"organisation": organisation, "roles": roles, "links": links})
    return render(
        request,
        "portal/workspace.html",
        {"cards": cards, "is_supervisor": request.user.is_staff, "workspace_templates": registry.workspace_templates()},
    )


@organisation_permission_required(MANAGE_MEMBERS)
def members(request, organisation):
    """An organisation admin manages who works in the organisation and in which roles."""
    form = AddMemberForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_member(organisation, by=request.user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(None, error)
        else:
            name = membership.user.get_full_name() or membership.user.username
            messages.success(
                request, _("已为 %(name)s 授予“%(role)s”角色。") % {"name": name, "role": membership.get_role_display()}
            )
            return redirect("portal:members", org_pk=organisation.pk)
    memberships = (
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__username", "role")
    )
    return render(
        request, "portal/members.html", {"organisation": organisation, "memberships": memberships, "form": form}
    )


@require_POST
@organisation_permission_required(MANAGE_MEMBERS)
def remove_member(request, organisation, membership_pk):
    membership = get_object_or_404(Membership, pk=membership_pk, organisation=organisation)
    services.remove_member(membership, by=request.user)
    role = membership.get_role_display()
    messages.success(
        request, _("已撤销 %(name)s 的“%(role)s”角色。") % {"name": membership.user.username, "role": role}
    )
    return redirect("portal:members", org_pk=organisation.pk)


def login_locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' answer to a login of a locked account: a clear page (429), how long, and who can unlock."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: a stale or missing form token, explained in the site's shell (403).

    Django's reason is for the log, not the visitor; only whether the cookie was missing changes the advice.
    """
    response = render(request, "403_csrf.html", {"no_cookie": reason == REASON_NO_CSRF_COOKIE}, status=403)
    response["Cache-Control"] = "no-store"
    return response


# How long a visitor is asked to wait when the database does not answer (docs/operations.md).
RETRY_AFTER_SECONDS = 30


def database_unavailable(exception) -> bool:
    """Is this error a backing service being down or unreachable (rather than a bug)?

    The database, or the S3-compatible object store holding attachments (portal/objectstorage.py): a download
    while the store is down is the same styled 503 with Retry-After as a page while the database is down.
    """
    from portal.objectstorage import ObjectStorageUnavailable  # boto3 is imported only when a 500 happens

    return isinstance(exception, OperationalError | InterfaceError | ObjectStorageUnavailable)


def server_error(request):
    """The 500 page, or a styled 503 with Retry-After when the cause is the database being unreachable.

    No context processors or database work here: the error may be the database itself. Django calls this
    handler inside its `except` block, so the exception being handled is still at hand.
    """
    context = {"site_name": settings.GONGKAI_SITE_NAME}
    if database_unavailable(sys.exception()):
        context["retry_after"] = RETRY_AFTER_SECONDS
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links; send them to the site's icon."""
    return redirect(static("img/favicon.svg"), permanent=True)
