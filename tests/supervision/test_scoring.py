"""Scoring rules (pure, table-driven) and a scheme edited in the browser: the scores follow."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from supervision import scoring
from supervision.models import EvaluationScheme, RuleKind, SchemeIndicator
from supervision.scoring import fraction, parse_steps
from tests.factories import OrganisationFactory
from tests.shellapp.models import Widget


@pytest.mark.parametrize(
    ("rule", "value", "better", "kwargs", "share"),
    [
        (RuleKind.LINEAR, 90, "higher", {"zero_at": 80, "full_at": 100}, 0.5),
        (RuleKind.LINEAR, 70, "higher", {"zero_at": 80, "full_at": 100}, 0.0),
        (RuleKind.LINEAR, 120, "higher", {"zero_at": 80, "full_at": 100}, 1.0),
        (RuleKind.LINEAR, 2, "lower", {"zero_at": 10, "full_at": 0}, 0.8),
        (RuleKind.LINEAR, 5, "higher", {"zero_at": 5, "full_at": 5}, 0.0),
        (RuleKind.THRESHOLDS, 96, "higher", {"steps": [(95, 100), (80, 60)]}, 1.0),
        (RuleKind.THRESHOLDS, 85, "higher", {"steps": [(95, 100), (80, 60)]}, 0.6),
        (RuleKind.THRESHOLDS, 50, "higher", {"steps": [(95, 100), (80, 60)]}, 0.0),
        (RuleKind.THRESHOLDS, 0, "lower", {"steps": [(0, 100), (2, 60), (4, 20)]}, 1.0),
        (RuleKind.THRESHOLDS, 3, "lower", {"steps": [(0, 100), (2, 60), (4, 20)]}, 0.2),
        (RuleKind.THRESHOLDS, 9, "lower", {"steps": [(0, 100), (2, 60), (4, 20)]}, 0.0),
        (RuleKind.YES_NO, 1, "higher", {}, 1.0),
        (RuleKind.YES_NO, 0, "higher", {}, 0.0),
        (RuleKind.YES_NO, 0, "lower", {}, 1.0),
        (RuleKind.YES_NO, 2, "lower", {}, 0.0),
        (RuleKind.LINEAR, None, "higher", {"zero_at": 0, "full_at": 1}, 0.0),
    ],
)
def test_fraction(rule, value, better, kwargs, share):
    assert fraction(rule, value, better, **kwargs) == pytest.approx(share)


@pytest.mark.parametrize(
    ("text", "steps"),
    [("95=100, 80=60", [(95, 100), (80, 60)]), ("0：100；2:60%", [(0, 100), (2, 60)]), ("", [])],
)
def test_parse_steps(text, steps):
    assert parse_steps(text) == steps


def test_parse_steps_names_the_bad_part():
    with pytest.raises(ValueError, match="九十"):
        parse_steps("95=100, 九十")


@pytest.mark.django_db
def test_ranking_shares_ranks_on_equal_totals():
    scheme = EvaluationScheme.objects.create(year=2026, title="方案")
    SchemeIndicator.objects.create(scheme=scheme, code="shell_widgets", weight=10, rule=RuleKind.YES_NO)
    a, b, c = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    from supervision import indicators

    values = {"shell_widgets": {a.pk: 1, b.pk: 0, c.pk: 2}}
    results = scoring.score(scheme, [a, b, c], values, indicators.by_code())
    assert [(r.organisation, r.total, r.rank) for r in results] == [
        (a, Decimal("10.00"), 1), (c, Decimal("10.00"), 1), (b, Decimal("0.00"), 3),
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_office_edits_the_scheme_in_the_browser_and_scores_follow(client, supervisor):
    org = OrganisationFactory(name="有部件的局")
    Widget.objects.create(organisation=org, title="部件", status=Widget.Status.PUBLISHED)
    client.force_login(supervisor)
    response = client.post(reverse("supervision:schemes"), {"year": 2026, "title": "2026年度考核方案", "notes": ""})
    scheme = EvaluationScheme.objects.get(year=2026)
    assert response["Location"] == reverse("supervision:scheme", kwargs={"pk": scheme.pk})

    def save(rows, deleting=()):
        data = {"scheme-year": 2026, "scheme-title": scheme.title, "scheme-notes": "",
                "rules-TOTAL_FORMS": len(rows), "rules-INITIAL_FORMS": scheme.indicators.count(),
                "rules-MIN_NUM_FORMS": 0, "rules-MAX_NUM_FORMS": 1000}  # fmt: skip
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"rules-{i}-{key}"] = value
        return client.post(reverse("supervision:scheme", kwargs={"pk": scheme.pk}), data)

    row = {"code": "shell_widgets", "weight": "20", "rule": RuleKind.YES_NO, "zero_at": "", "full_at": "",
           "steps": "", "sort_order": 1}  # fmt: skip
    assert save([row]).status_code == 302
    page = client.get(reverse("supervision:scores", kwargs={"pk": scheme.pk}))
    result = next(r for r in page.context["results"] if r.organisation == org)
    assert result.total == Decimal("20.00") and result.rank == 1

    # Next year's rule is different: thresholds; a bad step keeps the input and explains.
    rule_pk = scheme.indicators.get().pk
    bad = {**row, "id": rule_pk, "rule": RuleKind.THRESHOLDS, "steps": "1=五十"}
    response = save([bad])
    assert response.status_code == 200
    assert "无法识别" in response.content.decode() and 'value="1=五十"' in response.content.decode()
    assert save([{**bad, "steps": "2=100, 1=50"}]).status_code == 302
    result = next(
        r for r in client.get(reverse("supervision:scores", kwargs={"pk": scheme.pk})).context["results"]
        if r.organisation == org
    )
    assert result.total == Decimal("10.00")
    assert result.lines[0].value == 1


def test_scheme_period_stops_today():
    scheme = EvaluationScheme(year=2026, title="x")
    assert scoring.scheme_period(scheme, dt.date(2026, 5, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 5, 1))
    assert scoring.scheme_period(scheme, dt.date(2027, 5, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.mark.django_db
def test_next_years_scheme_starts_as_a_copy(client, supervisor):
    old = EvaluationScheme.objects.create(year=2025, title="2025")
    SchemeIndicator.objects.create(scheme=old, code="trainings", weight=5, rule=RuleKind.YES_NO)
    client.force_login(supervisor)
    client.post(reverse("supervision:schemes"), {"year": 2026, "title": "2026", "copy_from": old.pk})
    new = EvaluationScheme.objects.get(year=2026)
    assert [(r.code, r.weight) for r in new.indicators.all()] == [("trainings", Decimal("5.00"))]
    assert old.indicators.count() == 1
    # The same year twice: a form error, the input kept.
    response = client.post(reverse("supervision:schemes"), {"year": 2026, "title": "重复"})
    assert response.status_code == 200 and 'value="重复"' in response.content.decode()
