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

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from portal.legal import WithholdingGround as G
from portal.models import Organisation, OrganisationKind
from portal.spreadsheets import CJK_FONT, append_row, box_table, print_on_a4
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
    # 36(7): handled under other laws (business or property registers): （六）其他处理 3 (regulations.md §2).
    ReplyType.OTHER_LAWS: "other_3",
    ReplyType.FEE_UNPAID: "other_2",
    ReplyType.RECORD_CORRECTION: "other_3",
    ReplyType.OTHER: "other_3",
}
# A transfer tells the applicant the information is another organ's: 36(5), counted as （四）1 like the reply.
STATE_ROW = {State.ABANDONED: "other_1", State.WITHDRAWN: "other_3", State.TRANSFERRED: "unavailable_1"}


def outcome_row(state: str, reply_type: str | None, ground: str | None) -> str:
    """The template row a concluded request counts in (reference §2 'Replies' table)."""
    if state in STATE_ROW:
        return STATE_ROW[state]
    if reply_type == ReplyType.WITHHELD:
        return GROUND_ROW.get(ground, "withheld_2")
    return REPLY_ROW.get(reply_type, "other_3")


# Part 二 (主动公开政府信息情况): (article, column labels, [(key, label)]), in template order.
PROACTIVE_GROUPS: list[tuple[str, list[str], list[tuple[str, str]]]] = [
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        [("rules", "规章"), ("normative", "行政规范性文件")],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可")]),
    ("第二十条第（六）项", ["本年处理决定数量"], [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")]),
]
# Figures the portal does not hold (a county makes no 规章; decisions live in the licensing and enforcement systems):
# entered by staff on the report, under these names.
ENTERED_FIGURES = {
    "rules": ("rules_made", "rules_repealed", "rules_in_force"),
    "licensing": ("licensing_decisions",),
    "penalty": ("penalty_decisions",),
    "enforcement": ("enforcement_decisions",),
    "fees": ("fees_collected",),
}


@dataclass
class ProactiveGroup:
    article: str
    columns: list[str]
    rows: list[tuple[str, str, list]]  # (key, label, cells)


def normative_document_counts(organisation: Organisation, year: int) -> list[int]:
    """行政规范性文件 made, repealed or expired, and in force in the year, from the published documents (one query).

    Made: first published in the year. Repealed: became invalid in the year. In force: published by the year's
    end and still valid then. Corrections keep their index number and replace the original, so each counts once.
    """
    from disclosure.models import Document, DocumentType, Validity

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    made = repealed = in_force = 0
    rows = (
        Document.objects.public()
        .of_organisation_tree(organisation)
        .filter(doc_type=DocumentType.NORMATIVE, published_on__lte=end)
        .values_list("published_on", "validity", "validity_changed_on")
    )
    for published_on, validity, changed_on in rows:
        made += published_on >= start
        ended = validity != Validity.VALID and changed_on is not None and changed_on <= end
        repealed += ended and changed_on >= start
        in_force += not ended
    return [made, repealed, in_force]


def proactive_groups(organisation: Organisation, year: int, figures: dict) -> list[ProactiveGroup]:
    """Part 二: the normative-document row computed from live documents, the rest from the entered figures."""
    groups = []
    for article, columns, rows in PROACTIVE_GROUPS:
        cells_by_row = []
        for key, label in rows:
            if key == "normative":
                cells = normative_document_counts(organisation, year)
            else:
                cells = [figures.get(name) or 0 for name in ENTERED_FIGURES[key]]
            cells_by_row.append((key, label, cells))
        groups.append(ProactiveGroup(article, columns, cells_by_row))
    return groups


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
    proactive: list[ProactiveGroup] = field(default_factory=list)  # part 二, filled by `complete`
    fees_charged: int = 0  # yuan of information processing fees paid in the year (part 六)

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
    """The requests the year's table can count: received by the year's end and not concluded before it began.

    Only received applications count (Art. 31): an online submission nobody has confirmed is not 本年新收,
    and discarded spam is never received. The public report page must not read every request ever made.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return requests.filter(received_on__lte=end).exclude(state__in=CONCLUDED_STATES, concluded_on__lt=start)


def compute(organisation: Organisation, year: int) -> Report:
    """The request and remedy tables for the organisation and its subtree (two queries)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    subtree = Organisation.objects.descendants_of(organisation).values("pk")
    counts: Counter[tuple[str, str]] = Counter()
    records = requests_of_the_year(InformationRequest.objects.filter(organisation__in=subtree), year).values_list(
        "applicant_category",
        "state",
        "received_on",
        "concluded_on",
        "reply__reply_type",
        "reply__ground",
    )
    for category, state, received_on, concluded_on, reply_type, ground in records:
        concluded = concluded_on if state in CONCLUDED_STATES else None
        if received_on >= start:
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


def complete(organisation: Organisation, year: int, figures: dict) -> Report:
    """All the numbers of the six-part report: the tables of 三 and 四, part 二 and the fee total of 六."""
    from requests_app.services import fees_charged

    report = compute(organisation, year)
    report.proactive = proactive_groups(organisation, year, figures)
    subtree = Organisation.objects.descendants_of(organisation).values("pk")
    report.fees_charged = fees_charged(InformationRequest.objects.filter(organisation__in=subtree), year)
    return report


def to_snapshot(report: Report) -> dict:
    """The numbers as published: JSON that a later data change can no longer alter."""
    return {
        "rows": [[row.key, row.cells] for row in report.rows],
        "remedies": [group.cells for group in report.remedies],
        "proactive": [
            [[key, [c if isinstance(c, int) else str(c) for c in cells]] for key, _label, cells in group.rows]
            for group in report.proactive
        ],
        "fees_charged": report.fees_charged,
    }


def from_snapshot(organisation: Organisation, year: int, data: dict) -> Report:
    """A published report's numbers, with today's labels (the template's wording is fixed)."""
    cells_by_key = dict(data["rows"])
    report = Report(organisation=organisation, year=year, fees_charged=data["fees_charged"])
    report.rows = [Row(key, label, level, cells_by_key.get(key)) for key, label, level, _counted in ROWS]
    report.remedies = [
        RemedyGroup(label, cells) for (_kind, label), cells in zip(REMEDY_GROUP_LABELS, data["remedies"], strict=True)
    ]
    for (article, columns, rows), stored in zip(PROACTIVE_GROUPS, data["proactive"], strict=True):
        stored_cells = dict(stored)
        report.proactive.append(
            ProactiveGroup(article, columns, [(key, label, stored_cells[key]) for key, label in rows])
        )
    return report


def publication_deadline(organisation_kind: str, year: int) -> dt.date:
    """Art. 49: departments and townships publish the report for `year` by 31 January of the next year, the
    county (and higher) government's own report by 31 March."""
    governments = {OrganisationKind.COUNTY, OrganisationKind.CITY, OrganisationKind.PROVINCE}
    return dt.date(year + 1, 3, 31) if organisation_kind in governments else dt.date(year + 1, 1, 31)


_a4 = print_on_a4  # the shared print layout (portal/spreadsheets.py)
_box = box_table
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title(sheet, text: str, width: int) -> None:
    append_row(sheet, [text])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(name=CJK_FONT, size=16, bold=True)
    sheet["A1"].alignment = CENTRE
    sheet.row_dimensions[1].height = 30


def to_xlsx(report: Report, record=None) -> bytes:
    """The report's tables laid out like the national template (merged header rows, borders, A4, repeated
    headers), plus the written parts when the report is published, so offices can file or print it as is."""
    workbook = Workbook()
    heading = f"{report.organisation.name} {report.year}年度"

    sheet = workbook.active
    sheet.title = "三、收到和处理申请情况"
    _title(sheet, f"{heading} 收到和处理政府信息公开申请情况", 8)
    append_row(sheet, ["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", "申请人情况"])
    append_row(sheet, ["", COLUMN_LABELS[0], "法人或其他组织", "", "", "", "", COLUMN_LABELS[-1]])
    append_row(sheet, ["", "", *COLUMN_LABELS[1:-1], ""])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("B2:H2")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("C3:G3")
    sheet.merge_cells("H3:H4")
    for row in report.rows:
        append_row(sheet, ["　" * row.level + row.label, *(row.cells or [])])
    sheet.column_dimensions["A"].width = 58
    for letter in "BCDEFGH":
        sheet.column_dimensions[letter].width = 9
    _box(sheet, 2)
    for row in sheet.iter_rows(min_row=2, max_row=4):
        for cell in row:
            cell.alignment = CENTRE
            cell.font = Font(name=CJK_FONT, size=10.5, bold=True)
    _a4(sheet, landscape=False, header_rows="2:4")

    remedy_sheet = workbook.create_sheet("四、行政复议和行政诉讼")
    _title(remedy_sheet, f"{heading} 政府信息公开行政复议、行政诉讼情况", 6)
    append_row(remedy_sheet, ["", *REMEDY_COLUMNS])
    for group in report.remedies:
        append_row(remedy_sheet, [group.label, *group.cells])
    remedy_sheet.column_dimensions["A"].width = 30
    for letter in "BCDEF":
        remedy_sheet.column_dimensions[letter].width = 11
    _box(remedy_sheet, 2)
    _a4(remedy_sheet, landscape=False, header_rows="2:2")

    proactive_sheet = workbook.create_sheet("二、主动公开情况")
    _title(proactive_sheet, f"{heading} 主动公开政府信息情况", 4)
    for group in report.proactive:
        append_row(proactive_sheet, [group.article])
        append_row(proactive_sheet, ["信息内容", *group.columns])
        for _key, label, cells in group.rows:
            append_row(proactive_sheet, [label, *(float(c) if isinstance(c, str) else c for c in cells)])
    proactive_sheet.column_dimensions["A"].width = 24
    for letter in "BCD":
        proactive_sheet.column_dimensions[letter].width = 16
    _box(proactive_sheet, 2)
    _a4(proactive_sheet, landscape=False, header_rows="1:1")

    if record is not None:
        text_sheet = workbook.create_sheet("一、五、六")
        _title(text_sheet, f"{heading} 政府信息公开工作年度报告（文字部分）", 2)
        append_row(text_sheet, ["一、总体情况", record.overview])
        append_row(text_sheet, ["五、存在的主要问题及改进情况", record.problems])
        other = f"{record.other_matters}\n本年度收取信息处理费{report.fees_charged}元。"
        append_row(text_sheet, ["六、其他需要报告的事项", other])
        text_sheet.column_dimensions["A"].width = 18
        text_sheet.column_dimensions["B"].width = 90
        _box(text_sheet, 2)
        _a4(text_sheet, landscape=False, header_rows="1:1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
