"""Shell pages: home, the disclosure guide, the staff workspace, members, health and display mode."""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from portal import registry, services
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


@never_cache
@require_GET
def healthz(request):
    """200 after a real database round-trip; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@csrf_exempt
@require_POST
def set_display(request):
    """Switch large-text / high-contrast mode (适老化); remembered in a cookie for a year. Works without JS.

    Exempt from CSRF: it only sets a display cookie and redirects within the site, and a token in every
    page's header would make pages per-visitor and uncacheable (portal/caching.py).
    """
    mode = "large" if request.POST.get("mode") == "large" else "standard"
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.GONGKAI_DISPLAY_COOKIE, mode, max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure()
    )
    return response


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
        membership = services.add_member(organisation, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"已为 {membership.user.get_full_name() or membership.user.username} 授予“{membership.get_role_display()}”角色。",
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
    messages.success(request, f"已撤销 {membership.user.username} 的“{membership.get_role_display()}”角色。")
    return redirect("portal:members", org_pk=organisation.pk)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database work here: the error may be the database itself.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({"site_name": settings.GONGKAI_SITE_NAME}))


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links; send them to the site's icon."""
    return redirect(static("img/favicon.svg"), permanent=True)
