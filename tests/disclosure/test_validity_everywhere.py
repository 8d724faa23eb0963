"""A repeal or expiry dated later shows as in force until its day on every page and in the API: the list filters, the
policy library, the exports and the API use the same rule as the document page (disclosure/validity.py)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Document
from disclosure.validity import validity_on

from .test_public_views import published

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = TODAY + dt.timedelta(days=30)
EARLIER = TODAY - dt.timedelta(days=30)

CASES = {  # name: (stored validity, effective on, in effect today)
    "valid": ("valid", None, "valid"),
    "repeal_later": ("repealed", LATER, "valid"),
    "expiry_later": ("expired", LATER, "valid"),
    "repealed": ("repealed", EARLIER, "repealed"),
    "repealed_today": ("repealed", TODAY, "repealed"),
    "expired": ("expired", EARLIER, "expired"),
    "expired_undated": ("expired", None, "expired"),
}


@pytest.fixture
def documents():
    return {
        name: published(doc_type="normative", validity=stored, validity_changed_on=on, title=f"文件{name}")
        for name, (stored, on, _) in CASES.items()
    }


def expected(state):
    return {name for name, (*_, now) in CASES.items() if now == state}


def test_the_queryset_and_the_pure_rule_agree(documents):
    for name, (stored, on, now) in CASES.items():
        assert validity_on(stored, on, TODAY).state == now, name
    for state in ("valid", "expired", "repealed"):
        found = set(Document.objects.in_effect(state).values_list("title", flat=True))
        assert found == {f"文件{name}" for name in expected(state)}, state


@pytest.mark.parametrize("state", ["valid", "expired", "repealed"])
def test_list_page_and_policy_library_filter_by_the_validity_in_effect(client, documents, state):
    for url in (reverse("disclosure:list"), reverse("column:policies")):
        response = client.get(url, {"validity": state})
        shown = response.content.decode()
        for name in CASES:
            assert (f"文件{name}" in shown) == (name in expected(state)), (url, state, name)


def test_a_later_repeal_reads_as_in_force_on_the_list_and_the_document_page(client, documents):
    later = documents["repeal_later"]
    page = client.get(later.get_absolute_url()).content.decode()
    assert "此文件已废止" not in page and f"此文件将于 {LATER:%Y-%m-%d} 废止" in page


def test_the_api_shows_and_filters_the_validity_in_effect(client, documents):
    rows = {row["title"]: row for row in client.get("/api/v1/documents/").json()["results"]}
    later = rows["文件repeal_later"]
    assert later["validity"] == "valid" and later["validity_pending"] == "repealed"
    assert later["validity_changed_on"] == LATER.isoformat() and later["validity_label"] == "有效"
    assert rows["文件repealed"]["validity"] == "repealed" and rows["文件repealed"]["validity_pending"] == ""
    detail = client.get(f"/api/v1/documents/{documents['expiry_later'].pk}/").json()
    assert detail["validity"] == "valid" and detail["validity_pending"] == "expired"
    for state in ("valid", "expired", "repealed"):
        titles = {row["title"] for row in client.get("/api/v1/documents/", {"validity": state}).json()["results"]}
        assert titles == {f"文件{name}" for name in expected(state)}, state


def test_the_export_names_the_validity_in_effect(client, documents):
    csv = client.get(reverse("disclosure:export_csv")).getvalue().decode("utf-8-sig")
    line = next(line for line in csv.splitlines() if "文件repeal_later" in line)
    assert ",有效," in line and LATER.isoformat() in line
