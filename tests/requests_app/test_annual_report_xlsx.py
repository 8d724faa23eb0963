"""The annual report workbook writes an organisation name that looks like a formula as text."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from requests_app import annual_report
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_formula_like_organisation_name_is_text():
    organisation = OrganisationFactory(name='=HYPERLINK("http://evil.example","年报")')
    data = annual_report.to_xlsx(annual_report.compute(organisation, 2025))
    for name in zipfile.ZipFile(io.BytesIO(data)).namelist():
        if name.startswith("xl/worksheets/sheet"):
            assert "<f>" not in zipfile.ZipFile(io.BytesIO(data)).read(name).decode()
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert sheet["A1"].value.startswith('=HYPERLINK("http://evil.example","年报") 2025年度')
        assert sheet["A1"].data_type == "s"
    assert book.worksheets[0]["H4"].value == 0  # numbers stay numbers
