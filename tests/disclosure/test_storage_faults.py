"""Private storage full or unwritable during an upload: the file and its record are one unit, with a clear message.

Real faults: a full tmpfs, a read-only tmpfs (where the machine lets us mount) and a storage root that is a
regular file (always), so the operating system itself refuses the write.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Attachment, DocumentEvent, EventKind
from tests.faults import files_under, small_filesystem

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"0" * (200 * 1024)  # 200 KB: larger than the 64 KB filesystem


def private_root(settings, location):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(location)}},
    }
    # The Attachment field holds a storage object bound at import; point it at the same place.
    from django.core.files.storage import storages

    field = Attachment._meta.get_field("file")
    old = field.storage
    field.storage = storages.create_storage(settings.STORAGES["private"])
    return old


@pytest.fixture
def upload(client, org, editor):
    document = DocumentFactory(organisation=org)
    client.force_login(editor)

    def post(content=PDF, name="通知.pdf"):
        url = f"/staff/org/{org.pk}/documents/{document.pk}/attachments/"
        return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)

    post.document = document
    return post


@pytest.fixture
def storage_at(settings):
    restore = []

    def point(location):
        restore.append(private_root(settings, location))

    yield point
    if restore:
        Attachment._meta.get_field("file").storage = restore[0]


def assert_nothing_kept(response, document, location=None):
    assert response.status_code == 200
    assert "文件和相应记录均未保存" in response.content.decode()
    assert not Attachment.objects.filter(document=document).exists()
    assert not DocumentEvent.objects.filter(document=document, kind=EventKind.ATTACHMENT_ADDED).exists()
    if location is not None:
        assert files_under(location) == []  # no half-written file left behind


def test_a_full_filesystem_keeps_neither_file_nor_record(upload, storage_at, tmp_path):
    with small_filesystem(tmp_path / "full", kilobytes=64) as location:
        if location is None:
            pytest.skip("this machine does not allow mounting a tmpfs")
        storage_at(location)
        response = upload()
        assert_nothing_kept(response, upload.document, location)
        # A small file still fits: the storage works again once there is room.
        assert upload(content=b"%PDF-1.4\n" + b"0" * 1024).status_code == 200
        assert Attachment.objects.filter(document=upload.document).count() == 1


def test_a_read_only_filesystem_keeps_neither_file_nor_record(upload, storage_at, tmp_path):
    with small_filesystem(tmp_path / "ro", read_only=True) as location:
        if location is None:
            pytest.skip("this machine does not allow mounting a tmpfs")
        storage_at(location)
        assert_nothing_kept(upload(), upload.document)


def test_an_unwritable_storage_root_keeps_neither_file_nor_record(upload, storage_at, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a regular file where the storage directory should be")
    storage_at(blocker / "private")
    assert_nothing_kept(upload(), upload.document)


def test_a_database_failure_after_the_write_removes_the_file(upload, storage_at, tmp_path, monkeypatch):
    from disclosure import services

    storage_at(tmp_path / "private")

    def failing_record(*args, **kwargs):
        from django.db import IntegrityError

        raise IntegrityError("simulated failure after the file was written")

    monkeypatch.setattr(services, "_record", failing_record)
    with pytest.raises(Exception, match="simulated"):
        services.add_attachment(
            upload.document,
            by=None,
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"),
            original_name="a.pdf",
            kind="pdf",
        )
    assert files_under(tmp_path / "private") == []
    assert not Attachment.objects.exists()
