from django import template

from disclosure.models import Document

register = template.Library()


@register.simple_tag
def latest_public_documents(count=8):
    """The newest published documents for the home page (through the gate)."""
    return list(
        Document.objects.public()
        .select_related("organisation")
        .only("pk", "title", "document_number", "published_on", "validity", "validity_changed_on", "organisation__name")
        .order_by("-published_on", "-pk")[:count]
    )


@register.simple_tag
def validity_now(document):
    """`{% validity_now document as v %}`: v.state / v.pending / v.effective_on today (disclosure/validity.py)."""
    return document.validity_now()
