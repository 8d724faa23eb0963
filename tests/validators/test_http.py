"""What HTTP clients, caches and crawlers expect of the public site: conditional GET, compression, Vary,
HEAD wherever GET is answered, a canonical link on every page, robots rules for every staff path, the styled
CSRF and 405 pages, and page-cache keys that change with the deployed static files."""

import gzip
import io
import json
import re
from collections import deque
from urllib import robotparser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal import caching, display
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"""href=["']([^"'#]+)""")
# Not pages a citizen reads: staff, admin, login, the form endpoints that only redirect, static files.
NOT_PUBLIC = ("/admin/", "/accounts/", "/staff/", "/i18n/", "/static/", "/display/", "/api/")


def public_crawl(client, limit=400):
    """(url, GET response) for the public HTML pages of the seeded demo reachable from home and the sitemap."""
    seen, queue, pages = set(), deque(["/", reverse("portal:guide")]), []
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        pages.append((url, response))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in LINK.findall(response.content.decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith(NOT_PUBLIC) or parts.path.endswith((".csv", ".xlsx", ".docx")) or path in seen:
                continue
            queue.append(path)
    return pages


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())


def test_public_pages_answer_head_like_get_and_carry_one_canonical_link(client, demo):
    pages = public_crawl(client)
    html_pages = [(url, r) for url, r in pages if r.get("Content-Type", "").startswith("text/html")]
    assert len(html_pages) > 50
    for url, response in pages:
        head = client.head(url)
        assert head.status_code == response.status_code, f"HEAD {url}: {head.status_code} vs GET {response.status_code}"
        assert (b"".join(head.streaming_content) if head.streaming else head.content) == b"", url
    for url, response in html_pages:
        if response.status_code != 200:
            continue
        links = re.findall(rb'<link rel="canonical" href="([^"]+)">', response.content)
        assert len(links) == 1, url
        assert links[0].decode().startswith("http"), url


def _fixed_routes(patterns, prefix=""):
    """Every route of the URLconf without path parameters (the ones a sweep can request as they are)."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _fixed_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<" not in route and not route.startswith("^"):
            yield "/" + route


def test_head_is_answered_wherever_get_is_on_every_fixed_route(client):
    OrganisationFactory()
    for path in sorted(set(_fixed_routes(get_resolver().url_patterns))):
        if path.startswith(("/admin/", "/staff/")):
            continue
        get = client.get(path)
        head = client.head(path)
        if get.status_code == 405:
            continue  # a POST-only endpoint refuses both
        assert head.status_code == get.status_code, f"HEAD {path}: {head.status_code} vs GET {get.status_code}"


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt"])
def test_healthz_and_robots_answer_head(client, path):
    assert client.head(path).status_code == 200


def test_pages_answer_conditional_get_and_are_compressed_with_the_right_vary(client):
    OrganisationFactory()
    url = reverse("disclosure:list")
    first = client.get(url, headers={"accept-encoding": "gzip"})
    assert first.status_code == 200
    assert first["Content-Encoding"] == "gzip"
    assert "安平" in gzip.decompress(first.content).decode() or b"<html" in gzip.decompress(first.content)
    vary = {part.strip().lower() for part in first["Vary"].split(",")}
    assert {"cookie", "accept-encoding"} <= vary
    assert "accept-language" not in vary  # the language follows the cookie only (portal/middleware.py)
    etag = first["ETag"]
    assert client.get(url, headers={"accept-encoding": "gzip"})["X-Public-Cache"] == "hit"
    assert client.get(url, headers={"accept-encoding": "gzip", "if-none-match": etag}).status_code == 304
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    assert client.get(url, headers={"if-none-match": plain["ETag"]}).status_code == 304


def test_a_page_cached_for_one_language_is_not_served_for_the_other(client):
    url = reverse("portal:home")
    chinese = client.get(url)
    client.cookies["django_language"] = "en"
    english = client.get(url)
    assert english["ETag"] != chinese["ETag"]
    assert client.get(url, headers={"if-none-match": chinese["ETag"]}).status_code == 200


def staff_paths():
    """A sample path for every URL pattern that belongs to staff (by URL name or route), from the resolver."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route, pattern.namespace or namespace)
            else:
                name = pattern.name or ""
                if (
                    name.startswith("staff")
                    or route.startswith(("staff/", "admin/", "accounts/"))
                    or ("supervision/" in route and namespace == "participation")
                ):
                    yield "/" + re.sub(r"<[^>]+>", "1", route).replace("^", "").replace("$", "")

    return sorted(set(walk(get_resolver().url_patterns)))


def test_robots_txt_disallows_every_staff_path(client):
    parser = robotparser.RobotFileParser()
    parser.parse(client.get(reverse("portal:robots")).content.decode().splitlines())
    paths = staff_paths()
    assert len(paths) > 50
    allowed = [path for path in paths if parser.can_fetch("*", f"http://testserver{path}")]
    assert allowed == []
    assert parser.can_fetch("*", "http://testserver/documents/")


def test_a_form_sent_without_its_token_gets_the_styled_chinese_csrf_page(django_user_model):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期，请重新提交" in page
    assert 'class="site-header"' in page and '<html lang="zh-CN"' in page
    assert "本次提交未带有本网站的 Cookie" in page
    client.cookies["django_language"] = "en"
    english = client.post(reverse("login"), {"username": "x", "password": "y"}).content.decode()
    assert '<html lang="en"' in english and "页面已过期" not in english


def test_a_wrong_method_gets_the_405_page_in_the_site_shell(client):
    response = client.get(reverse("portal:set_display"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "不支持此操作" in page and 'class="site-header"' in page
    assert client.put(reverse("disclosure:list")).status_code == 405


def test_the_api_keeps_its_json_405(client):
    response = client.post(reverse("api:document-list") if _has("api:document-list") else "/api/v1/documents/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    json.loads(response.content)


def _has(name):
    try:
        reverse(name)
    except Exception:
        return False
    return True


def test_the_static_version_is_the_deployed_manifest_hash(settings, tmp_path):
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text(json.dumps({"paths": {}, "version": "1.1", "hash": "deploy-one"}))
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    assert caching.static_version() == "deploy-one"
    manifest.write_text(json.dumps({"paths": {}, "version": "1.1", "hash": "deploy-two"}))
    settings.STORAGES = {**settings.STORAGES}  # a new deploy: workers start again and read the new manifest
    assert caching.static_version() == "deploy-two"


def test_a_deploy_with_new_static_files_never_gets_pages_cached_before_it(client, monkeypatch):
    url = reverse("portal:guide")
    monkeypatch.setattr(caching, "static_version", lambda: "deploy-one")
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"
    monkeypatch.setattr(caching, "static_version", lambda: "deploy-two")
    assert client.get(url)["X-Public-Cache"] == "miss"
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_without_a_manifest_the_static_version_is_empty():
    assert caching.static_version() == ""


@pytest.mark.parametrize(
    ("cookie", "mode"),
    [(None, "standard"), ("large", "large"), ("contrast.large", "large.contrast"), ("nonsense", "standard")],
)
def test_display_modes_are_one_list(rf, settings, cookie, mode):
    request = rf.get("/")
    if cookie:
        request.COOKIES[settings.GONGKAI_DISPLAY_COOKIE] = cookie
    assert caching._display_mode(request) == mode
    assert set(mode.split(".")) <= {"standard", *display.CODES}
