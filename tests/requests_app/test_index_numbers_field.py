"""The reply's linked-documents field refuses a NUL character with a message, before any lookup (PostgreSQL refuses NUL)."""

import pytest
from django import forms

from requests_app.actions import IndexNumbersField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["\x00", "410000-0001\x00", "a\nb\x00c"])
def test_a_null_character_is_a_validation_error_not_a_database_error(typed):
    with pytest.raises(forms.ValidationError):
        IndexNumbersField(required=False).clean(typed)


def test_empty_input_names_no_documents():
    assert IndexNumbersField(required=False).clean("  \n ") == []
