"""Staff intake: absurd Art. 31 dates are form errors that keep what was typed, never a 500."""

import pytest
from django.urls import reverse

from portal.roles import Role
from requests_app.models import InformationRequest
from tests.factories import OrganisationFactory, member

from .factories import applicant_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("channel", ["in_person", "post_signed", "post_ordinary", "fax"])
@pytest.mark.parametrize(
    ("arrived_on", "confirmed_on"),
    [
        ("0001-01-01", "0001-01-01"),
        ("9999-12-31", "9999-12-31"),
        ("2025-03-03", "9999-12-31"),
        ("0001-01-01", "2025-03-03"),
        ("", ""),
    ],
)
def test_intake_refuses_absurd_dates(client, channel, arrived_on, confirmed_on):
    organisation = OrganisationFactory()
    client.force_login(member(Role.REQUEST_HANDLER, organisation))
    url = reverse("requests_app:staff_intake", kwargs={"org_pk": organisation.pk})
    data = {**applicant_data(), "channel": channel, "arrived_on": arrived_on, "confirmed_on": confirmed_on}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not InformationRequest.objects.exists()
    html = response.content.decode()
    assert "form-errors" in html
    assert not arrived_on or f'value="{arrived_on}"' in html  # what was typed is kept
