"""A synthetic county with many documents, written to PostgreSQL with COPY (the bench's data set).

`load(documents=N)` creates a county of a few hundred organisations (departments, townships, streets,
villages, communities) with catalog items, then N published proactive documents plus about 5 % that
the public must not see (drafts, submitted, on-request, withheld, withdrawn). Rows are generated in a
pool of worker processes (text, index numbers, jieba tokens) and streamed into PostgreSQL with
`COPY`; the secondary indexes of the document table are dropped first and rebuilt afterwards, which
is much faster than maintaining them row by row.

Everything is deterministic: row i always gets the same organisation, date, title and status, so runs
on the same size are comparable. Tokens for the search column are made the way the app makes them
(jieba search mode, space separated; `disclosure_document.search_vector` is generated from them).
"""

import datetime as dt
import io
import multiprocessing
import random
import re
import time
from dataclasses import dataclass, field

import jieba
from django.db import connection, transaction
from django.utils import timezone

from bench import vocabulary as words
from catalog.models import CatalogItem, Domain
from disclosure.models import Attribute, Document, DocumentType, Status, Validity
from portal.legal import WithholdingGround
from portal.models import Organisation, OrganisationKind
from portal.validators import credit_code_check_character

DIVISION = "371798"  # fictitious administrative division of the bench county (the demo uses 371799)
COUNTY_NAME = "清源县"
FIRST_DAY = dt.date(2015, 1, 5)
LAST_DAY = dt.date(2026, 11, 20)
CHUNK = 20_000
# Row i is not public when i % NON_PUBLIC_EVERY == NON_PUBLIC_AT (5 %); its kind cycles through these.
NON_PUBLIC_EVERY, NON_PUBLIC_AT = 20, 7
NON_PUBLIC_KINDS = ["draft", "submitted", "on_request", "withheld", "withdrawn", "on_request", "draft", "withdrawn"]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
TOKEN_JUNK = re.compile(r"^[\s\W_]+$")


def log(message):
    print(message, flush=True)


# --- the county -------------------------------------------------------------------------------------


def credit_code(serial: int) -> str:
    first17 = f"11{DIVISION}{serial:08d}M"
    return first17 + credit_code_check_character(first17)


def _create_organisations(villages_per_township: int):
    """County government, ~40 departments, ~28 townships/streets and their villages/communities (idempotent)."""
    existing = Organisation.objects.filter(credit_code=credit_code(1)).first()
    if existing:
        return
    county = Organisation.objects.create(
        name=f"{COUNTY_NAME}人民政府", short_name="县政府", kind=OrganisationKind.COUNTY, credit_code=credit_code(1)
    )
    for number, (name, short, _prefix) in enumerate(words.DEPARTMENTS, start=1):
        Organisation.objects.create(
            name=COUNTY_NAME + name,
            short_name=short,
            kind=OrganisationKind.DEPARTMENT,
            parent=county,
            credit_code=credit_code(100 + number),
            sort_order=number,
        )
    for number, place in enumerate(words.TOWNSHIP_NAMES, start=1):
        is_street = number <= 4
        township = Organisation.objects.create(
            name=f"{COUNTY_NAME}{place}{'街道办事处' if is_street else '镇人民政府'}",
            short_name=f"{place}{'街道' if is_street else '镇'}",
            kind=OrganisationKind.STREET if is_street else OrganisationKind.TOWNSHIP,
            parent=county,
            credit_code=credit_code(500 + number),
            sort_order=100 + number,
        )
        for v in range(villages_per_township):
            if is_street:
                local = words.COMMUNITY_NAMES[v % len(words.COMMUNITY_NAMES)] + "社区"
                kind, suffix = OrganisationKind.COMMUNITY, "居民委员会"
            else:
                local = (
                    words.VILLAGE_NAMES[(number + v) % len(words.VILLAGE_NAMES)]
                    + words.VILLAGE_SUFFIXES[v % len(words.VILLAGE_SUFFIXES)]
                )
                kind, suffix = OrganisationKind.VILLAGE, "村民委员会"
            Organisation.objects.create(
                name=f"{place}{'街道' if is_street else '镇'}{local}{suffix}",
                short_name=local,
                kind=kind,
                parent=township,
                sort_order=v,
            )


@dataclass
class Publisher:
    """What a worker needs to know about one issuing organisation."""

    pk: int
    short_name: str
    credit_code: str
    number_prefix: str
    phone_serial: int
    domains: list = field(default_factory=list)  # [(domain_pk, topics, [catalog item pks])]


def _domain_topics():
    domains = {d.code: d for d in Domain.objects.filter(code__in=words.TOPICS)}
    return [(domains[code].pk, topics) for code, topics in words.TOPICS.items() if code in domains]


def _publishers():
    """Organisations with a credit code issue documents; each works in a few domains with catalog items."""
    domain_topics = _domain_topics()
    prefixes = {short: prefix for _name, short, prefix in words.DEPARTMENTS}
    publishers = []
    orgs = Organisation.objects.exclude(credit_code=None).filter(credit_code__startswith=f"11{DIVISION}")
    for org in orgs.order_by("pk"):
        rng = random.Random(org.pk)
        chosen = domain_topics if org.kind == OrganisationKind.COUNTY else rng.sample(domain_topics, k=3)
        prefix = prefixes.get(org.short_name, org.short_name[:1])
        publishers.append(
            Publisher(
                pk=org.pk,
                short_name=org.short_name,
                credit_code=org.credit_code,
                number_prefix=f"清{prefix}发",
                phone_serial=int(org.credit_code[8:16]),
                domains=[[domain_pk, topics, []] for domain_pk, topics in chosen],
            )
        )
    return publishers


def _create_catalog_items(publishers):
    """Three catalog items per organisation and domain it works in (idempotent)."""
    by_key = {}
    for item in CatalogItem.objects.filter(organisation_id__in=[p.pk for p in publishers]):
        by_key.setdefault((item.organisation_id, item.domain_id), []).append(item.pk)
    new = []
    for publisher in publishers:
        for domain_pk, topics, _items in publisher.domains:
            if (publisher.pk, domain_pk) not in by_key:
                new += [
                    CatalogItem(
                        organisation_id=publisher.pk,
                        domain_id=domain_pk,
                        first_level=topics[0],
                        second_level=topic,
                        sort_order=n,
                    )
                    for n, topic in enumerate(topics[:3])
                ]
    CatalogItem.objects.bulk_create(new)
    for item in new:
        by_key.setdefault((item.organisation_id, item.domain_id), []).append(item.pk)
    for publisher in publishers:
        for entry in publisher.domains:
            entry[2] = by_key.get((publisher.pk, entry[0]), [])


def _weights(publishers):
    """A slot table: the county government and its office publish most, townships least."""
    slots = []
    for index, publisher in enumerate(publishers):
        if publisher.short_name in ("县政府", "县政府办"):
            weight = 40
        elif publisher.short_name.endswith(("镇", "街道")):
            weight = 5
        else:
            weight = 12 + (publisher.pk * 7) % 15
        slots += [index] * weight
    random.Random(42).shuffle(slots)
    return slots


# --- rows -------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """Everything a worker needs, inherited by fork: no database access happens in the workers."""

    first_id: int
    total: int
    publishers: list
    slots: list
    columns: list  # Document fields in COPY order
    m2m_table: str = ""
    rank_in_slot: list = field(default_factory=list)  # slot position → rank among that publisher's slots
    weight: dict = field(default_factory=dict)  # publisher index → number of slots


_PLAN: Plan | None = None
_SEGMENTS: dict = {}


def _own_tokens(title: str, number: str, body_text: str) -> str:
    """Fallback before the app had an indexing function: jieba search-mode tokens, deduplicated."""
    found = [t.strip().lower() for t in jieba.cut_for_search(f"{title} {number} {body_text}")]
    return " ".join(dict.fromkeys(t for t in found if t and not TOKEN_JUNK.match(t)))


try:  # the app's own indexing function, so the bench searches exactly what production would store
    from disclosure.search import document_tokens
except ImportError:  # pragma: no cover - only before disclosure/search.py existed
    document_tokens = _own_tokens


def _sentence_tokens(sentence: str) -> list[str]:
    # Sentences end in "。", where jieba always splits, so a sentence's tokens do not depend on its
    # neighbours: each distinct sentence is segmented once per worker.
    cached = _SEGMENTS.get(sentence)
    if cached is None:
        cached = _SEGMENTS[sentence] = document_tokens("", "", sentence).split()
    return cached


def search_tokens(title: str, number: str, sentences: list[str]) -> str:
    """The same set of tokens as document_tokens(title, number, body text), computed sentence by sentence."""
    found = document_tokens(title, number, "").split()
    for sentence in sentences:
        found += _sentence_tokens(sentence)
    return " ".join(dict.fromkeys(found))


def _day_of(i: int, total: int) -> dt.date:
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + dt.timedelta(days=span * i // max(total, 1))


def _row(plan: Plan, n: int, rng: random.Random):
    """Document number n (0-based) of the run: its field values and catalog item ids."""
    pk = plan.first_id + n
    slot = n % len(plan.slots)
    index = plan.slots[slot]
    publisher = plan.publishers[index]
    domain_pk, topics, items = publisher.domains[rng.randrange(len(publisher.domains))]
    topic = rng.choice(topics)
    day = _day_of(n, plan.total)
    year = day.year
    kind = (
        NON_PUBLIC_KINDS[(n // NON_PUBLIC_EVERY) % len(NON_PUBLIC_KINDS)]
        if n % NON_PUBLIC_EVERY == NON_PUBLIC_AT
        else ""
    )

    doc_type = rng.choice(
        [DocumentType.NOTICE] * 4
        + [DocumentType.POLICY, DocumentType.NORMATIVE, DocumentType.PLAN]
        + [DocumentType.REPORT, DocumentType.STATISTICS, DocumentType.INTERPRETATION, DocumentType.OTHER]
    )
    suffix = rng.choice(words.DOCUMENT_SUFFIXES)
    title = f"{publisher.short_name}关于{rng.choice(words.ACTIONS)}{year}年{topic}{suffix}"
    # Unique per organisation and year: the block of the slot table, times the publisher's weight, plus its rank.
    serial = (n // len(plan.slots)) * plan.weight[index] + plan.rank_in_slot[slot] + 1
    number = f"{publisher.number_prefix}〔{year}〕{serial % 997 + 1}号" if doc_type != DocumentType.STATISTICS else ""
    sentences = [
        rng.choice(words.SENTENCE_TEMPLATES).format(
            topic=rng.choice(topics) if rng.random() < 0.3 else topic,
            org=publisher.short_name,
            year=year,
            serial=publisher.phone_serial % 100000,
        )
        for _ in range(rng.randint(6, 14))
    ]
    body = "".join(f"<p>{s}</p>" for s in sentences)
    written = day - dt.timedelta(days=rng.randint(1, 12))
    published_at = dt.datetime.combine(day, dt.time(8 + rng.randrange(10), rng.randrange(60)), SHANGHAI)

    values = {
        "id": pk,
        "organisation_id": publisher.pk,
        "domain_id": domain_pk,
        "title": title,
        "document_number": number,
        "doc_type": doc_type,
        "topic": topic,
        "written_on": written,
        "formed_on": written,
        "published_at": published_at,
        "published_on": day,
        "body": body,
        "body_html": body,
        "attribute": Attribute.PROACTIVE,
        "status": Status.PUBLISHED,
        "validity": Validity.VALID,
        "index_number": f"{publisher.credit_code}/{year}-{serial:05d}",
        "index_year": year,
        "index_serial": serial,
        "search_tokens": search_tokens(title, number, sentences),
        "created_at": published_at - dt.timedelta(days=2),
        "updated_at": published_at,
    }
    if kind in ("draft", "submitted"):
        values.update(
            status=Status.DRAFT if kind == "draft" else Status.SUBMITTED,
            published_at=None,
            published_on=None,
            index_number=None,
            index_year=None,
            index_serial=None,
            title="（草稿）" + title,
        )
    elif kind in ("on_request", "withheld"):
        values.update(
            attribute=Attribute.ON_REQUEST if kind == "on_request" else Attribute.WITHHELD,
            withholding_ground=(
                WithholdingGround.PROCESS_INFORMATION if kind == "on_request" else WithholdingGround.INTERNAL_AFFAIRS
            ),
            withholding_explanation="属于内部管理或过程性信息，暂不主动公开。",
            next_review_on=day + dt.timedelta(days=365),
            title="（不主动公开）" + title,
        )
    elif kind == "withdrawn":
        values.update(status=Status.WITHDRAWN, title="（已撤回）" + title)
    elif rng.random() < 0.04:
        values.update(
            validity=Validity.EXPIRED if rng.random() < 0.75 else Validity.REPEALED,
            validity_changed_on=min(day + dt.timedelta(days=rng.randint(200, 1500)), LAST_DAY),
        )
    catalog = [rng.choice(items)] if items and rng.random() < 0.6 else []
    return values, catalog


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _chunk(bounds):
    """Worker: COPY text for documents [start, stop) and their catalog links; counts by kind."""
    start, stop = bounds
    plan = _PLAN
    rng = random.Random(start)
    documents, links = io.StringIO(), io.StringIO()
    defaults = {}
    for f in Document._meta.concrete_fields:
        if f.attname not in ("id",):
            defaults[f.attname] = None if f.null else f.get_default()
    public = 0
    for n in range(start, stop):
        values, catalog = _row(plan, n, rng)
        row = {**defaults, **values}
        documents.write("\t".join(_copy_value(row[c]) for c in plan.columns))
        documents.write("\n")
        for item_pk in catalog:
            links.write(f"{values['id']}\t{item_pk}\n")
        public += values["status"] == Status.PUBLISHED and values["attribute"] == Attribute.PROACTIVE
    return stop - start, public, documents.getvalue(), links.getvalue()


def rows_for_public(public: int) -> int:
    """How many rows give exactly `public` public ones (every 20th row is not public)."""
    total = public + public // (NON_PUBLIC_EVERY - 1)
    while total - (total + NON_PUBLIC_EVERY - 1 - NON_PUBLIC_AT) // NON_PUBLIC_EVERY < public:
        total += 1
    while total > 0 and total - 1 - (total - 1 + NON_PUBLIC_EVERY - 1 - NON_PUBLIC_AT) // NON_PUBLIC_EVERY >= public:
        total -= 1
    return total


# --- the table --------------------------------------------------------------------------------------


def _secondary_indexes(cursor, table):
    """Indexes of `table` that back no constraint (those can be dropped and rebuilt freely)."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(x.indexrelid)
          FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = %s::regclass
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        """,
        [table],
    )
    return cursor.fetchall()


PENDING = "bench_pending_index"


def _remember_and_drop(cursor, indexes):
    """Drop the indexes, keeping their definitions in a table so an interrupted load can restore them."""
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {PENDING} (name text PRIMARY KEY, definition text NOT NULL)")
    for name, definition in indexes:
        cursor.execute(f"INSERT INTO {PENDING} VALUES (%s, %s) ON CONFLICT DO NOTHING", [name, definition])
        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


def _rebuild_dropped(cursor):
    """Create every index an earlier (perhaps interrupted) load dropped; returns how many."""
    cursor.execute(f"SELECT to_regclass('{PENDING}') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return 0
    cursor.execute(f"SELECT name, definition FROM {PENDING}")
    pending = cursor.fetchall()
    for name, definition in pending:
        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        cursor.execute(definition)
    cursor.execute(f"DROP TABLE {PENDING}")
    return len(pending)


def _reset(cursor):
    tables = [
        Document._meta.db_table,
        Document.catalog_items.through._meta.db_table,
        "disclosure_documentevent",
        "disclosure_attachment",
        "disclosure_cleanupentry",
        "disclosure_indexserialcounter",
    ]
    cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def load(documents: int, *, reset: bool = False, workers: int = 2, vacuum: bool = True, villages_per_township=10):
    """Fill the database with `documents` public documents (plus ~5 % non-public). Returns a summary dict."""
    global _PLAN
    if connection.vendor != "postgresql":
        raise RuntimeError("the bench loader needs PostgreSQL (COPY, tsvector)")
    started = time.monotonic()
    with connection.cursor() as cursor:
        if reset:
            _reset(cursor)
        if connection.get_autocommit():
            _rebuild_dropped(cursor)  # left over from an interrupted load
        existing_public = Document.objects.public().count()
        if Document.objects.exists():
            if existing_public == documents:
                log(f"already loaded: {existing_public} public documents (use --reset to reload)")
                return {"documents": existing_public, "skipped": True, "seconds": 0.0}
            raise RuntimeError(f"{existing_public} public documents are already loaded; use --reset to reload")

    with transaction.atomic():
        _create_organisations(villages_per_township)
        publishers = _publishers()
        _create_catalog_items(publishers)
    slots = _weights(publishers)
    ranks, seen = [], {}
    for index in slots:
        ranks.append(seen.get(index, 0))
        seen[index] = seen.get(index, 0) + 1
    total = rows_for_public(documents)
    table = Document._meta.db_table
    through = Document.catalog_items.through._meta
    columns = [f.attname for f in Document._meta.concrete_fields]
    _PLAN = Plan(
        first_id=1,
        total=total,
        publishers=publishers,
        slots=slots,
        columns=columns,
        rank_in_slot=ranks,
        weight=seen,
    )
    log(
        f"{Organisation.objects.count()} organisations, {len(publishers)} publishers, "
        f"{CatalogItem.objects.count()} catalog items; writing {total} documents ({documents} public)"
    )
    jieba.initialize()  # load the dictionary once, before the workers fork
    bounds = [(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    link_columns = f"{through.get_field('document').column}, {through.get_field('catalogitem').column}"

    written = public = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2 cursor for copy_expert
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET synchronous_commit = off")
        # Rebuilding beats maintaining indexes row by row on big loads. Inside a transaction (the tests) the
        # deferred foreign-key checks forbid CREATE INDEX, and a few rows do not need it anyway.
        rebuild = connection.get_autocommit() and total > 50_000
        if rebuild:
            _remember_and_drop(cursor, _secondary_indexes(cursor, table))
        try:
            pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
            chunks = pool.imap(_chunk, bounds) if pool else map(_chunk, bounds)
            for count, chunk_public, document_text, link_text in chunks:
                raw.copy_expert(
                    f"COPY {table} ({', '.join(connection.ops.quote_name(c) for c in _db_columns(columns))}) FROM STDIN",
                    io.StringIO(document_text),
                )
                raw.copy_expert(f"COPY {through.db_table} ({link_columns}) FROM STDIN", io.StringIO(link_text))
                written += count
                public += chunk_public
                if written % (CHUNK * 10) == 0 or written == total:
                    log(f"  {written:>9} rows  {time.monotonic() - started:6.0f} s")
            if pool:
                pool.close()
                pool.join()
        finally:
            index_started = time.monotonic()
            rebuilt = _rebuild_dropped(cursor)
            log(f"rebuilt {rebuilt} indexes in {time.monotonic() - index_started:.0f} s")
        for model in (Document, through.model):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{model._meta.db_table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {model._meta.db_table}))"
            )
        # Later publications continue after the loaded serials.
        cursor.execute(
            f"""INSERT INTO disclosure_indexserialcounter (organisation_id, year, last_serial)
                SELECT organisation_id, index_year, max(index_serial) FROM {table}
                 WHERE index_year IS NOT NULL GROUP BY organisation_id, index_year"""
        )
        analyse = "VACUUM (ANALYZE)" if vacuum and connection.get_autocommit() else "ANALYZE"
        for name in (table, through.db_table, "portal_organisation", "catalog_catalogitem"):
            cursor.execute(f"{analyse} {name}")
    seconds = time.monotonic() - started
    log(f"loaded {written} documents ({public} public) in {seconds:.0f} s")
    return {"documents": public, "rows": written, "seconds": round(seconds, 1), "loaded_at": timezone.now().isoformat()}


def _db_columns(attnames):
    by_attname = {f.attname: f.column for f in Document._meta.concrete_fields}
    return [by_attname[a] for a in attnames]
