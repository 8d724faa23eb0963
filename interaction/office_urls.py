"""The supervising office's pages, included by portal/urls.py at /staff/interaction/."""

from django.urls import path

from interaction import staff_views as v

app_name = "interaction_office"

urlpatterns = [
    path("oversight/", v.OversightView.as_view(), name="oversight"),
    path("oversight/<int:pk>/order/", v.OrderView.as_view(), name="order"),
    path("error-reports/", v.ErrorReportsView.as_view(), name="error_reports"),
    path("error-reports/<int:pk>/", v.ErrorReportView.as_view(), name="error_report"),
]
