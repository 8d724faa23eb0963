"""Fuzzing the public and staff forms and the public query parameters (DEBUG off): never a server error.

Each target page is asked first (GET) which fields its forms have; hypothesis then sends hostile values for
those fields — control characters and NUL, very long text, dates that do not exist, numbers past every
column's range, lists where one value is expected — and every answer must be a form error, a redirect or a
4xx. An exception in a view fails the test with its traceback (the test client re-raises it).
"""

import datetime as dt
import os

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from catalog.models import Domain
from portal.roles import Role
from requests_app.actions import ACTIONS
from requests_app.models import State
from tests.catalog.factories import CatalogItemFactory, publish_catalog
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member
from tests.requests_app.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

# Per target (about 50 targets, run on SQLite and PostgreSQL); GONGKAI_FUZZ_EXAMPLES=200 for a long hunt.
EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "12"))

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "\ud7ff\ufffe",
            " ",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%00",
            "../../etc/passwd",
            "9" * 40,
            "-1",
            "0",
            "1e309",
            "NaN",
            "2026-02-30",
            "0000-00-00",
            "9999-12-31",
            "0001-01-01",
            "10000-01-01",
            "1990-01-01T00:00",
            "〔2026〕",
            "a" * 5000,
            "true",
            "[]",
            "{}",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
)
field_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=0, max_size=3))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as drawn, at once
)


@pytest.fixture
def world(db):
    """One organisation with staff in every role and something in every state."""
    org = OrganisationFactory()
    users = {role: member(role, org) for role in Role.values}
    published = DocumentFactory(organisation=org, published=True)
    draft = DocumentFactory(organisation=org)
    version = publish_catalog(org, items=2)
    item = CatalogItemFactory(organisation=org, domain=version.catalog.domain)
    today = timezone.localdate()
    received = InformationRequestFactory(organisation=org, received_on=today)
    submitted = InformationRequestFactory(
        organisation=org,
        channel="online",
        state=State.SUBMITTED,
        received_on=None,
        submitted_at=timezone.make_aware(dt.datetime.combine(today, dt.time(8))),
    )
    return {
        "org": org,
        "users": users,
        "published": published,
        "draft": draft,
        "item": item,
        "domain": version.catalog.domain,
        "received": received,
        "submitted": submitted,
    }


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def field_names(response):
    names = []
    for key in ("form", "filter", "filter_form", "attachment_form", "comment_form"):
        form = response.context.get(key) if response.context else None
        form = getattr(form, "form", form)
        if form is not None and hasattr(form, "fields"):
            names += [form.add_prefix(name) for name in form.fields]
    return sorted(set(names))


def fuzz_page(client, url, method, draw_data, extra_names=()):
    discovered = client.get(url)
    assert discovered.status_code < 500
    names = sorted(set(field_names(discovered) if discovered.status_code == 200 else []) | set(extra_names))
    data = draw_data(names)
    response = client.post(url, data) if method == "post" else client.get(url, data)
    assert response.status_code < 500, (url, data)


def data_for(data):
    return lambda names: {name: data.draw(field_value, label=name) for name in names}


PUBLIC_GETS = [
    ("/documents/", ["organisation", "domain", "item", "doc_type", "year", "validity", "sort", "q", "after", "before"]),
    ("/search/", ["q", "page", "organisation", "domain", "year", "after", "before"]),
    ("/catalog/", ["q", "page"]),
    ("/cleanup/", ["page", "organisation"]),
    ("/requests/annual-reports/", ["organisation", "year"]),
    ("/requests/deadlines/", ["channel", "received_on", "arrived_on", "confirmed_on", "extension_days"]),
    ("/sitemap.xml", ["p"]),
    ("/sitemap-documents.xml", ["p"]),
    ("/column/policies/", ["organisation", "doc_type", "year", "validity", "sort", "after", "before"]),
]


@pytest.mark.parametrize(("url", "names"), PUBLIC_GETS)
@FUZZ
@given(data=st.data())
def test_public_query_parameters(world, url, names, data):
    fuzz_page(client_for(), url, "get", data_for(data), names)


@FUZZ
@given(data=st.data())
def test_public_pages_with_ids_in_the_path(world, data):
    org, domain = world["org"], world["domain"]
    urls = [
        f"/catalog/org/{org.pk}/",
        f"/catalog/org/{org.pk}/{domain.code}/",
        f"/catalog/org/{org.pk}/{domain.code}/versions/",
        f"/documents/{world['published'].pk}/",
        f"/feeds/organisation/{org.pk}/rss/",
        f"/feeds/domain/{domain.code}/atom/",
        f"/column/org/{org.pk}/statutory/normative/",
        f"/column/org/{org.pk}/rules/",
    ]
    fuzz_page(client_for(), data.draw(st.sampled_from(urls)), "get", data_for(data), ["page", "q", "v", "number"])


PUBLIC_POSTS = [
    ("/requests/", ()),
    ("/requests/track/", ()),
    ("/display/", ("mode", "next")),
    ("/i18n/setlang/", ("language", "next")),
    ("/accounts/login/", ("username", "password", "next")),
]


@pytest.mark.parametrize(("url", "extra"), PUBLIC_POSTS)
@FUZZ
@given(data=st.data())
def test_public_forms(world, url, extra, data):
    fuzz_page(client_for(), url, "post", data_for(data), extra)


def staff_targets(world):
    org, draft, item, domain = world["org"], world["draft"], world["item"], world["domain"]
    docs = f"/staff/org/{org.pk}/documents/"
    catalog = f"/staff/org/{org.pk}/catalog/"
    return [
        (Role.EDITOR, docs + "new/", "post"),
        (Role.EDITOR, docs + f"{draft.pk}/edit/", "post"),
        (Role.EDITOR, docs + f"{draft.pk}/submit/", "post"),
        (Role.EDITOR, docs + f"{draft.pk}/attachments/", "post"),
        (Role.EDITOR, docs, "get"),
        (Role.REVIEWER, docs + "cleanup/", "post"),
        (Role.REVIEWER, docs + "cleanup/", "get"),
        (Role.REVIEWER, docs + f"{world['published'].pk}/withdraw/", "post"),
        (Role.REVIEWER, docs + f"{draft.pk}/reassess/", "post"),
        (Role.REVIEWER, docs + "review/", "get"),
        (Role.EDITOR, catalog + f"{domain.code}/add/", "post"),
        (Role.EDITOR, catalog + f"items/{item.pk}/edit/", "post"),
        (Role.EDITOR, catalog + f"items/{item.pk}/move/", "post"),
        (Role.EDITOR, catalog + f"items/{item.pk}/not-applicable/", "post"),
        (Role.EDITOR, catalog + f"{domain.code}/adopt/", "post"),
        (Role.EDITOR, catalog + f"{domain.code}/import/", "post"),
        (Role.EDITOR, catalog + "negative/", "post"),
        (Role.ORGANISATION_ADMIN, f"/staff/org/{org.pk}/members/", "post"),
        (Role.REQUEST_HANDLER, f"/staff/org/{org.pk}/requests/new/", "post"),
        (Role.REQUEST_HANDLER, f"/staff/org/{org.pk}/requests/", "get"),
        (Role.EDITOR, f"/staff/org/{org.pk}/column/guide/edit/", "post"),
        (Role.EDITOR, f"/staff/org/{org.pk}/column/rules/edit/", "post"),
        (Role.EDITOR, f"/staff/org/{org.pk}/column/profile/edit/", "post"),
        (Role.EDITOR, f"/staff/org/{org.pk}/column/profile/leaders/new/", "post"),
        (Role.REVIEWER, f"/staff/org/{org.pk}/column/guide/event/send_back/", "post"),
    ]


STAFF_EXTRA = ("comment", "direction", "reason", "entries", "file", "documents", "q", "page", "status")


@pytest.mark.parametrize("index", range(25))
@FUZZ
@given(data=st.data())
def test_staff_forms(world, index, data):
    role, url, method = staff_targets(world)[index]
    fuzz_page(client_for(world["users"][role]), url, method, data_for(data), STAFF_EXTRA)


@pytest.mark.parametrize("action", sorted(ACTIONS))
@FUZZ
@given(data=st.data())
def test_request_actions(world, action, data):
    request = world["submitted"] if action == "confirm_receipt" else world["received"]
    role = Role.REVIEWER if action == "approve_reply" else Role.REQUEST_HANDLER
    url = f"/staff/org/{world['org'].pk}/requests/{request.pk}/do/{action}/"
    fuzz_page(client_for(world["users"][role]), url, "post", data_for(data), ("on", "comment"))


def test_domains_exist_for_the_fuzzing_world(world):
    assert Domain.objects.filter(code=world["domain"].code).exists()
