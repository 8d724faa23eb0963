"""Redis down or hanging under the request forms' throttle: submissions fail closed with a clear message,
lookups fail open, and neither takes long (docs/operations.md). Real sockets: a closed port, a silent server."""

import time
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from portal.intake import throttle
from requests_app.models import InformationRequest
from tests.factories import OrganisationFactory
from tests.faults import closed_port, silent_server

from .factories import QUERY_CODE, InformationRequestFactory, applicant_data

pytestmark = pytest.mark.django_db


def redis_at(port):
    return {
        "default": {
            "BACKEND": "portal.rediscache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"gk-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }


@pytest.fixture(params=["down", "hanging"])
def broken_redis(request, settings):
    throttle.reset_outage()
    with silent_server() as hanging:
        settings.CACHES = redis_at(closed_port() if request.param == "down" else hanging)
        yield
    throttle.reset_outage()


def test_after_one_failure_the_cache_is_not_waited_on_again(broken_redis):
    organisation = OrganisationFactory()
    data = {"organisation": organisation.pk, **applicant_data()}
    Client().post(reverse("requests_app:apply"), data)
    started = time.monotonic()
    for _ in range(5):
        assert Client().post(reverse("requests_app:apply"), data).status_code == 429
    assert time.monotonic() - started < 2


def test_applications_fail_closed_with_a_clear_message(broken_redis):
    organisation = OrganisationFactory()
    started = time.monotonic()
    response = Client().post(reverse("requests_app:apply"), {"organisation": organisation.pk, **applicant_data()})
    assert time.monotonic() - started < 3
    assert response.status_code == 429
    assert "请一小时后再试" in response.content.decode()
    assert "张三丰" in response.content.decode()  # the input is kept
    assert not InformationRequest.objects.exists()


def test_tracking_lookups_fail_open(broken_redis):
    info_request = InformationRequestFactory()
    started = time.monotonic()
    response = Client().post(
        reverse("requests_app:track"), {"tracking_number": info_request.tracking_number, "query_code": QUERY_CODE}
    )
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    assert info_request.get_state_display() in response.content.decode()
