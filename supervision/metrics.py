"""The indicators supervision computes itself from catalog, disclosure and requests_app (the older apps do not
declare a `supervision_indicators` module). Same contract as /work INDICATORS.md: DEFINITIONS, compute(),
evidence(), self_check(). Every compute runs a fixed number of aggregate queries (GROUP BY organisation),
whatever the number of organisations and documents.
"""

import datetime as dt
import statistics
from collections import defaultdict

from django.db.models import Case, Count, DateField, Exists, F, Max, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Catalog, CatalogItem, CatalogVersion, VersionItem
from catalog.timelimits import Period, TimeLimitKind
from disclosure.models import CleanupBatch, Document, DocumentEvent, DocumentType, EventKind, Validity
from portal import workdays
from portal.models import Organisation, OrganisationKind
from requests_app.models import OPEN_STATES, AnnualReport, InformationRequest, Remedy, RemedyOutcome, State
from supervision.models import Designation, Training

# Inspection thresholds (portal.md): news-like columns stale after 2 weeks, notices and policy documents after
# 6 months; periodic columns after their own period. Days, counted back from the day of the check.
NEWS_DAYS = 14
NOTICE_DAYS = 183
PERIOD_DAYS = {Period.MONTH: 31, Period.QUARTER: 92, Period.HALF_YEAR: 183, Period.YEAR: 366}
VETO_COLUMNS = 5  # ≥5 empty or ≥5 stale columns fail a site
# A reply counts as given in these end states (withdrawn and abandoned applications were never answered).
REPLIED_STATES = (State.ANSWERED, State.CLOSED, State.TRANSFERRED, State.NOT_PROCESSED)
ANNUAL_REPORT_DEADLINE = (1, 31)  # 31 January of the next year
COUNTY_ANNUAL_REPORT_DEADLINE = (3, 31)  # the county government: 31 March

G_CATALOG, G_TIMELY, G_NORMATIVE, G_REQUESTS, G_ANNUAL, G_MECHANISM = (
    _("目录与栏目"),
    _("公开时限"),
    _("规范性文件与动态管理"),
    _("依申请公开"),
    _("年度报告"),
    _("工作机制"),
)

# (code, label, unit, better) as the contract; units beyond it: "date", "yes_no".
DEFINITIONS = [
    ("catalog_compiled", _("已编制目录的领域数"), "count", "higher"),
    ("catalog_published", _("已发布目录的领域数"), "count", "higher"),
    ("catalog_last_updated", _("目录最近更新日期"), "date", "higher"),
    ("empty_columns", _("空白栏目（无文件的目录事项）"), "count", "lower"),
    ("stale_columns", _("未及时更新的栏目"), "count", "lower"),
    ("documents_published", _("发布文件数"), "count", "higher"),
    ("timely_on_time", _("在目录公开时限内发布"), "count", "higher"),
    ("timely_late", _("超过目录公开时限发布"), "count", "lower"),
    ("timely_no_rule", _("无可计算的公开时限"), "count", "lower"),
    ("timely_rate", _("目录时限按时公开率"), "percent", "higher"),
    ("art26_late", _("形成后超过20个工作日公开"), "count", "lower"),
    ("art26_rate", _("20个工作日内公开率"), "percent", "higher"),
    ("normative_published", _("发布行政规范性文件"), "count", "higher"),
    ("normative_validity_unmarked", _("失效或废止未标注日期的规范性文件"), "count", "lower"),
    ("reassessment_due", _("到期未复核的不公开文件"), "count", "lower"),
    ("reassessment_done", _("完成复核的不公开文件"), "count", "higher"),
    ("cleanup_recent", _("近两年开展文件清理次数"), "count", "higher"),
    ("interpretation_missing", _("未同步发布解读的政策文件"), "count", "lower"),
    ("requests_received", _("收到申请"), "count", "higher"),
    ("requests_on_time", _("按期答复"), "count", "higher"),
    ("requests_late", _("超期答复"), "count", "lower"),
    ("requests_on_time_rate", _("申请按期答复率"), "percent", "higher"),
    ("requests_open_overdue", _("超期未答复的申请"), "count", "lower"),
    ("requests_median_days", _("答复用时中位数（工作日）"), "days", "lower"),
    ("remedies_decided", _("审结的复议、诉讼"), "count", "lower"),
    ("remedies_corrected", _("被纠错的复议、诉讼"), "count", "lower"),
    ("annual_report_on_time", _("上年度年报按时发布"), "yes_no", "higher"),
    ("officer_designated", _("明确专人负责（含联系方式）"), "yes_no", "higher"),
    ("trainings", _("举办或参加培训次数"), "count", "higher"),
]

GROUPS = {
    **dict.fromkeys(
        ("catalog_compiled", "catalog_published", "catalog_last_updated", "empty_columns", "stale_columns"), G_CATALOG
    ),
    **dict.fromkeys(
        ("documents_published", "timely_on_time", "timely_late", "timely_no_rule", "timely_rate", "art26_late",
         "art26_rate"), G_TIMELY,
    ),  # fmt: skip
    **dict.fromkeys(
        ("normative_published", "normative_validity_unmarked", "reassessment_due", "reassessment_done",
         "cleanup_recent", "interpretation_missing"), G_NORMATIVE,
    ),  # fmt: skip
    **dict.fromkeys(
        ("requests_received", "requests_on_time", "requests_late", "requests_on_time_rate", "requests_open_overdue",
         "requests_median_days", "remedies_decided", "remedies_corrected"), G_REQUESTS,
    ),  # fmt: skip
    "annual_report_on_time": G_ANNUAL,
    "officer_designated": G_MECHANISM,
    "trainings": G_MECHANISM,
}

# Red/amber/green bounds (green, amber): "higher" is green at ≥ green, amber at ≥ amber; "lower" the other way.
RAG = {
    "empty_columns": (0, VETO_COLUMNS - 1),
    "stale_columns": (0, VETO_COLUMNS - 1),
    "timely_rate": (95, 80),
    "art26_rate": (95, 80),
    "normative_validity_unmarked": (0, 0),
    "reassessment_due": (0, 2),
    "cleanup_recent": (1, 1),
    "interpretation_missing": (0, 1),
    "requests_on_time_rate": (100, 90),
    "requests_open_overdue": (0, 0),
    "requests_median_days": (10, 20),
    "remedies_corrected": (0, 0),
    "annual_report_on_time": (1, 1),
    "officer_designated": (1, 1),
    "trainings": (1, 1),
}
# The columns of the office's home table.
KEY = (
    "empty_columns",
    "stale_columns",
    "timely_rate",
    "art26_rate",
    "interpretation_missing",
    "requests_on_time_rate",
    "requests_open_overdue",
    "annual_report_on_time",
    "officer_designated",
    "trainings",
)


def as_of(end: dt.date) -> dt.date:
    return min(end, timezone.localdate())


def update_cycle_days(kind: str, period: str) -> int:
    """Pure rule: how many days a column may go without a new document (portal.md inspection thresholds)."""
    if kind in (TimeLimitKind.REAL_TIME, TimeLimitKind.IMMEDIATELY):
        return NEWS_DAYS
    if kind == TimeLimitKind.PERIODIC and period in PERIOD_DAYS:
        return PERIOD_DAYS[period]
    return NOTICE_DAYS


def publication_due(formed_on: dt.date, kind: str, days: int) -> dt.date:
    """Pure-ish rule (on the working calendar): the last day a document formed on `formed_on` may be published."""
    if kind == TimeLimitKind.WORKING_DAYS:
        return workdays.add_working_days(formed_on, days)
    return formed_on + dt.timedelta(days=days)


def _zero(ids, value=0):
    return dict.fromkeys(ids, value)


def _grouped(queryset, key, **aggregates) -> dict:
    """{key value: {aggregate name: value}} of one GROUP BY query."""
    return {row[key]: row for row in queryset.order_by().values(key).annotate(**aggregates)}


def _public_in(ids):
    return Document.objects.public().filter(organisation_id__in=ids)


def _column_items(ids, on: dt.date):
    """The columns citizens see: proactive, applicable rows of each catalog's current published version, with the
    date of the item's newest public document and the stale cut-off of the *published* time limit.

    The rows are `VersionItem` snapshots, not the working copy: an unpublished edit of an item's time limit
    (or a new, unpublished item) changes nothing until the catalog is published again.
    """
    through = Document.catalog_items.through
    newest = (
        through.objects.filter(catalogitem_id=OuterRef("item_id"), document__in=Document.objects.public())
        .filter(document__published_on__lte=on)
        .order_by()
        .values("catalogitem_id")
        .annotate(m=Max("document__published_on"))
        .values("m")
    )
    cutoff = Case(
        When(
            time_limit_kind__in=[TimeLimitKind.REAL_TIME, TimeLimitKind.IMMEDIATELY],
            then=Value(on - dt.timedelta(days=NEWS_DAYS)),
        ),
        *(
            When(time_limit_kind=TimeLimitKind.PERIODIC, time_limit_period=period, then=Value(on - dt.timedelta(days=d)))
            for period, d in PERIOD_DAYS.items()
        ),
        default=Value(on - dt.timedelta(days=NOTICE_DAYS)),
        output_field=DateField(),
    )
    return (
        VersionItem.objects.filter(
            version__in=CatalogVersion.objects.current(),
            version__catalog__organisation_id__in=ids,
            version__catalog__domain__isnull=False,
            is_applicable=True,
            mode_proactive=True,
        )
        .annotate(organisation_id=F("version__catalog__organisation_id"))
        .alias(newest=Subquery(newest, output_field=DateField()), cutoff=cutoff)
    )


def compute(organisation_ids, start: dt.date, end: dt.date) -> dict:
    ids = list(organisation_ids)
    on = as_of(end)
    out = {code: _zero(ids) for code, *_rest in DEFINITIONS}
    for code in ("catalog_last_updated", "timely_rate", "art26_rate", "requests_on_time_rate", "requests_median_days"):
        out[code] = _zero(ids, None)
    if not ids:
        return out

    # Catalog: domains compiled (working items) and published (a current version); last publication.
    for org, row in _grouped(CatalogItem.objects.working().filter(organisation_id__in=ids), "organisation_id",
                             n=Count("domain", distinct=True)).items():  # fmt: skip
        out["catalog_compiled"][org] = row["n"]
    published = Catalog.objects.filter(
        organisation_id__in=ids, domain__isnull=False, domain__is_active=True, current_version__isnull=False
    )
    for org, row in _grouped(published, "organisation_id", n=Count("pk")).items():
        out["catalog_published"][org] = row["n"]
    versions = CatalogVersion.objects.published().filter(catalog__organisation_id__in=ids, catalog__domain__isnull=False)
    for org, row in _grouped(versions, "catalog__organisation_id", m=Max("published_at")).items():
        out["catalog_last_updated"][org] = timezone.localdate(row["m"]) if row["m"] else None

    # Columns: empty (no public document) and stale (newest document older than the column's cycle).
    columns = _grouped(
        _column_items(ids, on),
        "organisation_id",
        empty=Count("pk", filter=Q(newest__isnull=True)),
        stale=Count("pk", filter=Q(newest__lt=F("cutoff"))),
    )
    for org, row in columns.items():
        out["empty_columns"][org] = row["empty"]
        out["stale_columns"][org] = row["stale"]

    # Publication in the period: Art. 26 (is_late is set at publication) and the catalog items' time limits.
    period_docs = _public_in(ids).filter(published_on__range=(start, end))
    art26 = _grouped(
        period_docs,
        "organisation_id",
        n=Count("pk"),
        formed=Count("pk", filter=Q(formed_on__isnull=False)),
        late=Count("pk", filter=Q(is_late=True)),
        normative=Count("pk", filter=Q(doc_type=DocumentType.NORMATIVE)),
    )
    for org, row in art26.items():
        out["documents_published"][org] = row["n"]
        out["art26_late"][org] = row["late"]
        out["normative_published"][org] = row["normative"]
        if row["formed"]:
            out["art26_rate"][org] = round(100 * (row["formed"] - row["late"]) / row["formed"], 1)
    for org, counts in _timeliness(period_docs).items():
        out["timely_on_time"][org], out["timely_late"][org] = counts
    for org in ids:
        checked = out["timely_on_time"][org] + out["timely_late"][org]
        out["timely_no_rule"][org] = out["documents_published"][org] - checked
        if checked:
            out["timely_rate"][org] = round(100 * out["timely_on_time"][org] / checked, 1)

    # Normative documents, dynamic management, clean-up, interpretations.
    unmarked = _public_in(ids).filter(
        doc_type=DocumentType.NORMATIVE,
        validity__in=[Validity.EXPIRED, Validity.REPEALED],
        validity_changed_on__isnull=True,
        published_on__lte=on,
    )
    _fill(out["normative_validity_unmarked"], _grouped(unmarked, "organisation_id", n=Count("pk")))
    due = Document.objects.due_for_reassessment(on).filter(organisation_id__in=ids)
    _fill(out["reassessment_due"], _grouped(due, "organisation_id", n=Count("pk")))
    done = DocumentEvent.objects.filter(
        document__organisation_id__in=ids,
        kind__in=[EventKind.REASSESSED_KEEP, EventKind.REASSESSED_DISCLOSE],
        at__date__range=(start, end),
    )
    _fill(out["reassessment_done"], _grouped(done, "document__organisation_id", n=Count("document", distinct=True)))
    cleanups = CleanupBatch.objects.filter(organisation_id__in=ids, held_on__range=(_two_years_before(on), on))
    _fill(out["cleanup_recent"], _grouped(cleanups, "organisation_id", n=Count("pk")))
    _fill(out["interpretation_missing"], _grouped(_missing_interpretation(period_docs), "organisation_id", n=Count("pk")))

    # Requests: received, replied on time against the stored due date (which leaves out what the law does not count).
    requests = InformationRequest.objects.filter(organisation_id__in=ids)
    _fill(out["requests_received"], _grouped(requests.filter(received_on__range=(start, end)), "organisation_id",
                                             n=Count("pk")))  # fmt: skip
    replied = _replied(requests, start, end)
    for org, row in _grouped(replied, "organisation_id", on_time=Count("pk", filter=Q(concluded_on__lte=F("due_on"))),
                             late=Count("pk", filter=Q(concluded_on__gt=F("due_on")))).items():  # fmt: skip
        out["requests_on_time"][org], out["requests_late"][org] = row["on_time"], row["late"]
        if row["on_time"] + row["late"]:
            out["requests_on_time_rate"][org] = round(100 * row["on_time"] / (row["on_time"] + row["late"]), 1)
    _fill(out["requests_open_overdue"], _grouped(_open_overdue(requests, on), "organisation_id", n=Count("pk")))
    spans = defaultdict(list)
    for org, received, concluded in replied.filter(received_on__isnull=False).values_list(
        "organisation_id", "received_on", "concluded_on"
    ):
        spans[org].append(workdays.working_days_between(received, concluded))
    for org, values in spans.items():
        out["requests_median_days"][org] = statistics.median(values)
    remedies = Remedy.objects.filter(request__organisation_id__in=ids, decided_on__range=(start, end)).exclude(
        outcome=RemedyOutcome.PENDING
    )
    for org, row in _grouped(remedies, "request__organisation_id", n=Count("pk"),
                             corrected=Count("pk", filter=Q(outcome=RemedyOutcome.CORRECTED))).items():  # fmt: skip
        out["remedies_decided"][org], out["remedies_corrected"][org] = row["n"], row["corrected"]

    out["annual_report_on_time"] = _annual_reports(ids, end, on)

    # Mechanism: the named person, trainings held or attended.
    for org in Designation.objects.filter(organisation_id__in=ids).filter(_complete_designation()).values_list(
        "organisation_id", flat=True
    ):
        out["officer_designated"][org] = 1
    for org, trainings in trainings_by_organisation(ids, start, end).items():
        out["trainings"][org] = len(trainings)
    return out


def _fill(target: dict, grouped: dict, field="n") -> None:
    for org, row in grouped.items():
        target[org] = row[field]


def _two_years_before(on: dt.date) -> dt.date:
    try:
        return on.replace(year=on.year - 2)
    except ValueError:  # 29 February
        return on.replace(year=on.year - 2, day=28)


def _missing_interpretation(docs):
    interpretations = Document.objects.public().filter(interprets=OuterRef("pk"))
    return docs.filter(needs_interpretation=True).exclude(Exists(interpretations))


def _replied(requests, start, end):
    return requests.filter(state__in=REPLIED_STATES, concluded_on__range=(start, end), due_on__isnull=False)


def _open_overdue(requests, on):
    return requests.filter(state__in=OPEN_STATES, due_on__lt=on)


def _complete_designation():
    return ~Q(unit="") & ~Q(officer="") & (~Q(phone="") | ~Q(email=""))


def _ruled(period_docs):
    """(document, catalog item) links of the period's formed documents whose item has a day-counted time limit in
    its catalog's current *published* version, annotated with that published rule (`limit_kind`, `limit_days`,
    `limit_text`).

    The rule is read from the `VersionItem` snapshot, like the stale columns: an unpublished edit of an item's time
    limit changes no score until the catalog is published again; an item absent from (or not applicable in) the
    published version has no rule. One join, one row per link: a catalog's current version holds each item once.
    """
    through = Document.catalog_items.through
    return through.objects.filter(
        document__in=period_docs,
        document__formed_on__isnull=False,
        catalogitem__snapshots__version__in=CatalogVersion.objects.current(),
        catalogitem__snapshots__is_applicable=True,
        catalogitem__snapshots__time_limit_kind__in=[TimeLimitKind.WORKING_DAYS, TimeLimitKind.NATURAL_DAYS],
        catalogitem__snapshots__time_limit_days__isnull=False,
    ).annotate(
        limit_kind=F("catalogitem__snapshots__time_limit_kind"),
        limit_days=F("catalogitem__snapshots__time_limit_days"),
        limit_text=F("catalogitem__snapshots__time_limit"),
    )


def _timeliness(period_docs) -> dict:
    """{organisation: (on time, late)} against each document's catalog items' published time limits (the strictest)."""
    rows = _ruled(period_docs).values_list(
        "document_id", "document__organisation_id", "document__formed_on", "document__published_on", "limit_kind",
        "limit_days",
    )  # fmt: skip
    due_cache, documents = {}, {}
    for doc, org, formed, published_on, kind, days in rows.iterator(chunk_size=5000):
        key = (formed, kind, days)
        if key not in due_cache:
            due_cache[key] = publication_due(formed, kind, days)
        previous = documents.get(doc)
        due = due_cache[key] if previous is None else min(previous[2], due_cache[key])
        documents[doc] = (org, published_on, due)
    result = defaultdict(lambda: [0, 0])
    for org, published_on, due in documents.values():
        result[org][0 if published_on <= due else 1] += 1
    return {org: tuple(counts) for org, counts in result.items()}


def annual_report_deadline(kind: str, report_year: int) -> dt.date:
    month, day = COUNTY_ANNUAL_REPORT_DEADLINE if kind == OrganisationKind.COUNTY else ANNUAL_REPORT_DEADLINE
    return dt.date(report_year + 1, month, day)


def _annual_reports(ids, end, on) -> dict:
    """1 when last year's report was published by its deadline, 0 when late or missing once the deadline passed,
    None while the deadline is still ahead with nothing published."""
    result = _zero(ids, None)
    report_year = end.year - 1
    published = dict(
        AnnualReport.objects.published()
        .filter(organisation_id__in=ids, year=report_year)
        .order_by()
        .values("organisation_id")
        .annotate(first=Max("published_on"))
        .values_list("organisation_id", "first")
    )
    for org, kind in Organisation.objects.filter(pk__in=ids).values_list("pk", "kind"):
        deadline = annual_report_deadline(kind, report_year)
        day = published.get(org)
        if day is not None:
            result[org] = 1 if day <= deadline else 0
        elif on > deadline:
            result[org] = 0
    return result


def trainings_by_organisation(ids, start, end) -> dict:
    """{organisation: {training ids}} held or attended in the period."""
    found = defaultdict(set)
    held = Training.objects.filter(held_on__range=(start, end))
    for org, training in held.filter(organiser_id__in=ids).values_list("organiser_id", "pk"):
        found[org].add(training)
    attended = Training.attendees.through.objects.filter(
        training__held_on__range=(start, end), membership__organisation_id__in=ids
    )
    for org, training in attended.values_list("membership__organisation_id", "training_id"):
        found[org].add(training)
    return found


# ---------------------------------------------------------------------------------------------- drill-down


def evidence(code: str, organisation_id: int, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
    """The records behind one number as (label, url) pairs, for the drill-down page. No personal data."""
    on = as_of(end)
    ids = [organisation_id]
    org = Organisation.objects.get(pk=organisation_id)
    period_docs = _public_in(ids).filter(published_on__range=(start, end))

    def docs(queryset):
        return [
            (f"{d.published_on or ''} {d.title}" + (f"（{d.document_number}）" if d.document_number else ""),
             reverse("disclosure:staff_detail", kwargs={"org_pk": organisation_id, "pk": d.pk}))
            for d in queryset.order_by("-published_on", "-pk")[:500]
        ]  # fmt: skip

    def items(queryset):
        rows = (
            queryset.annotate(last=F("newest"), limit=F("cutoff"))
            .select_related("version__catalog__domain")
            .order_by("version__catalog__domain__number", "position", "pk")[:500]
        )
        result = []
        for row in rows:
            domain = row.version.catalog.domain
            when = gettext("最近文件 %(date)s") % {"date": row.last} if row.last else gettext("无文件")
            result.append(
                (f"{domain.name} · {row.first_level} / {row.second_level}（{when}）",
                 reverse("catalog:staff_domain", kwargs={"org_pk": organisation_id, "domain": domain.code}))
            )  # fmt: skip
        return result

    def requests(queryset):
        return [
            (f"{r.tracking_number} {r.get_state_display()} " + gettext("收到 %(received)s，期限 %(due)s，办结 %(done)s")
             % {"received": r.received_on or "-", "due": r.due_on or "-", "done": r.concluded_on or "-"},
             reverse("requests_app:staff_detail", kwargs={"org_pk": organisation_id, "pk": r.pk}))
            for r in queryset.order_by("-received_on", "-pk")[:500]
        ]  # fmt: skip

    requests_qs = InformationRequest.objects.filter(organisation_id=organisation_id)
    if code in ("catalog_compiled", "catalog_published", "catalog_last_updated"):
        catalogs = Catalog.objects.filter(organisation_id=organisation_id, domain__isnull=False).select_related(
            "domain", "current_version"
        )
        if code == "catalog_published":
            catalogs = catalogs.filter(current_version__isnull=False)
        return [
            (f"{c.domain.name} · {c.get_state_display()}"
             + (" · " + gettext("第%(n)s版，%(day)s发布") % {"n": c.current_version.number,
                "day": timezone.localdate(c.current_version.published_at)} if c.current_version else ""),
             reverse("catalog:staff_domain", kwargs={"org_pk": organisation_id, "domain": c.domain.code}))
            for c in catalogs.order_by("domain__number")
        ]  # fmt: skip
    if code == "empty_columns":
        return items(_column_items(ids, on).filter(newest__isnull=True))
    if code == "stale_columns":
        return items(_column_items(ids, on).filter(newest__lt=F("cutoff")))
    if code == "documents_published":
        return docs(period_docs)
    if code in ("timely_on_time", "timely_late", "timely_no_rule", "timely_rate"):
        return _timeliness_evidence(code, period_docs, organisation_id)
    if code in ("art26_late", "art26_rate"):
        return docs(period_docs.filter(is_late=True))
    if code == "normative_published":
        return docs(period_docs.filter(doc_type=DocumentType.NORMATIVE))
    if code == "normative_validity_unmarked":
        return docs(_public_in(ids).filter(doc_type=DocumentType.NORMATIVE, validity__in=[Validity.EXPIRED,
                    Validity.REPEALED], validity_changed_on__isnull=True, published_on__lte=on))  # fmt: skip
    if code == "reassessment_due":
        return docs(Document.objects.due_for_reassessment(on).filter(organisation_id=organisation_id))
    if code == "reassessment_done":
        done = DocumentEvent.objects.filter(
            kind__in=[EventKind.REASSESSED_KEEP, EventKind.REASSESSED_DISCLOSE], at__date__range=(start, end)
        )
        return docs(Document.objects.filter(organisation_id=organisation_id, pk__in=done.values("document_id")))
    if code == "cleanup_recent":
        batches = CleanupBatch.objects.filter(organisation_id=organisation_id, held_on__range=(_two_years_before(on), on))
        return [(f"{b.held_on} {b.scope}", b.get_absolute_url()) for b in batches]
    if code == "interpretation_missing":
        return docs(_missing_interpretation(period_docs))
    if code == "requests_received":
        return requests(requests_qs.filter(received_on__range=(start, end)))
    if code in ("requests_on_time", "requests_late", "requests_on_time_rate", "requests_median_days"):
        replied = _replied(requests_qs, start, end)
        if code == "requests_on_time":
            replied = replied.filter(concluded_on__lte=F("due_on"))
        elif code in ("requests_late", "requests_on_time_rate"):
            replied = replied.filter(concluded_on__gt=F("due_on"))
        return requests(replied)
    if code == "requests_open_overdue":
        return requests(_open_overdue(requests_qs, on))
    if code in ("remedies_decided", "remedies_corrected"):
        remedies = Remedy.objects.filter(request__organisation_id=organisation_id, decided_on__range=(start, end))
        remedies = remedies.exclude(outcome=RemedyOutcome.PENDING).select_related("request")
        if code == "remedies_corrected":
            remedies = remedies.filter(outcome=RemedyOutcome.CORRECTED)
        return [
            (f"{r.request.tracking_number} {r.get_kind_display()} {r.get_outcome_display()} {r.decided_on}",
             reverse("requests_app:staff_detail", kwargs={"org_pk": organisation_id, "pk": r.request_id}))
            for r in remedies
        ]  # fmt: skip
    if code == "annual_report_on_time":
        deadline = annual_report_deadline(org.kind, end.year - 1)
        label = gettext("%(year)s年度报告，发布期限 %(deadline)s") % {"year": end.year - 1, "deadline": deadline}
        reports = AnnualReport.objects.published().filter(organisation_id=organisation_id, year=end.year - 1)
        url = reverse("requests_app:annual_report", kwargs={"org_pk": organisation_id, "year": end.year - 1})
        return [(label + " · " + gettext("发布于 %(day)s") % {"day": r.published_on}, url) for r in reports] or [
            (label + " · " + gettext("尚未发布"), "")
        ]
    if code == "officer_designated":
        designation = Designation.objects.filter(organisation_id=organisation_id).first()
        url = reverse("supervision:designation", kwargs={"org_pk": organisation_id})
        if designation is None:
            return [(gettext("尚未明确负责政务公开的机构和人员"), url)]
        return [(f"{designation.unit} · {designation.officer} · {designation.phone or designation.email}", url)]
    if code == "trainings":
        ids_found = trainings_by_organisation(ids, start, end).get(organisation_id, set())
        return [
            (f"{t.held_on} {t.topic}" + gettext("（%(organiser)s，%(hours)s学时）") % {"organiser": t.organiser.display_name,
             "hours": t.hours},
             reverse("supervision:training", kwargs={"pk": t.pk}))
            for t in Training.objects.filter(pk__in=ids_found).select_related("organiser")
        ]  # fmt: skip
    return []


def _timeliness_evidence(code, period_docs, organisation_id):
    verdicts = {}
    for row in _ruled(period_docs).select_related("document"):
        due = publication_due(row.document.formed_on, row.limit_kind, row.limit_days)
        doc, previous = row.document, verdicts.get(row.document_id)
        if previous is None or due < previous[1]:
            verdicts[row.document_id] = (doc, due, row.limit_text)
    if code == "timely_no_rule":
        return [
            (f"{d.published_on} {d.title}", reverse("disclosure:staff_detail", kwargs={"org_pk": organisation_id,
             "pk": d.pk})) for d in period_docs.exclude(pk__in=list(verdicts)).order_by("-published_on")[:500]
        ]  # fmt: skip
    want_late = code in ("timely_late", "timely_rate")
    rows = []
    for doc, due, text in sorted(verdicts.values(), key=lambda v: v[0].published_on, reverse=True):
        late = doc.published_on > due
        if late == want_late:
            rows.append(
                (gettext("%(title)s：形成 %(formed)s，时限“%(limit)s”至 %(due)s，发布 %(published)s")
                 % {"title": doc.title, "formed": doc.formed_on, "limit": text, "due": due, "published": doc.published_on},
                 reverse("disclosure:staff_detail", kwargs={"org_pk": organisation_id, "pk": doc.pk}))
            )  # fmt: skip
    return rows[:500]


# ---------------------------------------------------------------------------------------------- self-check


def self_check_all(organisation_ids, today: dt.date) -> dict[int, list[tuple[str, str, str]]]:
    """Warnings for many organisations at once (the daily job): the same numbers, a fixed number of queries."""
    year_start = dt.date(today.year, 1, 1)
    values = compute(organisation_ids, year_start, today)
    warnings = {org: [] for org in organisation_ids}
    for org in organisation_ids:
        catalog_url = reverse("catalog:staff_home", kwargs={"org_pk": org})
        empty, stale = values["empty_columns"][org], values["stale_columns"][org]
        if empty:
            warnings[org].append((
                "veto" if empty >= VETO_COLUMNS else "warning",
                gettext("有%(n)s个栏目（目录事项）没有任何公开文件；空白栏目达到5个即为单项否决。") % {"n": empty},
                catalog_url,
            ))  # fmt: skip
        if stale:
            warnings[org].append((
                "veto" if stale >= VETO_COLUMNS else "warning",
                gettext("有%(n)s个栏目超过更新周期未更新（动态类2周，通知公告和政策文件6个月）；达到5个即为单项否决。")
                % {"n": stale},
                catalog_url,
            ))  # fmt: skip
        overdue = values["requests_open_overdue"][org]
        if overdue:
            warnings[org].append((
                "warning",
                gettext("有%(n)s件政府信息公开申请已超过答复期限仍未答复。") % {"n": overdue},
                reverse("requests_app:staff_queue", kwargs={"org_pk": org}),
            ))  # fmt: skip
        due = values["reassessment_due"][org]
        if due:
            warnings[org].append((
                "warning",
                gettext("有%(n)s件不予公开或依申请公开的文件已到复核日期。") % {"n": due},
                reverse("disclosure:staff_reassessment", kwargs={"org_pk": org}),
            ))  # fmt: skip
    return warnings


def self_check(organisation_id: int, today: dt.date) -> list[tuple[str, str, str]]:
    return self_check_all([organisation_id], today)[organisation_id]
