"""Pages over every organisation run a fixed number of queries, whatever the number of organisations and records."""

import pytest
from django.urls import reverse

from supervision.models import EvaluationScheme, RuleKind, SchemeIndicator
from tests.supervision.activity import build

pytestmark = pytest.mark.django_db


def grow(times):
    """`times` pairs of organisations, each with a year of activity (documents, items, requests, remedies...)."""
    organisations = []
    for _ in range(times):
        a, b, _records = build()
        organisations += [a, b]
    return organisations


def scheme():
    s = EvaluationScheme.objects.create(year=2025, title="2025年度考核")
    for i, code in enumerate(("empty_columns", "requests_on_time_rate", "officer_designated", "shell_widgets")):
        SchemeIndicator.objects.create(scheme=s, code=code, weight=10, rule=RuleKind.YES_NO, sort_order=i)
    return s


PAGES = [
    ("dashboard", lambda orgs, s: reverse("supervision:dashboard") + "?year=2025&kind=department&sort=empty_columns", 40),
    ("organisation", lambda orgs, s: reverse("supervision:organisation", kwargs={"org_pk": orgs[0].pk}) + "?year=2025", 40),
    ("scores", lambda orgs, s: reverse("supervision:scores", kwargs={"pk": s.pk}) + "?kind=department", 40),
    ("xlsx", lambda orgs, s: reverse("supervision:scores_xlsx", kwargs={"pk": s.pk}), 40),
    ("trainings", lambda orgs, s: reverse("supervision:trainings") + "?year=2025", 40),
    ("designations", lambda orgs, s: reverse("supervision:designations"), 10),
    ("statistics", lambda orgs, s: reverse("supervision:statistics", kwargs={"org_pk": orgs[0].pk}), 10),
]


@pytest.mark.parametrize(("name", "url", "limit"), PAGES, ids=[p[0] for p in PAGES])
def test_fixed_number_of_queries_at_two_sizes(client, supervisor, django_assert_max_num_queries, name, url, limit):
    client.force_login(supervisor)
    s = scheme()
    small = grow(1)
    client.get(url(small, s))  # warm the per-process caches (calendar, content types)
    with django_assert_max_num_queries(limit) as small_run:
        assert client.get(url(small, s)).status_code == 200
    large = small + grow(2)
    with django_assert_max_num_queries(limit) as large_run:
        response = client.get(url(large, s))
    assert response.status_code == 200
    assert len(large_run.captured_queries) == len(small_run.captured_queries)
    if name == "dashboard":
        assert len(response.context["rows"]) == len(large)
