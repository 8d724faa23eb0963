"""The village-affairs staff forms and the kiosk's forms under hostile input: a form error or a 4xx, never a 500
(the shared fuzzing kit of tests/test_fuzz.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import OrganisationFactory
from tests.test_fuzz import FUZZ, client_for, data_for, fuzz_page
from tests.villages.factories import item, staff, township, village
from villages.models import BenefitKind, Column

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(db):
    town = township()
    clerk, reviewer = staff(town)
    spot = village(town)
    draft = item(spot, clerk=clerk, reviewer=reviewer)
    benefits = item(spot, column=Column.BENEFITS, benefit_kind=BenefitKind.OTHER, clerk=clerk, reviewer=reviewer)
    OrganisationFactory(name="安平县民政局")
    return {"town": town, "clerk": clerk, "village": spot, "draft": draft, "benefits": benefits}


def staff_targets(place):
    base = f"/staff/org/{place['town'].pk}/villages/"
    return [
        base + f"{place['village'].pk}/items/new/",
        base + f"items/{place['draft'].pk}/edit/",
        base + f"items/{place['draft'].pk}/event/?event=submit",
        base + f"items/{place['benefits'].pk}/recipients/",
        base + f"{place['village'].pk}/contacts/new/",
    ]


@pytest.mark.parametrize("index", range(5))
@FUZZ
@given(data=st.data())
def test_village_staff_forms(place, index, data):
    url = staff_targets(place)[index]
    extra = ("column", "year", "quarter", "income", "happened_on", "file", "comment", "page")
    fuzz_page(client_for(place["clerk"]), url, "post", data_for(data), extra)


@pytest.mark.parametrize("url", ["/hall/apply/", "/hall/track/", "/hall/reset/"])
@FUZZ
@given(data=st.data())
def test_kiosk_forms(place, url, data):
    fuzz_page(client_for(), url, "post", data_for(data), ())


@pytest.mark.parametrize("url", ["/hall/documents/", "/villages/", "/villages/{village}/decisions/"])
@FUZZ
@given(data=st.data())
def test_public_query_parameters(place, url, data):
    fuzz_page(client_for(), url.format(village=place["village"].pk), "get", data_for(data), ("q", "page"))
