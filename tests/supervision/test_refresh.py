"""The dashboard's figures are recomputed in the background after a change (supervision/cache.py, tasks.py):
one refresh queued per burst, none when values are not cached, and a queue that is down costs nothing more."""

import pytest
from django.db import connection
from django.tasks import default_task_backend
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal import caching
from supervision import cache, dashboard
from supervision.tasks import refresh_dashboard
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queue(settings):
    """Values cached, and a queue that keeps what is enqueued (as the worker's database queue would)."""
    settings.GONGKAI_SUPERVISION_CACHE_SECONDS = 600
    settings.TASKS = DUMMY
    caching._call("delete", cache.REFRESH_PENDING_KEY)
    default_task_backend.clear()
    yield default_task_backend
    caching._call("delete", cache.REFRESH_PENDING_KEY)


def queued(backend):
    return [r for r in backend.results if r.task.name == refresh_dashboard.name]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: cache.schedule_refresh(), id="one change"),
        pytest.param(lambda: [cache.schedule_refresh() for _ in range(5)], id="a burst of changes"),
        pytest.param(lambda: caching.public_content_changed.send(sender=None), id="a publication committed"),
    ],
)
def test_a_change_queues_one_refresh_a_little_later(queue, change):
    change()
    [result] = queued(queue)
    assert result.task.run_after is not None and result.task.run_after > timezone.now()


def test_nothing_is_queued_when_values_are_not_cached(queue, settings):
    settings.GONGKAI_SUPERVISION_CACHE_SECONDS = 0
    cache.schedule_refresh()
    assert queued(queue) == []


def test_a_refresh_that_started_lets_the_next_change_queue_another(queue):
    cache.schedule_refresh()
    refresh_dashboard.call()
    cache.schedule_refresh()
    assert len(queued(queue)) == 2


def test_the_refresh_fills_what_the_dashboard_reads(queue):
    OrganisationFactory.create_batch(3)
    year = timezone.localdate().year
    refresh_dashboard.call()
    with CaptureQueriesContext(connection) as warm:
        dashboard.figures(year)
    cache.bump()
    with CaptureQueriesContext(connection) as cold:
        dashboard.figures(year)
    assert len(warm.captured_queries) < len(cold.captured_queries)


def test_a_queue_that_is_down_costs_nothing_but_the_refresh(queue, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(type(refresh_dashboard), "enqueue", refuse)
    cache.schedule_refresh()  # no exception reaches the page that made the change
    assert "could not queue the supervision dashboard refresh" in caplog.text
    assert caching._call("get", cache.REFRESH_PENDING_KEY) is None  # the next change tries again


def test_no_refresh_without_a_worker_queue(settings, monkeypatch):
    """The immediate backend (development) would recompute the figures inside every save's request."""
    settings.GONGKAI_SUPERVISION_CACHE_SECONDS = 600
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    computed = []
    monkeypatch.setattr(dashboard, "figures", lambda *args: computed.append(args))
    cache.schedule_refresh()
    assert computed == []
    refresh_dashboard.call()  # the check itself sees a computation
    assert len(computed) == 1
