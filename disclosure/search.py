"""Chinese full-text search over title, document number and body.

Chinese has no spaces, so both sides are segmented with jieba:

* a document's `search_tokens` = jieba search-mode tokens (`cut_for_search`: a long word *and* its
  sub-words) of title, number and body, plus every two-character run of the title, so that a
  2-character query (低保, 社保) finds a title however jieba happened to cut it;
* a query is cut in precise mode; every word must match (AND). A word of three or more characters
  also matches as the AND of its bigrams, which the title bigrams satisfy.

On PostgreSQL the tokens feed a generated `tsvector` column with a GIN index (migration 0002) and
results are ranked with `ts_rank`; on SQLite the fallback is `icontains` on the same fields.
Highlighting is done here in Python on the few rows of a page, escaping first, so it is safe.
"""

import datetime as dt
import re

import jieba
from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField, Q
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

jieba.setLogLevel(60)

WORD = re.compile(r"\w+")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Searches rank among this many most recent matches: enough for any person, bounded for 1M rows.
RANKED_WINDOW = 200
# The window is filled from the newest documents first: a date range the planner can AND with the GIN bitmap.
SLICE_DAYS = (90, 365, None)
MAX_QUERY_WORDS = 8


def load_dictionary() -> None:
    """Load the segmenter's dictionary now; jieba otherwise loads it on the first cut (a slow first search)."""
    jieba.initialize()


def _clean(tokens):
    seen, out = set(), []
    for token in tokens:
        token = token.strip().lower()
        if token and WORD.fullmatch(token) and token not in seen:
            seen.add(token)
            out.append(token)
    return out


def bigrams(text: str) -> list[str]:
    """Every two-character run of consecutive Chinese characters."""
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    return [run[i : i + 2] for run in runs for i in range(len(run) - 1)]


def document_tokens(title: str, number: str, body_text: str) -> str:
    """The space-separated tokens stored in Document.search_tokens."""
    text = f"{title} {number} {body_text}"
    return " ".join(_clean([*jieba.cut_for_search(text), *bigrams(title)]))


def query_words(query: str) -> list[str]:
    """The words of a visitor's query; single characters only count when nothing longer is there."""
    words = _clean(jieba.cut(query[:100]))
    longer = [w for w in words if len(w) > 1]
    return (longer or words)[:MAX_QUERY_WORDS]


def _lexeme(word: str) -> str:
    return f"'{word}'"  # words are \w+ only (see _clean), so quoting cannot be escaped


def tsquery(words: list[str]) -> str:
    """A to_tsquery() string: each word, or the AND of its bigrams for longer Chinese words."""
    parts = []
    for word in words:
        grams = bigrams(word) if len(word) > 2 and CJK.search(word) else []
        if grams:
            parts.append("(" + _lexeme(word) + " | (" + " & ".join(_lexeme(g) for g in grams) + "))")
        else:
            parts.append(_lexeme(word))
    return " & ".join(parts)


class _VectorSQL(Expression):
    """SQL over the PostgreSQL-only `search_vector` column (not in the model state, see migration 0002).

    The column is qualified with the alias of the query being compiled, so the expression stays
    correct inside a subquery (where Django renames the table to U0).
    """

    def __init__(self, template: str, tsquery_text: str, output_field):
        super().__init__(output_field=output_field)
        self.template, self.tsquery_text = template, tsquery_text

    def as_sql(self, compiler, connection):
        column = f"{compiler.quote_name(compiler.query.get_initial_alias())}.search_vector"
        return self.template.format(vector=column), [self.tsquery_text]


def _matches(expression):
    return _VectorSQL("{vector} @@ to_tsquery('simple', %s)", expression, BooleanField())


def _rank(expression):
    return _VectorSQL("ts_rank({vector}, to_tsquery('simple', %s))", expression, FloatField())


def _recent_matches(queryset, expression) -> list[int]:
    """Ids of the RANKED_WINDOW most recent matches: the last 90 days first, then a year, then all.

    Each step is a date range the planner ANDs with the GIN bitmap, so a common word (低保) reads a
    few hundred rows instead of every match; a rare word falls through to the whole table cheaply
    (bench docs/performance.md, R3).
    """
    matching = queryset.filter(_matches(expression)).order_by("-published_on", "-pk").values_list("pk", flat=True)
    today = timezone.localdate()
    for days in SLICE_DAYS:
        part = matching if days is None else matching.filter(published_on__gte=today - dt.timedelta(days=days))
        ids = list(part[:RANKED_WINDOW])
        if len(ids) >= RANKED_WINDOW or days is None:
            break
    return ids


def search(queryset, query: str):
    """Filter and order a (public) queryset by the query; returns (queryset, words)."""
    words = query_words(query)
    if not words:
        return queryset.none(), words
    if connection.vendor == "postgresql":
        expression = tsquery(words)
        recent = _recent_matches(queryset, expression)
        results = (
            queryset.filter(pk__in=recent)
            .annotate(rank=_rank(expression))
            .order_by("-rank", F("published_on").desc(), "-pk")
        )
        return results, words
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(document_number__icontains=word) | Q(body__icontains=word)
    return queryset.filter(condition).order_by("-published_on", "-pk"), words


def highlight(text: str, words: list[str]):
    """Escape `text` and wrap each query word in <mark>."""
    html = escape(text)
    if words:
        pattern = re.compile("|".join(re.escape(escape(w)) for w in sorted(words, key=len, reverse=True)), re.I)
        html = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", html)
    return mark_safe(html)  # noqa: S308 — built from escaped text only


def snippet(body_html: str, words: list[str], width: int = 60):
    """A highlighted excerpt of the body around the first query word."""
    text = " ".join(strip_tags(body_html).split())
    lower = text.lower()
    positions = [lower.find(w) for w in words if lower.find(w) >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    excerpt = text[start : start + width * 2]
    prefix = "…" if start else ""
    suffix = "…" if start + width * 2 < len(text) else ""
    return highlight(prefix + excerpt + suffix, words)
