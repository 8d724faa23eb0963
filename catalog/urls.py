"""Public pages under /catalog/, staff pages under /staff/org/<org_pk>/catalog/ (portal/urlscheme.py)."""

from django.urls import path

from catalog.views import public, staff
from portal.caching import cache_public_page as cached
from portal.plain_pages import public_page
from portal.urlscheme import retired_staff_prefix, staff_prefix

app_name = "catalog"

PUBLIC = "catalog/"
STAFF = staff_prefix("catalog")
urlpatterns = [
    # Public: everything below reads published versions only, served to anonymous readers from the shared
    # page cache (portal/caching.py).
    path(PUBLIC, public_page(public.home), name="home"),
    path(PUBLIC + "org/<int:org_pk>/", public_page(public.organisation), name="organisation"),
    path(PUBLIC + "org/<int:org_pk>/negative/", cached(public.negative_list), name="negative"),
    path(PUBLIC + "org/<int:org_pk>/negative/versions/", cached(public.history), name="negative_history"),
    path(
        PUBLIC + "org/<int:org_pk>/negative/versions/<int:number>/",
        cached(public.version_detail),
        name="negative_version",
    ),
    path(PUBLIC + "org/<int:org_pk>/<slug:domain>/", cached(public.domain_catalog), name="domain"),
    path(PUBLIC + "org/<int:org_pk>/<slug:domain>/catalog.xlsx", cached(public.domain_xlsx), name="domain_xlsx"),
    path(PUBLIC + "org/<int:org_pk>/<slug:domain>/versions/", cached(public.history), name="history"),
    path(
        PUBLIC + "org/<int:org_pk>/<slug:domain>/versions/<int:number>/", cached(public.version_detail), name="version"
    ),
    path(
        PUBLIC + "org/<int:org_pk>/<slug:domain>/versions/<int:number>/table/",
        cached(public.domain_catalog),
        name="version_table",
    ),
    path(
        PUBLIC + "org/<int:org_pk>/<slug:domain>/versions/<int:number>/catalog.xlsx",
        cached(public.domain_xlsx),
        name="version_xlsx",
    ),
    # Staff: one view family, every URL scoped to an organisation by org_pk.
    path(STAFF, staff.staff_home, name="staff_home"),
    path(STAFF + "negative/", staff.negative_list, name="staff_negative"),
    path(STAFF + "negative/<int:entry_pk>/edit/", staff.negative_edit, name="staff_negative_edit"),
    path(STAFF + "negative/<int:entry_pk>/delete/", staff.negative_delete, name="staff_negative_delete"),
    path(STAFF + "negative/<int:entry_pk>/move/", staff.negative_move, name="staff_negative_move"),
    path(STAFF + "items/<int:item_pk>/edit/", staff.item_edit, name="staff_item_edit"),
    path(STAFF + "items/<int:item_pk>/delete/", staff.item_delete, name="staff_item_delete"),
    path(STAFF + "items/<int:item_pk>/move/", staff.item_move, name="staff_item_move"),
    path(STAFF + "items/<int:item_pk>/not-applicable/", staff.item_not_applicable, name="staff_item_not_applicable"),
    path(STAFF + "items/<int:item_pk>/applicable/", staff.item_applicable, name="staff_item_applicable"),
    path(STAFF + "items/<int:item_pk>/refresh/", staff.item_refresh, name="staff_item_refresh"),
    path(STAFF + "workflow/<int:catalog_pk>/submit/", staff.submit, name="staff_submit"),
    path(STAFF + "workflow/<int:catalog_pk>/publish/", staff.publish, name="staff_publish"),
    path(STAFF + "workflow/<int:catalog_pk>/send-back/", staff.send_back, name="staff_send_back"),
    path(STAFF + "<slug:domain>/", staff.staff_domain, name="staff_domain"),
    path(STAFF + "<slug:domain>/add/", staff.item_add, name="staff_item_add"),
    path(STAFF + "<slug:domain>/adopt/", staff.adopt, name="staff_adopt"),
    path(STAFF + "<slug:domain>/import/", staff.import_xlsx, name="staff_import"),
    path(STAFF + "<slug:domain>/import/<int:job_pk>/", staff.import_job, name="staff_import_job"),
    path(STAFF + "<slug:domain>/draft.xlsx", staff.export_working_copy, name="staff_export"),
    retired_staff_prefix(PUBLIC, "catalog"),  # /catalog/staff/org/<id>/… before the one scheme
]
