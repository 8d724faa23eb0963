"""Redis down or hanging: public pages are rendered without the cache, quickly, and the failure is logged.

Real sockets, no mocks: a closed port (Redis stopped) and a server that accepts and never answers (Redis hung).
"""

import logging
import time
import uuid

import pytest
from django.test import Client

from portal import caching
from tests.disclosure.factories import DocumentFactory
from tests.faults import closed_port, silent_server

pytestmark = pytest.mark.django_db


def redis_cache(port, timeout=0.3):
    return {
        "default": {
            "BACKEND": "portal.rediscache.RedisCache",  # the settings' backend (one client per pool)
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"gk-test-{uuid.uuid4().hex}",  # the local Redis is shared by parallel runs
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }


@pytest.fixture(autouse=True)
def _forget_outages():
    caching.reset_outage()
    yield
    caching.reset_outage()


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


PAGES = ["/", "/documents/", "/catalog/", "/guide/", "/search/?q=通知", "/sitemap.xml"]


def test_settings_give_redis_short_socket_timeouts(monkeypatch):
    import importlib

    from portal import settings as module

    monkeypatch.setenv("DJANGO_CACHE_URL", "redis://127.0.0.1:6379/0")
    reloaded = importlib.reload(module)
    try:
        options = reloaded.CACHES["default"]["OPTIONS"]
        assert reloaded.CACHES["default"]["BACKEND"] == "portal.rediscache.RedisCache"
        assert 0 < options["socket_timeout"] <= 1 and 0 < options["socket_connect_timeout"] <= 1
    finally:
        monkeypatch.delenv("DJANGO_CACHE_URL")
        importlib.reload(module)


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_the_cache_when_redis_is_down(settings, anonymous, caplog, path):
    DocumentFactory(title="防汛通知", published=True)
    settings.CACHES = redis_cache(closed_port())
    with caplog.at_level(logging.WARNING, logger="portal.caching"):
        response = anonymous.get(path)
    assert response.status_code == 200
    assert response["X-Public-Cache"] == "unavailable"
    assert "cache unavailable" in caplog.text


def test_a_hanging_redis_costs_one_short_timeout_not_one_per_request(settings, anonymous):
    with silent_server() as port:
        settings.CACHES = redis_cache(port)
        started = time.monotonic()
        responses = [anonymous.get(path) for path in PAGES * 2]
        elapsed = time.monotonic() - started
    assert [r.status_code for r in responses] == [200] * len(responses)
    assert elapsed < 3  # 12 requests; before: each waited on the socket with no timeout at all


def test_a_publication_while_redis_is_down_is_not_hidden_by_stale_pages_afterwards(settings, anonymous):
    settings.CACHES = redis_cache(6379)
    first = anonymous.get("/documents/")
    assert first["X-Public-Cache"] == "miss"
    assert anonymous.get("/documents/")["X-Public-Cache"] == "hit"
    # Redis stops answering this process while a document is published...
    caching._Outage.until = time.monotonic() + 60
    DocumentFactory(title="停电期间发布的通知", published=True)
    # ...and answers again: the bump owed is paid before any stored page is served.
    caching._Outage.until = 0.0
    response = anonymous.get("/documents/")
    assert "停电期间发布的通知" in response.content.decode()


def test_a_bump_owed_stays_owed_when_paying_it_fails(settings, monkeypatch):
    """A retry that fails (Redis back for a moment, then gone) must not lose the publication's bump."""
    settings.CACHES = redis_cache(6379)
    caching._Outage.bump_owed = True
    real = caching._raw_increment

    def fails():
        raise ConnectionError("Redis gone again")

    monkeypatch.setattr(caching, "_raw_increment", fails)
    with pytest.raises(caching.CacheUnavailable):
        caching.public_generation()
    assert caching._Outage.bump_owed is True
    monkeypatch.setattr(caching, "_raw_increment", real)
    caching._Outage.until = 0.0
    from django.core.cache import cache

    before = cache.get(caching.GENERATION_KEY)  # not through caching._call, which would pay the bump
    assert caching.public_generation() != before and caching._Outage.bump_owed is False


def test_the_cache_is_used_again_once_redis_is_back(settings, anonymous):
    settings.CACHES = redis_cache(closed_port())
    assert anonymous.get("/guide/")["X-Public-Cache"] == "unavailable"
    settings.CACHES = redis_cache(6379)
    caching._Outage.until = 0.0  # the outage window has passed
    assert anonymous.get("/guide/")["X-Public-Cache"] == "miss"
    assert anonymous.get("/guide/")["X-Public-Cache"] == "hit"
