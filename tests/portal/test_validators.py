import pytest
from django.core.exceptions import ValidationError

from portal.validators import (
    credit_code_check_character,
    is_valid_credit_code,
    is_valid_resident_id,
    validate_credit_code,
    validate_resident_id,
)

CREDIT_CODES = [
    ("91350100M000100Y43", True, "well-known valid example from GB 32100 guidance"),
    ("11100000000013127D", True, "State Council General Office-style organ code"),
    ("91350100M000100Y44", False, "wrong check character"),
    ("91350100M000100Y4", False, "17 characters"),
    ("91350100M000100YI3", False, "I is not in the alphabet"),
    ("", False, "empty"),
]


@pytest.mark.parametrize(("code", "valid", "why"), CREDIT_CODES)
def test_credit_code(code, valid, why):
    assert is_valid_credit_code(code) is valid, why


def test_credit_code_check_character_round_trip():
    first17 = "11371799000000010"
    code = first17 + credit_code_check_character(first17)
    assert is_valid_credit_code(code)


def test_validator_messages_are_chinese_and_specific():
    with pytest.raises(ValidationError, match="18位"):
        validate_credit_code("123")
    with pytest.raises(ValidationError, match="不允许的字符"):
        validate_credit_code("91350100M000100YO3")
    with pytest.raises(ValidationError, match="校验位"):
        validate_credit_code("91350100M000100Y44")
    validate_credit_code(" 91350100m000100y43 ")  # spaces and lower case are normalised


RESIDENT_IDS = [
    ("11010519491231002X", True, "GB 11643 standard example, X check"),
    ("11010519491231002x", True, "lower-case x accepted"),
    ("440524188001010014", True, "GB 11643 standard example"),
    ("440524188001010015", False, "wrong check digit"),
    ("110105194913310021", False, "invalid birth date"),
    ("11010519491231002", False, "17 characters"),
]


@pytest.mark.parametrize(("number", "valid", "why"), RESIDENT_IDS)
def test_resident_id(number, valid, why):
    assert is_valid_resident_id(number) is valid, why


def test_resident_id_validator():
    with pytest.raises(ValidationError):
        validate_resident_id("440524188001010015")
    validate_resident_id("11010519491231002X")


def test_validation_messages_are_translated():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from portal.validators import validate_credit_code, validate_resident_id

    with translation.override("en"):
        for validator, value in ((validate_resident_id, "123"), (validate_credit_code, "91")):
            try:
                validator(value)
            except ValidationError as error:
                assert not any("\u4e00" <= ch <= "\u9fff" for ch in error.messages[0]), error.messages
            else:
                raise AssertionError("no error")
