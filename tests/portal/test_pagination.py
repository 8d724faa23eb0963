"""Staff lists and admin changelists page without counting (portal/pagination.py, issue #17).

The pages over the big tables run a fixed number of queries, whatever the number of rows, and none of them
is a COUNT: at a million documents the count was most of a staff page's database time.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosure import services as disclosure_services
from disclosure.models import Status
from portal.pagination import MAX_PAGE, UncountedPage, page_number, paginate
from portal.roles import Role
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member
from tests.interaction.factories import write_message
from tests.requests_app.factories import InformationRequestFactory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, 1),
        ("", 1),
        ("1", 1),
        ("2", 2),
        (" 3", 3),
        ("0", 1),
        ("-4", 1),
        ("x", 1),
        ("2.5", 1),
        ("last", 1),
        (str(MAX_PAGE), MAX_PAGE),
        (str(MAX_PAGE + 1), 1),
        ("9" * 40, 1),
        (7, 7),
    ],
)
def test_page_number(raw, expected):
    assert page_number(raw) == expected


ROWS = list(range(1, 26))  # 25 rows, 10 a page: pages 1, 2 full, page 3 holds 5


@pytest.mark.parametrize(
    ("raw", "number", "rows", "has_previous", "has_next"),
    [
        (None, 1, list(range(1, 11)), False, True),
        ("2", 2, list(range(11, 21)), True, True),
        ("3", 3, list(range(21, 26)), True, False),
        ("4", 1, list(range(1, 11)), False, True),  # past the end: the first page, as Paginator.get_page
        ("junk", 1, list(range(1, 11)), False, True),
    ],
)
def test_paginate_edges(raw, number, rows, has_previous, has_next):
    page = paginate(ROWS, raw, 10)
    assert (page.number, list(page), page.has_previous(), page.has_next) == (number, rows, has_previous, has_next)
    assert page.has_other_pages() and page.is_uncounted
    assert page.start_index() == rows[0] and page.end_index() == rows[-1]


@pytest.mark.parametrize(
    ("rows", "has_next", "other_pages"),
    [([], False, False), (list(range(10)), False, False), (list(range(11)), True, True)],
)
def test_one_page_or_exactly_full(rows, has_next, other_pages):
    page = paginate(rows, "1", 10)
    assert page.has_next == has_next and page.has_other_pages() == other_pages and len(page) == min(len(rows), 10)


def test_neighbour_page_numbers_refuse_past_the_ends():
    page = UncountedPage(object_list=[1], number=1, has_next=False, per_page=10)
    with pytest.raises(Exception, match="less than 1"):
        page.previous_page_number()
    with pytest.raises(Exception, match="no results"):
        page.next_page_number()


def sql_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in captured.captured_queries]


def assert_bounded(client, url, grow):
    """The page's queries are the same in number with few and with more rows than a page, and none counts."""
    client.get(url)  # warm the per-process caches (content types, the calendar)
    _response, few = sql_of(client, url)
    grow()
    response, many = sql_of(client, url)
    counting = [sql for sql in few + many if "COUNT(" in sql.upper()]
    assert counting == [], counting
    assert len(many) == len(few), "\n".join(many)
    return response


@pytest.mark.django_db
def test_staff_documents_list_counts_nothing(client):
    org = OrganisationFactory()
    client.force_login(member(Role.REVIEWER, org))
    DocumentFactory.create_batch(3, organisation=org)
    url = reverse("disclosure:staff_home", kwargs={"org_pk": org.pk})
    response = assert_bounded(client, url, lambda: DocumentFactory.create_batch(31, organisation=org, published=True))
    assert response.context["page_obj"].has_next and "第 1 页" in response.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["page_obj"]) == 4 and not second.context["page_obj"].has_next
    filtered = client.get(url, {"status": Status.DRAFT})
    assert [d.status for d in filtered.context["page_obj"]] == [Status.DRAFT] * 3


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["staff_review", "staff_reassessment"])
def test_document_queues_count_nothing(client, name):
    org = OrganisationFactory()
    client.force_login(member(Role.REVIEWER, org))
    url = reverse(f"disclosure:{name}", kwargs={"org_pk": org.pk})
    assert_bounded(client, url, lambda: DocumentFactory.create_batch(5, organisation=org, status=Status.SUBMITTED))


@pytest.mark.django_db
def test_staff_requests_queue_counts_nothing(client):
    org = OrganisationFactory()
    client.force_login(member(Role.REQUEST_HANDLER, org))
    url = reverse("requests_app:staff_queue", kwargs={"org_pk": org.pk})
    InformationRequestFactory(organisation=org)
    assert_bounded(client, url, lambda: InformationRequestFactory.create_batch(3, organisation=org))


@pytest.mark.django_db
def test_staff_messages_queue_counts_nothing(client):
    org = OrganisationFactory()
    client.force_login(member("message_handler", org))
    url = reverse("interaction_staff:queue", kwargs={"org_pk": org.pk})
    write_message(org)
    assert_bounded(client, url, lambda: [write_message(org) for _ in range(3)])


def documents(n):
    org = OrganisationFactory()
    return lambda: DocumentFactory.create_batch(n, organisation=org, published=True)


ADMIN_PAGES = [
    ("admin:disclosure_document_changelist", {}),
    ("admin:disclosure_document_changelist", {"status__exact": "published"}),
    ("admin:disclosure_document_changelist", {"published_on_year": "2026"}),
    ("admin:disclosure_document_changelist", {"q": "低保"}),
    ("admin:requests_app_informationrequest_changelist", {}),
    ("admin:requests_app_informationrequest_changelist", {"year": "2025"}),
    ("admin:requests_app_requestevent_changelist", {}),
    ("admin:interaction_message_changelist", {}),
    ("admin:auditlog_logentry_changelist", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "params"), ADMIN_PAGES)
def test_admin_changelists_over_big_tables_count_nothing(admin_client, name, params):
    url = reverse(name) + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
    org = OrganisationFactory()

    def grow():
        DocumentFactory.create_batch(3, organisation=org, published=True)
        InformationRequestFactory.create_batch(2, organisation=org)
        write_message(org)

    grow()
    response = assert_bounded(admin_client, url, grow)
    assert response.context["cl"].paginator is None


@pytest.mark.django_db
def test_admin_documents_changelist_pages_with_previous_and_next(admin_client, settings):
    org = OrganisationFactory()
    DocumentFactory.create_batch(5, organisation=org, published=True)
    url = reverse("admin:disclosure_document_changelist")
    from disclosure.admin import DocumentAdmin

    DocumentAdmin.list_per_page, per_page = 2, DocumentAdmin.list_per_page
    try:
        pages = [admin_client.get(url, {"p": n}) for n in (1, 2, 3, 4)]
    finally:
        DocumentAdmin.list_per_page = per_page
    sizes = [len(page.context["cl"].result_list) for page in pages]
    assert sizes == [2, 2, 1, 2]  # past the end: the first page
    first, second, last = (page.content.decode() for page in pages[:3])
    assert 'rel="next"' in first and 'rel="prev"' not in first and "第 1 页" in first
    assert 'rel="next"' in second and 'rel="prev"' in second and "p=3" in second
    assert 'rel="next"' not in last and "第 3 页" in last
    assert pages[0].context["cl"].result_list[0].published_on >= pages[1].context["cl"].result_list[0].published_on


@pytest.mark.django_db
def test_admin_document_search_finds_by_index_number_and_by_word(admin_client):
    org = OrganisationFactory()
    wanted = DocumentFactory(organisation=org, published=True, title="关于做好冬季供暖工作的通知")
    other = DocumentFactory(organisation=org, published=True, title="关于调整城乡低保标准的通知")
    for document in (wanted, other):  # fill the search text, as publishing does (PostgreSQL searches it)
        disclosure_services.prepare(document)
        document.save()
    url = reverse("admin:disclosure_document_changelist")
    by_number = admin_client.get(url, {"q": wanted.index_number}).context["cl"].result_list
    by_word = admin_client.get(url, {"q": "供暖"}).context["cl"].result_list
    assert [d.pk for d in by_number] == [wanted.pk] and [d.pk for d in by_word] == [wanted.pk]
    assert other.pk in [d.pk for d in admin_client.get(url, {"q": "低保"}).context["cl"].result_list]
    assert list(admin_client.get(url, {"q": "没有这个词"}).context["cl"].result_list) == []
