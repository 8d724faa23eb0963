"""Visit counting: the middleware counts public page views in the cache, the flush writes finished days once,
and a cache that is down costs the page nothing. Real sockets for the faults (tests/faults.py), no mocks."""

import datetime as dt
import io
import socket
import time
import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from portal import caching
from sitereport import visits
from sitereport.models import DailyVisits
from tests.factories import member
from tests.faults import closed_port

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _fresh_cache():
    caching.reset_outage()
    cache.clear()
    visits._salts.clear()
    yield
    caching.reset_outage()
    visits._salts.clear()


def redis_cache(port, timeout=0.3):
    return {
        "default": {
            "BACKEND": "portal.rediscache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"gk-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }


def today_counts():
    return visits.read_day(timezone.localdate())


def browser(address="198.51.100.1", agent=BROWSER):
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def test_public_pages_are_counted_with_unique_visitors():
    one, other = browser("198.51.100.1"), browser("198.51.100.2")
    for client in (one, one, other):
        assert client.get("/").status_code == 200
    one.get("/guide/")
    assert today_counts() == (4, 2)


def test_what_is_not_counted(client):
    browser().get("/no-such-page/")  # 404
    browser().get("/robots.txt")  # not HTML
    browser(agent="Mozilla/5.0 (compatible; Googlebot/2.1)").get("/")
    Client().get("/")  # no user agent
    staff = member("editor")
    logged_in = browser()
    logged_in.force_login(staff)
    logged_in.get("/")
    assert today_counts() is None
    assert not DailyVisits.objects.exists()  # never a database write per view


def test_no_address_is_kept_in_the_cache():
    browser("203.0.113.77").get("/")
    day = timezone.localdate().isoformat()
    stored = cache.get(f"{visits.PREFIX}:{day}:visitors")
    assert stored and not any("203.0.113.77" in entry for entry in stored)


def test_the_fallback_set_is_capped(monkeypatch):
    monkeypatch.setattr(visits, "FALLBACK_CAP", 2)
    for n in range(4):
        visits.record(f"198.51.100.{n}", BROWSER)
    assert today_counts() == (4, 2)


def test_flush_writes_finished_days_once():
    today = timezone.localdate()
    for days_ago, n in ((1, 3), (3, 2), (0, 5)):
        for i in range(n):
            visits.record(f"198.51.100.{i}", BROWSER, today=today - dt.timedelta(days=days_ago))
    call_command("flush_site_visits", stdout=io.StringIO())
    rows = {row.day: (row.visits, row.visitors) for row in DailyVisits.objects.all()}
    assert rows == {today - dt.timedelta(days=1): (3, 3), today - dt.timedelta(days=3): (2, 2)}  # not today
    visits.record("198.51.100.9", BROWSER, today=today - dt.timedelta(days=1))  # a late count changes nothing
    assert visits.flush(today) == []
    assert DailyVisits.objects.get(day=today - dt.timedelta(days=1)).visits == 3


def test_a_cache_that_is_down_skips_counting_and_the_page_still_renders(settings):
    settings.CACHES = redis_cache(closed_port())
    started = time.monotonic()
    for _ in range(3):
        assert browser().get("/guide/").status_code == 200
    assert time.monotonic() - started < 5
    with pytest.raises(caching.CacheUnavailable):
        visits.flush()


def test_flush_command_reports_a_cache_that_is_down(settings):
    from django.core.management.base import CommandError

    settings.CACHES = redis_cache(closed_port())
    with pytest.raises(CommandError):
        call_command("flush_site_visits")


def _redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.3).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="no local Redis")
def test_with_redis_unique_visitors_are_a_hyperloglog(settings):
    settings.CACHES = redis_cache(6379)
    for n in range(50):
        visits.record(f"198.51.100.{n % 20}", BROWSER)
    count, unique = today_counts()
    assert count == 50 and 19 <= unique <= 21
    assert visits.flush(timezone.localdate() + dt.timedelta(days=1))[0].visitors == unique
