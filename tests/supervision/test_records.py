"""The office edits and deletes its notices, demonstrations and trainings: edit conflicts are caught, a public
notice is withdrawn rather than deleted, and every change is in the audit trail with the office member as actor."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from portal.editing import EditConflict
from portal.errors import Refusal
from portal.roles import Role
from supervision import services
from supervision.models import Demonstration, Notice, Training
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


@pytest.fixture
def org():
    return OrganisationFactory(name="甲局")


def notice(org, **extra):
    return Notice.objects.create(organisation=org, kind="praise", title="表扬甲局", body="目录完整", issued_on=DAY, **extra)


def notice_data(org, **changes):
    data = {"organisation": org.pk, "kind": "praise", "title": "表扬甲局", "body": "目录完整", "issued_on": "2026-03-02"}
    return {**data, **changes}


def test_the_office_edits_a_notice_and_the_audit_trail_names_it(client, supervisor, org):
    record = notice(org)
    client.force_login(supervisor)
    url = reverse("supervision:notice_edit", args=[record.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, notice_data(org, title="通报表扬甲局", edit_version=record.edit_version))
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.title, record.edit_version) == ("通报表扬甲局", 2)
    entry = LogEntry.objects.get_for_object(record).order_by("-pk").first()
    assert entry.actor == supervisor and "title" in entry.changes_dict


def test_a_second_editor_sees_the_conflict_and_keeps_the_input(client, supervisor, org):
    record = notice(org)
    loaded = record.edit_version
    other = Notice.objects.get(pk=record.pk)
    other.body = "他人修改的内容"
    services.save_record(other, by=supervisor, loaded_version=loaded)
    client.force_login(supervisor)
    url = reverse("supervision:notice_edit", args=[record.pk])
    response = client.post(url, notice_data(org, title="我的标题", edit_version=loaded))
    assert response.status_code == 200
    page = response.content.decode()
    assert "我的标题" in page and "他人修改的内容" in page
    record.refresh_from_db()
    assert record.title == "表扬甲局"
    # Saving again (the form now carries the new version) is a knowing save.
    response = client.post(url, notice_data(org, title="我的标题", edit_version=record.edit_version))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.title == "我的标题"


def test_the_service_refuses_a_stale_version(supervisor, org):
    record = notice(org)
    stale = Notice.objects.get(pk=record.pk)
    services.save_record(record, by=supervisor, loaded_version=1)
    with pytest.raises(EditConflict):
        services.save_record(stale, by=supervisor, loaded_version=1)


def test_a_public_notice_is_withdrawn_first_then_deleted(client, supervisor, org):
    record = notice(org, is_published=True)
    client.force_login(supervisor)
    url = reverse("supervision:notice_delete", args=[record.pk])
    page = client.get(url).content.decode()
    assert "撤下通报" in page
    assert "表扬甲局" in client.get(reverse("supervision:public_notices")).content.decode()
    client.post(url)
    record.refresh_from_db()
    assert not record.is_published
    assert "表扬甲局" not in client.get(reverse("supervision:public_notices")).content.decode()
    assert "确认删除" in client.get(url).content.decode()
    client.post(url)
    assert not Notice.objects.filter(pk=record.pk).exists()
    deletion = LogEntry.objects.filter(object_pk=str(record.pk), action=LogEntry.Action.DELETE).get()
    assert deletion.actor == supervisor


def test_a_demonstration_is_edited_and_deleted(client, supervisor, org):
    demo = Demonstration.objects.create(organisation=org, kind="point", year=2026, reason="目录完整")
    client.force_login(supervisor)
    assert f"demonstrations/{demo.pk}/edit/" in client.get(reverse("supervision:demonstrations")).content.decode()
    response = client.post(
        reverse("supervision:demonstration_edit", args=[demo.pk]),
        {"organisation": org.pk, "kind": "zone", "year": 2025, "reason": "更新及时", "edit_version": 1},
    )
    assert response.status_code == 302
    demo.refresh_from_db()
    assert (demo.kind, demo.year, demo.edit_version) == ("zone", 2025, 2)
    url = reverse("supervision:demonstration_delete", args=[demo.pk])
    assert "确认删除" in client.get(url).content.decode()
    client.post(url)
    assert not Demonstration.objects.exists()
    assert "更新及时" not in client.get(reverse("supervision:public_demonstrations")).content.decode()


def test_a_training_is_edited_with_its_attendees_and_deleted(client, supervisor, org):
    a, b = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    training = Training.objects.create(held_on=DAY, topic="条例培训", organiser=org, hours=Decimal("2.0"))
    training.attendees.set([a.memberships.get()])
    client.force_login(supervisor)
    url = reverse("supervision:training_edit", args=[training.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"held_on": "2026-03-03", "topic": "条例解读培训", "organiser": org.pk, "hours": "3",
         "attendees": [b.memberships.get().pk], "materials": "", "edit_version": 1},
    )  # fmt: skip
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.topic == "条例解读培训"
    assert list(training.attendees.all()) == [b.memberships.get()]
    client.post(reverse("supervision:training_delete", args=[training.pk]))
    assert not Training.objects.exists()


def test_a_deleted_record_is_refused_not_a_server_error(supervisor, org):
    record = notice(org)
    copy = Notice.objects.get(pk=record.pk)
    services.remove_notice(record, by=supervisor)
    with pytest.raises(Refusal):
        services.save_record(copy, by=supervisor, loaded_version=1)


def test_organisation_staff_cannot_edit_or_delete(client, org):
    record = notice(org)
    client.force_login(member(Role("org_admin"), org))
    for name in ("supervision:notice_edit", "supervision:notice_delete"):
        assert client.get(reverse(name, args=[record.pk])).status_code == 403
        assert client.post(reverse(name, args=[record.pk])).status_code == 403
    assert Notice.objects.filter(pk=record.pk).exists()
