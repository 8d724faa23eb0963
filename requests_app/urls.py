"""Information requests: public pages at /requests/, staff pages under /requests/staff/org/<org_pk>/."""

from django.urls import path

from requests_app import report_views, staff_views, views

app_name = "requests_app"

staff = "staff/org/<int:org_pk>/"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("submitted/", views.apply_done, name="apply_done"),
    path("track/", views.track, name="track"),
    path("track/letters/<slug:kind>/", views.tracked_letter, name="track_letter"),
    path("track/letters/<slug:kind>/<int:item>/", views.tracked_letter, name="track_letter_item"),
    path("track/files/<int:file_pk>/", views.tracked_file, name="track_file"),
    path("deadlines/", views.due_date_calculator, name="calculator"),
    path("annual-reports/", report_views.annual_reports, name="annual_reports"),
    path("annual-reports/<int:org_pk>/<int:year>/", report_views.annual_report_page, name="annual_report"),
    path("annual-reports/<int:org_pk>/<int:year>/print/", report_views.annual_report_print, name="annual_report_print"),
    path("annual-reports/<int:org_pk>/<int:year>.xlsx", report_views.annual_report_xlsx, name="annual_report_xlsx"),
    path(staff, staff_views.QueueView.as_view(), name="staff_queue"),
    path(staff + "new/", staff_views.IntakeView.as_view(), name="staff_intake"),
    path(staff + "new/done/", staff_views.IntakeDoneView.as_view(), name="staff_intake_done"),
    path(staff + "approvals/", staff_views.ApprovalsView.as_view(), name="staff_approvals"),
    path(staff + "art44/", staff_views.Art44View.as_view(), name="staff_art44"),
    path(staff + "annual-reports/", report_views.StaffReportListView.as_view(), name="staff_annual_reports"),
    path(staff + "annual-reports/<int:year>/", report_views.StaffReportView.as_view(), name="staff_annual_report"),
    path(staff + "<int:pk>/", staff_views.DetailView.as_view(), name="staff_detail"),
    path(staff + "<int:pk>/do/<slug:action>/", staff_views.ActionView.as_view(), name="staff_action"),
    path(staff + "<int:pk>/letter/", staff_views.LetterView.as_view(), name="staff_letter"),
    path(staff + "<int:pk>/letter.docx", staff_views.LetterView.as_view(), {"docx": True}, name="staff_letter_docx"),
    path(staff + "<int:pk>/letters/<slug:kind>/", staff_views.LetterView.as_view(), name="staff_letter_of"),
    path(
        staff + "<int:pk>/letters/<slug:kind>/<int:item>/", staff_views.LetterView.as_view(), name="staff_letter_item"
    ),
    path(
        staff + "<int:pk>/letters/<slug:kind>.docx",
        staff_views.LetterView.as_view(),
        {"docx": True},
        name="staff_letter_of_docx",
    ),
    path(
        staff + "<int:pk>/letters/<slug:kind>/<int:item>.docx",
        staff_views.LetterView.as_view(),
        {"docx": True},
        name="staff_letter_item_docx",
    ),
    path(staff + "<int:pk>/files/<int:file_pk>/", staff_views.ReplyFileView.as_view(), name="staff_file"),
]
