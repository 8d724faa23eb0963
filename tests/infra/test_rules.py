"""The deployment rules that need no outside service: which requests may read from a replica, the router's
answers, the client address behind a trusted proxy, and the production settings the environment builds."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from portal import dbrouting
from portal.proxy import client_address, parse_networks

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("method", "cookies", "replica"),
    [
        ("GET", {}, True),
        ("HEAD", {}, True),
        ("GET", {"gk_display": "large"}, True),  # display preferences are not state
        ("GET", {"sessionid": "x"}, False),  # logged in, or a tracking-page session
        ("GET", {"gk_primary": "1"}, False),  # wrote a moment ago: read your own writes
        ("POST", {}, False),
        ("PUT", {}, False),
        ("DELETE", {}, False),
        ("OPTIONS", {}, False),
    ],
)
def test_which_requests_may_read_from_a_replica(method, cookies, replica):
    assert dbrouting.wants_replica(method, cookies) is replica


@pytest.mark.django_db
def test_the_router_keeps_transactions_writes_and_migrations_on_the_primary():
    router = dbrouting.ReplicaRouter()
    token = dbrouting._read_alias.set("replica_1")
    try:
        with transaction.atomic():  # pytest-django wraps this test in one as well
            assert router.db_for_read(None) == "default"
    finally:
        dbrouting._read_alias.reset(token)
    assert router.db_for_read(None) == "default"  # outside a request: commands, the task worker
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "disclosure") is True
    assert router.allow_migrate("replica_1", "disclosure") is False


def test_the_router_sends_reads_after_a_write_in_the_request_to_the_primary(monkeypatch):
    router = dbrouting.ReplicaRouter()
    monkeypatch.setattr(dbrouting, "connections", {"default": type("C", (), {"in_atomic_block": False})()})
    alias, wrote = dbrouting._read_alias.set("replica_1"), dbrouting._wrote.set(False)
    try:
        assert router.db_for_read(None) == "replica_1"
        router.db_for_write(None)
        assert router.db_for_read(None) == "default"
    finally:
        dbrouting._read_alias.reset(alias)
        dbrouting._wrote.reset(wrote)


PROXIES = parse_networks(["127.0.0.1", "10.1.0.0/16"])


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("203.0.113.9", "", "203.0.113.9"),  # no proxy in front
        ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # a client's own header from outside is ignored
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # nginx on the same machine
        ("127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the left part is the client's invention
        ("10.1.2.3", "198.51.100.7, 10.1.9.9", "198.51.100.7"),  # a load balancer, then nginx
        ("127.0.0.1", "", "127.0.0.1"),  # the proxy itself (health checks)
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(remote, forwarded, client):
    assert client_address(remote, forwarded, PROXIES) == client


def test_without_trusted_proxies_the_header_is_never_read():
    assert client_address("127.0.0.1", "198.51.100.7", []) == "127.0.0.1"


def test_the_request_throttle_counts_the_forwarded_client(settings):
    from django.test import RequestFactory

    from portal.intake.throttle import client_ip
    from portal.proxy import TrustedProxyMiddleware

    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    seen = []
    handler = TrustedProxyMiddleware(lambda request: seen.append(client_ip(request)))
    handler(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"))
    handler(RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7"))
    assert seen == ["198.51.100.7", "203.0.113.5"]


def production_settings(**env):
    """portal.settings as a production process builds it (debug off, not under pytest)."""
    script = (
        "import json, portal.settings as s; print(json.dumps({"
        "'proxy': s.SECURE_PROXY_SSL_HEADER, 'ssl_redirect': s.SECURE_SSL_REDIRECT, 'routers': s.DATABASE_ROUTERS,"
        "'databases': {k: [v['HOST'], str(v['PORT']), v['NAME'], v.get('TEST', {})] for k, v in s.DATABASES.items()},"
        "'middleware': s.MIDDLEWARE, 'private': s.STORAGES['private'], 'static': s.STORAGES['staticfiles'],"
        "'cache': s.CACHES['default']['BACKEND'], 'page_cache': s.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS,"
        "'tasks': s.TASKS['default']['BACKEND'], 'trusted': s.GONGKAI_TRUSTED_PROXIES,"
        "'csrf_origins': s.CSRF_TRUSTED_ORIGINS}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGKAI_", "DATABASE_"))}
    clean.update({"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "gk.example.cn", **env})
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def test_production_settings_for_a_site_beyond_one_machine():
    built = production_settings(
        DATABASE_URL="postgres://gongkai@db-primary:5432/gongkai",
        DATABASE_REPLICA_URLS="postgres://gongkai@db-r1:5432/gongkai,postgres://gongkai@db-r2:5432/gongkai",
        DJANGO_CACHE_URL="redis://cache:6379/0",
        GONGKAI_TRUSTED_PROXIES="127.0.0.1,10.0.0.0/8",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://gk.example.cn",
        GONGKAI_S3_BUCKET="county-attachments",
        GONGKAI_S3_ENDPOINT_URL="https://s3.example.cn",
    )
    assert built["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"] and built["ssl_redirect"] is True
    assert built["routers"] == ["portal.dbrouting.ReplicaRouter"]
    assert built["databases"]["replica_1"][:3] == ["db-r1", "5432", "gongkai"]
    assert built["databases"]["replica_2"][3] == {"MIRROR": "default"}
    assert built["middleware"][0] == "portal.proxy.TrustedProxyMiddleware"
    routing = built["middleware"].index("portal.dbrouting.ReplicaRoutingMiddleware")
    assert routing < built["middleware"].index("django.contrib.sessions.middleware.SessionMiddleware")
    assert built["private"]["BACKEND"] == "portal.objectstorage.PrivateS3Storage"
    assert built["private"]["OPTIONS"]["bucket_name"] == "county-attachments"
    assert built["static"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert built["cache"] == "portal.rediscache.RedisCache" and built["page_cache"] == 300
    assert built["tasks"] == "django_tasks_db.DatabaseBackend"
    assert built["trusted"] == ["127.0.0.1", "10.0.0.0/8"]
    assert built["csrf_origins"] == ["https://gk.example.cn"]


def test_one_machine_settings_stay_as_they_were():
    built = production_settings(DATABASE_URL="postgres://gongkai@localhost:5432/gongkai")
    assert built["routers"] == [] and list(built["databases"]) == ["default"]
    assert "portal.dbrouting.ReplicaRoutingMiddleware" not in built["middleware"]
    assert built["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert built["page_cache"] == 0  # no shared cache: no page cache


def test_replicas_must_be_of_the_primary_engine():
    with pytest.raises(subprocess.CalledProcessError) as error:
        production_settings(DATABASE_URL="sqlite:////tmp/x.sqlite3",
                            DATABASE_REPLICA_URLS="postgres://gongkai@db-r1:5432/gongkai")
    assert "DATABASE_REPLICA_URLS" in error.value.stderr


def test_the_gunicorn_configuration_loads():
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed in this environment")
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", str(ROOT / "deploy/gunicorn.conf.py")],
        cwd=ROOT, env={**os.environ, "DJANGO_DEBUG": "1"}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
