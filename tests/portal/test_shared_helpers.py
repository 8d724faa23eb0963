"""The shared helpers the feature apps use for uploads, downloads, the four-eyes rule and past dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from portal import workdays
from portal.downloads import XLSX, attachment_response, stored_file_response
from portal.permissions import self_approval_forbidden
from portal.uploads import check_upload
from portal.validators import validate_not_in_future
from tests.factories import UserFactory

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("通知.pdf", PDF, "pdf"), ("照片.PNG", PNG, "png"), ("表格.xlsx", b"PK\x03\x04" + b"\x00" * 40, "xlsx")],
)
def test_check_upload_accepts_by_content_and_renames(name, content, kind):
    upload = SimpleUploadedFile(name, content)
    checked = check_upload(upload)
    assert (checked.kind, checked.original_name) == (kind, name)
    assert upload.name.endswith(f".{kind}") and name not in upload.name


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("病毒.pdf", b"MZ\x90\x00" + b"\x00" * 40, "bad_type"),  # an executable renamed
        ("通知.exe", PDF, "bad_type"),
        ("通知.pdf", PNG, "bad_type"),  # content and name disagree
        ("空.pdf", b"", "empty"),
    ],
)
def test_check_upload_refuses_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_check_upload_size_limit():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("通知.pdf", PDF), max_bytes=10)
    assert error.value.code == "too_big"


def test_attachment_response_writes_rfc5987_names():
    response = attachment_response(b"x", XLSX, "安平县目录.xlsx")
    assert "filename*=utf-8''" in response["Content-Disposition"].lower()


def test_stored_file_response_is_404_when_storage_lost_the_file(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("a.pdf", ContentFile(PDF))
    field_file = type("F", (), {"open": lambda self, mode: storage.open(name, mode)})()
    assert stored_file_response(field_file, "通知.pdf").status_code == 200
    storage.delete(name)
    with pytest.raises(Http404):
        stored_file_response(field_file, "通知.pdf")


@pytest.mark.django_db
@pytest.mark.parametrize(("forbid", "authors", "expected"), [(True, "self", True), (True, "other", False), (False, "self", False), (True, None, False)])  # fmt: skip
def test_self_approval_forbidden(settings, forbid, authors, expected):
    settings.GONGKAI_FORBID_SELF_APPROVAL = forbid
    approver, other = UserFactory(), UserFactory()
    author_id = {"self": approver.pk, "other": other.pk, None: None}[authors]
    assert self_approval_forbidden(approver, author_id) is expected


def test_dates_in_the_future_are_refused():
    validate_not_in_future(dt.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        validate_not_in_future(dt.date(9999, 12, 31))


def test_adding_working_days_past_the_last_date_is_a_value_error():
    with pytest.raises(ValueError):
        workdays.WorkingCalendar().add_working_days(dt.date(9999, 12, 20), 20)
