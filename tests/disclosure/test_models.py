import pytest
from django.db import IntegrityError, transaction

from disclosure.models import Document, Status

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_public_gate_shows_only_published_proactive_documents():
    visible = DocumentFactory(published=True)
    DocumentFactory()  # draft
    DocumentFactory(status=Status.SUBMITTED)
    DocumentFactory(published=True, withheld=True)
    DocumentFactory(published=True, on_request=True)
    DocumentFactory(published=True, status=Status.WITHDRAWN)
    DocumentFactory(published=True, status=Status.SUPERSEDED)
    assert list(Document.objects.public()) == [visible]


def test_withheld_document_needs_a_ground_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(attribute="withheld", withholding_ground="")


def test_index_number_unique_except_for_superseded_versions():
    first = DocumentFactory(published=True)
    DocumentFactory(
        organisation=first.organisation, published=True, status=Status.SUPERSEDED, index_number=first.index_number
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(organisation=first.organisation, published=True, index_number=first.index_number)
