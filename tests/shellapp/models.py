"""A tiny reviewed object for the workflow engine's tests."""

from django.conf import settings
from django.db import models

from portal.models import WorkflowEvent


class Widget(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "起草中"
        SUBMITTED = "submitted", "待审核"
        PUBLISHED = "published", "已发布"
        WITHDRAWN = "withdrawn", "已撤回"

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=100)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.title


class WidgetEvent(WorkflowEvent):
    widget = models.ForeignKey(Widget, on_delete=models.CASCADE, related_name="events")
    note = models.CharField(max_length=100, blank=True)
