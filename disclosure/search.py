"""Chinese full-text search over title, document number and body.

Chinese has no spaces, so both sides are segmented with jieba:

* a document's `search_tokens` = jieba search-mode tokens (`cut_for_search`: a long word *and* its
  sub-words) of title, number and body, plus every two-character run (bigram) of the Chinese in all
  three, so that a query finds a text however jieba happened to cut it (低保金 is one jieba word in a
  query but 低保 + 金 in 发放低保金的通知);
* a query is cut in precise mode and single Chinese characters are joined to their neighbour in the
  same run (低保 + 金 → 低保金); every word must match (AND). A Chinese word of three or more
  characters also matches as the AND of its bigrams, which the indexed bigrams satisfy.
* a query with a digit is also looked up as part of a 文号 or 索引号 (安民发〔2024〕3号, 2024〕3,
  brackets [] ［］ 【】 () read as 〔〕): `icontains`, served by trigram indexes on PostgreSQL
  (migration 0005); exact numbers rank first.

Existing rows get the new tokens with `manage.py reindex_documents`.

On PostgreSQL the tokens feed a generated `tsvector` column with a GIN index (migration 0002) and
results are ranked with `ts_rank`; on SQLite the fallback is `icontains` on the same fields.
Highlighting is done here in Python on the few rows of a page, escaping first, so it is safe.
"""

import datetime as dt
import re
from dataclasses import dataclass

import jieba
from django.db import connection
from django.db.models import BooleanField, Case, Expression, F, FloatField, IntegerField, Q, Value, When
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
# Single characters that carry no meaning of their own in a query (关于提高低保标准的通知): dropped, not glued.
FUNCTION_CHARACTERS = frozenset("的了和与及或在是对等之")


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
    return " ".join(_clean([*jieba.cut_for_search(text), *bigrams(text)]))


def _join_single_characters(pieces: list[str]) -> list[str]:
    """jieba's precise cut, with a lone Chinese character glued to the Chinese word before (or after) it.

    A single character is too common to search for alone, and dropping it loses the compound
    (低保金 → 低保 + 金 would find every 低保 document); glued, the word matches by its bigrams.
    """
    words: list[str] = []
    for piece in pieces:
        if piece in FUNCTION_CHARACTERS:
            continue
        single = len(piece) == 1 and CJK.fullmatch(piece)
        after_chinese = bool(words) and bool(CJK.fullmatch(words[-1][-1]))
        after_single = bool(words) and len(words[-1]) == 1 and after_chinese
        if (single and after_chinese) or (after_single and CJK.match(piece)):
            words[-1] += piece
        else:
            words.append(piece)
    return words


def query_words(query: str) -> list[str]:
    """The words of a visitor's query; single characters only count when nothing longer is there."""
    words = _clean(_join_single_characters(list(jieba.cut(query[:100]))))
    longer = [w for w in words if len(w) > 1]
    return (longer or words)[:MAX_QUERY_WORDS]


_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "【": "〔", "(": "〔", "（": "〔",
                           "]": "〕", "］": "〕", "】": "〕", ")": "〕", "）": "〕"})  # fmt: skip


def number_fragment(query: str) -> str | None:
    """The query read as (part of) a 文号 or 索引号, or None: it has a digit; spaces dropped, brackets as 〔〕."""
    fragment = re.sub(r"\s+", "", query)[:60].translate(_BRACKETS)
    return fragment if re.search(r"\d", fragment) else None


def _number_condition(fragment: str) -> Q:
    return Q(document_number__icontains=fragment) | Q(index_number__icontains=fragment)


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
    """Ids of the RANKED_WINDOW most recent matches (one more, to tell "200+" from 200): the last 90 days first, then a year, then all.

    Each step is a date range the planner ANDs with the GIN bitmap, so a common word (低保) reads a
    few hundred rows instead of every match; a rare word falls through to the whole table cheaply
    (bench docs/performance.md, R3).
    """
    matching = queryset.filter(_matches(expression)).order_by("-published_on", "-pk").values_list("pk", flat=True)
    today = timezone.localdate()
    for days in SLICE_DAYS:
        part = matching if days is None else matching.filter(published_on__gte=today - dt.timedelta(days=days))
        ids = list(part[: RANKED_WINDOW + 1])
        if len(ids) > RANKED_WINDOW or days is None:
            break
    return ids


@dataclass(frozen=True)
class Found:
    """What a search found: the page-able results, the words to highlight, and how many (bounded)."""

    documents: object  # a queryset, in result order
    words: list[str]
    count: int  # at most RANKED_WINDOW
    more: bool  # there are more matches than the ranked window holds ("200+")
    by_number: bool = False  # the query was found as a 文号 / 索引号

    @property
    def count_label(self) -> str:
        return f"{self.count}+" if self.more else str(self.count)


def _number_matches(queryset, fragment: str) -> list[int]:
    """Ids of documents whose 文号 or 索引号 contains the fragment: exact numbers first, then newest."""
    exact = Q(document_number__iexact=fragment) | Q(index_number__iexact=fragment)
    return list(
        queryset.filter(_number_condition(fragment))
        .annotate(exact=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("exact", "-published_on", "-pk")
        .values_list("pk", flat=True)[: RANKED_WINDOW + 1]
    )


def _in_order(queryset, ids: list[int]):
    order = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)), output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(order)


def find(queryset, query: str) -> Found:
    """Search a (public, perhaps filtered) queryset: by number when the query is one, else by words.

    A query holding a digit is first looked up in 文号 and 索引号; when that finds documents, they are
    the answer (a person typing a number wants that document, not every text with "2024" in it).
    Every path reads at most RANKED_WINDOW + 1 ids, so a common word costs what a rare one does.
    A NUL character (typed or pasted into an address) is dropped: PostgreSQL refuses it in any string.
    """
    query = query.replace("\x00", "")
    words = query_words(query)
    fragment = number_fragment(query)
    if fragment:
        ids = _number_matches(queryset, fragment)
        if ids:
            more = len(ids) > RANKED_WINDOW
            ids = ids[:RANKED_WINDOW]
            return Found(_in_order(queryset, ids), words, len(ids), more, by_number=True)
    if not words:
        return Found(queryset.none(), words, 0, False)
    if connection.vendor == "postgresql":
        expression = tsquery(words)
        recent = _recent_matches(queryset, expression)
        results = (
            queryset.filter(pk__in=recent[:RANKED_WINDOW])
            .annotate(rank=_rank(expression))
            .order_by("-rank", F("published_on").desc(), "-pk")
        )
        return Found(results, words, min(len(recent), RANKED_WINDOW), len(recent) > RANKED_WINDOW)
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(document_number__icontains=word) | Q(body__icontains=word)
    results = queryset.filter(condition).order_by("-published_on", "-pk")
    found = len(results.values_list("pk", flat=True)[: RANKED_WINDOW + 1])
    return Found(results, words, min(found, RANKED_WINDOW), found > RANKED_WINDOW)


def search(queryset, query: str):
    """Filter and order a (public) queryset by the query; returns (queryset, words)."""
    found = find(queryset, query)
    return found.documents, found.words


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
