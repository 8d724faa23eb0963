"""Public pages at /interaction/."""

from django.urls import path

from interaction import feeds, views
from portal.caching import cache_public_page as cached
from portal.plain_pages import public_page

app_name = "interaction"

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("write/", views.write, name="write"),
    path("write/done/", views.write_done, name="write_done"),
    path("track/", views.track, name="track"),
    path("messages/", public_page(views.message_list), name="messages"),
    path("messages/<int:pk>/", cached(views.message_detail), name="message"),
    path("feeds/rss/", cached(feeds.AnswersFeed()), name="rss"),
    path("feeds/atom/", cached(feeds.AnswersAtomFeed()), name="atom"),
    path("statistics/", public_page(views.statistics), name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("report-error/", views.report_error, name="report_error"),
    path("hot-topics/", cached(views.hot_topics), name="hot_topics"),
    path("hot-topics/<int:pk>/", cached(views.hot_topic), name="hot_topic"),
    path("interviews/", cached(views.interviews), name="interviews"),
    path("interviews/<int:pk>/", cached(views.interview), name="interview"),
]
