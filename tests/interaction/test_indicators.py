"""The indicators contract for supervision: values per organisation, fixed queries, evidence, self-check."""

import datetime as dt

import pytest
from django.utils import timezone

from interaction import indicators, services
from tests.factories import OrganisationFactory

from .factories import write_message

pytestmark = pytest.mark.django_db


def _answer(message, handler, reviewer):
    services.submit_reply(message, "答复", by=handler)
    services.review_reply(message, "approve", by=reviewer)


def test_compute_values_with_a_fixed_number_of_queries(organisation, handler, reviewer, django_assert_num_queries):
    quiet = OrganisationFactory()
    on_time, _ = write_message(organisation, subject="按期")
    _answer(on_time, handler, reviewer)
    write_message(organisation, subject="超期", days_ago=30)
    write_message(organisation, subject="百日", days_ago=100)
    write_message(organisation, subject="新")
    today = timezone.localdate()
    start = today - dt.timedelta(days=365)
    with django_assert_num_queries(4):
        values = indicators.compute([organisation.pk, quiet.pk], start, today)
    assert values["messages_received"] == {organisation.pk: 4, quiet.pk: 0}
    assert values["messages_on_time_rate"] == {organisation.pk: 100.0, quiet.pk: None}
    assert values["messages_overdue"] == {organisation.pk: 2, quiet.pk: 0}
    assert values["messages_unanswered_3_months"] == {organisation.pk: 1, quiet.pk: 0}
    for _i in range(5):
        write_message(OrganisationFactory(), subject=f"其他{_i}", days_ago=40)
    with django_assert_num_queries(4):
        indicators.compute(list(range(1, 50)), start, today)
    assert {code for code, *_rest in indicators.DEFINITIONS} == set(values)


def test_evidence_and_self_check(organisation):
    old, _ = write_message(organisation, subject="百日", days_ago=100, name="王建华")
    today = timezone.localdate()
    entries = indicators.evidence("messages_unanswered_3_months", organisation.pk, today - dt.timedelta(days=365),
                                  today)  # fmt: skip
    assert len(entries) == 1 and old.tracking_number in entries[0][0] and "王建华" not in entries[0][0]
    warnings = indicators.self_check(organisation.pk, today)
    assert [w[0] for w in warnings] == ["veto", "warning"]
    assert indicators.self_check(OrganisationFactory().pk, today) == []


def test_app_declares_the_module():
    from django.apps import apps

    assert apps.get_app_config("interaction").supervision_indicators == "interaction.indicators"
