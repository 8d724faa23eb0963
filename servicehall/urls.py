"""The kiosk under /hall/, the terminals' staff pages under /staff/org/<id>/servicehall/."""

from django.urls import path

from portal.urlscheme import staff_prefix
from servicehall import staff_views, views

app_name = "servicehall"
public, staff = "hall/", staff_prefix("servicehall")

urlpatterns = [
    path(public, views.home, name="home"),
    path(public + "guide/", views.guide, name="guide"),
    path(public + "documents/", views.documents, name="documents"),
    path(public + "documents/<int:pk>/", views.document, name="document"),
    path(public + "track/", views.track, name="track"),
    path(public + "apply/", views.apply, name="apply"),
    path(public + "apply/receipt/", views.receipt, name="receipt"),
    path(public + "reset/", views.reset, name="reset"),
    path(staff, staff_views.home, name="staff_home"),
    path(staff + "<int:pk>/", staff_views.terminal, name="staff_terminal"),
    path(staff + "<int:pk>/activate/", staff_views.activate, name="staff_activate"),
    path(staff + "<int:pk>/reissue/", staff_views.reissue, name="staff_reissue"),
    path(staff + "<int:pk>/toggle/", staff_views.toggle, name="staff_toggle"),
]
