"""Admin: the supervising office edits types and deadlines; messages are read-only there, without contacts."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from interaction.models import MessageType
from tests.factories import UserFactory

from .factories import write_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="supervise_messages"))
    return user


def test_supervising_office_edits_a_types_default_deadline(client, supervisor):
    consultation = MessageType.objects.get(code="consultation")
    client.force_login(supervisor)
    url = reverse("admin:interaction_messagetype_change", args=[consultation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"code": "consultation", "name": "咨询", "working_days": 7, "sort_order": 10,
                                 "is_active": "on"})  # fmt: skip
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.working_days == 7
    assert client.get(reverse("admin:interaction_deadlinerule_add")).status_code == 200


def test_messages_are_read_only_and_without_contacts(client, supervisor, organisation):
    message, _ = write_message(organisation, phone="13912340000")
    supervisor.user_permissions.add(Permission.objects.get(codename="view_message"))
    client.force_login(supervisor)
    page = client.get(reverse("admin:interaction_message_change", args=[message.pk]))
    assert page.status_code == 200 and "13912340000" not in page.content.decode()
    assert client.post(reverse("admin:interaction_message_change", args=[message.pk]), {}).status_code == 403
    assert client.get(reverse("admin:interaction_message_add")).status_code == 403


def test_attachment_is_checked_and_only_staff_download_it(client, organisation, handler):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interaction.models import Message
    from tests.factories import OrganisationFactory, member

    fake = SimpleUploadedFile("照片.png", b"not really a png", content_type="image/png")
    data = {"mailbox": "organisation", "organisation": organisation.pk,
            "message_type": MessageType.objects.get(code="help").pk, "subject": "路灯坏了", "body": "三天不亮",
            "name": "王建华", "phone": "13905371234"}  # fmt: skip
    response = client.post(reverse("interaction:write"), {**data, "attachment": fake})
    assert response.status_code == 400 and "类型不支持" in response.content.decode()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    client.post(reverse("interaction:write"), {**data, "attachment": SimpleUploadedFile("照片.png", png)})
    message = Message.objects.get()
    assert message.attachment_name == "照片.png" and not message.attachment.name.endswith("照片.png")
    url = reverse("interaction_staff:attachment", args=[organisation.pk, message.pk])
    client.force_login(member("editor", OrganisationFactory()))
    assert client.get(url).status_code == 403
    client.force_login(handler)
    assert client.get(url).status_code == 200


def test_audit_log_masks_the_writer_and_keeps_no_query_code_hash(organisation):
    from auditlog.models import LogEntry

    message, _ = write_message(organisation, name="王建华", phone="13912340000")
    changes = str(LogEntry.objects.get_for_object(message).first().changes)
    assert "13912340000" not in changes and "王建华" not in changes
    assert message.query_code_hash not in changes
