"""Public pages under /site-report/, staff pages under /staff/org/<id>/sitereport/ (portal/urlscheme.py)."""

from django.urls import path

from portal.caching import cache_public_page
from portal.plain_pages import public_page
from portal.urlscheme import staff_prefix
from sitereport import staff_views, views

app_name = "sitereport"
public, staff = "site-report/", staff_prefix("sitereport")

urlpatterns = [
    path(public, public_page(views.index), name="index"),
    path(public + "<int:year>/", cache_public_page(views.detail), name="detail"),
    path(public + "<int:year>/print/", cache_public_page(views.print_view), name="print"),
    path(public + "<int:year>/report.xlsx", views.download, name="download"),
    path(staff, staff_views.home, name="staff_home"),
    path(staff + "start/", staff_views.start, name="staff_start"),
    path(staff + "<int:year>/", staff_views.edit, name="staff_edit"),
    path(staff + "<int:year>/event/", staff_views.event, name="staff_event"),
]
