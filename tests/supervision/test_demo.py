"""The seeded demo shows real differences between organisations, and seeding twice changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from supervision import models

pytestmark = pytest.mark.django_db


def counts():
    return {m.__name__: m.objects.count() for m in (models.Designation, models.Training, models.EvaluationScheme,
            models.SchemeIndicator, models.SupervisionOrder, models.Notice, models.Demonstration, models.SelfCheckRun,
            models.SelfCheckWarning)}  # fmt: skip


def test_demo_dashboard_differs_between_organisations(client):
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="duban"))
    rows = client.get(reverse("supervision:dashboard")).context["rows"]

    def column(code):
        return {row["organisation"].short_name: value for row in rows for c, value, _rag in row["cells"] if c.code == code}

    assert max(column("empty_columns").values()) >= 5  # a single-veto organisation
    assert any(v for v in column("stale_columns").values())
    assert any(v is not None and v < 95 for v in column("art26_rate").values())  # some publish late
    assert any(v == 0 for v in column("officer_designated").values())
    reds = [row["reds"] for row in rows]
    assert min(reds) <= 1 and max(reds) >= 3
    assert set(column("annual_report_on_time").values()) == {0, 1}  # only 县民政局 published its report on time
    assert models.SupervisionOrder.objects.overdue(timezone.localdate()).exists()
    # The workspace of an organisation's staff shows yesterday's self-check.
    client.force_login(get_user_model().objects.get(username="mz_editor"))
    assert "自查提醒" in client.get("/staff/").content.decode()
    # Public pages of the demo are not empty.
    assert "示范点" in client.get(reverse("supervision:public_demonstrations")).content.decode()
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
