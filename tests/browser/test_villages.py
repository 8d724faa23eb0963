"""Journey: a township's clerk publishes a 低保 list for a village, a second person reviews it, and residents read
the village page and its notice-board print — names with masked ID numbers only."""

import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from catalog.models import CatalogItem
from tests.catalog.factories import publish_catalog
from tests.villages.factories import resident_id, staff, township, village

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def benefit_list(tmp_path):
    book = Workbook()
    book.active.append(["户主姓名", "身份证号码", "家庭人口", "金额（元）", "备注"])
    book.active.append(["马长顺", resident_id(1), 3, 460, ""])
    book.active.append(["马桂兰", resident_id(2), 1, 520.5, "新增"])
    path = tmp_path / "低保名单.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_township_publishes_a_benefit_list_for_its_village(page, live_server, browser_login, tmp_path):
    page.set_default_timeout(10_000)
    town = township()
    clerk, reviewer = staff(town)
    village(town, name="马庄村村民委员会")
    publish_catalog(town, items=2)  # the township's published 社会救助 catalog
    entry = CatalogItem.objects.published().filter(organisation=town).order_by("pk").first()

    browser_login(page, clerk.username)
    page.goto(f"{live_server.url}/staff/org/{town.pk}/villages/")
    expect(page.get_by_text("缺4个季度")).to_be_visible()  # no finances published yet
    page.get_by_role("link", name="马庄村村民委员会").click()
    page.get_by_role("link", name="惠农补贴和救助名单").click()
    page.get_by_label("标题").fill("2026年城乡低保对象公示")
    page.get_by_label("内容").fill("以下家庭经民主评议纳入最低生活保障。")
    page.get_by_label("补贴或救助类别").select_option(label="最低生活保障（低保）")
    page.get_by_label("对应目录事项").select_option(label=f"{entry.domain.name} · {entry}")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("已保存草稿。")).to_be_visible()
    page.get_by_label("名单文件（xlsx）").set_input_files(str(benefit_list(tmp_path)))
    page.get_by_role("button", name="导入名单").click()
    expect(page.get_by_text("已导入2户。")).to_be_visible()
    expect(page.get_by_text(resident_id(1))).to_have_count(0)  # not even staff see the full number again
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已完成：提交审核。")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    browser_login(page, reviewer.username)
    page.goto(f"{live_server.url}/staff/org/{town.pk}/villages/")
    page.get_by_role("link", name="2026年城乡低保对象公示").click()
    page.get_by_role("button", name="审核通过并公开").click()
    expect(page.get_by_text("已完成：审核通过并公开。")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    page.goto(f"{live_server.url}/villages/")
    page.get_by_role("link", name="马庄村村民委员会").click()
    expect(page.get_by_role("heading", name="马庄村村民委员会")).to_be_visible()
    expect(page.get_by_role("heading", name="财务收支")).to_be_visible()
    expect(page.get_by_text("暂未公开联系方式。")).to_be_visible()
    page.get_by_role("link", name="2026年城乡低保对象公示").click()
    expect(page.get_by_role("cell", name="马长顺")).to_be_visible()
    masked = resident_id(1)[:3] + "*" * 11 + resident_id(1)[-4:]
    expect(page.get_by_role("cell", name=masked)).to_be_visible()
    expect(page.get_by_text(resident_id(1))).to_have_count(0)

    page.wait_for_load_state()  # the stylesheet applied before the width is read
    page.set_viewport_size({"width": 390, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width

    # The matter names the catalog item it fulfils; the item's page in the catalog lists it back.
    item_url = page.url
    page.get_by_role("link", name=str(entry)).click()
    block = page.get_by_role("region", name="村（居）务公开")
    expect(block.get_by_role("link", name="2026年城乡低保对象公示")).to_be_visible()
    page.goto(item_url)

    page.get_by_role("link", name="打印公开栏").click()
    expect(page.get_by_role("heading", name="马庄村村民委员会村务公开栏")).to_be_visible()
    expect(page.get_by_role("button", name="打印")).to_be_visible()
    expect(page.get_by_role("cell", name="马桂兰")).to_be_visible()
    # The board's stylesheet may still be arriving when the heading shows: wait for the font rather than read it once.
    expect(page.locator("body")).to_have_css("font-family", re.compile("仿宋|FangSong"))
