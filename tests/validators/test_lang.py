"""English pages mark the Chinese they show from the database (titles, bodies, organisation names) with
`lang="zh-CN"`, so screen readers switch voice and browsers pick Chinese fonts (WCAG 3.1.2 Language of Parts)."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Han characters: Chinese words. Full-width punctuation alone (、：（）) is not Chinese text; English
# translations use it beside marked names ("Notice of praise：<span lang=zh-CN>…</span>").
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class LanguageOfParts(HTMLParser):
    """Collects the texts with Chinese characters whose nearest `lang` is not Chinese."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang)
        self.unmarked = []
        self.skip = 0

    def lang(self):
        for _tag, lang in reversed(self.stack):
            if lang is not None:
                return lang
        return ""

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))
        if tag in ("script", "style", "title"):  # a title cannot mark its parts; the page's lang covers it
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            popped, _lang = self.stack.pop()
            if popped in ("script", "style", "title"):
                self.skip -= 1
            if popped == tag:
                break

    def handle_data(self, data):
        if not self.skip and HAN.search(data) and not self.lang().lower().startswith("zh"):
            self.unmarked.append(" ".join(data.split())[:60])


def unmarked_chinese(html: str) -> list[str]:
    parser = LanguageOfParts()
    parser.feed(html)
    return parser.unmarked


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<html lang="en"><p>Title: <span lang="zh-CN">低保</span></p></html>', []),
        ('<html lang="en"><p>Title: 低保</p></html>', ["Title: 低保"]),
        ('<html lang="zh-CN"><p>低保 <span lang="en">English</span> 标准</p></html>', []),
        ('<html lang="en"><td lang="zh-CN">民政局<br>安平县</td><td>ok</td></html>', []),
        ('<html lang="en"><script>var a = "低保";</script></html>', []),
        ('<html lang="en"><p>Notice：<span lang="zh-CN">通报</span>、<span lang="zh-CN">表扬</span></p></html>', []),
        (
            '<html lang="en"><select><option value="">All</option><option lang="zh-CN">民政局</option></select></html>',
            [],
        ),
        ('<html lang="en"><select><option value="1">民政局</option></select></html>', ["民政局"]),
    ],
)
def test_the_checker(html, found):
    assert unmarked_chinese(html) == found


def test_english_pages_mark_every_chinese_text_from_the_database(settings):
    """Every main page (tests/validators/pages.py) rendered in English marks all the Chinese it shows: titles,
    bodies, 文号, catalog cells, organisation and domain names (in <option>s too), search headings. One seeding
    for all pages keeps the test fast."""
    from disclosure.models import Document
    from tests.validators.pages import main_pages

    call_command("seed_demo", stdout=io.StringIO())
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    unmarked_by_page = {}
    for name, path in main_pages():
        html = client.get(path).content.decode()
        assert '<html lang="en"' in html, path
        if unmarked := unmarked_chinese(html):
            unmarked_by_page[name] = sorted(set(unmarked))[:5]
    assert not unmarked_by_page

    document = Document.objects.public().select_related("organisation").order_by("-published_at").first()
    html = client.get(document.get_absolute_url()).content.decode()
    assert re.search(r'<h1 [^>]*lang="zh-CN"', html)
    html = client.get(reverse("disclosure:list")).content.decode()
    assert re.search(r'<option value="[^"]+"[^>]* lang="zh-CN">', html)
