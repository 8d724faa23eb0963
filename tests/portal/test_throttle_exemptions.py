"""portal.intake.throttle's exemption hook: a client an app vouches for is neither counted nor refused."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from portal.intake import throttle


@pytest.fixture
def vouched():
    cache.clear()

    def check(request):
        return request.META.get("HTTP_X_TEST_TERMINAL") == "yes"

    throttle.register_exemption(check)
    throttle.register_exemption(check)  # idempotent
    yield check
    throttle.unregister_exemption(check)
    cache.clear()


def _request(exempt=False):
    extra = {"HTTP_X_TEST_TERMINAL": "yes"} if exempt else {}
    return RequestFactory().post("/", REMOTE_ADDR="203.0.113.9", **extra)


def test_exempt_requests_are_never_refused_nor_counted(vouched):
    for _ in range(5):
        assert throttle.allow_submission(_request(exempt=True), "t.apply", 1)
        throttle.record_submission(_request(exempt=True), "t.apply")
        assert throttle.allow_lookup(_request(exempt=True), "t.track", 1)
    # The same address without the exemption still has its whole allowance: nothing was counted.
    assert throttle.allow_submission(_request(), "t.apply", 1)
    throttle.record_submission(_request(), "t.apply")
    assert not throttle.allow_submission(_request(), "t.apply", 1)
    assert [throttle.allow_lookup(_request(), "t.track", 1) for _ in range(2)] == [True, False]


def test_a_failing_check_exempts_nobody(vouched):
    def broken(request):
        raise RuntimeError("database gone")

    throttle.register_exemption(broken)
    try:
        assert throttle.is_exempt(_request()) is False
        assert throttle.is_exempt(_request(exempt=True)) is True  # the working check still answers
    finally:
        throttle.unregister_exemption(broken)


def test_exempt_submissions_pass_when_the_cache_is_down(vouched, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "add", down)
    throttle.reset_outage()
    try:
        assert throttle.allow_submission(_request(exempt=True), "t.apply", 1)
        assert not throttle.allow_submission(_request(), "t.apply", 1)  # closed for everyone else
    finally:
        throttle.reset_outage()
