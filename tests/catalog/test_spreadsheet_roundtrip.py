"""The site's own xlsx goes back in unchanged; other domains' sheets are refused; merged cells; print layout."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from catalog.models import CatalogItem, Channel
from catalog.spreadsheet import catalog_title, read_catalog, split_channels, write_catalog
from portal.roles import Role
from portal.sheets import SheetError, SheetLimits, fill_merged_cells, merged_ranges
from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.catalog.test_spreadsheet import COMPARED, GOOD, _county_workbook
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db
TRADING = "public-resource-trading"
EVERY_CHANNEL = [value for value, _label in Channel.choices]


def _columns(org, domain_code=TRADING):
    items = CatalogItem.objects.filter(organisation=org, domain__code=domain_code).order_by("sort_order")
    return [{f: getattr(i, f) for f in COMPARED} for i in items]


def _import(client, org, data, domain_code=TRADING):
    url = reverse("catalog:staff_import", kwargs={"org_pk": org.pk, "domain": domain_code})
    return client.post(url, {"file": SimpleUploadedFile("目录.xlsx", data)}, follow=True)


def _export_working_copy(client, org, domain_code=TRADING):
    url = reverse("catalog:staff_export", kwargs={"org_pk": org.pk, "domain": domain_code})
    return client.get(url).content


@pytest.fixture
def org_with_items():
    org = OrganisationFactory()
    trading = domain(TRADING)
    CatalogItemFactory(organisation=org, domain=trading, channels=EVERY_CHANNEL, channels_other="村务公开栏/电子屏")
    CatalogItemFactory(organisation=org, domain=trading, channels=["press_hearing", "notice_board"])
    CatalogItemFactory(
        organisation=org, domain=trading, first_level='=HYPERLINK("x")', channels=["website"], level_village=True
    )
    return org


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_reimporting_the_own_export_changes_nothing(client, org_with_items, language):
    client.force_login(member(Role.EDITOR, org_with_items))
    before = _columns(org_with_items)
    with translation.override(language):
        client.cookies["django_language"] = language
        data = _export_working_copy(client, org_with_items)
    response = _import(client, org_with_items, data)
    assert response.status_code == 200
    assert _columns(org_with_items) == before
    with translation.override(language):
        done = translation.gettext("导入完成：新增 %(a)d 项，更新 %(u)d 项。") % {"a": 0, "u": 0}
    assert done in response.content.decode()


def test_the_published_export_reads_back_as_its_rows():
    org = OrganisationFactory()
    trading = domain(TRADING)
    CatalogItemFactory.create_batch(2, organisation=org, domain=trading, channels=["press_hearing", "notice_board"])
    version = publish_catalog(org, trading)
    rows = [r for r in version.items.all() if r.is_applicable]
    result = read_catalog(write_catalog(catalog_title(org, trading, version.number), rows), domain=trading)
    assert result.errors == []
    assert [(r["channels"], r["channels_other"]) for r in result.rows] == [(["press_hearing", "notice_board"], "")] * 2


def test_an_english_session_still_exports_the_chinese_exchange_layout(org_with_items):
    with translation.override("en"):
        data = write_catalog(
            catalog_title(org_with_items, domain(TRADING)),
            CatalogItem.objects.filter(organisation=org_with_items).order_by("sort_order"),
        )
    sheet = load_workbook(io.BytesIO(data)).active
    assert "公共资源交易领域基层政务公开标准目录" in sheet["A1"].value
    assert sheet["B3"].value == "一级事项" and "发布会/听证会" in sheet["H5"].value


@pytest.mark.parametrize(
    ("text", "codes", "other"),
    [
        ("发布会/听证会", ["press_hearing"], ""),
        ("社区/企事业单位/村公示栏（电子屏）、政府网站", ["notice_board", "website"], ""),
        ("政府网站/两微一端", ["website", "new_media"], ""),
        ("政府网站/招标投标公共服务平台", ["other"], "政府网站/招标投标公共服务平台"),
        ("政府网站、村务公开栏/电子屏，乡镇公告栏", ["website", "other"], "村务公开栏/电子屏，乡镇公告栏"),
        ("其他", ["other"], ""),
    ],
)
def test_channel_names_containing_a_slash_stay_whole(text, codes, other):
    assert split_channels(text) == (codes, other)


def test_a_sheet_for_another_domain_is_refused_with_a_clear_message(client):
    org = OrganisationFactory()
    CatalogItemFactory(organisation=org, domain=domain("social-assistance"))
    client.force_login(member(Role.EDITOR, org))
    data = _export_working_copy(client, org, "social-assistance")
    html = _import(client, org, data, TRADING).content.decode()
    assert "这张表格的标题是“社会救助”领域的目录，不能导入“公共资源交易”领域" in html
    assert not CatalogItem.objects.filter(organisation=org, domain__code=TRADING).exists()


def test_a_title_naming_no_domain_or_this_one_is_accepted():
    trading = domain(TRADING)
    assert read_catalog(_county_workbook([GOOD]), domain=trading).errors == []  # 城关街道公共资源交易领域…
    assert read_catalog(_county_workbook([GOOD]), domain=domain("social-assistance")).errors[0].startswith("这张表格")


def _merged_workbook() -> bytes:
    """A county's sheet with the 一级事项 merged down over its three rows (and a merged 公开主体)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["公共资源交易领域基层政务公开标准目录"])
    sheet.append(
        [
            "序号",
            "公开事项",
            None,
            "公开内容（要素）",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道和载体",
            "公开对象",
            None,
            "公开方式",
            None,
            "公开层级",
            None,
        ]
    )
    sheet.append(
        [
            None,
            "一级事项",
            "二级事项",
            None,
            None,
            None,
            None,
            None,
            "全社会",
            "特定群体",
            "主动",
            "依申请",
            "县级",
            "乡级",
        ]
    )
    for n, second in enumerate(["采购公告", "中标结果", "合同公告"], start=1):
        first = "政府采购信息" if n == 1 else None
        body = "采购人" if n == 1 else None
        sheet.append([n, first, second, "内容", "依据", "及时公开", body, "政府网站", "√", None, "√", None, "√", None])
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("G4:G6")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_vertically_merged_first_level_cells_read_as_the_value_above():
    result = read_catalog(_merged_workbook(), domain=domain(TRADING))
    assert result.errors == []
    assert [(r["first_level"], r["second_level"], r["responsible_body"]) for r in result.rows] == [
        ("政府采购信息", "采购公告", "采购人"),
        ("政府采购信息", "中标结果", "采购人"),
        ("政府采购信息", "合同公告", "采购人"),
    ]


def test_merged_ranges_come_from_the_sheet_xml():
    xml = b'<mergeCells count="2"><mergeCell ref="B4:B6"/><x:mergeCell ref="$AA$2:$AB$3"/></mergeCells>'
    assert merged_ranges(xml) == [(4, 2, 6, 2), (2, 27, 3, 28)]


def test_filling_merged_cells_stays_within_the_limits():
    rows = [("a", None), (None, None)]
    assert fill_merged_cells(rows, [(1, 1, 2, 2)], SheetLimits(rows=10, columns=10, cells=10)) == [
        ("a", "a"),
        ("a", "a"),
    ]
    with pytest.raises(SheetError, match="合并单元格"):
        fill_merged_cells(rows, [(1, 1, 2, 2)] * 5, SheetLimits(rows=10, columns=10, cells=10))


def test_exported_sheets_print_on_a4_landscape_with_borders_wrapping_and_repeated_headers(org_with_items):
    rows = CatalogItem.objects.filter(organisation=org_with_items).order_by("sort_order")
    sheet = load_workbook(io.BytesIO(write_catalog("标题", rows))).active
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and int(sheet.page_setup.fitToWidth) == 1
    assert int(sheet.page_setup.fitToHeight) == 0  # as many pages down as needed
    assert sheet.print_title_rows == "$2:$3"
    header, text, tick = sheet["D2"], sheet["D4"], sheet["I4"]
    for cell in (header, text, tick):
        assert cell.border.left.style == cell.border.bottom.style == "thin"
        assert cell.font.name == "宋体"
    assert text.alignment.wrap_text and header.alignment.wrap_text
    assert tick.alignment.horizontal == "center"
