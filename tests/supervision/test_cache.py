"""Cached indicator values (supervision/cache.py): served without queries until a record they read changes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.roles import Role
from supervision import indicators, trends
from supervision.models import Designation, Training
from tests.factories import MembershipFactory
from tests.requests_app.factories import InformationRequestFactory
from tests.supervision.activity import END, START, D, build, doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.GONGKAI_SUPERVISION_CACHE_SECONDS = 600


def values(ids):
    return indicators.compute(ids, START, END)


def queries(compute):
    with CaptureQueriesContext(connection) as captured:
        result = compute()
    return result, len(captured.captured_queries)


def change_request(a, b, records):
    InformationRequestFactory(organisation=a, received_on=D(2025, 9, 1))
    return "requests_received", a, 5


def publish_document(a, b, records):
    doc(a, D(2025, 9, 1), formed_on=D(2025, 8, 28))
    return "documents_published", a, 7


def clear_column(a, b, records):
    records["items"][3].documents.clear()  # m2m_changed of the document's catalog items
    return "empty_columns", a, 1


def remove_designation(a, b, records):
    Designation.objects.get(organisation=a).delete()
    return "officer_designated", a, 0


def attend_training(a, b, records):
    other = Training.objects.create(held_on=D(2025, 9, 9), topic="再培训", organiser=a, hours=1)
    other.attendees.add(MembershipFactory(organisation=b, role=Role.EDITOR))
    return "trainings", a, 2


@pytest.mark.parametrize(
    "change", [change_request, publish_document, clear_column, remove_designation, attend_training]
)
def test_values_are_cached_until_a_record_they_read_changes(cached, change):
    a, b, records = build()
    first, computing = queries(lambda: values([a.pk, b.pk]))
    second, served = queries(lambda: values([a.pk, b.pk]))
    assert second == first
    assert served < computing
    code, org, expected = change(a, b, records)
    assert first[code][org.pk] != expected
    assert values([a.pk, b.pk])[code][org.pk] == expected


def test_another_set_of_organisations_or_period_is_computed_apart(cached):
    a, b, _records = build()
    both = values([a.pk, b.pk])
    assert values([a.pk])["documents_published"] == {a.pk: both["documents_published"][a.pk]}
    other_year = indicators.compute([a.pk], dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert other_year["documents_published"][a.pk] == 1


def test_monthly_series_follow_a_publication(cached):
    a, _b, _records = build()
    before = trends.monthly(END, [a.pk])
    assert trends.monthly(END, [a.pk]) == before
    doc(a, D(2025, 12, 5))
    assert trends.monthly(END, [a.pk])["documents"][-1] == before["documents"][-1] + 1


def test_cached_dashboard_runs_fewer_queries_and_shows_the_same(client, supervisor, cached):
    build()
    client.force_login(supervisor)
    url = reverse("supervision:dashboard") + "?year=2025"
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url)
    assert len(warm.captured_queries) < len(cold.captured_queries)
    assert [r["cells"] for r in second.context["rows"]] == [r["cells"] for r in first.context["rows"]]


def test_the_cache_is_off_by_default_in_tests(settings):
    assert settings.GONGKAI_SUPERVISION_CACHE_SECONDS == 0
