"""The one check for files staff upload (document attachments, reply files).

The type is judged by the bytes (puremagic), and must agree with the name's extension, because a
renamed executable must not reach citizens as "通知.pdf". The size limit is a setting. The stored
name is never the uploader's: it is a random name with the detected extension, and the original
name is kept separately for the download.
"""

import contextlib
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.errors import Refusal

logger = logging.getLogger(__name__)
ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
# extension -> (test on puremagic's matches, content type served)
KINDS = {
    "pdf": (lambda m: any(x.mime_type == "application/pdf" for x in m), "application/pdf"),
    "ofd": (lambda m: any(x.byte_match.startswith(ZIP) for x in m), "application/ofd"),
    "docx": (
        lambda m: any(x.byte_match.startswith(ZIP) for x in m),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        lambda m: any(x.byte_match.startswith(ZIP) for x in m),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "zip": (lambda m: any(x.byte_match.startswith(ZIP) for x in m), "application/zip"),
    "doc": (lambda m: any(x.byte_match.startswith(OLE) for x in m), "application/msword"),
    "xls": (lambda m: any(x.byte_match.startswith(OLE) for x in m), "application/vnd.ms-excel"),
    "jpg": (lambda m: any(x.mime_type == "image/jpeg" for x in m), "image/jpeg"),
    "jpeg": (lambda m: any(x.mime_type == "image/jpeg" for x in m), "image/jpeg"),
    "png": (lambda m: any(x.mime_type == "image/png" for x in m), "image/png"),
}
ALLOWED_LABEL = _("PDF、OFD、DOC/DOCX、XLS/XLSX、JPG/PNG 或 ZIP")


@dataclass(frozen=True)
class CheckedUpload:
    kind: str  # the extension, e.g. "pdf"
    content_type: str
    original_name: str


def detect_kind(name: str, head: bytes) -> str | None:
    """The file's kind if its name's extension is allowed AND its content really is of that kind."""
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in KINDS:
        return None
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return None
    return extension if KINDS[extension][0](matches) else None


def check_upload(upload, *, max_bytes: int | None = None) -> CheckedUpload:
    """Validate `upload` (a Django UploadedFile) and give it a safe stored name; raise a Chinese ValidationError."""
    limit = max_bytes if max_bytes is not None else settings.GONGKAI_ATTACHMENT_MAX_BYTES
    original_name = Path(upload.name).name[-200:]
    if upload.size == 0:
        raise ValidationError(_("文件“%(name)s”是空文件。"), params={"name": original_name}, code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("文件“%(name)s”过大：上限为 %(limit)s。"),
            params={"name": original_name, "limit": filesizeformat(limit)},
            code="too_big",
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = detect_kind(original_name, head)
    if kind is None:
        raise ValidationError(
            _("文件“%(name)s”的类型不支持或与扩展名不符。请上传 %(allowed)s 文件。"),
            params={"name": original_name, "allowed": ALLOWED_LABEL},
            code="bad_type",
        )
    upload.name = f"{uuid.uuid4().hex}.{kind}"
    return CheckedUpload(kind=kind, content_type=KINDS[kind][1], original_name=original_name)


class StorageError(Refusal):
    """The private storage could not take the file (full, read-only, gone); nothing was kept."""


STORAGE_ERROR_MESSAGE = _(
    "文件未能保存：文件存储空间已满或暂时不可写入。文件和相应记录均未保存，请稍后重试；如仍不成功，请联系系统管理员。"
)


@contextlib.contextmanager
def stored_together():
    """Files and database rows as one unit: either both are kept or neither.

    Inside the block, `store(instance, "field", upload)` writes the upload to the field's storage (without
    saving the instance); the block is a transaction. If writing fails (disk full, read-only), the partial
    file is removed and StorageError raised; if anything else in the block fails, the files written so far
    are removed and the error goes on. (A rollback of an *outer* transaction after the block leaves the
    files; services call this at their top level.)
    """
    written = []

    def store(instance, field_name, upload):
        fieldfile = getattr(instance, field_name)
        expected = fieldfile.field.generate_filename(instance, upload.name)
        try:
            fieldfile.save(upload.name, upload, save=False)
        except OSError as error:
            _remove(fieldfile.storage, expected)
            logger.error("private storage refused %s: %s", expected, error)
            raise StorageError(STORAGE_ERROR_MESSAGE, code="storage") from error
        written.append((fieldfile.storage, fieldfile.name))

    try:
        with transaction.atomic():
            yield store
    except BaseException:
        for storage, name in written:
            _remove(storage, name)
        raise


def _remove(storage, name) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError as error:  # the storage is failing: say what is left behind
        logger.error("could not remove %s after a failed upload: %s", name, error)
