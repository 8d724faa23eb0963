"""Plain public pages stored whole for anonymous readers (portal/plain_pages.py): each is exactly the page the
templates make for each reader, costs a fixed number of queries, and is never served stale — after a change of
public content, a deploy, its expiry — nor to staff, to an address with a query, or with messages waiting."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from disclosure import services
from disclosure.models import Document
from portal import caching, plain_pages, stored_pages
from portal.display import CODES
from portal.models import StoredPage
from portal.roles import Role
from tests.catalog.factories import publish_catalog
from tests.disclosure.factories import published
from tests.factories import OrganisationFactory, member
from tests.interaction.factories import write_message
from tests.participation.factories import ConsultationFactory

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MARKERS = (stored_pages.URL_MARKER, stored_pages.HOST_MARKER, stored_pages.CLASSES_MARKER, stored_pages.TOGGLES_MARKER)


@pytest.fixture(autouse=True)
def _stored_pages_on(settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.GONGKAI_STORED_PAGES = True
    plain_pages._not_storable.clear()


@pytest.fixture
def site():
    """An organisation with a published catalog, documents, an answered message and a consultation."""
    org = OrganisationFactory(name="清源县民政局")
    publish_catalog(org)
    for title in ("关于调整城乡低保标准的通知", "清源县民政局2026年部门预算"):
        published(organisation=org, title=title)
    write_message(org)
    ConsultationFactory(organisation=org)
    return org


def _plain_names(patterns=None, namespace=""):
    """(view name, URL parameter names) of every URL whose view stores its plain page."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _plain_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "plain_page"):
            yield f"{namespace}{pattern.name}", tuple(pattern.pattern.regex.groupindex)


def _paths(org):
    paths = []
    for name, parameters in _plain_names():
        assert set(parameters) <= {"org_pk"}, f"{name}: give the sweep a value for {parameters}"
        paths.append(reverse(name, kwargs={"org_pk": org.pk} if parameters else {}))
    return paths


def get(client, path, language="zh-hans", display="standard", **extra):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.cookies[settings.GONGKAI_DISPLAY_COOKIE] = "" if display == "standard" else display
    return client.get(path, **extra)


def _templates_page(client, path, settings, **kwargs):
    settings.GONGKAI_STORED_PAGES = False
    try:
        return get(client, path, **kwargs)
    finally:
        settings.GONGKAI_STORED_PAGES = True


def test_the_sweep_covers_the_menus_pages(site):
    paths = _paths(site)
    menu = plain_pages.menu_paths()
    assert set(menu) <= set(paths)
    for name in ("portal:home", "disclosure:list", "disclosure:search", "catalog:home", "column:index",
                 "interaction:home", "participation:home", "villages:index"):  # fmt: skip
        assert reverse(name) in menu


@pytest.mark.parametrize("display", ["standard", ".".join(CODES)])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_stored_page_is_the_page_the_templates_make(client, site, settings, language, display):
    for path in _paths(site):
        made = _templates_page(client, path, settings, language=language, display=display)
        first = get(client, path, language, display)  # renders and stores
        again = get(client, path, language, display)  # served stored
        assert made.status_code == first.status_code == again.status_code == 200, path
        assert StoredPage.objects.filter(path=path, language=language).exists(), path
        assert again.content == first.content == made.content, path
        assert without_etag(again) == without_etag(made), path
        for marker in MARKERS:
            assert marker not in again.content.decode(), (path, marker)


def without_etag(response):
    return {name: value for name, value in response.items() if name != "ETag"}


def test_the_etag_changes_with_the_page_and_answers_conditional_requests(client, site):
    """A stored page's ETag is made from its stored digest and the reader's values, not from hashing the body."""
    path = reverse("disclosure:list")
    get(client, path)
    tag = get(client, path)["ETag"]
    assert get(client, path)["ETag"] == tag and tag.startswith('"')
    assert get(client, path, display="large")["ETag"] != tag
    assert get(client, path, language="en")["ETag"] != tag
    assert get(client, path, HTTP_IF_NONE_MATCH=tag).status_code == 304
    published(organisation=site, title="城乡医疗救助办法")
    assert get(client, path)["ETag"] != tag


def test_a_stored_page_costs_one_query_whatever_the_data(client, site, django_assert_num_queries):
    path = reverse("disclosure:list")
    get(client, path)
    with django_assert_num_queries(1):  # the stored row; the generation comes from the cache
        response = get(client, path)
    assert "关于调整城乡低保标准的通知" in response.content.decode()
    for _ in range(30):
        published(organisation=site)
    get(client, path)  # a publication: rendered again once
    with django_assert_num_queries(1):
        get(client, path)


def test_a_publication_shows_at_once(client, site):
    path = reverse("disclosure:list")
    assert "城乡医疗救助办法" not in get(client, path).content.decode()
    published(organisation=site, title="城乡医疗救助办法")
    assert "城乡医疗救助办法" in get(client, path).content.decode()


def test_a_withdrawal_shows_at_once(client, site):
    path = reverse("disclosure:list")
    document = Document.objects.get(title="关于调整城乡低保标准的通知")
    assert document.title in get(client, path).content.decode()
    services.withdraw(document, by=member(Role.REVIEWER, site), reason="内容有误")
    assert document.title not in get(client, path).content.decode()


def test_a_page_rendered_under_an_old_generation_is_not_served(client, site, monkeypatch):
    """The generation is read before rendering: a page rendered from rows a transaction changed meanwhile is
    stored under the generation before the change, which the change's bump has made old."""
    path = reverse("catalog:home")
    get(client, path)
    StoredPage.objects.filter(path=path).update(body=b"<p>stale-page</p>", digest="0" * 32)
    assert get(client, path).content.decode() == "<p>stale-page</p>"
    caching.bump_public_generation()
    assert "stale-page" not in get(client, path).content.decode()


def test_a_new_build_or_the_expiry_renders_it_again(client, site, monkeypatch):
    path = reverse("catalog:home")
    get(client, path)
    StoredPage.objects.filter(path=path).update(body=b"<p>stale-page</p>", digest="0" * 32)
    monkeypatch.setattr(plain_pages, "build_id", lambda: "another-deploy")
    assert "stale-page" not in get(client, path).content.decode()
    StoredPage.objects.filter(path=path).update(body=b"<p>stale-page</p>", expires=0)
    assert "stale-page" not in get(client, path).content.decode()


@pytest.mark.parametrize("name", ["portal:home", "participation:home", "participation:open_days"])
def test_pages_with_the_coming_open_days_expire_within_minutes(client, site, name):
    path = reverse(name)
    get(client, path)
    row = StoredPage.objects.get(path=path, language="zh-hans")
    assert row.expires - plain_pages.time.time() <= 300


def test_any_page_is_rendered_again_within_the_hour(client, site):
    path = reverse("catalog:home")
    get(client, path)
    row = StoredPage.objects.get(path=path, language="zh-hans")
    assert row.expires - plain_pages.time.time() <= plain_pages.MAX_SECONDS


def test_the_build_id_is_the_same_whatever_language_hashed_it_first(settings):
    from django.utils import translation

    ids = []
    for language in LANGUAGES:
        plain_pages._build_id_of.cache_clear()
        with translation.override(language):
            ids.append(plain_pages.build_id())
    assert len(set(ids)) == 1


def test_with_the_page_cache_on_a_publication_still_shows_at_once(client, site, settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 300  # production with Redis: the page cache around the stored page
    path = reverse("disclosure:list")
    first = get(client, path)
    assert get(client, path)[caching.CACHE_HEADER] == "hit"
    published(organisation=site, title="城乡医疗救助办法")
    again = get(client, path)
    assert "城乡医疗救助办法" in again.content.decode() and "城乡医疗救助办法" not in first.content.decode()


def test_what_a_replica_served_request_cached_is_not_stored_in_a_page(client, site):
    """Rendering to store reads the primary, and data kept with cached_public_data is computed afresh then."""
    calls = []
    with caching.fresh_public_data():
        caching.cached_public_data("x", lambda: calls.append(1) or "fresh")
        assert caching.cached_public_data("x", lambda: calls.append(2) or "fresh") == "fresh"
    assert calls == [1, 2]
    caching.cached_public_data("y", lambda: "from a replica")
    with caching.fresh_public_data():
        assert caching.cached_public_data("y", lambda: "from the primary") == "from the primary"
    assert caching.cached_public_data("y", lambda: "not computed") == "from the primary"  # and kept


def test_a_database_that_refuses_the_write_costs_only_the_storing(client, site, monkeypatch):
    from django.db import OperationalError

    def refused(*args, **kwargs):
        raise OperationalError("cannot execute INSERT in a read-only transaction")

    monkeypatch.setattr(StoredPage.objects, "bulk_create", refused)
    response = get(client, reverse("disclosure:list"))
    assert response.status_code == 200 and "关于调整城乡低保标准的通知" in response.content.decode()
    assert not StoredPage.objects.exists()


def test_rendering_ahead_skips_a_page_that_is_gone(site):
    gone = OrganisationFactory(name="已撤销的机构")
    path = reverse("column:home", kwargs={"org_pk": gone.pk})
    gone.delete()
    assert plain_pages.render_ahead([path, reverse("catalog:home")]) == len(LANGUAGES)  # the next one is stored


@pytest.mark.parametrize("request_kind", ["query", "staff"])
def test_what_is_never_served_stored(client, site, request_kind):
    path = reverse("disclosure:list")
    get(client, path)
    StoredPage.objects.filter(path=path).update(body=b"<p>stored</p>")
    if request_kind == "query":
        response = get(client, path + "?sort=old")
    else:
        client.force_login(member(Role.EDITOR, site))
        response = get(client, path)
    assert "stored" not in response.content.decode()


def test_head_is_served_stored_and_post_is_the_views(client, site):
    path = reverse("disclosure:list")
    get(client, path)
    StoredPage.objects.filter(path=path).update(body=b"<p>stored</p>", digest="1" * 32)
    head = client.head(path)
    assert head.status_code == 200 and head.content == b"" and head["ETag"]
    assert client.post(path).status_code == 405  # require_safe: nothing stored answers a POST


def test_with_messages_waiting_the_page_is_rendered(client, site):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    path = reverse("disclosure:list")
    get(client, path)
    StoredPage.objects.filter(path=path).update(body=b"<p>stored</p>")
    storage = CookieStorage(HttpRequest())
    storage.add(constants.SUCCESS, "已退订")
    cookie_value = storage._encode([*storage._queued_messages])
    client.cookies["messages"] = cookie_value
    response = get(client, path)
    assert "stored" not in response.content.decode() and "已退订" in response.content.decode()


def test_without_the_shared_cache_pages_are_rendered(client, site, monkeypatch):
    path = reverse("disclosure:list")
    get(client, path)
    StoredPage.objects.filter(path=path).update(body=b"<p>stored</p>")

    def down():
        raise caching.CacheUnavailable

    monkeypatch.setattr(caching, "public_generation", down)
    response = get(client, path)
    assert response.status_code == 200 and "关于调整城乡低保标准的通知" in response.content.decode()


def test_a_missing_organisation_is_a_404_and_does_not_stop_storing(client, site):
    assert get(client, reverse("column:home", kwargs={"org_pk": 999999})).status_code == 404
    assert not StoredPage.objects.filter(path__contains="999999").exists()
    path = reverse("column:home", kwargs={"org_pk": site.pk})
    assert get(client, path).status_code == 200
    assert StoredPage.objects.filter(path=path).exists()


def test_a_page_that_differs_by_reader_is_rendered_for_each(rf, site):
    """A view whose page took a CSRF token (a form posting) is rendered for each reader, and not tried again."""
    from django.contrib.auth.models import AnonymousUser
    from django.middleware.csrf import get_token

    calls = []

    def with_a_form(request):
        calls.append(request)
        get_token(request)
        return HttpResponse("<form>token</form>")

    wrapped = plain_pages.plain_page(with_a_form)
    path = reverse("catalog:home")
    for _ in range(2):
        request = rf.get(path)
        request.user = AnonymousUser()
        assert wrapped(request).content == b"<form>token</form>"
    assert len(calls) == 3  # tried for storing once, then rendered for each reader
    assert not StoredPage.objects.exists()


def test_the_task_worker_renders_the_menu_ahead(site):
    assert plain_pages.render_ahead() == len(plain_pages.menu_paths()) * len(LANGUAGES)
    for path in plain_pages.menu_paths():
        assert StoredPage.objects.filter(path=path).count() == len(LANGUAGES)


def test_turned_off_nothing_is_stored(client, site, settings):
    settings.GONGKAI_STORED_PAGES = False
    get(client, reverse("disclosure:list"))
    assert not StoredPage.objects.exists()


@pytest.fixture
def queue(settings):
    """A queue that keeps what is enqueued, as the worker's database queue would."""
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    caching._call("delete", plain_pages.RENDER_AHEAD_PENDING_KEY)
    default_task_backend.clear()
    yield default_task_backend
    caching._call("delete", plain_pages.RENDER_AHEAD_PENDING_KEY)


def _queued(backend):
    from portal.tasks import render_plain_pages

    return [r for r in backend.results if r.task.name == render_plain_pages.name]


def test_a_burst_of_publications_queues_one_rendering_ahead(queue, site):
    for _ in range(3):
        caching.public_content_changed.send(sender=None)
    [result] = _queued(queue)
    assert result.task.run_after is not None


def test_a_rendering_that_started_lets_the_next_change_queue_another(queue, site):
    from portal.tasks import render_plain_pages

    caching.public_content_changed.send(sender=None)
    render_plain_pages.call()
    assert StoredPage.objects.filter(path=reverse("disclosure:list")).count() == len(LANGUAGES)
    caching.public_content_changed.send(sender=None)
    assert len(_queued(queue)) == 2


def test_a_queue_that_is_down_costs_only_the_rendering_ahead(queue, site, monkeypatch):
    from portal.tasks import render_plain_pages

    def down(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(type(render_plain_pages), "enqueue", down)
    caching.public_content_changed.send(sender=None)  # logged, not raised
    assert _queued(queue) == []


def test_without_a_generation_every_worker_sees_they_are_off(client, site, settings):
    """GONGKAI_STORED_PLAIN_PAGES is off by default in production without a shared cache (portal/settings.py)."""
    settings.GONGKAI_STORED_PLAIN_PAGES = False
    assert get(client, reverse("disclosure:list")).status_code == 200
    assert plain_pages.render_ahead() == 0
    assert not StoredPage.objects.exists()


def test_one_row_per_page_not_per_spelling_of_its_address(client, site):
    path = reverse("column:home", kwargs={"org_pk": site.pk})
    assert get(client, path.replace(f"/{site.pk}/", f"/000{site.pk}/")).status_code == 200
    assert not StoredPage.objects.exists()
    get(client, path)
    assert StoredPage.objects.filter(path=path).count() == 1


def test_the_command_renders_ahead_and_forgets_old_rows(site):
    from django.core.management import CommandError, call_command

    call_command("render_plain_pages")
    assert StoredPage.objects.count() == len(plain_pages.menu_paths()) * len(LANGUAGES)
    StoredPage.objects.filter(path=reverse("catalog:home")).update(generation=1)
    call_command("render_plain_pages", reverse("column:home", kwargs={"org_pk": site.pk}), "--forget-old")
    assert not StoredPage.objects.filter(path=reverse("catalog:home")).exists()
    assert StoredPage.objects.filter(path=reverse("column:home", kwargs={"org_pk": site.pk})).count() == 2
    for path in ("/requests/", "/no-such-page/"):
        with pytest.raises(CommandError):
            call_command("render_plain_pages", path)
