"""Public pages under /villages/, staff pages under /staff/org/<township>/villages/ (portal/urlscheme.py)."""

from django.urls import path

from portal.caching import cache_public_page
from portal.plain_pages import public_page
from portal.urlscheme import staff_prefix
from villages import staff_views, views

app_name = "villages"
public, staff = "villages/", staff_prefix("villages")

urlpatterns = [
    path(public, public_page(views.index), name="index"),
    path(public + "<int:pk>/", cache_public_page(views.village), name="village"),
    path(public + "<int:pk>/board/", cache_public_page(views.village_board), name="village_board"),
    path(public + "<int:pk>/<slug:column>/", cache_public_page(views.column), name="column"),
    path(public + "items/<int:pk>/", cache_public_page(views.item), name="item"),
    path(public + "items/<int:pk>/board/", cache_public_page(views.item_board), name="item_board"),
    path(staff, staff_views.home, name="staff_home"),
    path(staff + "benefit-list-template.xlsx", staff_views.benefit_template, name="staff_benefit_template"),
    path(staff + "<int:village_pk>/", staff_views.village, name="staff_village"),
    path(staff + "<int:village_pk>/items/new/", staff_views.item_form, name="staff_item_new"),
    path(staff + "<int:village_pk>/contacts/new/", staff_views.contact_form, name="staff_contact_new"),
    path(staff + "items/<int:pk>/", staff_views.item_detail, name="staff_item"),
    path(staff + "items/<int:pk>/edit/", staff_views.item_form, name="staff_item_edit"),
    path(staff + "items/<int:pk>/event/", staff_views.item_event, name="staff_item_event"),
    path(staff + "items/<int:pk>/delete/", staff_views.item_delete, name="staff_item_delete"),
    path(staff + "items/<int:pk>/recipients/", staff_views.recipients_import, name="staff_recipients_import"),
    path(staff + "contacts/<int:pk>/edit/", staff_views.contact_form, name="staff_contact_edit"),
    path(staff + "contacts/<int:pk>/delete/", staff_views.contact_delete, name="staff_contact_delete"),
]
