"""The annual report tables from a built year of requests: every cell is checked, and nothing personal leaks."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from requests_app import annual_report
from requests_app.models import Remedy, RemedyKind, RemedyOutcome, Reply, ReplyType, State
from tests.factories import OrganisationFactory

from .factories import EMAIL, PHONE, RESIDENT_ID, InformationRequestFactory

pytestmark = pytest.mark.django_db
D = dt.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NAT, COM, RES, WEL, LEG, OTH = "natural", "commercial", "research", "welfare", "legal_service", "other"
RT = ReplyType

# (key, organisation, category, received_on, state, concluded_on, reply type, ground)
SPECS = [
    (1, "parent", NAT, D(2024, 12, 20), State.ANSWERED, D(2025, 1, 10), RT.PROVIDED, ""),
    (2, "parent", COM, D(2024, 11, 1), State.ANSWERED, D(2024, 11, 20), RT.PROVIDED, ""),
    (3, "parent", NAT, D(2025, 2, 3), State.CLOSED, D(2025, 3, 1), RT.ALREADY_PUBLIC, ""),
    (4, "parent", NAT, D(2025, 3, 3), State.ANSWERED, D(2025, 3, 20), RT.PARTLY_PROVIDED, "art15"),
    (5, "child", RES, D(2025, 4, 1), State.ANSWERED, D(2025, 4, 20), RT.WITHHELD, "art14_secret"),
    (6, "parent", WEL, D(2025, 4, 2), State.ANSWERED, D(2025, 4, 21), RT.WITHHELD, "other_law"),
    (7, "parent", LEG, D(2025, 4, 3), State.ANSWERED, D(2025, 4, 22), RT.WITHHELD, "art14_security"),
    (8, "parent", OTH, D(2025, 4, 7), State.ANSWERED, D(2025, 4, 23), RT.WITHHELD, "art15"),
    (9, "parent", NAT, D(2025, 4, 8), State.ANSWERED, D(2025, 4, 24), RT.WITHHELD, "art16_1"),
    (10, "parent", NAT, D(2025, 4, 9), State.ANSWERED, D(2025, 4, 25), RT.WITHHELD, "art16_2_process"),
    (11, "child", COM, D(2025, 4, 10), State.ANSWERED, D(2025, 4, 28), RT.WITHHELD, "art16_2_case"),
    (12, "parent", COM, D(2025, 4, 11), State.ANSWERED, D(2025, 4, 29), RT.WITHHELD, "admin_query"),
    (13, "parent", NAT, D(2025, 5, 6), State.ANSWERED, D(2025, 5, 20), RT.NOT_HELD, ""),
    (14, "parent", RES, D(2025, 5, 7), State.ANSWERED, D(2025, 5, 21), RT.NOT_THIS_ORGAN, ""),
    (15, "parent", NAT, D(2025, 5, 8), State.ANSWERED, D(2025, 5, 22), RT.NEEDS_PROCESSING, ""),
    (16, "parent", NAT, D(2025, 5, 9), State.ANSWERED, D(2025, 5, 23), RT.STILL_UNCLEAR, ""),
    (17, "parent", NAT, D(2025, 5, 12), State.NOT_PROCESSED, D(2025, 5, 26), RT.PETITION, ""),
    (18, "parent", LEG, D(2025, 5, 13), State.ANSWERED, D(2025, 5, 27), RT.REPEAT, ""),
    (19, "parent", NAT, D(2025, 5, 14), State.NOT_PROCESSED, D(2025, 5, 28), RT.PUBLICATION, ""),
    (20, "parent", NAT, D(2025, 5, 15), State.ANSWERED, D(2025, 5, 29), RT.EXCESSIVE_REFUSED, ""),
    (21, "parent", OTH, D(2025, 5, 16), State.ANSWERED, D(2025, 5, 30), RT.OTHER_LAWS, ""),
    (22, "parent", NAT, D(2025, 5, 19), State.ABANDONED, D(2025, 6, 10), None, ""),
    (23, "parent", COM, D(2025, 5, 20), State.ANSWERED, D(2025, 6, 11), RT.FEE_UNPAID, ""),
    (24, "parent", NAT, D(2025, 5, 21), State.WITHDRAWN, D(2025, 6, 12), None, ""),
    (25, "parent", WEL, D(2025, 5, 22), State.CLOSED, D(2025, 6, 13), RT.RECORD_CORRECTION, ""),
    (26, "parent", NAT, D(2025, 12, 20), State.IN_PROGRESS, None, None, ""),
    (27, "parent", COM, D(2025, 12, 15), State.ANSWERED, D(2026, 1, 5), RT.PROVIDED, ""),
    (28, "parent", NAT, D(2026, 1, 5), State.IN_PROGRESS, None, None, ""),
    (29, "other", NAT, D(2025, 3, 1), State.ANSWERED, D(2025, 3, 10), RT.PROVIDED, ""),
    (30, "parent", NAT, D(2024, 12, 30), State.CONSULTING, None, None, ""),
    (31, "parent", NAT, None, State.SUBMITTED, None, None, ""),  # online, submitted 2025-12-31, not yet confirmed
]

#            自然人 商业 科研 公益 法律 其他 总计
EXPECTED = {
    "new": [13, 4, 2, 2, 2, 2, 25],  # the unconfirmed online submission (31) is not received, so not new
    "carried_over": [2, 0, 0, 0, 0, 0, 2],
    "disclosed": [2, 0, 0, 0, 0, 0, 2],
    "partly": [1, 0, 0, 0, 0, 0, 1],
    "withheld_1": [0, 0, 1, 0, 0, 0, 1],
    "withheld_2": [0, 0, 0, 1, 0, 0, 1],
    "withheld_3": [0, 0, 0, 0, 1, 0, 1],
    "withheld_4": [0, 0, 0, 0, 0, 1, 1],
    "withheld_5": [1, 0, 0, 0, 0, 0, 1],
    "withheld_6": [1, 0, 0, 0, 0, 0, 1],
    "withheld_7": [0, 1, 0, 0, 0, 0, 1],
    "withheld_8": [0, 1, 0, 0, 0, 0, 1],
    "unavailable_1": [1, 0, 1, 0, 0, 0, 2],
    "unavailable_2": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_3": [1, 0, 0, 0, 0, 0, 1],
    "not_processed_1": [1, 0, 0, 0, 0, 0, 1],
    "not_processed_2": [0, 0, 0, 0, 1, 0, 1],
    "not_processed_3": [1, 0, 0, 0, 0, 0, 1],
    "not_processed_4": [1, 0, 0, 0, 0, 0, 1],
    "not_processed_5": [0, 0, 0, 0, 0, 0, 0],
    "other_1": [1, 0, 0, 0, 0, 0, 1],
    "other_2": [0, 1, 0, 0, 0, 0, 1],
    "other_3": [1, 0, 0, 1, 0, 1, 3],  # 36(7) (21) counts in （六）3
    "total": [13, 3, 2, 2, 2, 2, 24],
    "carried_forward": [2, 1, 0, 0, 0, 0, 3],
}
EXPECTED_REMEDIES = [[1, 0, 0, 1, 2], [0, 0, 1, 0, 1], [0, 0, 0, 1, 1]]


@pytest.fixture
def year_of_requests():
    parent = OrganisationFactory(name="安平县人民政府")
    organisations = {"parent": parent, "child": OrganisationFactory(parent=parent), "other": OrganisationFactory()}
    made = {}
    for key, org_key, category, received_on, state, concluded_on, reply_type, ground in SPECS:
        submitted = timezone.make_aware(dt.datetime.combine(received_on or D(2025, 12, 31), dt.time(10)), SHANGHAI)
        info_request = InformationRequestFactory(
            organisation=organisations[org_key],
            applicant_category=category,
            applicant_name="张三丰",
            received_on=received_on,
            submitted_at=submitted,
            state=state,
            concluded_on=concluded_on,
            due_on=None,
        )
        if reply_type:
            Reply.objects.create(
                request=info_request,
                reply_type=reply_type,
                ground=ground,
                body="—",
                drafted_at=submitted,
                sent_on=concluded_on,
            )
        made[key] = info_request
    remedies = [
        (4, RemedyKind.RECONSIDERATION, D(2025, 5, 1), RemedyOutcome.UPHELD, D(2025, 7, 1)),
        (5, RemedyKind.RECONSIDERATION, D(2025, 10, 1), RemedyOutcome.CORRECTED, D(2026, 1, 10)),  # pending at year end
        (6, RemedyKind.LAWSUIT_DIRECT, D(2025, 6, 1), RemedyOutcome.OTHER, D(2025, 9, 1)),
        (7, RemedyKind.LAWSUIT_AFTER, D(2025, 8, 1), RemedyOutcome.PENDING, None),
        (2, RemedyKind.RECONSIDERATION, D(2024, 12, 1), RemedyOutcome.UPHELD, D(2025, 1, 20)),  # filed last year
        (29, RemedyKind.RECONSIDERATION, D(2025, 4, 1), RemedyOutcome.UPHELD, D(2025, 5, 1)),  # another organ
    ]
    for key, kind, filed_on, outcome, decided_on in remedies:
        Remedy.objects.create(request=made[key], kind=kind, filed_on=filed_on, outcome=outcome, decided_on=decided_on)
    return parent


def test_every_cell_of_the_request_table(year_of_requests, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        report = annual_report.compute(year_of_requests, 2025)
    counted = {row.key: row.cells for row in report.rows if row.cells is not None}
    assert counted == EXPECTED
    assert report.is_consistent
    headings = [row.key for row in report.rows if row.cells is None]
    assert headings == ["outcomes", "withheld", "unavailable", "not_processed", "other"]


def test_every_cell_of_the_remedy_table(year_of_requests):
    report = annual_report.compute(year_of_requests, 2025)
    assert [group.cells for group in report.remedies] == EXPECTED_REMEDIES


def test_page_and_xlsx_carry_the_same_numbers_and_no_personal_data(client, year_of_requests):
    kwargs = {"org_pk": year_of_requests.pk, "year": 2025}
    html = client.get(reverse("requests_app:annual_report", kwargs=kwargs)).content.decode()
    assert 'id="row-new"' in html and '<td class="num">25</td>' in html
    response = client.get(reverse("requests_app:annual_report_xlsx", kwargs=kwargs))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = {row[0].strip("　"): list(row[1:]) for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert rows["一、本年新收政府信息公开申请数量"] == EXPECTED["new"]
    assert rows["（七）总计"] == EXPECTED["total"]
    assert rows["四、结转下年度继续办理"] == EXPECTED["carried_forward"]
    remedy_rows = list(workbook.worksheets[1].iter_rows(min_row=3, values_only=True))
    assert [list(r[1:]) for r in remedy_rows] == EXPECTED_REMEDIES
    text = " ".join(str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    for secret in (RESIDENT_ID, PHONE, EMAIL, "张三丰"):
        assert secret not in html and secret not in text


def test_report_index_and_bounds(client, year_of_requests):
    assert client.get(reverse("requests_app:annual_reports")).status_code == 200
    future = timezone.localdate().year + 1
    assert (
        client.get(
            reverse("requests_app:annual_report", kwargs={"org_pk": year_of_requests.pk, "year": future})
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("state", "reply_type", "ground", "row"),
    [
        (State.ANSWERED, RT.WITHHELD, "", "withheld_2"),
        (State.TRANSFERRED, None, "", "unavailable_1"),  # 36(5): not this organ's, passed on or not
        (State.ANSWERED, RT.NOT_THIS_ORGAN, "", "unavailable_1"),
        (State.ANSWERED, RT.OTHER_LAWS, "", "other_3"),  # 36(7)
        (State.ANSWERED, RT.FEE_UNPAID, "", "other_2"),
        (State.ANSWERED, RT.OTHER, "", "other_3"),
        (State.ABANDONED, None, "", "other_1"),
    ],
)
def test_outcome_row_edge_cases(state, reply_type, ground, row):
    assert annual_report.outcome_row(state, reply_type, ground) == row


def test_the_report_reads_only_the_requests_of_its_year():
    organisation = OrganisationFactory()

    def made(received_on, state=State.IN_PROGRESS, concluded_on=None):
        submitted = timezone.make_aware(dt.datetime.combine(received_on or D(2025, 12, 31), dt.time(23, 30)), SHANGHAI)
        return InformationRequestFactory(
            organisation=organisation,
            received_on=received_on,
            submitted_at=submitted,
            state=state,
            concluded_on=concluded_on,
            due_on=None,
        )

    counted = {
        made(D(2025, 6, 1)),  # new
        made(D(2024, 6, 1)),  # carried over, still open
        made(D(2024, 6, 1), State.ANSWERED, D(2025, 1, 10)),  # carried over, concluded in the year
        made(D(2025, 12, 31), State.ANSWERED, D(2025, 12, 31)),
    }
    made(None, State.SUBMITTED)  # submitted online on 2025-12-31, never confirmed: not received, not counted
    made(D(2023, 5, 1), State.ANSWERED, D(2023, 5, 20))  # concluded long before the year
    made(D(2024, 11, 1), State.CLOSED, D(2024, 12, 31))  # concluded the day before the year began
    made(D(2026, 1, 1))  # received after the year
    selected = annual_report.requests_of_the_year(organisation.information_requests.all(), 2025)
    assert set(selected) == counted
