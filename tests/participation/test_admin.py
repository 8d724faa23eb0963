"""The supervising office's admin: lists load, the overdue filter works, state and feedback are read-only."""

import datetime as dt

import pytest
from django.utils import timezone

from .factories import ConsultationFactory, OpenDayFactory

pytestmark = pytest.mark.django_db


def test_overdue_filter_and_read_only_feedback(admin_client):
    today = timezone.localdate()
    overdue = ConsultationFactory(opens_on=today - dt.timedelta(days=90), closes_on=today - dt.timedelta(days=60))
    current = ConsultationFactory()
    html = admin_client.get("/admin/participation/publicconsultation/?feedback=overdue").content.decode()
    assert overdue.title in html and current.title not in html
    form = admin_client.get(f"/admin/participation/publicconsultation/{overdue.pk}/change/").content.decode()
    assert 'name="adopted_views"' not in form and 'name="status"' not in form
    assert admin_client.get(f"/admin/participation/openday/{OpenDayFactory().pk}/change/").status_code == 200
