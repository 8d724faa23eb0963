"""Document correctness found by the new-user walk: a correction keeps attachments and interpretation links,
a repeal with a future date shows as such only from that date, a mistaken draft can be deleted by its drafter."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from disclosure import services
from disclosure.models import Attachment, Document, DocumentType, Status, Validity
from disclosure.validity import validity_on
from portal.errors import Refusal
from portal.roles import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def draft(org, editor, **kwargs):
    return services.save_draft(
        Document(organisation=org, **{"title": "关于调整城乡低保标准的通知", **kwargs}), by=editor
    )


def publish(document, editor, reviewer):
    services.submit(document, by=editor)
    return services.publish(document, by=reviewer)


def attach(document, editor, name="正式文件.pdf", content=b"%PDF-1.4 official"):
    upload = ContentFile(content, name=name)
    return services.add_attachment(document, by=editor, upload=upload, original_name=name, kind="pdf")


def test_a_correction_keeps_the_attachments_and_the_interpretation_link(org, editor, reviewer, client):
    policy = draft(org, editor, doc_type=DocumentType.POLICY, needs_interpretation=True)
    attach(policy, editor)
    interpretation = draft(org, editor, doc_type=DocumentType.INTERPRETATION, interprets=policy, title="低保标准解读")
    services.submit(interpretation, by=editor)
    policy = publish(policy, editor, reviewer)
    original_file = policy.attachments.get().file.name

    correction = services.supersede(policy, by=editor)
    copied = correction.attachments.get()
    assert copied.original_name == "正式文件.pdf" and copied.file.name != original_file
    with copied.file.open("rb") as content:
        assert content.read() == b"%PDF-1.4 official"
    correction.title = "关于调整城乡低保标准的通知（更正）"
    services.save_draft(correction, by=editor)
    correction = publish(correction, editor, reviewer)

    interpretation.refresh_from_db()
    assert interpretation.interprets_id == correction.pk and interpretation.status == Status.PUBLISHED
    page = client.get(correction.get_absolute_url()).content.decode()
    assert "低保标准解读" in page
    assert reverse("disclosure:attachment", args=[correction.pk, copied.pk]) in page
    assert client.get(reverse("disclosure:attachment", args=[correction.pk, copied.pk])).status_code == 200
    assert "关于调整城乡低保标准的通知（更正）" in client.get(interpretation.get_absolute_url()).content.decode()
    # Removing the copy's attachment from a second correction never touches the published file.
    second = services.supersede(correction, by=editor)
    services.remove_attachment(second.attachments.get(), by=editor)
    with Attachment.objects.get(pk=copied.pk).file.open("rb") as content:
        assert content.read() == b"%PDF-1.4 official"


def test_a_correction_of_a_policy_needing_interpretation_follows_the_rule(org, editor, reviewer):
    policy = draft(org, editor, doc_type=DocumentType.POLICY, needs_interpretation=True)
    interpretation = draft(org, editor, doc_type=DocumentType.INTERPRETATION, interprets=policy, title="解读")
    services.submit(interpretation, by=editor)
    policy = publish(policy, editor, reviewer)
    services.withdraw(interpretation, by=reviewer, reason="解读有误")
    correction = services.supersede(policy, by=editor)
    services.submit(correction, by=editor)
    with pytest.raises(Refusal):  # the published original has no public interpretation any more
        services.publish(correction, by=reviewer)


@pytest.mark.parametrize(
    ("validity", "changed_on", "state", "pending"),
    [
        ("valid", None, "valid", ""),
        ("repealed", dt.date(2026, 7, 1), "valid", "repealed"),
        ("repealed", dt.date(2026, 6, 1), "repealed", ""),
        ("repealed", dt.date(2026, 5, 1), "repealed", ""),
        ("expired", dt.date(2026, 12, 31), "valid", "expired"),
        ("expired", None, "expired", ""),
    ],
)
def test_validity_on_a_day(validity, changed_on, state, pending):
    result = validity_on(validity, changed_on, dt.date(2026, 6, 1))
    assert (result.state, result.pending) == (state, pending)


def test_a_future_repeal_reads_will_be_repealed_until_the_day(client, org, editor, reviewer):
    later = timezone.localdate() + dt.timedelta(days=30)
    document = publish(draft(org, editor), editor, reviewer)
    Document.objects.filter(pk=document.pk).update(validity=Validity.REPEALED, validity_changed_on=later)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "此文件已废止" not in page
    assert f"此文件将于 {later:%Y-%m-%d} 废止" in page
    Document.objects.filter(pk=document.pk).update(validity_changed_on=timezone.localdate())
    cache.clear()  # the day came: a cached page lives GONGKAI_PUBLIC_PAGE_CACHE_SECONDS at most
    page = client.get(document.get_absolute_url()).content.decode()
    assert "此文件已废止" in page


def test_the_drafter_deletes_a_mistaken_draft_with_a_confirm_page(
    client, org, editor, django_capture_on_commit_callbacks
):
    document = draft(org, editor, title="误建的草稿")
    attach(document, editor)
    stored = document.attachments.get().file
    client.force_login(editor)
    detail = client.get(reverse("disclosure:staff_detail", args=[org.pk, document.pk])).content.decode()
    url = reverse("disclosure:staff_delete", args=[org.pk, document.pk])
    assert url in detail
    assert "确认删除" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not stored.storage.exists(stored.name)
    entry = LogEntry.objects.get(object_pk=str(document.pk), action=LogEntry.Action.DELETE,
                                 content_type__model="document")  # fmt: skip
    assert entry.actor == editor


def test_only_the_drafter_and_only_never_published_drafts(client, org, editor, reviewer):
    document = draft(org, editor, title="他人的草稿")
    other = member(Role.EDITOR, org)
    with pytest.raises(Refusal):
        services.delete_draft(document, by=other)
    client.force_login(other)
    url = reverse("disclosure:staff_delete", args=[org.pk, document.pk])
    assert "确认删除" not in client.get(url).content.decode()
    client.post(url)
    assert Document.objects.filter(pk=document.pk).exists()
    published = publish(draft(org, editor), editor, reviewer)
    with pytest.raises(Refusal):
        services.delete_draft(published, by=editor)
    correction = services.supersede(published, by=editor)  # a correction draft: never published itself
    services.delete_draft(correction, by=editor)
    assert Document.objects.filter(pk=published.pk, status=Status.PUBLISHED).exists()
    outsider = member(Role.EDITOR)
    client.force_login(outsider)
    assert client.post(reverse("disclosure:staff_delete", args=[org.pk, document.pk])).status_code == 403
