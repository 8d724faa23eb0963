"""The site shell's inspection basics: identity footer, government-website <meta> labels, header search box,
the site map page, and the display modes (large text with read-aloud, high contrast)."""

import re

import pytest
from django.urls import reverse

from portal import display, registry
from portal.site_identity import Identity, current

pytestmark = pytest.mark.django_db

IDENTITY = {
    "sponsor": "安平县人民政府办公室",
    "operator": "安平县大数据中心",
    "contact": "电话 0537-1234567",
    "site_id_code": "3411000001",
    "icp_number": "皖ICP备12345678号",
    "police_number": "皖公网安备 34012302000123号",
    "badge_url": "https://bszs.conac.cn/sitename?method=show&id=ABC",
}


def meta(html, name):
    found = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return found and found.group(1)


def test_footer_shows_nothing_of_the_identity_by_default(client):
    html = client.get("/").content.decode()
    assert "主办单位" not in html and "ICP备案号" not in html and "conac-badge" not in html
    assert current() == Identity()


def test_footer_shows_each_identity_setting_with_its_links(client, settings):
    settings.GONGKAI_SITE_IDENTITY = IDENTITY
    html = client.get("/guide/").content.decode()
    for value in ("安平县人民政府办公室", "安平县大数据中心", "0537-1234567", "3411000001", "皖ICP备12345678号"):
        assert value in html
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">皖ICP备12345678号</a>' in html
    assert "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=34012302000123" in html
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC"' in html
    assert "/static/img/conac-badge.svg" in html  # the badge image is served by this site


def test_only_the_settings_given_are_shown(client, settings):
    settings.GONGKAI_SITE_IDENTITY = {"sponsor": "安平县人民政府办公室"}
    html = client.get("/").content.decode()
    assert "主办单位" in html and "承办单位" not in html and "公安机关备案号" not in html


def test_site_labels_on_every_page(client, settings):
    settings.GONGKAI_SITE_IDENTITY = {**IDENTITY, "site_domain": "www.anping.gov.cn"}
    for url in ("/", "/guide/", reverse("portal:site_map"), reverse("disclosure:list"), "/no-such-page/"):
        html = client.get(url).content.decode()
        assert meta(html, "SiteName") == settings.GONGKAI_SITE_NAME
        assert meta(html, "SiteDomain") == "www.anping.gov.cn"
        assert meta(html, "SiteIDCode") == "3411000001"


def test_site_domain_defaults_to_the_host(client):
    assert meta(client.get("/").content.decode(), "SiteDomain") == "testserver"


def test_column_and_article_labels(client):
    from tests.disclosure.test_search import published

    document = published(title='关于"低保"<标准>的通知', document_number="安民发〔2024〕3号")
    html = client.get(reverse("disclosure:list")).content.decode()
    assert meta(html, "ColumnName") == "法定主动公开内容" and meta(html, "ColumnType")
    html = client.get(document.get_absolute_url()).content.decode()
    assert meta(html, "ArticleTitle") == "关于&quot;低保&quot;&lt;标准&gt;的通知"  # escaped
    assert meta(html, "PubDate") == document.published_on.isoformat()
    assert meta(html, "ContentSource") == document.organisation.name == meta(html, "Author")
    assert meta(html, "Url") == f"http://testserver{document.get_absolute_url()}"
    assert meta(html, "ColumnName") and meta(html, "Keywords") and meta(html, "Description")


def test_every_page_has_a_labelled_search_box(client):
    for url in ("/", "/guide/", reverse("portal:site_map")):
        html = client.get(url).content.decode()
        assert '<label for="site-search-q">' in html and 'id="site-search-q" name="q"' in html
        assert f'action="{reverse("disclosure:search")}" role="search"' in html


def test_site_map_lists_every_apps_declared_pages(client):
    html = client.get(reverse("portal:site_map")).content.decode()
    for group in registry.site_map():
        assert str(group["label"]) in html
        for link in group["links"]:
            assert f'href="{link["url"]}"' in html
    assert reverse("disclosure:search") in html and reverse("catalog:home") in html  # declared by the apps
    assert reverse("portal:site_map") in client.get("/").content.decode()  # linked from the footer


@pytest.mark.parametrize(
    ("cookie", "modes"),
    [("", ()), ("large", ("large",)), ("contrast", ("contrast",)), ("contrast.large", ("large", "contrast")),
     ("large.odd", ("large",)), ("standard", ())],
)  # fmt: skip
def test_display_cookie_parsing(cookie, modes):
    assert display.parse(cookie) == modes


@pytest.mark.parametrize(
    ("current", "code", "on", "after"),
    [((), "large", True, ("large",)), (("large",), "contrast", True, ("large", "contrast")),
     (("large", "contrast"), "large", False, ("contrast",)), ((), "unknown", True, ())],
)  # fmt: skip
def test_switching_a_mode(current, code, on, after):
    assert display.switched(current, code, on) == after


def test_modes_combine_and_are_remembered(client):
    client.post("/display/", {"mode": "contrast", "state": "on", "next": "/"})
    client.post("/display/", {"mode": "large", "state": "on", "next": "/"})
    assert client.cookies["gk_display"].value == "large.contrast"
    html = client.get("/").content.decode()
    assert 'class="large-text high-contrast"' in html
    assert html.count('aria-pressed="true"') == 2
    client.post("/display/", {"mode": "contrast", "state": "off", "next": "/"})
    assert 'class="large-text"' in client.get("/").content.decode()


def test_every_display_mode_has_a_header_toggle_and_its_own_cached_page(client, settings):
    html = client.get("/").content.decode()
    for mode in display.DISPLAY_MODES:
        assert f'name="mode" value="{mode.code}"' in html
        assert f"html.{mode.css_class}" in (settings.BASE_DIR / "static/css/site.css").read_text(encoding="utf-8")


def test_read_aloud_button_is_there_but_hidden_until_the_script_finds_speech(client, settings):
    html = client.get("/").content.decode()
    assert 'id="read-aloud" hidden' in html
    script = (settings.BASE_DIR / "static/js/site.js").read_text(encoding="utf-8")
    assert "speechSynthesis" in script and "http" not in script.split("Read-aloud")[1]
