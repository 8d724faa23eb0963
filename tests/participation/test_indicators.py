"""The supervision contract: DEFINITIONS, compute (fixed queries), evidence, self_check."""

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation import indicators
from tests.factories import OrganisationFactory

from .factories import ConsultationFactory, OpenDayFactory

pytestmark = pytest.mark.django_db
D = dt.timedelta


def test_declared_in_the_app_config():
    assert apps.get_app_config("participation").supervision_indicators == "participation.indicators"
    for _code, _label, unit, better in indicators.DEFINITIONS:
        assert unit in {"count", "percent", "days"} and better in {"higher", "lower"}


def test_compute_counts_per_organisation_in_a_fixed_number_of_queries():
    today = timezone.localdate()
    a, b, idle = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    start, end = today - D(days=120), today
    closed = {"opens_on": today - D(days=100), "closes_on": today - D(days=70)}
    on_time = ConsultationFactory(organisation=a, **closed)
    on_time.feedback_published_on = on_time.feedback_due_on
    on_time.feedback_published_at = timezone.now()
    on_time.save()
    ConsultationFactory(organisation=a, **closed)  # overdue
    late = ConsultationFactory(organisation=b, **closed)
    late.feedback_published_on = late.feedback_due_on + D(days=3)
    late.save()
    ConsultationFactory(organisation=b, opens_on=today - D(days=2))  # open: feedback not yet due
    OpenDayFactory(organisation=a, starts_at=timezone.now() - D(days=5), signup_opens_at=timezone.now() - D(days=30))
    OpenDayFactory(organisation=a)  # coming: not held yet
    ids = [a.pk, b.pk, idle.pk]
    with CaptureQueriesContext(connection) as queries:
        result = indicators.compute(ids, start, end)
    assert len(queries) == 3
    assert result["consultations_held"] == {a.pk: 2, b.pk: 2, idle.pk: 0}
    assert result["consultation_feedback_on_time"] == {a.pk: 1, b.pk: 0, idle.pk: 0}
    assert result["consultation_feedback_overdue"] == {a.pk: 1, b.pk: 1, idle.pk: 0}
    assert result["open_days_held"] == {a.pk: 1, b.pk: 0, idle.pk: 0}
    evidence = indicators.evidence("consultation_feedback_overdue", a.pk, start, end)
    assert len(evidence) == 1 and evidence[0][1].startswith("/participation/consultations/")
    assert len(indicators.evidence("open_days_held", a.pk, start, end)) == 1


def test_self_check_warns_about_overdue_feedback():
    today = timezone.localdate()
    org = OrganisationFactory()
    ConsultationFactory(organisation=org, opens_on=today - D(days=100), closes_on=today - D(days=70))
    warnings = indicators.self_check(org.pk, today)
    assert warnings and warnings[0][0] == "warning" and "超期" in warnings[0][1]
    assert f"/staff/org/{org.pk}/participation/" in warnings[0][2]
    assert indicators.self_check(OrganisationFactory().pk, today) == []
