"""The public page cache: anonymous readers only, per language and display mode, dropped on publication."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.response import TemplateResponse
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.decorators.cache import never_cache

from portal.caching import GENERATION_KEY, bump_public_generation, cache_public_page, public_generation
from tests.factories import UserFactory

COUNTER = {"calls": 0}


def counting_view(request, status=200, set_cookie=False, add_message=False):
    COUNTER["calls"] += 1
    if add_message:
        messages.info(request, "已保存")
    response = HttpResponse(f"render {COUNTER['calls']}", status=status)
    if set_cookie:
        response.set_cookie("seen", "1")
    return response


view = cache_public_page(counting_view)


@pytest.fixture(autouse=True)
def _reset():
    COUNTER["calls"] = 0
    translation.activate("zh-hans")
    yield
    translation.activate("zh-hans")


def make_request(path="/documents/?page=2", user=None, cookies=None, method="get"):
    request = getattr(RequestFactory(), method)(path)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    for name, value in (cookies or {}).items():
        request.COOKIES[name] = value
    return request


def body(response):
    return response.content.decode()


def test_second_anonymous_request_is_a_hit():
    first = view(make_request())
    second = view(make_request())
    assert body(first) == body(second) == "render 1"
    assert first["X-Public-Cache"] == "miss" and second["X-Public-Cache"] == "hit"
    assert COUNTER["calls"] == 1


def test_query_string_is_part_of_the_key():
    view(make_request("/documents/?page=2"))
    assert body(view(make_request("/documents/?page=3"))) == "render 2"


def test_head_is_served_from_a_stored_get_but_never_stored():
    view(make_request(method="head"))
    assert body(view(make_request())) == "render 2"
    assert view(make_request(method="head"))["X-Public-Cache"] == "hit"
    assert COUNTER["calls"] == 2


def test_post_is_never_cached():
    view(make_request(method="post"))
    view(make_request(method="post"))
    assert COUNTER["calls"] == 2


@pytest.mark.django_db
def test_authenticated_users_are_never_served_or_stored():
    user = UserFactory()
    view(make_request())  # stored for anonymous readers
    assert body(view(make_request(user=user))) == "render 2"
    assert body(view(make_request(user=user))) == "render 3"
    assert body(view(make_request())) == "render 1"


def test_language_has_its_own_page():
    view(make_request())
    translation.activate("en")
    assert body(view(make_request())) == "render 2"
    assert body(view(make_request())) == "render 2"
    translation.activate("zh-hans")
    assert body(view(make_request())) == "render 1"


def test_large_text_mode_has_its_own_page(settings):
    view(make_request())
    large = {settings.GONGKAI_DISPLAY_COOKIE: "large"}
    assert body(view(make_request(cookies=large))) == "render 2"
    assert body(view(make_request(cookies=large))) == "render 2"
    # any other value is the standard display, as in the context processor
    assert body(view(make_request(cookies={settings.GONGKAI_DISPLAY_COOKIE: "odd"}))) == "render 1"


@pytest.mark.django_db
def test_generation_bump_drops_every_page():
    view(make_request())
    bump_public_generation()
    assert body(view(make_request())) == "render 2"
    assert body(view(make_request())) == "render 2"


def test_lost_generation_restarts_from_a_number_pages_never_carried():
    before = public_generation()
    view(make_request())
    cache.delete(GENERATION_KEY)
    assert public_generation() != before
    assert body(view(make_request())) == "render 2"


@pytest.mark.django_db
def test_bump_also_counts_after_the_commit(django_capture_on_commit_callbacks):
    # a page rendered from the old rows between the change and its commit is left under an old number
    with django_capture_on_commit_callbacks(execute=True):
        before = public_generation()
        bump_public_generation()
        assert public_generation() == before + 1
    assert public_generation() == before + 2


@pytest.mark.django_db
def test_bump_creates_a_missing_generation():
    cache.delete(GENERATION_KEY)
    bump_public_generation()
    assert cache.get(GENERATION_KEY) is not None


@pytest.mark.parametrize("status", [404, 302, 500])
def test_non_200_responses_are_not_stored(status):
    view(make_request(), status=status)
    view(make_request(), status=status)
    assert COUNTER["calls"] == 2


def test_responses_setting_cookies_are_not_stored():
    view(make_request(), set_cookie=True)
    view(make_request(), set_cookie=True)
    assert COUNTER["calls"] == 2


def test_a_request_carrying_messages_bypasses_the_cache():
    view(make_request())
    request = make_request()
    messages.success(request, "申请已提交")
    assert body(view(request)) == "render 2"  # not the stored page, which would hide the message
    assert body(view(make_request())) == "render 1"


def test_a_page_that_queued_messages_is_not_stored():
    view(make_request(), add_message=True)
    view(make_request())
    assert COUNTER["calls"] == 2


def test_private_and_no_store_responses_are_not_stored():
    never = cache_public_page(never_cache(counting_view))
    never(make_request())
    never(make_request())
    assert COUNTER["calls"] == 2


def test_a_page_with_a_csrf_token_is_not_stored():
    def form_view(request):
        COUNTER["calls"] += 1
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    cached_form = cache_public_page(form_view)
    cached_form(make_request())
    cached_form(make_request())
    assert COUNTER["calls"] == 2


def test_template_responses_are_stored_once_rendered():
    template = engines["django"].from_string("page {{ n }}")

    def template_view(request):
        COUNTER["calls"] += 1
        return TemplateResponse(request, template, {"n": COUNTER["calls"]})

    cached = cache_public_page(template_view)
    first = cached(make_request())
    first.render()
    assert body(cached(make_request())) == "page 1"
    assert COUNTER["calls"] == 1


def test_setting_zero_turns_the_cache_off(settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    view(make_request())
    view(make_request())
    assert COUNTER["calls"] == 2


@pytest.mark.django_db
def test_shell_forms_work_without_a_csrf_token_and_pages_carry_none():
    client = Client(enforce_csrf_checks=True)
    html = client.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in client.cookies
    response = client.post("/display/", {"mode": "large", "next": "/guide/"})
    assert response.status_code == 302 and client.cookies["gk_display"].value == "large"
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_logged_in_staff_keep_the_logout_token(client):
    client.force_login(UserFactory())
    assert "csrfmiddlewaretoken" in client.get("/").content.decode()
