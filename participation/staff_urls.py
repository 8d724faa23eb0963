"""Staff pages, included by portal/urls.py at staff/org/<org_pk>/participation/ (the URL passes org_pk on)."""

from django.urls import path

from participation import staff_views as v

app_name = "participation_staff"

urlpatterns = [
    path("", v.home, name="home"),
    path("review/", v.review, name="review"),
    path("consultations/new/", v.consultation_form, name="consultation_new"),
    path("consultations/<int:pk>/", v.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/edit/", v.consultation_form, name="consultation_edit"),
    path("consultations/<int:pk>/event/", v.consultation_event, name="consultation_event"),
    path("consultations/<int:pk>/attachments/", v.consultation_attachment, name="consultation_attachment"),
    path("consultations/<int:pk>/comments/<int:comment_pk>/", v.moderate, name="moderate"),
    path("consultations/<int:pk>/feedback/", v.feedback, name="feedback"),
    path("consultations/<int:pk>/final-document/", v.final_document, name="final_document"),
    path("matters/", v.matters, name="matters"),
    path("matters/new/", v.matter_form, name="matter_new"),
    path("matters/<int:pk>/", v.matter_form, name="matter_edit"),
    path("matters/<int:pk>/activities/new/", v.activity_form, name="activity_new"),
    path("rules/", v.rules_form, name="rules"),
    path("open-days/", v.open_days, name="open_days"),
    path("open-days/new/", v.open_day_form, name="open_day_new"),
    path("open-days/<int:pk>/", v.open_day_detail, name="open_day"),
    path("open-days/<int:pk>/edit/", v.open_day_form, name="open_day_edit"),
    path("open-days/<int:pk>/event/", v.open_day_event, name="open_day_event"),
    path("open-days/<int:pk>/registrations.xlsx", v.registrations_xlsx, name="registrations_xlsx"),
    path("open-days/<int:pk>/registrations/<int:registration_pk>/check-in/", v.check_in, name="check_in"),
    path("open-days/<int:pk>/questions/", v.question, name="question"),
    path("open-days/<int:pk>/photos/", v.photo, name="photo"),
    path("open-days/<int:pk>/summary/", v.summary, name="summary"),
]
