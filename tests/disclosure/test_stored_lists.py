"""The document list for any filter values, from a stored shell and stored rows (disclosure/stored_lists.py):
byte for byte the page the templates make, two queries whatever the data, never stale after a publication,
an edit, a rename, a deploy or a change of day, and never served for addresses it must not store."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import DatabaseError, OperationalError
from django.utils import timezone

from disclosure import rendering, stored_lists
from disclosure.models import Document, RenderedListRow, Validity
from portal import caching, plain_pages
from portal.display import CODES
from portal.models import StoredPage
from tests.catalog.factories import publish_catalog
from tests.disclosure.factories import published
from tests.factories import OrganisationFactory
from tests.portal.test_plain_pages import MARKERS, get, without_etag
from tests.portal.test_plain_pages import _templates_page as templates_page

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
LIST = "/documents/"


@pytest.fixture(autouse=True)
def _stored_pages_on(settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.GONGKAI_STORED_PAGES = True
    plain_pages._not_storable.clear()
    stored_lists.compiled_list.cache_clear()
    stored_lists._kept_shells.clear()


@pytest.fixture
def county():
    """A county office and a township, with 25 documents (more than a page) in two domains."""
    office = OrganisationFactory(name="清源县民政局")
    township = OrganisationFactory(name="城关镇人民政府", parent=office)
    items = publish_catalog(office)
    documents = []
    for day in range(25):
        org = township if day % 3 else office
        documents.append(
            published(
                organisation=org,
                title=f"关于第{day}批救助名单的公示",
                published_on=dt.date(2026, 1, 1) + dt.timedelta(days=day),
            )
        )
    documents[3].validity, documents[3].validity_changed_on = Validity.REPEALED, dt.date(2026, 6, 1)
    documents[3].save()
    return {"office": office, "township": township, "documents": documents, "items": items}


def addresses(county):
    office, documents = county["office"], county["documents"]
    cursor = f"{documents[10].published_on.isoformat()}.{documents[10].pk}"
    domain = documents[0].domain.code
    return [
        f"{LIST}?organisation={office.pk}",
        f"{LIST}?organisation={office.pk}&domain=&doc_type=&year=&validity=&sort=new",  # the form as submitted
        f"{LIST}?domain={domain}&sort=old",
        f"{LIST}?year=2026&validity=repealed",
        f"{LIST}?after={cursor}",
        f"{LIST}?before={cursor}",
        f"{LIST}?organisation={county['township'].pk}&after={cursor}",
        f"{LIST}?sort=old&before={cursor}",
        f"{LIST}?year=1999",  # no documents
        f"{LIST}?after=not-a-cursor",
        f"{LIST}?sort=new&after=2024-01-01.99999999999999999999",  # an id no database holds: the first page
    ]


@pytest.mark.parametrize("display", ["standard", ".".join(CODES)])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_stored_list_is_the_page_the_templates_make(client, county, settings, language, display):
    for address in addresses(county):
        made = templates_page(client, address, settings, language=language, display=display)
        first = get(client, address, language, display)  # stores the shell and the rows
        again = get(client, address, language, display)  # served from them
        assert made.status_code == first.status_code == again.status_code == 200, address
        assert again.content == first.content == made.content, address
        assert without_etag(again) == without_etag(made), address
        for marker in (*MARKERS, stored_lists.RESULTS_MARKER):
            assert marker not in again.content.decode(), (address, marker)
    assert StoredPage.objects.filter(path__startswith=f"{LIST}?", language=language).exists()
    assert RenderedListRow.objects.filter(language=language).count() == len(county["documents"])


def test_deeper_pages_share_their_filters_shell(client, county):
    documents = county["documents"]
    first = get(client, f"{LIST}?sort=new")
    after = f"{documents[12].published_on.isoformat()}.{documents[12].pk}"
    get(client, f"{LIST}?sort=new&after={after}")
    assert list(StoredPage.objects.filter(path__startswith=f"{LIST}?").values_list("path", flat=True)) == [
        f"{LIST}?sort=new"
    ]
    assert 'rel="next"' in first.content.decode()


def test_a_stored_list_costs_one_query_whatever_the_data(client, county, django_assert_num_queries):
    address = f"{LIST}?organisation={county['office'].pk}"
    get(client, address)
    with django_assert_num_queries(1):  # the page of rows with their stored HTML; the shell is kept in memory
        get(client, address)
    stored_lists._kept_shells.clear()  # another worker, or a shell pushed out of memory
    with django_assert_num_queries(2):  # the shell too
        get(client, address)
    for day in range(10):
        published(organisation=county["office"], title=f"补充公示{day}")
    get(client, address)
    with django_assert_num_queries(1):
        get(client, address)


def test_a_shell_kept_in_memory_is_read_again_when_it_expires(client, county, monkeypatch):
    address = f"{LIST}?sort=new"
    get(client, address)
    StoredPage.objects.filter(path=address).update(body=b"", expires=0)  # expired in the table too
    generation, build, shell = stored_lists._kept_shells[(address, "zh-hans")]
    stored_lists._kept_shells[(address, "zh-hans")] = (generation, build, plain_pages.Stored(b"stale", "", 1))
    assert "第24批" in get(client, address).content.decode()


def test_shells_in_memory_are_bounded(client, county, monkeypatch):
    monkeypatch.setattr(stored_lists, "SHELLS_IN_MEMORY", 2)
    for year in (2024, 2025, 2026):
        get(client, f"{LIST}?year={year}")
    assert list(stored_lists._kept_shells) == [(f"{LIST}?year=2025", "zh-hans"), (f"{LIST}?year=2026", "zh-hans")]


def test_a_publication_shows_at_once(client, county):
    address = f"{LIST}?organisation={county['office'].pk}"
    get(client, address)
    published(organisation=county["office"], title="城乡医疗救助办法", published_on=dt.date(2026, 11, 30))
    assert "城乡医疗救助办法" in get(client, address).content.decode()


def test_an_edit_a_withdrawal_and_a_rename_show_at_once(client, county):
    address = f"{LIST}?organisation={county['office'].pk}"
    get(client, address)
    document = county["documents"][24 - 24 % 3]  # the office's newest
    document.title = "关于调整救助名单的公示（更正）"
    document.save()
    assert "（更正）" in get(client, address).content.decode()
    county["office"].name = "清源县民政和退役军人事务局"
    county["office"].save()
    assert "清源县民政和退役军人事务局" in get(client, address).content.decode().split('class="doc-list"')[1]


def test_a_validity_that_changes_with_the_day_is_shown_on_the_day(client, county):
    document = county["documents"][24]
    later = timezone.localdate() + dt.timedelta(days=5)
    document.validity, document.validity_changed_on = Validity.REPEALED, later
    document.save()
    assert f"将于 {later.isoformat()} 废止" in get(client, f"{LIST}?sort=new").content.decode()
    # The day comes with no save (as `update()` sends no signal): the stored row shows what it showed then.
    Document.objects.filter(pk=document.pk).update(validity_changed_on=timezone.localdate())
    after = get(client, f"{LIST}?sort=new").content.decode()
    assert "将于" not in after and f"（自 {timezone.localdate().isoformat()} 起）" in after


def test_a_new_build_renders_the_rows_again(client, county, monkeypatch):
    address = f"{LIST}?sort=new"
    get(client, address)
    monkeypatch.setattr(rendering, "build_id", lambda: "another-build")
    get(client, address)
    assert set(RenderedListRow.objects.values_list("build", flat=True)) == {"another-build"}


@pytest.mark.parametrize(
    "query",
    [
        {"organisation": "999999"},  # not an organisation: the form shows its error
        {"year": "abc"},
        {"q": "救助"},  # not a filter of this page
        {"utm_source": "weixin", "sort": "new"},
        {"domain": "x" * 400},
    ],
)
def test_addresses_it_must_not_store_are_rendered_as_before(client, county, settings, query):
    address = f"{LIST}?{urlencode(query)}"
    made = templates_page(client, address, settings)
    assert get(client, address).content == made.content
    assert not StoredPage.objects.filter(path__startswith=f"{LIST}?").exists()


@pytest.mark.parametrize("cursor", ["gongkai:stored-page-full-path", "gongkai%3Astored-page-full-path"])
def test_a_query_holding_a_marker_is_rendered_as_before(client, county, settings, cursor):
    address = f"{LIST}?sort=new&after={cursor}"
    assert get(client, address).content == templates_page(client, address, settings).content
    assert not StoredPage.objects.filter(path__startswith=f"{LIST}?").exists()


def test_a_primary_that_does_not_answer_for_a_missing_row_costs_the_stored_list(client, county, settings, monkeypatch):
    address = f"{LIST}?sort=new"
    made = templates_page(client, address, settings)

    def unreachable(*args, **kwargs):
        raise OperationalError("the primary did not answer")

    monkeypatch.setattr(stored_lists, "render_and_store_rows", unreachable)
    assert get(client, address).content == made.content


def test_a_refused_write_of_rows_costs_only_the_storing(client, county, monkeypatch):
    def refused(*args, **kwargs):
        raise DatabaseError("canceling statement due to statement timeout")

    monkeypatch.setattr(RenderedListRow.objects, "bulk_create", refused)
    assert "第24批" in get(client, f"{LIST}?sort=new").content.decode()
    assert not RenderedListRow.objects.exists()


def test_a_repeated_parameter_is_rendered_as_before(client, county):
    get(client, f"{LIST}?sort=new&sort=old")
    assert not StoredPage.objects.filter(path__startswith=f"{LIST}?").exists()


def test_staff_get_the_templates_page(client, county, django_user_model):
    client.force_login(django_user_model.objects.create_user("clerk"))
    client.get(f"{LIST}?sort=new")
    assert not StoredPage.objects.filter(path__startswith=f"{LIST}?").exists()


def test_shells_per_generation_are_bounded(client, county, monkeypatch):
    monkeypatch.setattr(stored_lists, "SHELLS_PER_GENERATION", 2)
    for year in (2024, 2025, 2026):
        get(client, f"{LIST}?year={year}")
    assert StoredPage.objects.filter(path__startswith=f"{LIST}?").count() == 2
    assert "第24批" in get(client, f"{LIST}?year=2026").content.decode()  # rendered as before
    caching.bump_public_generation()
    get(client, f"{LIST}?year=2026")
    assert StoredPage.objects.filter(path=f"{LIST}?year=2026").exists()


def test_the_cache_down_renders_the_page_as_before(client, county, monkeypatch, settings):
    address = f"{LIST}?sort=new"
    made = templates_page(client, address, settings)

    def down():
        raise caching.CacheUnavailable

    monkeypatch.setattr(caching, "public_generation", down)
    assert get(client, address).content == made.content
    assert not StoredPage.objects.exists()


def test_the_task_after_a_change_deletes_the_shells_it_made_old(client, county):
    from portal.tasks import render_plain_pages

    get(client, f"{LIST}?year=2026")
    caching.bump_public_generation()  # a publication
    render_plain_pages.call()
    assert not StoredPage.objects.filter(path=f"{LIST}?year=2026").exists()
    assert StoredPage.objects.filter(path=LIST).exists()  # the menu's pages, rendered ahead
