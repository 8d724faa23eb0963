"""Staff pages of one organisation, included by portal/urls.py at /staff/org/<org_pk>/interaction/."""

from django.urls import path

from interaction import staff_views as v

app_name = "interaction_staff"

urlpatterns = [
    path("", v.QueueView.as_view(), name="queue"),
    path("approvals/", v.ApprovalsView.as_view(), name="approvals"),
    path("from-request/", v.FromRequestView.as_view(), name="from_request"),
    path("messages/<int:pk>/", v.DetailView.as_view(), name="detail"),
    path("messages/<int:pk>/do/<slug:action>/", v.ActionView.as_view(), name="action"),
    path("messages/<int:pk>/attachment/", v.AttachmentView.as_view(), name="attachment"),
    path("messages/<int:pk>/to-request/", v.ToRequestView.as_view(), name="to_request"),
    path("hot-topics/", v.HotTopicListView.as_view(), name="hot_topics"),
    path("hot-topics/new/", v.HotTopicEditView.as_view(), name="hot_topic_new"),
    path("hot-topics/<int:pk>/", v.HotTopicEditView.as_view(), name="hot_topic"),
    path("hot-topics/<int:pk>/do/<slug:event>/", v.HotTopicEventView.as_view(), name="hot_topic_event"),
    path("interviews/", v.InterviewListView.as_view(), name="interviews"),
    path("interviews/new/", v.InterviewEditView.as_view(), name="interview_new"),
    path("interviews/<int:pk>/", v.InterviewEditView.as_view(), name="interview"),
    path("interviews/<int:pk>/do/<slug:event>/", v.InterviewEventView.as_view(), name="interview_event"),
    path("interviews/<int:pk>/transcript/", v.TranscriptView.as_view(), name="transcript"),
    path(
        "interviews/<int:pk>/questions/<int:question_pk>/<slug:decision>/",
        v.QuestionModerationView.as_view(),
        name="moderate_question",
    ),
]
