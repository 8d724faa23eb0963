import pytest
from django.core.management import call_command

from requests_app.models import InformationRequest, RequestEvent, State

pytestmark = pytest.mark.django_db


def test_seed_demo_covers_every_state_and_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    states = set(InformationRequest.objects.values_list("state", flat=True))
    assert states == set(State.values)
    counts = (InformationRequest.objects.count(), RequestEvent.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (InformationRequest.objects.count(), RequestEvent.objects.count()) == counts


def test_demo_has_an_art44_candidate(client):
    from django.urls import reverse

    from portal.models import Organisation

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    civil = Organisation.objects.get(name="安平县民政局")
    client.force_login(get_user_model().objects.get(username="mz_handler"))
    html = client.get(reverse("requests_app:staff_art44", kwargs={"org_pk": civil.pk})).content.decode()
    assert "2026年城乡低保对象名单及保障金额" in html
