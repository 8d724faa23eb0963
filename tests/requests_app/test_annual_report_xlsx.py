"""The annual report workbook writes formula-like texts (an organisation name, the written parts) as text."""

import io
import zipfile
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from requests_app import annual_report
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example","年报")'


def test_formula_like_texts_are_text_and_numbers_stay_numbers():
    organisation = OrganisationFactory(name=HYPERLINK)
    record = SimpleNamespace(overview="=1+1", problems="-无", other_matters="@见附件")
    data = annual_report.to_xlsx(annual_report.complete(organisation, 2025, {}), record)
    package = zipfile.ZipFile(io.BytesIO(data))
    for name in package.namelist():
        if name.startswith("xl/worksheets/sheet"):
            assert "<f>" not in package.read(name).decode()
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert sheet["A1"].value.startswith(f"{HYPERLINK} 2025年度") and sheet["A1"].data_type == "s"
    texts = book["一、五、六"]
    assert [texts["B2"].value, texts["B3"].value] == ["=1+1", "-无"]
    assert texts["B2"].data_type == "s" and texts["B2"].quotePrefix
    assert book.worksheets[0]["H5"].value == 0  # numbers stay numbers
