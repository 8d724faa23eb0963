from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from portal import views
from portal.caching import cache_public_page
from portal.forms import StaffLoginForm
from portal.plain_pages import public_page
from portal.urlscheme import staff_prefix

portal_patterns = (
    [
        path("", public_page(views.home, seconds=300), name="home"),  # 公众参与's coming open days change by the hour
        path("guide/", public_page(views.guide), name="guide"),
        path("display/", views.set_display, name="set_display"),
        path("sitemap/", public_page(views.site_map), name="site_map"),
        path("sitemap.xml", cache_public_page(views.sitemap_index), name="sitemap"),
        path("sitemap-<section>.xml", cache_public_page(views.sitemap_section), name="sitemap_section"),
        path("robots.txt", views.robots_txt, name="robots"),
        path("staff/", views.workspace, name="workspace"),
        path(staff_prefix("members"), views.members, name="members"),
        path(staff_prefix("members") + "<int:membership_pk>/remove/", views.remove_member, name="remove_member"),
    ],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=StaffLoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Exempt from CSRF: it only sets the language cookie and redirects within the site, and a token in every
    # page's header would make pages per-visitor and uncacheable (portal/caching.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    # Each app mounts at the root: public pages under its own prefix, staff pages under staff_prefix("<app>").
    # Django tries the root-mounted URLconfs in this order, pattern by pattern: the apps of the most read public
    # pages come first (resolving a path behind 190 patterns cost 0.3 ms, a third of a stored page's request).
    path("", include("disclosure.urls")),
    path("", include("column.urls")),
    path("", include("catalog.urls")),
    path("", include("villages.urls")),
    path("", include("sitereport.urls")),
    path("", include("requests_app.urls")),
    path("participation/", include("participation.urls")),
    path("staff/org/<int:org_pk>/participation/", include("participation.staff_urls")),
    path("api/v1/", include("api.urls")),
    path("alerts/", include("alerts.urls")),
    path("interaction/", include("interaction.urls")),
    path("staff/org/<int:org_pk>/interaction/", include("interaction.staff_urls")),
    path("staff/interaction/", include("interaction.office_urls")),
    path("", include("supervision.urls")),
    path("", include("servicehall.urls")),
]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

admin.site.site_header = _("公开 · 政务公开平台 管理后台")
admin.site.site_title = _("政务公开管理后台")
admin.site.index_title = _("督导与管理")
