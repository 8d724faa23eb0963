"""Every template of the site: no Chinese text outside the translation tags, and no line over 200 characters.

The check reads templates with Django's own template lexer, so it sees what the template engine sees: text,
{{ variables }}, {% tags %} and comments. Chinese is marked when it sits inside {% translate %} /
{% blocktranslate %}…{% endblocktranslate %} (or the old trans / blocktrans spellings) or in a `_("…")`
literal; comments are ignored. Anything else would stay Chinese for an English visitor.

A template that reproduces an official document in its prescribed Chinese wording (the annual report's print
layout) says so in a comment containing OFFICIAL_CHINESE and is not checked for it.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TRANSLATED_LITERAL = re.compile(r"""_\(\s*(?:"[^"]*"|'[^']*')\s*\)""")
MAX_LINE = 200
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}
# Not user interface: the language switcher names each language in itself ("简体中文" stays Chinese in English).
LANGUAGE_NAMES = {str(name) for _code, name in settings.LANGUAGES}
OFFICIAL_CHINESE = "official-chinese:"


def _template_files():
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine["DIRS"]]
    roots += sorted(Path(settings.BASE_DIR).glob("*/templates"))  # apps' own templates, if any
    seen = set()
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file() and ".venv" not in path.parts and path not in seen:
                seen.add(path)
                yield path


TEMPLATES = list(_template_files())
IDS = [str(p.relative_to(settings.BASE_DIR)) for p in TEMPLATES]


def unmarked_chinese(source: str) -> list[tuple[int, str]]:
    """(line, text) of every piece of Chinese the template does not mark for translation."""
    found, inside_blocktranslate, inside_comment = [], False, False
    for token in Lexer(source).tokenize():
        words = token.split_contents() if token.token_type == TokenType.BLOCK else []
        tag = words[0] if words else ""
        if inside_comment:
            inside_comment = tag != "endcomment"
            continue
        if tag == "comment":
            inside_comment = True
            continue
        if tag in ("blocktranslate", "blocktrans"):
            inside_blocktranslate = True
            continue
        if tag in ("endblocktranslate", "endblocktrans"):
            inside_blocktranslate = False
            continue
        if token.token_type == TokenType.COMMENT or inside_blocktranslate or tag in ("translate", "trans"):
            continue
        text = TRANSLATED_LITERAL.sub("", token.contents)
        for name in LANGUAGE_NAMES:
            text = text.replace(name, "")
        if HAN.search(text):
            found.append((token.lineno, " ".join(text.split())[:80]))
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{% translate "公开" %} {% blocktranslate %}第{{ n }}版{% endblocktranslate %}', []),
        ("{# 说明 #}{% comment %}注释{% endcomment %}<p>ok</p>", []),
        ('{% include "x.html" with title=_("标题") %}{{ value|default:_("无") }}', []),
        ("<p>公开</p>", [(1, "<p>公开</p>")]),
        ('{{ value|default:"无" }}', [(1, 'value|default:"无"')]),
        ('{% with title="标题" %}{% endwith %}', [(1, 'with title="标题"')]),
        ("<p>\n{% blocktrans %}旧写法{% endblocktrans %}</p>\n<b>未标</b>", [(2, "</p> <b>未标</b>")]),
    ],
)
def test_the_check_itself(source, expected):
    assert unmarked_chinese(source) == expected


def test_every_template_is_checked():
    names = set(IDS)
    assert {
        "templates/base.html",
        "templates/forms/field.html",
        "templates/requests_app/emails/submitted.body.txt",
    } <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_unmarked_chinese(path):
    source = path.read_text(encoding="utf-8")
    if OFFICIAL_CHINESE in source:
        pytest.skip("an official document in its prescribed Chinese wording")
    assert unmarked_chinese(source) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_line_over_200_characters(path):
    long_lines = [
        (number, len(line))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert long_lines == []


SPLIT_TAG = re.compile(r"\{\s*\n\s*[{%]|[}%]\s*\n\s*\}")  # "{" + newline + "{ name }}": a tag a line wrap cut in two


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_template_tag_split_across_lines(path):
    """A wrap that splits `{{`/`{%` (or `}}`/`%}`) over two lines prints the tag's text instead of its value."""
    assert SPLIT_TAG.findall(path.read_text(encoding="utf-8")) == []


# A status or state (`status`, `order.state`, `signup_state`) compared with a string literal, either way round.
_LITERAL = r"""(?:"[^"]*"|'[^']*')"""
_STATUS = r"[\w.]*(?:status|state)\w*(?:\|[\w:]+)*"
_COMPARED = r"\s*(?:==|!=|not\s+in|in)\s*"
STATUS_COMPARISON = re.compile(rf"(?<![\w.\"']){_STATUS}{_COMPARED}{_LITERAL}|{_LITERAL}{_COMPARED}{_STATUS}(?![\w.])")


def status_comparisons(source: str) -> list[tuple[int, str]]:
    """(line, tag) of every {% if %}/{% elif %} that compares a status or state with a string literal."""
    return [
        (token.lineno, token.contents)
        for token in Lexer(source).tokenize()
        if token.token_type == TokenType.BLOCK
        and token.contents.split()[:1] in (["if"], ["elif"])
        and STATUS_COMPARISON.search(token.contents)
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{% if message.status == "received" %}{% endif %}', [(1, 'if message.status == "received"')]),
        ("{% if x %}{% elif state != 'open' %}{% endif %}", [(1, "elif state != 'open'")]),
        ('{% if signup_state == "open" and form %}{% endif %}', [(1, 'if signup_state == "open" and form')]),
        ('{% if "done" == job.state %}{% endif %}', [(1, 'if "done" == job.state')]),
        ('{% if order.state in "open answered" %}{% endif %}', [(1, 'if order.state in "open answered"')]),
        ('{% if c.status|lower not in "approved" %}{% endif %}', [(1, 'if c.status|lower not in "approved"')]),
        ("{% if message.is_answered and order.is_open %}{% endif %}", []),
        ("{% for value, label in statuses %}{% if status == value %}{% endif %}{% endfor %}", []),  # the view's choice
        ('{% if e.kind == "transferred" %}{% endif %}{# status == "x" #}', []),
    ],
)
def test_the_status_check_itself(source, expected):
    assert status_comparisons(source) == expected


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_status_compared_with_a_string(path):
    """Templates never compare status strings (docs/conventions.md): the model says `is_answered`, the view passes
    flags or workflow buttons, so a renamed status cannot silently hide a button."""
    assert status_comparisons(path.read_text(encoding="utf-8")) == []


UNFOCUSABLE_REGION = re.compile(r'<div class="table-wrap"(?![^>]*\btabindex="0")[^>]*>')


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_every_scrollable_table_region_takes_keyboard_focus(path):
    """A wide table scrolls inside `.table-wrap` on a phone; without tabindex="0" a keyboard user cannot scroll it
    (axe: scrollable-region-focusable). The validators see only the pages they sweep; this sees every template."""
    assert UNFOCUSABLE_REGION.findall(path.read_text(encoding="utf-8")) == []
