"""/api/v1/site-reports/: the published 政府网站工作年度报表, from `SiteReport.objects.published()` and its snapshot."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import OrganisationKind
from sitereport import services
from tests.factories import OrganisationFactory
from tests.sitereport.factories import keepers, published_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OrganisationFactory(name="测试县人民政府办公室", kind=OrganisationKind.DEPARTMENT)


def test_lists_published_years_newest_first_and_hides_drafts(client, office):
    clerk, reviewer = keepers(office)
    year = timezone.localdate().year
    published_report(office, year - 2, clerk=clerk, reviewer=reviewer)
    published_report(office, year - 1, clerk=clerk, reviewer=reviewer)
    services.start(office, year, by=clerk)  # this year's draft
    body = client.get(reverse("api:site-reports")).json()
    assert [r["year"] for r in body["results"]] == [year - 1, year - 2]
    first = body["results"][0]
    assert first["url"].endswith(reverse("api:site-report", args=[year - 1]))
    assert first["html_url"].endswith(reverse("sitereport:detail", args=[year - 1]))
    assert first["version"] == 1 and first["is_late"] in (True, False)
    assert client.get(reverse("api:site-report", args=[year])).status_code == 404
    assert client.get(reverse("api:site-report", args=[1999])).json()["detail"]


def test_detail_gives_the_table_from_the_snapshot(client, office):
    clerk, reviewer = keepers(office)
    year = timezone.localdate().year - 1
    report = published_report(office, year, clerk=clerk, reviewer=reviewer, security_checks=4, filled_by="孙晓燕")
    report.snapshot["records"]["docs_total"] = 12345  # what was frozen, whatever the records say now
    type(report).objects.filter(pk=report.pk).update(snapshot=report.snapshot)
    response = client.get(reverse("api:site-report", args=[year]))
    assert response.status_code == 200 and response["ETag"]
    body = response.json()
    assert body["organisation"] == {"id": office.pk, "name": office.name}
    rows = {row["label"]: row for section in body["sections"] for row in section["rows"]}
    assert rows["总数（条）"]["raw"] == 12345 and rows["总数（条）"]["computed"] is True
    assert rows["安全检测评估次数（次）"]["raw"] == 4 and rows["安全检测评估次数（次）"]["computed"] is False
    assert {"label": "填报人", "value": "孙晓燕"} in body["signature"]
    assert body["print_url"].endswith(reverse("sitereport:print", args=[year]))
    assert body["xlsx_url"].endswith(reverse("sitereport:download", args=[year]))
    assert body["deadline"] == f"{year + 1}-01-29"


def test_the_index_names_the_endpoint(client):
    assert client.get(reverse("api:index")).json()["site-reports"].endswith(reverse("api:site-reports"))


@pytest.mark.parametrize("size", [1, 4])
def test_queries_do_not_grow_with_the_years(client, office, django_assert_max_num_queries, size):
    clerk, reviewer = keepers(office)
    for back in range(1, size + 1):
        published_report(office, timezone.localdate().year - back, clerk=clerk, reviewer=reviewer)
    with django_assert_max_num_queries(2):
        assert client.get(reverse("api:site-reports")).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("api:site-report", args=[timezone.localdate().year - 1])).status_code == 200
