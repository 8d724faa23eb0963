"""Upload checks for reply files: type judged by content (puremagic), never by the name; size limited."""

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

ALLOWED_EXTENSIONS = {".pdf", ".docx", ".xlsx", ".doc", ".xls", ".ofd", ".jpg", ".jpeg", ".png", ".zip"}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".zip": "application/zip",
    ".ofd": "application/ofd",
}


def validate_upload(upload) -> str:
    """Return the content type detected from the bytes, or raise a Chinese ValidationError."""
    limit = getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 50 * 1024 * 1024)
    if upload.size > limit:
        raise ValidationError(
            "文件“%(name)s”超过大小限制（%(limit)s）。", params={"name": upload.name, "limit": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ValidationError("文件“%(name)s”是空文件。", params={"name": upload.name})
    head = upload.read(4096)
    upload.seek(0)
    try:
        extension = puremagic.from_string(head).lower()
    except puremagic.PureError:
        extension = ""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            "无法识别文件“%(name)s”的类型，或该类型不允许上传（允许 PDF、OFD、Word、Excel、图片、ZIP）。",
            params={"name": upload.name},
        )
    return CONTENT_TYPES[extension]
