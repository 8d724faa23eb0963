"""The site's URLconf plus the throwaway app's pages (tests point ROOT_URLCONF here)."""

from django.urls import include, path

from portal.urls import handler403, handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as site_patterns
from portal.urlscheme import staff_prefix
from tests.shellapp import views

shell_patterns = (
    [path("shell/", views.index, name="index"), path(staff_prefix("shell"), views.staff, name="staff")],
    "shellapp",
)
urlpatterns = [path("", include(shell_patterns)), *site_patterns]
