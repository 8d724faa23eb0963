"""/api/v1/: read-only JSON, its OpenAPI 3 schema, and the browsable documentation."""

from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView

from api import views


class IdConverter:
    """Like <int:…>; ids beyond views.MAX_ID are answered 404 by the view, in JSON like every API error."""

    regex = "[0-9]+"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

app_name = "api"

urlpatterns = [
    path("", views.Index.as_view(), name="index"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
    path("organisations/", views.OrganisationList.as_view(), name="organisations"),
    path("organisations/<id:pk>/", views.OrganisationDetail.as_view(), name="organisation-detail"),
    path("domains/", views.DomainList.as_view(), name="domains"),
    path("documents/", views.DocumentList.as_view(), name="documents"),
    path("documents/<id:pk>/", views.DocumentDetail.as_view(), name="document-detail"),
    path("interpretations/", views.InterpretationList.as_view(), name="interpretations"),
    path("catalog-versions/", views.CatalogVersionList.as_view(), name="catalog-versions"),
    path("catalog-versions/<id:pk>/", views.CatalogVersionDetail.as_view(), name="catalog-version-detail"),
    path("cleanups/", views.CleanupList.as_view(), name="cleanups"),
    path("cleanups/<id:pk>/", views.CleanupDetail.as_view(), name="cleanup-detail"),
    path("cleanups/<id:pk>/entries/", views.CleanupEntryList.as_view(), name="cleanup-entries"),
    path("annual-reports/", views.AnnualReportIndex.as_view(), name="annual-reports"),
    path("annual-reports/<id:org_pk>/<int:year>/", views.AnnualReportDetail.as_view(), name="annual-report"),
    path("messages/", views.MessageList.as_view(), name="messages"),
    path("messages/<id:pk>/", views.MessageDetail.as_view(), name="message-detail"),
    path("consultations/", views.ConsultationList.as_view(), name="consultations"),
    path("consultations/<id:pk>/", views.ConsultationDetail.as_view(), name="consultation-detail"),
    path("open-days/", views.OpenDayList.as_view(), name="open-days"),
    path("open-days/<id:pk>/", views.OpenDayDetail.as_view(), name="open-day-detail"),
    path("site-reports/", views.SiteReportList.as_view(), name="site-reports"),
    path("site-reports/<int:year>/", views.SiteReportDetail.as_view(), name="site-report"),
    path("column-parts/", views.PartVersionList.as_view(), name="column-parts"),
    path("column-parts/<id:pk>/", views.PartVersionDetail.as_view(), name="column-part-detail"),
    path("village-items/", views.VillageItemList.as_view(), name="village-items"),
    path("village-items/<id:pk>/", views.VillageItemDetail.as_view(), name="village-item-detail"),
    path("village-items/<id:pk>/recipients/", views.BenefitRecipientList.as_view(), name="village-item-recipients"),
    re_path(r"", views.not_found),
]
