"""Read replicas against a REAL streaming replica (scripts/replica; .ci/run starts one on 127.0.0.1:5433).

Set DATABASE_REPLICA_URLS to run these (on PostgreSQL); without it they skip. Under pytest each replica alias
is a TEST MIRROR of the primary, so pytest-django creates one test database on the primary; the fixture below
points `replica_1` at the real server, which streams that test database from the primary like any other
(physical replication copies the whole cluster). Rows are committed (transactional tests) and the fixture
waits until the replica has replayed them. Pausing the replica's replay shows which server answered: a page
read from the replica cannot see a row committed on the primary after the pause.
"""

import os
import time

import dj_database_url
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test.utils import CaptureQueriesContext

from disclosure.models import Attachment, RenderedDocument
from portal import dbrouting
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member
from tests.faults import closed_port, silent_server

REPLICA_URLS = [url for url in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if url.strip()]
pytestmark = [
    pytest.mark.skipif(
        not REPLICA_URLS or not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="no read replica configured (DATABASE_REPLICA_URLS on PostgreSQL; .ci/run starts one)",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica_1"]),
]


def point_replica_at(host, port):
    replica = connections["replica_1"]
    replica.close()
    settings_dict = dict(connections["default"].settings_dict)  # the test database's name
    settings_dict.update(HOST=host, PORT=port, OPTIONS={"connect_timeout": 1, "options": "-c jit=off"})
    replica.settings_dict = settings_dict
    dbrouting._down_until.clear()


@pytest.fixture
def replica(settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0  # every page is rendered, so every page reads the database
    original = connections["replica_1"].settings_dict
    real = dj_database_url.parse(REPLICA_URLS[0])
    point_replica_at(real["HOST"], real["PORT"])
    yield connections["replica_1"]
    point_replica_at(real["HOST"], real["PORT"])  # a fault test may have pointed it elsewhere
    resume_replay()
    connections["replica_1"].close()
    connections["replica_1"].settings_dict = original
    dbrouting._down_until.clear()


def scalar(alias, sql, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def caught_up():
    """Wait until the replica has replayed everything the primary has committed so far."""
    target = scalar("default", "SELECT pg_current_wal_lsn()::text")
    for _ in range(200):
        if scalar("replica_1", "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s::pg_lsn) >= 0", [target]):
            return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up within 10 s")


def pause_replay():
    scalar("replica_1", "SELECT pg_wal_replay_pause()::text")


def resume_replay():
    if scalar("replica_1", "SELECT pg_is_wal_replay_paused()"):
        scalar("replica_1", "SELECT pg_wal_replay_resume()::text")


def stored(document):
    """Store the document page's part (render on write, disclosure/rendering.py) as publishing does with a worker:
    a page whose part is not stored yet renders it from the primary's rows and writes it there."""
    from disclosure.rendering import full_documents, render_and_store

    render_and_store(full_documents().filter(pk=document.pk))
    return document


def test_the_replica_is_a_real_standby_of_the_test_database(replica):
    assert scalar("replica_1", "SELECT pg_is_in_recovery()") is True
    assert scalar("default", "SELECT pg_is_in_recovery()") is False
    assert scalar("replica_1", "SELECT current_database()") == scalar("default", "SELECT current_database()")


def test_a_public_page_is_read_from_the_replica(client, replica):
    shown = stored(DocumentFactory(published=True, title="复制库上的公开文件"))
    caught_up()
    with CaptureQueriesContext(connections["replica_1"]) as on_replica, \
            CaptureQueriesContext(connections["default"]) as on_primary:
        response = client.get(f"/documents/{shown.pk}/")
    assert response.status_code == 200
    assert "复制库上的公开文件" in response.content.decode()
    assert response["X-Read-Database"] == "replica"
    assert len(on_replica) > 0 and len(on_primary) == 0

    # With the replica's replay paused, a document published now on the primary is not on the replica yet:
    # the public page (read from the replica) does not find it; once replayed, it does.
    pause_replay()
    later = DocumentFactory(published=True, title="刚刚发布的文件")
    assert client.get(f"/documents/{later.pk}/").status_code == 404
    resume_replay()
    caught_up()
    assert client.get(f"/documents/{later.pk}/").status_code == 200


def test_a_page_whose_part_is_not_stored_renders_it_on_the_primary_then_reads_the_replica(client, replica):
    """The first reader renders the part from the primary's rows (never a lagging replica's) and stores it there,
    without marking the visitor as a writer; once replicated, the page reads the replica alone."""
    document = DocumentFactory(published=True, title="首次阅读的公开文件")
    caught_up()
    first = client.get(f"/documents/{document.pk}/")
    assert first.status_code == 200
    assert dbrouting.STICKY_COOKIE not in first.cookies  # storing the part is the page's write, not the visitor's
    assert RenderedDocument.objects.using("default").filter(document=document).exists()
    caught_up()
    with CaptureQueriesContext(connections["default"]) as on_primary:
        again = client.get(f"/documents/{document.pk}/")
    assert again["X-Read-Database"] == "replica" and len(on_primary) == 0
    assert again.content == first.content


def test_staff_pages_and_writes_use_the_primary_and_reach_the_replica(client, replica):
    org = OrganisationFactory()
    document = DocumentFactory(organisation=org, title="起草中的文件")
    client.force_login(member("editor", org))
    caught_up()
    pause_replay()  # the primary must serve staff even when the replica lags
    with CaptureQueriesContext(connections["replica_1"]) as on_replica:
        page = client.get(f"/staff/org/{org.pk}/documents/{document.pk}/")
        upload = client.post(
            f"/staff/org/{org.pk}/documents/{document.pk}/attachments/",
            {"file": SimpleUploadedFile("通知.pdf", b"%PDF-1.4\n" + b"0" * 2048)},
        )
        after = client.get(f"/staff/org/{org.pk}/documents/{document.pk}/")
    assert page.status_code == 200 and page["X-Read-Database"] == "primary"
    assert upload.status_code == 302 and upload["X-Read-Database"] == "primary"
    assert "通知.pdf" in after.content.decode()  # read-your-writes: the new attachment is listed at once
    assert len(on_replica) == 0
    assert Attachment.objects.using("default").filter(document=document).count() == 1
    assert Attachment.objects.using("replica_1").filter(document=document).count() == 0  # replay paused
    resume_replay()
    caught_up()
    assert Attachment.objects.using("replica_1").filter(document=document).count() == 1  # streamed over


def test_after_a_visitor_writes_their_next_pages_read_from_the_primary(client, replica):
    caught_up()
    pause_replay()
    fresh = DocumentFactory(published=True)
    assert client.get(f"/documents/{fresh.pk}/").status_code == 404  # from the paused replica
    response = client.post("/display/", {"mode": "large"})  # any POST marks the client as having written
    assert dbrouting.STICKY_COOKIE in response.cookies
    page = client.get(f"/documents/{fresh.pk}/")
    assert page.status_code == 200 and page["X-Read-Database"] == "primary"


@pytest.mark.parametrize("fault", ["closed port", "silent server"])
def test_a_replica_that_is_down_costs_one_short_timeout_then_the_primary_serves(client, replica, caplog, fault):
    document = stored(DocumentFactory(published=True, title="副本故障时的公开文件"))
    caught_up()
    assert client.get(f"/documents/{document.pk}/")["X-Read-Database"] == "replica"  # warm: templates compiled

    def two_requests():
        started = time.monotonic()
        first = client.get(f"/documents/{document.pk}/")
        first_took = time.monotonic() - started
        started = time.monotonic()
        second = client.get(f"/documents/{document.pk}/")
        return first, first_took, second, time.monotonic() - started

    if fault == "closed port":
        point_replica_at("127.0.0.1", closed_port())
        first, first_took, second, second_took = two_requests()
    else:
        with silent_server() as port:
            point_replica_at("127.0.0.1", port)
            first, first_took, second, second_took = two_requests()
    for response in (first, second):
        assert response.status_code == 200
        assert response["X-Read-Database"] == "primary"
        assert "副本故障时的公开文件" in response.content.decode()
    assert first_took < 3  # at most the replica's connect timeout (1 s here)
    assert second_took < 0.9  # the outage is remembered: no second wait
    assert "read replica replica_1 unavailable" in caplog.text


def test_a_kept_replica_connection_the_server_dropped_is_replaced_not_a_500(client, replica):
    import psycopg2

    document = stored(DocumentFactory(published=True))
    caught_up()
    assert client.get(f"/documents/{document.pk}/")["X-Read-Database"] == "replica"
    kept = connections["replica_1"].connection
    assert kept is not None  # persistent (CONN_MAX_AGE): the next request would reuse it
    settings_dict = connections["replica_1"].settings_dict
    killer = psycopg2.connect(host=settings_dict["HOST"], port=settings_dict["PORT"], user=settings_dict["USER"] or "postgres",
                              dbname=settings_dict["NAME"])
    killer.autocommit = True
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [kept.get_backend_pid()])
    killer.close()
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["X-Read-Database"] == "replica"  # a fresh connection to the (living) replica
    assert connections["replica_1"].connection is not kept
