"""The assessment workbook (formula-safe), the SVG charts (no inline style or script), trainings and designations."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.roles import Role
from supervision import charts
from supervision.models import Designation, EvaluationScheme, RuleKind, SchemeIndicator, Training
from supervision.spreadsheet import safe
from tests.factories import OrganisationFactory, member


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM", "'@SUM"), ("县民政局", "县民政局"),
     (Decimal("1.50"), 1.5), (3, 3), (None, None)],
)  # fmt: skip
def test_safe(value, cell):
    assert safe(value) == cell


@pytest.mark.django_db
def test_scores_workbook_layout(client, supervisor):
    OrganisationFactory(name="=cmd|' /C calc'!A0")
    OrganisationFactory(name="县财政局")
    scheme = EvaluationScheme.objects.create(year=2026, title="2026年度考核评分表")
    SchemeIndicator.objects.create(scheme=scheme, code="officer_designated", weight=10, rule=RuleKind.YES_NO)
    SchemeIndicator.objects.create(scheme=scheme, code="empty_columns", weight=20, rule=RuleKind.THRESHOLDS,
                                   steps="0=100, 4=50")  # fmt: skip
    client.force_login(supervisor)
    response = client.get(reverse("supervision:scores_xlsx", kwargs={"pk": scheme.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "2026年度考核评分表"
    assert [sheet.cell(2, c).value for c in (1, 2, 3, 5, 7, 8)] == ["序号", "单位", "明确专人负责（含联系方式）（10.00分）",
                                                                   "空白栏目（无文件的目录事项）（20.00分）", "总分", "排名"]  # fmt: skip
    assert [sheet.cell(3, c).value for c in (3, 4, 5, 6)] == ["数值", "得分", "数值", "得分"]
    assert "C2:D2" in {str(r) for r in sheet.merged_cells.ranges}
    names = [sheet.cell(r, 2).value for r in (4, 5)]
    assert "'=cmd|' /C calc'!A0" in names
    assert all(sheet.cell(r, 7).value == 20 for r in (4, 5))  # no designation: 0 + no empty columns: 20


def test_charts_are_plain_svg_with_escaped_labels():
    svg = charts.bar_chart("发布<量>", ["2026-01", "2026-02"], [3, 0]) + charts.line_chart("率", ["a", "b", "c"], [100, None, 50])
    assert "<script" not in svg and "style=" not in svg
    assert "发布&lt;量&gt;" in svg and svg.count("<rect") == 2 and svg.count("<polyline") == 2


@pytest.mark.django_db
def test_trainings_and_the_annual_check(client, supervisor):
    held, attended, missing = OrganisationFactory(name="办班局"), OrganisationFactory(name="参训局"), OrganisationFactory(name="缺训局")
    membership = member(Role.EDITOR, attended).memberships.get()
    client.force_login(supervisor)
    response = client.post(reverse("supervision:trainings"), {
        "held_on": f"{dt.date.today().year}-03-01", "topic": "政务公开培训", "organiser": held.pk, "hours": "2.5",
        "attendees": [membership.pk], "materials": "课件",
    })  # fmt: skip
    assert response.status_code == 302
    training = Training.objects.get()
    assert training.recorded_by == supervisor and list(training.attendees.all()) == [membership]
    page = client.get(reverse("supervision:trainings"))
    assert list(page.context["missing"]) == [missing]
    bad = client.post(reverse("supervision:trainings"), {"held_on": "2026-03-01", "topic": "t", "organiser": held.pk,
                                                        "hours": "0"})  # fmt: skip
    assert bad.status_code == 200 and "学时须大于0" in bad.content.decode()


@pytest.mark.django_db
def test_the_organisation_admin_names_the_person_responsible(client):
    org = OrganisationFactory()
    client.force_login(member(Role.ORGANISATION_ADMIN, org))
    url = reverse("supervision:designation", kwargs={"org_pk": org.pk})
    response = client.post(url, {"unit": "办公室", "officer": "王政务", "phone": "", "email": ""})
    assert response.status_code == 200 and "至少填写" in response.content.decode()
    assert client.post(url, {"unit": "办公室", "officer": "王政务", "phone": "0537-1", "email": ""}).status_code == 302
    assert Designation.objects.get(organisation=org).is_complete
