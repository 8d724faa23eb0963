"""The one sanitiser of document bodies: what survives, what goes, and what Word's pasted HTML becomes."""

import re
from pathlib import Path

import pytest

from disclosure.richtext import ALLOWED_TAGS, EDITOR_EXTENSIONS, body_from_markdown, body_from_text, clean_body

SAMPLES = Path(__file__).parent / "samples"


@pytest.mark.parametrize(
    "html",
    [
        "<p>各有关单位：</p>",
        "<h2>一、主要内容</h2><h3>（一）标准</h3><h4>1. 城市</h4>",
        "<p><strong>加粗</strong><em>倾斜</em><u>下划线</u></p>",
        "<ol><li>第一</li><li>第二</li></ol><ul><li>一项</li></ul>",
        '<table><thead><tr><th colspan="2">标准</th></tr></thead>'
        '<tbody><tr><td rowspan="2">城市</td><td>850</td></tr></tbody></table>',
        '<p><a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer">中国政府网</a></p>',
        '<p><a href="mailto:mzj@example.gov.cn" rel="noopener noreferrer">来信</a></p>',
        '<p><a href="/documents/12/" rel="noopener noreferrer">相关文件</a></p>',
        "<blockquote><p>本通知自印发之日起施行。</p></blockquote>",
        "<p>第一行<br>第二行</p><hr>",
    ],
)
def test_allowed_markup_is_kept_as_is(html):
    assert clean_body(html) == html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>好<script>alert(1)</script></p>", "<p>好</p>"),
        ("<style>p{color:red}</style><p>好</p>", "<p>好</p>"),
        ('<p onclick="steal()" onmouseover="x()">好</p>', "<p>好</p>"),
        ('<p style="color:red" class="MsoNormal" id="x" lang="EN-US">好</p>', "<p>好</p>"),
        ('<a href="javascript:alert(1)">点</a>', '<a rel="noopener noreferrer">点</a>'),
        ('<a href="JaVaScRiPt:alert(1)">点</a>', '<a rel="noopener noreferrer">点</a>'),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">点</a>', '<a rel="noopener noreferrer">点</a>'),
        ('<a href="https://a.example/" target="_blank" title="t" onclick="x()">点</a>',
         '<a href="https://a.example/" rel="noopener noreferrer">点</a>'),
        ('<img src="x" onerror="alert(1)"><p>图</p>', "<p>图</p>"),
        ('<iframe src="https://evil.example/">框</iframe><p>正文</p>', "<p>正文</p>"),
        ("<svg><script>alert(1)</script></svg><p>正文</p>", "<p>正文</p>"),
        ('<form action="/x"><input name="q"><button>提交</button></form>', "提交"),
        ("<div><span style=\"font-family:宋体\">文字</span></div>", "文字"),
        ("<h1>标题</h1><h5>小</h5><h6>更小</h6>", "<h2>标题</h2><h4>小</h4><h4>更小</h4>"),
        ("<p><b>粗</b><i>斜</i></p>", "<p><strong>粗</strong><em>斜</em></p>"),
        ("<p>好</p><!-- 注释 --><p></p><p>&nbsp;</p>", "<p>好</p>"),
        ('<td colspan="2" style="width:10pt" width="277" valign="top">格</td>', "格"),
        ("<table><tr><td width=\"5\" colspan=\"2\">格</td></tr></table>",
         '<table><tbody><tr><td colspan="2">格</td></tr></tbody></table>'),
    ],
)  # fmt: skip
def test_everything_else_is_removed(html, expected):
    assert clean_body(html) == expected


def test_every_output_tag_is_in_the_allow_list():
    cleaned = clean_body((SAMPLES / "word_paste.html").read_text(encoding="utf-8"))
    assert set(re.findall(r"<([a-z0-9]+)", cleaned)) <= ALLOWED_TAGS


def test_word_paste_is_reduced_to_its_structure():
    """A fragment as Word puts it on the clipboard: conditional comments, <xml>, <style>, mso-* styles,
    MsoNormal classes, spans with fonts, <o:p>, a typed bullet for other programs, a table with Word's widths."""
    cleaned = clean_body((SAMPLES / "word_paste.html").read_text(encoding="utf-8"))
    for residue in ("mso", "Mso", "style", "class", "font", "o:p", "<span", "Normal", "Zoom", "·", "宋体",
                    "<script", "javascript", "width", "<title"):  # fmt: skip
        assert residue not in cleaned, residue
    assert "<h2>关于做好2026年城乡低保工作的通知</h2>" in cleaned
    assert "<p>各乡镇人民政府、街道办事处：</p>" in cleaned
    assert "<p><strong>一、保障标准</strong></p>" in cleaned
    assert "<p>城市低保标准每人每月<em>850</em>元</p>" in cleaned
    assert "<li>农村低保标准每人每月<u>600</u>元</li>" in cleaned
    assert '<td colspan="2"><p>标准（元/月）</p></td>' in cleaned and '<td rowspan="2"><p>城市</p></td>' in cleaned
    assert '<a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer">中国政府网</a>' in cleaned
    assert clean_body(cleaned) == cleaned  # cleaning twice changes nothing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("一段话", "<p>一段话</p>"),
        ("第一段\n\n第二段第一行\n第二行", "<p>第一段</p><p>第二段第一行<br>第二行</p>"),
        ("a < b & c > d", "<p>a &lt; b &amp; c &gt; d</p>"),
    ],
)
def test_plain_text_becomes_paragraphs(text, expected):
    """Typed in the textarea without JavaScript, or brought in as plain text."""
    assert clean_body(text) == expected == body_from_text(text)


def test_markdown_is_converted_only_on_request():
    markdown = "## 一、标准\n\n**城市** 850 元\n\n- 甲\n- 乙\n\n| 类别 | 标准 |\n|---|---|\n| 城市 | 850 |\n"
    html = body_from_markdown(markdown)
    assert "<h2>一、标准</h2>" in html and "<strong>城市</strong>" in html and "<li>甲</li>" in html
    assert "<th>类别</th>" in html and "<td>850</td>" in html
    assert clean_body(markdown).startswith("<p>## 一、标准</p>")  # plain text stays text
    unsafe = body_from_markdown("[点](javascript:alert(1)) <script>x</script>")
    assert unsafe.startswith('<p><a rel="noopener noreferrer">点</a>') and "script" not in unsafe


def test_the_editor_offers_only_what_the_sanitiser_keeps():
    from django_prose_editor.config import allowlist_from_extensions, expand_extensions

    offered = allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))["tags"]
    assert set(offered) <= ALLOWED_TAGS
