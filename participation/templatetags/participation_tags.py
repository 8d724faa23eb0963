"""Fragments other pages include: the home section and the document page's backlink (portal registry slots)."""

from django import template
from django.utils import timezone

from participation.models import OpenDay, PublicConsultation

register = template.Library()


@register.simple_tag
def consultations_for_document(document):
    """The public consultations whose final policy is `document` (the disclosure page shows them)."""
    return list(
        PublicConsultation.objects.public()
        .filter(final_document_id=document.pk)
        .only("pk", "title", "feedback_published_at", "opens_on", "closes_on")
    )


@register.simple_tag
def participation_home():
    today = timezone.localdate()
    return {
        "open_now": list(
            PublicConsultation.objects.public()
            .open_on(today)
            .filter(feedback_published_at__isnull=True)
            .select_related("organisation")
            .only("pk", "title", "closes_on", "organisation__name")
            .order_by("closes_on", "pk")[:5]
        ),
        "coming_days": list(
            OpenDay.objects.public()
            .coming()
            .select_related("organisation")
            .only("pk", "theme", "starts_at", "place", "organisation__name")
            .order_by("starts_at")[:3]
        ),  # fmt: skip
    }
