"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Why: Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and redis-py's
constructor fills a table of about 170 response callbacks each time: 0.2 ms of CPU per call, as much as the
rest of a stored page's request (bench/pages.py, docs/performance.md). A `redis.Redis` is safe to share between
threads (each command takes a connection from the pool), so one per pool is kept and reused.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
