"""Public pages under /participation/ (staff pages: participation/staff_urls.py)."""

from django.urls import path

from participation import feeds, views
from portal.caching import cache_public_page as cached
from portal.plain_pages import public_page

app_name = "participation"

urlpatterns = [
    # Read-only lists are served to anonymous readers from the shared page cache; pages with a form are not.
    path("", public_page(views.home, seconds=300), name="home"),  # its coming open days change by the hour
    path("consultations/", public_page(views.consultation_list), name="consultations"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/comment/", views.comment, name="comment"),
    path("consultations/comment-received/", views.comment_done, name="comment_done"),
    path("consultations/<int:pk>/files/<int:attachment_pk>/", views.consultation_attachment, name="attachment"),
    path("consultations/rss/", cached(feeds.ConsultationFeed()), name="rss"),
    path("consultations/atom/", cached(feeds.ConsultationAtomFeed()), name="atom"),
    path("matters/", cached(views.matters), name="matters"),
    path("matters/<int:pk>/", cached(views.matter_detail), name="matter"),
    path("rules/<int:org_pk>/", cached(views.rules_page), name="rules"),
    path("open-days/", public_page(views.open_days, seconds=300), name="open_days"),
    path("open-days/calendar.ics", cached(views.open_days_ical), name="open_days_ical"),
    path("open-days/<int:pk>/", views.open_day_detail, name="open_day"),
    path("open-days/<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("open-days/signed-up/", views.signup_done, name="signup_done"),
    path("open-days/cancel/", views.cancel, name="cancel"),
    path("open-days/<int:pk>/photos/<int:photo_pk>/", views.open_day_photo, name="photo"),
    path("supervision/feedback-overdue/", views.supervision_overdue, name="supervision_overdue"),
]
