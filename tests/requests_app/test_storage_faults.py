"""Reply files and the reply are one unit: an unwritable private storage keeps neither, with a clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.uploads import StorageError
from requests_app import services
from requests_app.models import EventKind, Reply, ReplyFile, ReplyType
from tests.faults import files_under

from .factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


def test_an_unwritable_storage_keeps_neither_reply_nor_files(settings, tmp_path, organisation, handler):
    from django.core.files.storage import storages

    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a regular file where the storage directory should be")
    field = ReplyFile._meta.get_field("file")
    original = field.storage
    field.storage = storages.create_storage(
        {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(blocker / "x")}}
    )
    request = InformationRequestFactory(organisation=organisation)
    try:
        with pytest.raises(StorageError) as raised:
            services.draft_reply(
                request,
                reply_type=ReplyType.PROVIDED,
                body="见附件",
                by=handler,
                files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 2048)],
            )
    finally:
        field.storage = original
    assert "文件和相应记录均未保存" in str(raised.value)
    assert not Reply.objects.filter(request=request).exists()
    assert not request.events.filter(kind=EventKind.REPLY_DRAFTED).exists()
    assert files_under(tmp_path) == [str(blocker)]
