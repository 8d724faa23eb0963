"""xlsx export/import in the county layout: round trip, every bad row reported, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from catalog import services
from catalog.models import CatalogEvent, CatalogItem, GuidelineEntry
from catalog.spreadsheet import read_catalog, split_channels, write_catalog
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db
COMPARED = (
    "first_level", "second_level", "content_elements", "legal_basis", "time_limit", "responsible_body",
    "channels", "channels_other", "audience_public", "audience_specific", "mode_proactive", "mode_on_request",
    "level_county", "level_township", "level_village",
)


def _upload(client, org, data: bytes, name="目录.xlsx"):
    url = reverse("catalog:staff_import", kwargs={"org_pk": org.pk, "domain": "public-resource-trading"})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def _county_workbook(rows) -> bytes:
    """A workbook as a county office would make it by hand: title, merged two-row header, ticks."""
    book = Workbook()
    sheet = book.active
    sheet.append(["城关街道公共资源交易领域基层政务公开标准目录"])
    sheet.append(["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                  "公开对象", None, "公开方式", None, "公开层级", None])
    sheet.append([None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群众", "主动", "依申请", "县级", "乡、村级"])
    for merged in ("B2:C2", "I2:J2", "K2:L2", "M2:N2", "A2:A3", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3"):
        sheet.merge_cells(merged)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [1, "政府采购信息", "法律法规及政策文件", "与政府采购有关的法律法规及政策文件", "《政府采购法》",
        "信息形成或者变更之日起20个工作日内", "街道办事处", "政府网站", "√", None, "√", None, None, "√"]
GOOD2 = [2, "政府采购信息", "采购公告", "采购人、采购项目名称、预算金额", "《政府采购法》", "及时公开",
         "采购人", "政府网站、两微一端、中国政府采购网", "√", None, "√", None, None, "√"]


def test_export_of_a_published_version_round_trips_into_another_organisation(client):
    source = OrganisationFactory()
    services.adopt(source, GuidelineEntry.objects.filter(domain=domain("public-resource-trading")), by=member(Role.EDITOR, source))
    version = publish_catalog(source, domain("public-resource-trading"))
    response = client.get(reverse("catalog:domain_xlsx", kwargs={"org_pk": source.pk, "domain": "public-resource-trading"}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "B2:C2" in [str(r) for r in sheet.merged_cells.ranges]  # 公开事项 over 一级/二级事项
    target = OrganisationFactory()
    client.force_login(member(Role.EDITOR, target))
    assert _upload(client, target, response.content).status_code == 302
    exported = [{f: getattr(r, f) for f in COMPARED} for r in version.items.all()]
    imported = [
        {f: getattr(i, f) for f in COMPARED}
        for i in CatalogItem.objects.filter(organisation=target).order_by("sort_order")
    ]
    assert imported == exported
    assert CatalogEvent.objects.filter(kind="import", catalog__organisation=target).exists()


def test_a_hand_made_county_workbook_imports(client):
    org = OrganisationFactory()
    client.force_login(member(Role.EDITOR, org))
    assert _upload(client, org, _county_workbook([GOOD, GOOD2])).status_code == 302
    second = CatalogItem.objects.get(organisation=org, second_level="采购公告")
    assert second.channels == ["website", "new_media", "other"] and second.channels_other == "中国政府采购网"
    assert second.level_township and not second.level_county and second.time_limit_kind == "immediately"


def test_every_bad_row_is_reported_and_nothing_is_applied(client):
    org = OrganisationFactory()
    CatalogItemFactory(organisation=org, domain=domain("public-resource-trading"), second_level="已有事项")
    client.force_login(member(Role.EDITOR, org))
    bad_empty = [3, "政府采购信息", "", "内容", "依据", "及时公开", "采购人", "政府网站", "√", None, "√", None, None, "√"]
    bad_tick = [4, "政府采购信息", "中标结果", "内容", "依据", "及时公开", "采购人", "政府网站", "√", None, "有", None, None, "√"]
    bad_level = [5, "政府采购信息", "合同公告", "内容", "依据", "及时公开", "采购人", "政府网站", "√", None, "√", None, None, None]
    response = _upload(client, org, _county_workbook([GOOD, bad_empty, bad_tick, bad_level, GOOD]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "第5行 C列“二级事项”：不能为空" in html
    assert "第6行 K列“主动”：无法识别“有”" in html
    assert "第7行“公开层级”：至少勾选一项" in html
    assert "第8行：一级事项和二级事项与第4行重复" in html
    assert list(CatalogItem.objects.filter(organisation=org).values_list("second_level", flat=True)) == ["已有事项"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\xd0\xcf\x11\xe0 old excel", "目录.xls", "文件不是 Excel 工作簿"),
        ("序号,一级事项\n1,综合业务".encode("gb18030"), "目录.xlsx", "文件不是 Excel 工作簿"),
        (b"PK\x03\x04 not really a zip", "目录.xlsx", "无法读取该文件"),
    ],
)
def test_files_that_are_not_workbooks_get_a_clear_message(client, data, name, message):
    org = OrganisationFactory()
    client.force_login(member(Role.EDITOR, org))
    response = _upload(client, org, data, name)
    assert response.status_code == 200 and message in response.content.decode()


def test_oversized_upload_is_refused(client, settings, monkeypatch):
    monkeypatch.setattr("catalog.forms.XLSX_MAX_BYTES", 10)
    org = OrganisationFactory()
    client.force_login(member(Role.EDITOR, org))
    assert "文件过大" in _upload(client, org, _county_workbook([GOOD])).content.decode()


def test_workbook_without_header_is_explained():
    book = Workbook()
    book.active.append(["随便", "写点"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_catalog(buffer.getvalue()).errors[0].startswith("找不到表头")


@pytest.mark.parametrize(
    ("text", "codes", "other"),
    [
        ("政府网站、两微一端", ["website", "new_media"], ""),
        ("政府网站，公示栏；便民服务中心", ["website", "notice_board", "service_station"], ""),
        ("招标投标公共服务平台", ["other"], "招标投标公共服务平台"),
        ("", [], ""),
    ],
)
def test_split_channels(text, codes, other):
    assert split_channels(text) == (codes, other)


def test_write_then_read_is_identity_for_rows():
    items = CatalogItemFactory.build_batch(3, channels=["website", "other"], channels_other="村务公开栏")
    result = read_catalog(write_catalog("标题", items))
    assert result.errors == []
    assert [r["second_level"] for r in result.rows] == [i.second_level for i in items]
    assert result.rows[0]["channels_other"] == "村务公开栏"


def test_a_zip_that_is_not_named_xlsx_is_refused(client):
    org = OrganisationFactory()
    client.force_login(member(Role.EDITOR, org))
    response = _upload(client, org, _county_workbook([GOOD]), name="目录.zip")
    assert "不是 Excel 工作簿" in response.content.decode()
    assert not CatalogItem.objects.filter(organisation=org).exists()
