"""The organisation import: every malformed file gets a row-by-row report (or one file-level reason) and
changes nothing; fuzzed with hypothesis over CSV bytes, CSV text and xlsx cells."""

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from portal.importing import COLUMNS, LIMITS, ImportFileError, import_organisations, read_file
from portal.models import Organisation, OrganisationKind
from tests.factories import OrganisationFactory, make_credit_code

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ROW_MESSAGE = re.compile(r"^第\d+行")

HEADINGS = [names[0] for names in COLUMNS.values()] + ["备注", ""]
KIND_WORDS = [str(label) for _value, label in OrganisationKind.choices] + list(OrganisationKind.values) + ["不知道", ""]
cell_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(KIND_WORDS),
    st.sampled_from(["安平县人民政府", "安平县民政局", "不存在的上级", "91350100M000100Y43", "x" * 200]),
    st.builds(make_credit_code, st.integers(min_value=1, max_value=99_999)),
)


def _snapshot():
    return sorted(Organisation.objects.values_list("pk", "name", "kind", "parent_id", "credit_code", "path"))


def _csv(rows) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import_checked(data: bytes, name: str):
    """Import and hold the answer to the rules: a reason or a report, and nothing changed on any problem."""
    before = _snapshot()
    try:
        rows = read_file(data, name)
    except ImportFileError as error:
        assert str(error)
        assert _snapshot() == before
        return None
    result = import_organisations(rows)
    if result.errors:
        assert all(ROW_MESSAGE.match(message) for message in result.errors), result.errors
        assert (result.created, result.updated) == (0, 0)
        assert _snapshot() == before
    return result


@pytest.fixture
def county():
    return OrganisationFactory(name="安平县人民政府", kind=OrganisationKind.COUNTY)


@FUZZ
@given(data=st.binary(max_size=400), name=st.sampled_from(["orgs.csv", "orgs.xlsx", "orgs.txt"]))
def test_arbitrary_bytes_get_a_reason_and_change_nothing(county, data, name):
    _import_checked(data, name)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=9),
    rows=st.lists(st.lists(cell_text, max_size=9), max_size=8),
)
def test_fuzzed_csv_tables_are_imported_or_reported_row_by_row(county, header, rows):
    _import_checked(_csv([header, *rows]), "orgs.csv")


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=9),
    rows=st.lists(
        st.lists(st.one_of(st.none(), cell_text, st.integers(), st.floats(allow_nan=False), st.booleans()), max_size=9),
        max_size=6,
    ),
)
def test_fuzzed_workbooks_are_imported_or_reported_row_by_row(county, header, rows):
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        data = _xlsx([header, *rows])
    except IllegalCharacterError:  # openpyxl will not write control characters; the CSV test covers them
        return
    _import_checked(data, "orgs.xlsx")


def test_a_malformed_file_gets_a_report_for_every_bad_row(county):
    rows = [
        ["名称", "类型", "上级机构", "统一社会信用代码", "简称"],
        ["安平县示例局", "政府部门", "安平县人民政府", make_credit_code(9_000_700), "示例局"],  # good
        ["", "政府部门", "安平县人民政府", make_credit_code(9_000_701), ""],  # no name
        ["安平县甲局", "不知道", "", make_credit_code(9_000_702), ""],  # kind
        ["安平县乙局", "政府部门", "不存在的上级", make_credit_code(9_000_703), ""],  # parent
        ["安平县示例局", "政府部门", "安平县人民政府", make_credit_code(9_000_704), ""],  # repeats row 2
        ["安平县丙局", "政府部门", "", "12345", ""],  # credit code
        ["安平县丁局\x00", "政府部门", "", make_credit_code(9_000_705), ""],  # NUL
        ["安平县戊局", "政府部门", "安平县戊局", make_credit_code(9_000_706), ""],  # its own parent
        ["安平县己局", "政府部门", "", make_credit_code(9_000_707), "简" * 41],  # too long
    ]
    result = _import_checked(_csv(rows), "orgs.csv")
    lines = [int(re.match(r"第(\d+)行", m).group(1)) for m in result.errors]
    assert sorted(set(lines)) == [3, 4, 5, 6, 7, 8, 9, 10]
    text = "\n".join(result.errors)
    assert "第3行“名称”：不能为空" in text and "第4行“类型”：无法识别“不知道”" in text
    assert "第5行“上级机构”：找不到“不存在的上级”" in text and "第6行“名称”：与第2行重复" in text
    assert "第7行“统一社会信用代码”" in text and "第8行“名称”：含有不可见的控制字符" in text
    assert "第9行“上级机构”：不能是本机构" in text and "第10行“简称”" in text
    assert not Organisation.objects.filter(name="安平县示例局").exists()


def test_row_numbers_count_blank_rows(county):
    result = _import_checked(_csv([["名称", "类型"], [], ["甲", "不知道"]]), "orgs.csv")
    assert result.errors == ["第3行“类型”：无法识别“不知道”。"]


def test_a_cycle_through_existing_organisations_is_a_row_error(county):
    child = OrganisationFactory(name="安平县民政局", parent=county)
    result = _import_checked(
        _csv([["名称", "类型", "上级机构", "统一社会信用代码"], [county.name, "县（市、区）人民政府", child.name, county.credit_code]]),
        "orgs.csv",
    )
    assert result.errors and result.errors[0].startswith("第2行“上级机构”")


@pytest.mark.parametrize("name", ["orgs.csv", "orgs.xlsx"])
def test_a_file_over_the_limits_is_refused_with_the_reason(monkeypatch, name):
    from portal.sheets import SheetLimits

    monkeypatch.setattr("portal.importing.LIMITS", SheetLimits(rows=5, columns=30, cells=1_000))
    rows = [["名称", "类型"], *[[f"机构{i}", "村民委员会"] for i in range(10)]]
    data = _csv(rows) if name.endswith("csv") else _xlsx(rows)
    with pytest.raises(ImportFileError, match="表格过大"):
        read_file(data, name)
    assert LIMITS.rows == 10_000  # the real limit: far beyond any county


def test_a_good_file_imports(county):
    rows = [["名称", "类型", "上级机构", "统一社会信用代码"], ["安平县示例局", "政府部门", county.name, make_credit_code(9_000_720)]]
    result = _import_checked(_csv(rows), "orgs.csv")
    assert (result.created, result.updated, result.errors) == (1, 0, [])
    assert Organisation.objects.get(name="安平县示例局").parent == county


def test_a_credit_code_in_use_is_a_row_error(county):
    rows = [["名称", "类型", "统一社会信用代码"], ["安平县新局", "政府部门", county.credit_code]]
    result = _import_checked(_csv(rows), "orgs.csv")
    assert result.errors == [f"第2行“统一社会信用代码”：已由“{county.name}”使用。"]
