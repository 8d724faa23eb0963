"""Part 三 and 四 of the annual report on open government information (national template of 2021).

`compute(organisation, year)` reads the request records of the organisation and its subtree once and
returns the tables; `outcome_row` is the pure rule from a concluded request to its template row.
Counts only: nothing here carries personal data.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from portal.legal import WithholdingGround as G
from portal.models import Organisation
from portal.spreadsheets import append_row
from requests_app.models import (
    CONCLUDED_STATES,
    ApplicantCategory,
    InformationRequest,
    Remedy,
    RemedyKind,
    RemedyOutcome,
    ReplyType,
    State,
)

COLUMNS = list(ApplicantCategory)
COLUMN_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# (key, label, indent level, counted?) in template order. Group headings carry no numbers.
ROWS: list[tuple[str, str, int, bool]] = [
    ("new", "一、本年新收政府信息公开申请数量", 0, True),
    ("carried_over", "二、上年结转政府信息公开申请数量", 0, True),
    ("outcomes", "三、本年度办理结果", 0, False),
    ("disclosed", "（一）予以公开", 1, True),
    ("partly", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, True),
    ("withheld", "（三）不予公开", 1, False),
    ("withheld_1", "1．属于国家秘密", 2, True),
    ("withheld_2", "2．其他法律行政法规禁止公开", 2, True),
    ("withheld_3", "3．危及“三安全一稳定”", 2, True),
    ("withheld_4", "4．保护第三方合法权益", 2, True),
    ("withheld_5", "5．属于三类内部事务信息", 2, True),
    ("withheld_6", "6．属于四类过程性信息", 2, True),
    ("withheld_7", "7．属于行政执法案卷", 2, True),
    ("withheld_8", "8．属于行政查询事项", 2, True),
    ("unavailable", "（四）无法提供", 1, False),
    ("unavailable_1", "1．本机关不掌握相关政府信息", 2, True),
    ("unavailable_2", "2．没有现成信息需要另行制作", 2, True),
    ("unavailable_3", "3．补正后申请内容仍不明确", 2, True),
    ("not_processed", "（五）不予处理", 1, False),
    ("not_processed_1", "1．信访举报投诉类申请", 2, True),
    ("not_processed_2", "2．重复申请", 2, True),
    ("not_processed_3", "3．要求提供公开出版物", 2, True),
    ("not_processed_4", "4．无正当理由大量反复申请", 2, True),
    ("not_processed_5", "5．要求行政机关确认或重新出具已获取信息", 2, True),
    ("other", "（六）其他处理", 1, False),
    ("other_1", "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2, True),
    ("other_2", "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2, True),
    ("other_3", "3．其他", 2, True),
    ("total", "（七）总计", 1, True),
    ("carried_forward", "四、结转下年度继续办理", 0, True),
]
OUTCOME_KEYS = [key for key, _label, level, counted in ROWS if counted and level >= 1 and key != "total"]

GROUND_ROW = {
    G.STATE_SECRET: "withheld_1",
    G.PROHIBITED_BY_LAW: "withheld_2",
    G.OTHER_LAW: "withheld_2",
    G.SECURITY_STABILITY: "withheld_3",
    G.THIRD_PARTY: "withheld_4",
    G.INTERNAL_AFFAIRS: "withheld_5",
    G.PROCESS_INFORMATION: "withheld_6",
    G.ENFORCEMENT_FILE: "withheld_7",
    G.ADMINISTRATIVE_QUERY: "withheld_8",
}
REPLY_ROW = {
    ReplyType.ALREADY_PUBLIC: "disclosed",
    ReplyType.PROVIDED: "disclosed",
    ReplyType.PARTLY_PROVIDED: "partly",
    ReplyType.NOT_HELD: "unavailable_1",
    ReplyType.NOT_THIS_ORGAN: "unavailable_1",
    ReplyType.NEEDS_PROCESSING: "unavailable_2",
    ReplyType.STILL_UNCLEAR: "unavailable_3",
    ReplyType.PETITION: "not_processed_1",
    ReplyType.REPEAT: "not_processed_2",
    ReplyType.PUBLICATION: "not_processed_3",
    ReplyType.EXCESSIVE_REFUSED: "not_processed_4",
    # 36(7) matters go through their own procedures; the template's nearest 不予处理 row is 5.
    ReplyType.OTHER_LAWS: "not_processed_5",
    ReplyType.FEE_UNPAID: "other_2",
    ReplyType.RECORD_CORRECTION: "other_3",
    ReplyType.OTHER: "other_3",
}
STATE_ROW = {State.ABANDONED: "other_1", State.WITHDRAWN: "other_3", State.TRANSFERRED: "other_3"}


def outcome_row(state: str, reply_type: str | None, ground: str | None) -> str:
    """The template row a concluded request counts in (reference §2 'Replies' table)."""
    if state in STATE_ROW:
        return STATE_ROW[state]
    if reply_type == ReplyType.WITHHELD:
        return GROUND_ROW.get(ground, "withheld_2")
    return REPLY_ROW.get(reply_type, "other_3")


@dataclass
class Row:
    key: str
    label: str
    level: int
    cells: list[int] | None  # 6 categories + total; None for group headings


@dataclass
class RemedyGroup:
    label: str
    cells: list[int]  # upheld, corrected, other, pending, total


@dataclass
class Report:
    organisation: Organisation
    year: int
    rows: list[Row] = field(default_factory=list)
    remedies: list[RemedyGroup] = field(default_factory=list)

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)

    @property
    def is_consistent(self) -> bool:
        """new + carried over = total handled + carried into next year, in every column."""
        return all(
            n + c == t + f
            for n, c, t, f in zip(
                self.row("new").cells,
                self.row("carried_over").cells,
                self.row("total").cells,
                self.row("carried_forward").cells,
                strict=True,
            )
        )


REMEDY_GROUP_LABELS = [
    (RemedyKind.RECONSIDERATION, "行政复议"),
    (RemedyKind.LAWSUIT_DIRECT, "行政诉讼：未经复议直接起诉"),
    (RemedyKind.LAWSUIT_AFTER, "行政诉讼：复议后起诉"),
]
REMEDY_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
REMEDY_OUTCOMES = [RemedyOutcome.UPHELD, RemedyOutcome.CORRECTED, RemedyOutcome.OTHER, RemedyOutcome.PENDING]


def requests_of_the_year(requests, year: int):
    """The requests the year's table can count: registered by the year's end and not concluded before it began.

    The public report page must not read every request ever made in the subtree.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    next_year_begins = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    return requests.filter(
        Q(received_on__lte=end) | Q(received_on__isnull=True, submitted_at__lt=next_year_begins)
    ).exclude(state__in=CONCLUDED_STATES, concluded_on__lt=start)


def compute(organisation: Organisation, year: int) -> Report:
    """The request and remedy tables for the organisation and its subtree (two queries)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    subtree = Organisation.objects.descendants_of(organisation).values("pk")
    counts: Counter[tuple[str, str]] = Counter()
    records = requests_of_the_year(InformationRequest.objects.filter(organisation__in=subtree), year).values_list(
        "applicant_category",
        "state",
        "received_on",
        "submitted_at",
        "concluded_on",
        "reply__reply_type",
        "reply__ground",
    )
    for category, state, received_on, submitted_at, concluded_on, reply_type, ground in records:
        registered = received_on or timezone.localdate(submitted_at)
        concluded = concluded_on if state in CONCLUDED_STATES else None
        if registered >= start:
            counts["new", category] += 1
        elif concluded is None or concluded >= start:
            counts["carried_over", category] += 1
        if concluded is not None and start <= concluded <= end:
            counts[outcome_row(state, reply_type, ground), category] += 1
            counts["total", category] += 1
        elif concluded is None or concluded > end:
            counts["carried_forward", category] += 1
    report = Report(organisation=organisation, year=year)
    for key, label, level, counted in ROWS:
        cells = None
        if counted:
            cells = [counts[key, category] for category in COLUMNS]
            cells.append(sum(cells))
        report.rows.append(Row(key, label, level, cells))

    remedy_counts: Counter[tuple[str, str]] = Counter()
    remedies = Remedy.objects.filter(request__organisation__in=subtree, filed_on__range=(start, end)).values_list(
        "kind", "outcome", "decided_on"
    )
    for kind, outcome, decided_on in remedies:
        if outcome == RemedyOutcome.PENDING or decided_on is None or decided_on > end:
            outcome = RemedyOutcome.PENDING
        remedy_counts[kind, outcome] += 1
    for kind, label in REMEDY_GROUP_LABELS:
        cells = [remedy_counts[kind, outcome] for outcome in REMEDY_OUTCOMES]
        report.remedies.append(RemedyGroup(label, [*cells, sum(cells)]))
    return report


def to_xlsx(report: Report) -> bytes:
    """The two tables as a workbook, laid out like the template so offices can paste them into the report."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "三、收到和处理申请情况"
    bold = Font(bold=True)
    append_row(sheet, [f"{report.organisation.name} {report.year}年度 收到和处理政府信息公开申请情况"])
    sheet["A1"].font = bold
    append_row(sheet, ["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", "申请人情况"])
    append_row(sheet, ["", *COLUMN_LABELS])
    for row in report.rows:
        append_row(sheet, ["　" * row.level + row.label, *(row.cells or [])])
    sheet.column_dimensions["A"].width = 60
    for cell in sheet["A"]:
        cell.alignment = Alignment(wrap_text=True)

    remedy_sheet = workbook.create_sheet("四、行政复议和行政诉讼")
    append_row(remedy_sheet, [f"{report.organisation.name} {report.year}年度 政府信息公开行政复议、行政诉讼情况"])
    remedy_sheet["A1"].font = bold
    append_row(remedy_sheet, ["", *REMEDY_COLUMNS])
    for group in report.remedies:
        append_row(remedy_sheet, [group.label, *group.cells])
    remedy_sheet.column_dimensions["A"].width = 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
