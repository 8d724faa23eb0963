"""Feature apps offer indicators by declaring `supervision_indicators` (the throwaway tests/shellapp does)."""

import datetime as dt

import pytest
from django.urls import reverse

from supervision import indicators, services
from supervision.models import SelfCheckRun
from tests.factories import OrganisationFactory
from tests.shellapp.models import Widget

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def test_declared_indicators_are_discovered_with_the_apps_name():
    found = indicators.by_code()
    assert {"shell_widgets", "shell_drafts"} <= set(found)
    assert found["shell_drafts"].group == "Shell test app"
    # A "lower is better" count gets default bounds and a column on the office's home table.
    assert found["shell_drafts"].key and found["shell_drafts"].rag == (0, 0)
    assert not found["shell_widgets"].key


def test_discovered_values_evidence_and_dashboard(client, supervisor):
    org, quiet = OrganisationFactory(), OrganisationFactory()
    Widget.objects.create(organisation=org, title="已发布的部件", status=Widget.Status.PUBLISHED)
    Widget.objects.create(organisation=org, title="草稿部件")
    values = indicators.compute([org.pk, quiet.pk], START, END)
    assert values["shell_widgets"] == {org.pk: 1, quiet.pk: 0}
    assert values["shell_drafts"] == {org.pk: 1, quiet.pk: 0}
    assert indicators.evidence("shell_drafts", org.pk, START, END) == [("草稿部件", "")]
    client.force_login(supervisor)
    html = client.get(reverse("supervision:dashboard")).content.decode()
    assert "未发布部件" in html
    response = client.get(reverse("supervision:drilldown", kwargs={"org_pk": org.pk, "code": "shell_drafts"}))
    assert "草稿部件" in response.content.decode()


def test_only_the_requested_sources_compute(django_assert_max_num_queries):
    org = OrganisationFactory()
    with django_assert_max_num_queries(1):
        assert indicators.compute([org.pk], START, END, codes=["shell_widgets"])["shell_widgets"] == {org.pk: 0}


def test_discovered_self_checks_join_the_daily_job():
    org = OrganisationFactory()
    Widget.objects.create(organisation=org, title="草稿部件")
    services.run_self_check([org], dt.date(2026, 5, 6))
    run = SelfCheckRun.objects.get(organisation=org)
    assert [(w.severity, w.message) for w in run.warnings.all()] == [("veto", "有1个部件未发布")]
