"""A document's body is stored as cleaned HTML. This module is the one place that decides what HTML that is.

`clean_body` is the only sanitiser: the staff form, the admin (both through `services.prepare`), the data
migration from Markdown and any code that brings bodies in (imports, a future write API) call it — the editor
in the browser is never trusted. Text that holds no tag at all (typed in the plain textarea without JavaScript,
or a plain-text import) becomes paragraphs; Markdown is converted only on purpose, with `body_from_markdown`.
"""

import re

import markdown
import nh3
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

# The fixed allow-list: headings from h2 (the page's title is the h1), lists, simple tables, safe links.
ALLOWED_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "strong", "em", "u", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
     "a", "blockquote", "br", "hr"}
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Dropped together with their text: Word's pasted HTML carries <style> rules, <xml> settings and a <title>.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "xml", "title", "template", "noscript", "iframe", "object"})

# Word and other editors write <b>/<i> and any heading level; keep their meaning within the allow-list.
_RENAMED = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"}
_RENAME = re.compile(r"<(/?)(b|i|h1|h5|h6)(?=[\s/>])", re.IGNORECASE)
# Office namespaced tags (<o:p>, <w:WordDocument>, <v:shape>) — unwrapped so their text stays.
_NAMESPACED = re.compile(r"</?[a-z]+:[a-z][^>]*>", re.IGNORECASE)
# Word's fallbacks for other programs (<![if !supportLists]>· <![endif]>: a typed bullet before a list paragraph).
_WORD_FALLBACK = re.compile(r"<!\[if [^\]]*\]>.*?<!\[endif\]>", re.IGNORECASE | re.DOTALL)
# Paragraphs left empty once styles and spans are gone (Word's spacing paragraphs, the editor's blank doc).
_EMPTY_BLOCK = re.compile(r"<(p|h2|h3|h4)>(?:\s|&nbsp;|\xa0|<br>)*</\1>")
_HAS_TAG = re.compile(r"<[a-zA-Z!/]")

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    # "*": no attribute on every tag (nh3 would keep lang and title everywhere).
    attributes={"*": set()} | {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_body(html: str) -> str:
    """The body as stored and shown: only the allow-list survives; scripts, styles, classes, event handlers and
    javascript: links are removed, and pasted Word markup is reduced to its structure."""
    html = (html or "").strip()
    if not html:
        return ""
    if not _HAS_TAG.search(html):
        return body_from_text(html)
    html = _NAMESPACED.sub("", _WORD_FALLBACK.sub("", html))
    html = _RENAME.sub(lambda m: f"<{m.group(1)}{_RENAMED[m.group(2).lower()]}", html)
    cleaned = _cleaner.clean(html)
    previous = None
    while previous != cleaned:  # an emptied cell paragraph can leave its parent empty too
        previous, cleaned = cleaned, _EMPTY_BLOCK.sub("", cleaned)
    return cleaned.strip()


def body_from_text(text: str) -> str:
    """Plain text as paragraphs: a blank line separates paragraphs, a line break stays a line break."""
    paragraphs = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    lines = (["<br>".join(escape(line.strip()) for line in p.splitlines())] for p in paragraphs if p.strip())
    return "".join(f"<p>{text}</p>" for [text] in lines)


def body_from_markdown(text: str) -> str:
    """A Markdown body (the format staff typed before the editor) as cleaned HTML; tables included."""
    return clean_body(markdown.markdown(text or "", extensions=["tables"]))


# The editor's toolbar and dialogs (django-prose-editor, Tiptap) with the same allow-list as `clean_body`.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

# The editor's own English labels (button titles and dialog texts) → the site's translated labels.
EDITOR_LABELS = {
    "bold": _("加粗"),
    "italic": _("倾斜"),
    "underline": _("下划线"),
    "paragraph": _("正文段落"),
    "Paragraph": _("正文段落"),
    "heading 2": _("二级标题"),
    "heading 3": _("三级标题"),
    "heading 4": _("四级标题"),
    "Heading 2": _("二级标题"),
    "Heading 3": _("三级标题"),
    "Heading 4": _("四级标题"),
    "unordered list": _("项目符号列表"),
    "ordered list": _("编号列表"),
    "blockquote": _("引用"),
    "horizontal rule": _("分隔线"),
    "insert link": _("插入或修改链接"),
    "remove link": _("取消链接"),
    "Insert table": _("插入表格"),
    "Insert Table": _("插入表格"),
    "Add column": _("插入列"),
    "Delete column": _("删除列"),
    "Add row": _("插入行"),
    "Delete row": _("删除行"),
    "Merge cells": _("合并单元格"),
    "Split cell": _("拆分单元格"),
    "Toggle header cell": _("切换表头单元格"),
    "Delete table": _("删除表格"),
    "undo": _("撤销"),
    "redo": _("重做"),
    "Toggle fullscreen": _("全屏编辑"),
    "URL": _("网址"),
    "Title": _("标题"),
    "Edit Link": _("编辑链接"),
    "Open in new window": _("在新窗口打开"),
    "Rows": _("行数"),
    "Columns": _("列数"),
    "Include header row": _("包含表头行"),
    "Table Properties": _("表格属性"),
    "List properties": _("列表属性"),
    "List type": _("列表类型"),
    "Start at": _("起始编号"),
    "Decimal numbers": _("阿拉伯数字"),
    "Lowercase letters": _("小写字母"),
    "Uppercase letters": _("大写字母"),
    "Lowercase Roman numerals": _("小写罗马数字"),
    "Uppercase Roman numerals": _("大写罗马数字"),
    "Insert": _("插入"),
    "Update": _("更新"),
    "Cancel": _("取消"),
}
