"""Public pages (list, year, print, xlsx) from the published gate in bounded queries; staff pages behind the
permission; the home section and the workspace warning."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sitereport import services
from sitereport.models import DailyVisits, SiteReport
from tests.factories import member
from tests.sitereport.factories import keepers, office, published_report

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


@pytest.fixture
def keeper():
    organisation = office()
    clerk, reviewer = keepers(organisation)
    return organisation, clerk, reviewer


def _years(keeper, n):
    organisation, clerk, reviewer = keeper
    reports = []
    for year in range(YEAR - n + 1, YEAR + 1):
        DailyVisits.objects.create(day=dt.date(year, 3, 1), visits=1000 + year, visitors=300)
        reports.append(
            published_report(
                organisation,
                year,
                clerk=clerk,
                reviewer=reviewer,
                on=dt.date(year + 1, 2, 3),
                weibo_name="=HYPERLINK(1)",
            )
        )
    return reports


def test_empty_state(client):
    response = client.get(reverse("sitereport:index"))
    assert response.status_code == 200 and "尚未发布网站工作年度报表" in response.text
    assert client.get(reverse("sitereport:detail", args=[YEAR])).status_code == 404


def test_drafts_are_not_public(client, keeper):
    organisation, clerk, _reviewer = keeper
    services.start(organisation, YEAR, by=clerk)
    assert client.get(reverse("sitereport:detail", args=[YEAR])).status_code == 404
    assert client.get(reverse("sitereport:download", args=[YEAR])).status_code == 404


@pytest.mark.parametrize("n", [1, 4])
def test_public_pages_in_bounded_queries(client, keeper, n, django_assert_max_num_queries):
    _years(keeper, n)
    for name in ("detail", "print", "download"):
        with django_assert_max_num_queries(4):
            response = client.get(reverse(f"sitereport:{name}", args=[YEAR]))
        assert response.status_code == 200
    with django_assert_max_num_queries(4):
        response = client.get(reverse("sitereport:index"))
    assert f"{YEAR}年度" in response.text and "逾期发布" in response.text  # published 3 February: late
    assert str(1000 + YEAR) in response.text


def test_the_xlsx_is_in_the_table_layout_on_a4_with_safe_cells(client, keeper):
    _years(keeper, 1)
    response = client.get(reverse("sitereport:download", args=[YEAR]))
    sheet = load_workbook(BytesIO(response.content)).active
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "portrait"
    assert sheet.print_title_rows == "$2:$2"
    labels = {
        sheet.cell(row, 2).value.strip(): sheet.cell(row, 3)
        for row in range(3, sheet.max_row + 1)
        if sheet.cell(row, 2).value
    }
    assert labels["网站总访问量（次）"].value == 1000 + YEAR
    assert labels["微博：名称"].value == "=HYPERLINK(1)" and labels["微博：名称"].data_type == "s"
    assert labels["微博：名称"].quotePrefix
    assert sheet["A1"].font.name == "方正小标宋简体" and sheet["B3"].font.name == "仿宋_GB2312"


def test_the_home_page_shows_the_latest_published_year(client, keeper):
    _years(keeper, 2)
    response = client.get("/")
    assert reverse("sitereport:detail", args=[YEAR]) in response.text


def test_the_sitemap_lists_published_years(client, keeper):
    _years(keeper, 1)
    response = client.get("/sitemap-site-reports.xml")
    assert response.status_code == 200 and reverse("sitereport:detail", args=[YEAR]) in response.text


def test_staff_pages_need_the_permission(client, keeper):
    organisation, clerk, _reviewer = keeper
    home = reverse("sitereport:staff_home", args=[organisation.pk])
    assert client.get(home).status_code == 302
    client.force_login(member("reviewer", organisation))  # a reviewer of the office does not keep the report
    assert client.get(home).status_code == 403
    client.force_login(clerk)
    assert client.get(home).status_code == 200


def test_the_workspace_warns_the_keeper_until_published(client, keeper):
    organisation, clerk, reviewer = keeper
    client.force_login(clerk)
    assert f"{YEAR}年度网站工作年度报表须于" in client.get("/staff/").text
    published_report(organisation, YEAR, clerk=clerk, reviewer=reviewer)
    assert f"{YEAR}年度网站工作年度报表须于" not in client.get("/staff/").text
    client.force_login(member("editor", organisation))
    assert "网站工作年度报表须于" not in client.get("/staff/").text


def test_start_edit_and_publish_through_the_pages(client, keeper):
    organisation, clerk, reviewer = keeper
    client.force_login(clerk)
    response = client.post(reverse("sitereport:staff_start", args=[organisation.pk]), {"year": YEAR})
    edit = reverse("sitereport:staff_edit", args=[organisation.pk, YEAR])
    assert response.status_code == 302 and response["Location"] == edit
    report = SiteReport.objects.get(year=YEAR)
    page = client.get(edit)
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None and not isinstance(v, bool)}
    data.update(edit_version=report.edit_version, site_kind="portal", security_problems=1, security_fixed=2)
    data.update(filled_by="孙晓燕", phone="0537-6500011", head="王志刚")
    response = client.post(edit, data)
    assert response.status_code == 200 and "问题整改数量不能多于发现问题数量" in response.text
    assert 'value="王志刚"' in response.text  # the input is kept
    data["security_fixed"] = 1
    assert client.post(edit, data).status_code == 302
    event = reverse("sitereport:staff_event", args=[organisation.pk, YEAR])
    client.post(event + "?event=submit", {})
    client.post(event + "?event=publish", {})  # the drafter: refused
    report.refresh_from_db()
    assert report.status == "submitted"
    client.force_login(reviewer)
    client.post(event + "?event=publish", {})
    report.refresh_from_db()
    assert report.status == "published" and report.head == "王志刚"
    assert client.get(reverse("sitereport:detail", args=[YEAR])).status_code == 200


@pytest.mark.parametrize("n", [1, 4])
def test_staff_pages_in_bounded_queries(client, keeper, n, django_assert_max_num_queries):
    organisation, clerk, _reviewer = keeper
    _years(keeper, n)
    services.start(organisation, YEAR + 1, by=clerk)
    client.force_login(clerk)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("sitereport:staff_home", args=[organisation.pk])).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("sitereport:staff_edit", args=[organisation.pk, YEAR + 1])).status_code == 200
