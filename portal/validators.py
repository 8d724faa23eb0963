"""Check characters of the national identifier standards, as pure functions plus Django validators.

The rules are in shared/reference/metadata.md: GB 32100-2015 for the unified social credit code and
GB 11643-1999 for the resident identity number.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def credit_code_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code whose first 17 characters are given."""
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    if len(code) != 18 or any(c not in CREDIT_CODE_ALPHABET for c in code):
        return False
    return credit_code_check_character(code[:17]) == code[17]


def resident_id_check_character(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_resident_id(number: str) -> bool:
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return resident_id_check_character(number[:17]) == number[17]


def normalise_code(value: str) -> str:
    """Upper-case and strip the spaces people type into codes."""
    return "".join(value.split()).upper()


def validate_credit_code(value: str) -> None:
    code = normalise_code(value)
    if len(code) != 18:
        raise ValidationError(_("统一社会信用代码应为18位，当前为%(n)d位。"), code="length", params={"n": len(code)})
    bad = sorted({c for c in code if c not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、Z、S、V）。"),
            code="alphabet",
            params={"chars": "".join(bad)},
        )
    if not is_valid_credit_code(code):
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对后重新输入。"), code="check")


def validate_resident_id(value: str) -> None:
    number = normalise_code(value)
    if len(number) != 18 or not number[:17].isdigit():
        raise ValidationError(_("居民身份证号码应为18位（前17位为数字）。"), code="format")
    if not is_valid_resident_id(number):
        raise ValidationError(_("居民身份证号码校验位或出生日期不正确，请核对后重新输入。"), code="check")


def validate_not_in_future(value: dt.date) -> None:
    """For dates that record something that has happened (written, formed, received, answered): a slip of
    the keyboard (2062, 9999) would otherwise push every deadline computed from it past the calendar's end."""
    if value and value > timezone.localdate():
        raise ValidationError(_("日期不能晚于今天。"), code="future")
