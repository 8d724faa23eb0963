"""gunicorn with the shipped configuration (deploy/gunicorn.conf.py), debug off, as it runs behind nginx: the
proxy's X-Forwarded-Proto decides HTTPS (SECURE_PROXY_SSL_HEADER), /healthz answers over plain HTTP for the
load balancer. A real server process on a free port; requests as nginx sends them."""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults import closed_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = closed_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGKAI_", "DATABASE_"))}
    env.update(
        DJANGO_SECRET_KEY="s" * 50,
        DJANGO_ALLOWED_HOSTS="gk.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('gunicorn') / 'db.sqlite3'}",
        GONGKAI_TRUSTED_PROXIES="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
    )
    process = subprocess.Popen(
        [str(GUNICORN), "-c", str(ROOT / "deploy/gunicorn.conf.py")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        for _ in range(240):
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")
            try:
                get(port, "/healthz")
                break
            except OSError:
                time.sleep(0.25)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "gk.example.gov.cn", **headers})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_healthz_answers_the_load_balancer_over_plain_http(server):
    assert get(server, "/healthz").status == 200


def test_plain_http_is_sent_to_https_and_the_proxys_https_is_believed(server):
    plain = get(server, "/robots.txt")
    assert plain.status == 301 and plain.getheader("Location") == "https://gk.example.gov.cn/robots.txt"
    secure = get(server, "/robots.txt", **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"})
    assert secure.status == 200
    assert "max-age=" in secure.getheader("Strict-Transport-Security")


def test_a_host_the_site_does_not_serve_is_refused(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    connection.request("GET", "/robots.txt", headers={"Host": "evil.example", "X-Forwarded-Proto": "https"})
    assert connection.getresponse().status == 400
