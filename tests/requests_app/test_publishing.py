"""The annual report's life: drafted, reviewed by a second person, published once and frozen, corrected as a version."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from disclosure.models import DocumentType, Validity
from portal.errors import Refusal
from portal.models import OrganisationKind
from portal.roles import Role
from requests_app import annual_report, publishing
from requests_app.models import AnnualReport, Reply, ReplyType, State
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member

from .factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
D = dt.date
TEXTS = {
    "overview": "2025年，本机关坚持以公开为常态。",
    "problems": "主动公开的及时性有待提高。",
    "other_matters": "无。",
}


@pytest.mark.parametrize(
    ("kind", "year", "deadline"),
    [
        (OrganisationKind.DEPARTMENT, 2025, D(2026, 1, 31)),
        (OrganisationKind.TOWNSHIP, 2025, D(2026, 1, 31)),
        (OrganisationKind.STREET, 2024, D(2025, 1, 31)),
        (OrganisationKind.COUNTY, 2025, D(2026, 3, 31)),  # the county government's own report (Art. 49)
    ],
)
def test_publication_deadline(kind, year, deadline):
    assert annual_report.publication_deadline(kind, year) == deadline


@pytest.mark.parametrize(
    ("today", "overdue", "due_soon"),
    [
        (D(2026, 1, 10), False, False),
        (D(2026, 1, 20), False, True),
        (D(2026, 1, 31), False, True),
        (D(2026, 2, 1), True, False),
    ],
)
def test_deadline_warning(today, overdue, due_soon):
    status = publishing.deadline_status(OrganisationFactory(kind=OrganisationKind.DEPARTMENT), 2025, today)
    assert (status["overdue"], status["due_soon"]) == (overdue, due_soon)


@pytest.fixture
def office():
    organisation = OrganisationFactory(name="安平县民政局")
    editor = member(Role.EDITOR, organisation)
    reviewer = member(Role.REVIEWER, organisation)
    return organisation, editor, reviewer


def _answered(organisation, received_on, concluded_on):
    info_request = InformationRequestFactory(
        organisation=organisation, received_on=received_on, state=State.ANSWERED, concluded_on=concluded_on
    )
    Reply.objects.create(
        request=info_request, reply_type=ReplyType.PROVIDED, body="—", drafted_at=info_request.submitted_at
    )
    return info_request


def _published_report(organisation, editor, reviewer, year=2025):
    report = publishing.start(organisation, year, by=editor)
    publishing.save_draft(report, TEXTS, by=editor)
    publishing.submit(report, by=editor)
    publishing.REPORT_FLOW.apply(report, "publish", by=reviewer)
    return report


def test_the_review_flow_with_four_eyes_and_a_reasoned_send_back(office):
    organisation, editor, reviewer = office
    report = publishing.start(organisation, 2025, by=editor)
    assert publishing.start(organisation, 2025, by=editor) == report  # one working copy per year
    with pytest.raises(Refusal, match="一、总体情况"):
        publishing.submit(report, by=editor)
    publishing.save_draft(report, TEXTS, by=editor)
    publishing.submit(report, by=editor)
    with pytest.raises(Refusal, match="只有草稿"):
        publishing.save_draft(report, {"overview": "改"}, by=editor)
    with pytest.raises(PermissionDenied):
        publishing.REPORT_FLOW.apply(report, "publish", by=editor)
    with pytest.raises(Refusal, match="须填写意见"):
        publishing.REPORT_FLOW.apply(report, "send_back", by=reviewer)
    publishing.REPORT_FLOW.apply(report, "send_back", by=reviewer, comment="第五部分请写具体措施")
    assert report.status == "draft"
    # the reviewer who edits the draft becomes one of its drafters and may no longer publish it alone
    publishing.save_draft(report, {"problems": "更新不及时；将建立每周检查制度。"}, by=reviewer)
    publishing.submit(report, by=editor)
    with pytest.raises(Refusal, match="四眼原则"):
        publishing.REPORT_FLOW.apply(report, "publish", by=reviewer)
    second = member(Role.REVIEWER, organisation)
    publishing.REPORT_FLOW.apply(report, "publish", by=second)
    assert report.status == "published" and report.published_by == second and report.snapshot is not None
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds == ["edited", "submit", "send_back", "edited", "submit", "publish"]


def test_a_published_report_is_frozen_and_a_correction_supersedes_it(client, office):
    organisation, editor, reviewer = office
    _answered(organisation, D(2025, 3, 3), D(2025, 3, 20))
    report = _published_report(organisation, editor, reviewer)
    url = reverse("requests_app:annual_report", kwargs={"org_pk": organisation.pk, "year": 2025})
    before = client.get(url).content.decode()
    assert TEXTS["overview"] in before and 'id="row-new"' in before
    assert publishing.numbers(report).row("new").cells[-1] == 1

    _answered(organisation, D(2025, 6, 2), D(2025, 6, 20))  # new data about the year, after publication
    assert publishing.numbers(report).row("new").cells[-1] == 1  # the published numbers do not move
    assert annual_report.compute(organisation, 2025).row("new").cells[-1] == 2  # the records do
    assert client.get(url).content.decode() == before

    correction = publishing.start(organisation, 2025, by=editor)
    assert correction.version == 2 and correction.overview == TEXTS["overview"]
    with pytest.raises(Refusal, match="更正说明"):
        publishing.save_draft(correction, {"overview": "更正后的总体情况。"}, by=editor)
    publishing.save_draft(correction, {"correction_note": "补录6月收到的申请一件。"}, by=editor)
    publishing.submit(correction, by=editor)
    publishing.REPORT_FLOW.apply(correction, "publish", by=reviewer)
    report.refresh_from_db()
    assert report.status == "superseded"
    assert list(AnnualReport.objects.published()) == [correction]
    after = client.get(url).content.decode()
    assert "补录6月收到的申请一件。" in after and "第1版" in after
    assert publishing.numbers(correction).row("new").cells[-1] == 2


def test_part_two_counts_normative_documents_from_the_published_records(office):
    organisation, editor, reviewer = office
    normative = {"organisation": organisation, "doc_type": DocumentType.NORMATIVE, "published": True}
    DocumentFactory(**normative, published_on=D(2025, 4, 1))  # made in 2025, in force
    DocumentFactory(**normative, published_on=D(2023, 4, 1))  # made earlier, in force
    DocumentFactory(
        **normative, published_on=D(2022, 4, 1), validity=Validity.REPEALED, validity_changed_on=D(2025, 9, 1)
    )
    DocumentFactory(
        **normative, published_on=D(2021, 4, 1), validity=Validity.EXPIRED, validity_changed_on=D(2024, 9, 1)
    )
    DocumentFactory(
        **normative, published_on=D(2024, 4, 1), validity=Validity.REPEALED, validity_changed_on=D(2026, 2, 1)
    )
    DocumentFactory(**normative, published_on=D(2026, 1, 5))  # after the year
    DocumentFactory(organisation=organisation, doc_type=DocumentType.NORMATIVE, published_on=D(2025, 5, 1))  # draft
    assert annual_report.normative_document_counts(organisation, 2025) == [1, 1, 3]
    groups = annual_report.proactive_groups(organisation, 2025, {"licensing_decisions": 120, "fees_collected": 3})
    cells = {key: cells for group in groups for key, _label, cells in group.rows}
    assert cells == {
        "rules": [0, 0, 0],
        "normative": [1, 1, 3],
        "licensing": [120],
        "penalty": [0],
        "enforcement": [0],
        "fees": [3],
    }


def test_staff_pages_write_and_publish_the_report(client, office):
    organisation, editor, reviewer = office
    client.force_login(editor)
    listing = client.get(reverse("requests_app:staff_annual_reports", kwargs={"org_pk": organisation.pk}))
    assert listing.status_code == 200 and "2025" in listing.content.decode()
    url = reverse("requests_app:staff_annual_report", kwargs={"org_pk": organisation.pk, "year": 2025})
    assert "开始编制" in client.get(url).content.decode()
    client.post(url, {"action": "start"})
    page = client.get(url).content.decode()
    assert 'name="overview"' in page and "row-new" in page
    report = AnnualReport.objects.get()
    form = {
        **TEXTS,
        "action": "save",
        "rules_made": "0",
        "rules_repealed": "0",
        "rules_in_force": "0",
        "licensing_decisions": "35",
        "penalty_decisions": "2",
        "enforcement_decisions": "0",
        "fees_collected": "1.25",
        "seen_updated_at": report.updated_at.isoformat(),
    }
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "overview": "我的新文字"})  # the form still carries the old timestamp
    assert stale.status_code == 409 and "我的新文字" in stale.content.decode()
    bad = client.post(url, {**form, "licensing_decisions": "-1"})
    assert bad.status_code == 400 and TEXTS["problems"] in bad.content.decode()
    client.post(url, {"action": "submit"})
    client.force_login(reviewer)
    client.post(url, {"action": "publish"})
    report.refresh_from_db()
    assert report.status == "published" and report.licensing_decisions == 35


def test_the_print_view_and_the_workbook_look_like_the_official_report(client, office):
    organisation, editor, reviewer = office
    _published_report(organisation, editor, reviewer)
    kwargs = {"org_pk": organisation.pk, "year": 2025}
    with translation.override("en"):
        printed = client.get(reverse("requests_app:annual_report_print", kwargs=kwargs)).content.decode()
    assert '<html lang="zh-CN">' in printed and "report-print.css" in printed
    assert "一、总体情况" in printed and "二、主动公开政府信息情况" in printed  # Chinese even from an English session
    workbook = load_workbook(io.BytesIO(client.get(reverse("requests_app:annual_report_xlsx", kwargs=kwargs)).content))
    assert workbook.sheetnames == ["三、收到和处理申请情况", "四、行政复议和行政诉讼", "二、主动公开情况", "一、五、六"]
    sheet = workbook.worksheets[0]
    assert int(sheet.page_setup.paperSize) == 9 and sheet.print_title_rows == "$2:$4"
    assert "B2:H2" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A6"].border.left.style == "thin" and sheet["A6"].alignment.wrap_text
    assert workbook.worksheets[3]["B2"].value == TEXTS["overview"]


def test_without_a_published_report_the_public_page_is_labelled_live(client, office):
    organisation, _editor, _reviewer = office
    html = client.get(reverse("requests_app:annual_report", kwargs={"org_pk": organisation.pk, "year": 2025}))
    assert "尚未发布" in html.content.decode()
    assert (
        client.get(
            reverse("requests_app:annual_report_print", kwargs={"org_pk": organisation.pk, "year": 2025})
        ).status_code
        == 404
    )


def test_the_index_lists_published_reports(client, office):
    organisation, editor, reviewer = office
    _published_report(organisation, editor, reviewer, year=2024)
    html = client.get(reverse("requests_app:annual_reports")).content.decode()
    assert "安平县民政局" in html and reverse("requests_app:annual_report", args=[organisation.pk, 2024]) in html


@pytest.fixture
def english():
    """The language middleware activates the visitor's language on the test thread; put Chinese back after."""
    yield
    translation.activate("zh-hans")


def test_english_sessions_get_english_step_messages(client, office, english):
    organisation, editor, _reviewer = office
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    url = reverse("requests_app:staff_annual_report", kwargs={"org_pk": organisation.pk, "year": 2025})
    client.post(url, {"action": "start"})
    report = AnnualReport.objects.get()
    publishing.save_draft(report, TEXTS, by=editor)
    response = client.post(url, {"action": "submit"}, follow=True)
    assert "Done: Submit for review." in response.content.decode()
