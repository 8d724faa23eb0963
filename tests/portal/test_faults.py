"""What the site does when a service it depends on is down (docs/operations.md, the fault table)."""

import json

import pytest
from django.test import Client

from tests.faults import database_unreachable

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", ["/", "/documents/", "/catalog/", "/requests/"])
def test_pages_answer_a_styled_503_with_retry_after_when_the_database_is_down(anonymous, path):
    with database_unreachable():
        response = anonymous.get(path)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "服务暂时不可用" in html and "css/site.css" in html


def test_healthz_is_503_with_retry_after_when_the_database_is_down(anonymous):
    with database_unreachable():
        response = anonymous.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"
    assert int(response["Retry-After"]) > 0


def test_the_site_answers_again_once_the_database_is_back(anonymous):
    with database_unreachable():
        assert anonymous.get("/").status_code == 503
    assert anonymous.get("/").status_code == 200


def test_a_bug_is_still_a_500_not_a_503(rf):
    from portal.views import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500 and not response.has_header("Retry-After")


def test_an_object_store_that_is_down_is_a_503_not_a_500(rf):
    """A download while the S3-compatible store is down (portal/objectstorage.py) degrades like the database."""
    from portal.objectstorage import ObjectStorageUnavailable
    from portal.views import server_error

    try:
        raise ObjectStorageUnavailable("store down")
    except ObjectStorageUnavailable:
        response = server_error(rf.get("/"))
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
