"""The one check for files staff upload (document attachments, reply files).

The type is judged by the bytes (puremagic), and must agree with the name's extension, because a
renamed executable must not reach citizens as "通知.pdf". The size limit is a setting. The stored
name is never the uploader's: it is a random name with the detected extension, and the original
name is kept separately for the download.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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
