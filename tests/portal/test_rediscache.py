"""portal/rediscache.py against the real Redis on 127.0.0.1:6379: one redis-py client per pool, shared by calls
and threads, and the cache still works as Django's (the fault tests in test_cache_faults.py use it too)."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

LOCAL_REDIS = {
    "default": {
        "BACKEND": "portal.rediscache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": f"gk-test-{uuid.uuid4().hex}",  # the local Redis is shared by parallel runs
        "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
    }
}


@pytest.fixture
def cache():
    with override_settings(CACHES=LOCAL_REDIS):
        cache = caches["default"]
        try:
            cache.get("probe")
        except Exception:
            pytest.skip("no Redis on 127.0.0.1:6379 (.ci/run uses the machine's)")
        yield cache
        cache.clear()


def test_calls_share_one_client(cache):
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is client  # one server: reads use the same pool


def test_it_is_still_djangos_cache(cache):
    cache.set("a", {"值": 1}, 30)
    assert cache.get("a") == {"值": 1}
    assert cache.add("a", 2) is False
    assert cache.add("n", 0) is True and cache.incr("n") == 1
    assert cache.get_many(["a", "missing"]) == {"a": {"值": 1}}
    cache.delete("a")
    assert cache.get("a") is None


def test_threads_share_it_safely(cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set(f"t{n}-{i}", i, 30)
                assert cache.get(f"t{n}-{i}") == i
        except Exception as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
