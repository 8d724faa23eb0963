"""Public pages at the site root; staff pages under staff/org/<org_pk>/documents/ (portal/urlscheme.py)."""

from django.urls import path

from disclosure import feeds, staff_views, views
from portal.caching import cache_public_page as cached
from portal.plain_pages import public_page
from portal.urlscheme import staff_prefix

app_name = "disclosure"

staff = staff_prefix("documents")

urlpatterns = [
    # Public read-only pages are served to anonymous readers from the shared page cache (portal/caching.py).
    path("documents/", public_page(views.document_list), name="list"),
    # Exports are built per request (not cached): capped at exports.EXPORT_CAP rows.
    path("documents/export.csv", views.document_list_csv, name="export_csv"),
    path("documents/export.xlsx", views.document_list_xlsx, name="export_xlsx"),
    path("documents/<int:pk>/", cached(views.document_detail), name="detail"),
    path("documents/<int:pk>/print/", cached(views.document_print), name="print"),
    path("documents/<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("search/", public_page(views.search), name="search"),
    path("search/export.csv", views.search_csv, name="search_csv"),
    path("search/export.xlsx", views.search_xlsx, name="search_xlsx"),
    path("cleanup/", cached(views.cleanup_list), name="cleanup_list"),
    path("cleanup/<int:pk>/", cached(views.cleanup_detail), name="cleanup_detail"),
    path("feeds/organisation/<int:org_pk>/rss/", cached(feeds.OrganisationFeed()), name="org_rss"),
    path("feeds/organisation/<int:org_pk>/atom/", cached(feeds.OrganisationAtomFeed()), name="org_atom"),
    path("feeds/domain/<slug:code>/rss/", cached(feeds.DomainFeed()), name="domain_rss"),
    path("feeds/domain/<slug:code>/atom/", cached(feeds.DomainAtomFeed()), name="domain_atom"),
    # Staff: one view family, every view guarded by StaffMixin (staff_views.py).
    path(staff, staff_views.StaffHomeView.as_view(), name="staff_home"),
    path(staff + "new/", staff_views.DocumentCreateView.as_view(), name="staff_create"),
    path(staff + "review/", staff_views.ReviewQueueView.as_view(), name="staff_review"),
    path(staff + "reassessment/", staff_views.ReassessmentQueueView.as_view(), name="staff_reassessment"),
    path(staff + "cleanup/", staff_views.CleanupCreateView.as_view(), name="staff_cleanup"),
    path(staff + "<int:pk>/", staff_views.StaffDetailView.as_view(), name="staff_detail"),
    path(staff + "<int:pk>/edit/", staff_views.DocumentEditView.as_view(), name="staff_edit"),
    path(staff + "<int:pk>/delete/", staff_views.DraftDeleteView.as_view(), name="staff_delete"),
    path(staff + "<int:pk>/print/", staff_views.StaffPrintView.as_view(), name="staff_print"),
    path(staff + "<int:pk>/attachments/", staff_views.AttachmentUploadView.as_view(), name="staff_attach"),
    path(
        staff + "<int:pk>/attachments/<int:attachment_pk>/",
        staff_views.AttachmentFileView.as_view(),
        name="staff_attachment",
    ),  # fmt: skip
    path(
        staff + "<int:pk>/attachments/<int:attachment_pk>/delete/",
        staff_views.AttachmentDeleteView.as_view(),
        name="staff_attachment_delete",
    ),  # fmt: skip
    path(staff + "<int:pk>/submit/", staff_views.SubmitView.as_view(), name="staff_submit"),
    path(staff + "<int:pk>/publish/", staff_views.PublishView.as_view(), name="staff_publish"),
    path(staff + "<int:pk>/send-back/", staff_views.SendBackView.as_view(), name="staff_send_back"),
    path(staff + "<int:pk>/withdraw/", staff_views.WithdrawView.as_view(), name="staff_withdraw"),
    path(staff + "<int:pk>/correct/", staff_views.CorrectView.as_view(), name="staff_correct"),
    path(staff + "<int:pk>/reassess/", staff_views.ReassessView.as_view(), name="staff_reassess"),
]
