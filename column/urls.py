"""Public pages under /column/, staff pages under /staff/org/<org_pk>/column/ (portal/urlscheme.py)."""

from django.urls import path

from column import staff_views, views
from portal.caching import cache_public_page as cached
from portal.plain_pages import public_page
from portal.urlscheme import staff_prefix

app_name = "column"
ORG = "column/org/<int:org_pk>/"
STAFF = staff_prefix("column")

urlpatterns = [
    path("column/", public_page(views.index), name="index"),
    path("column/policies/", public_page(views.policies), name="policies"),
    path(ORG, public_page(views.home), name="home"),
    path(ORG + "guide/", public_page(views.guide), name="guide"),
    path(ORG + "guide/application-form/", cached(views.application_form_print), name="application_form"),
    path(ORG + "guide/application-form.docx", cached(views.application_form_docx), name="application_form_docx"),
    path(ORG + "rules/", public_page(views.rules), name="rules"),
    path(ORG + "rules/versions/<int:number>/", cached(views.rules), name="rules_version"),
    path(ORG + "statutory/", public_page(views.statutory), name="statutory"),
    path(ORG + "statutory/<slug:heading>/", cached(views.statutory_heading), name="statutory_heading"),
    path(ORG + "annual-reports/", public_page(views.annual_reports), name="annual_reports"),
    path(ORG + "profile/", public_page(views.profile), name="profile"),
    path(ORG + "profile/<int:number>/photos/<int:index>/", views.leader_photo, name="leader_photo"),
    # Staff: one view family, every view through staff_views.staff_view.
    path(STAFF, staff_views.home, name="staff_home"),
    path(STAFF + "<slug:part>/edit/", staff_views.edit_part, name="staff_edit"),
    path(STAFF + "<slug:part>/event/<slug:event>/", staff_views.part_event, name="staff_event"),
    path(STAFF + "profile/leaders/new/", staff_views.leader_form, name="staff_leader_new"),
    path(STAFF + "profile/leaders/<int:pk>/", staff_views.leader_form, name="staff_leader_edit"),
    path(STAFF + "profile/leaders/<int:pk>/delete/", staff_views.leader_delete, name="staff_leader_delete"),
]
