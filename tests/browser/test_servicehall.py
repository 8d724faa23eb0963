"""Journey: an organisation registers a service-hall terminal and activates it on the device; a visitor files an
information request with staff help, prints the receipt and leaves; the idle timer clears what someone typed."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from portal.roles import Role
from requests_app.models import InformationRequest
from tests.factories import OrganisationFactory, member
from tests.requests_app.factories import RESIDENT_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register_and_activate(page, live_server, browser_login, organisation):
    admin = member(Role.ORGANISATION_ADMIN, organisation)
    browser_login(page, admin.username)
    page.goto(f"{live_server.url}/staff/org/{organisation.pk}/servicehall/")
    page.get_by_label("终端名称").fill("1号查询机")
    page.get_by_label("放置地点").fill("政务服务中心一楼")
    page.get_by_role("button", name="登记").click()
    page.get_by_role("button", name="在本机启用").click()
    expect(page.get_by_role("heading", name="政府信息公开查询")).to_be_visible()
    expect(page.get_by_text("安平县民政局 · 1号查询机")).to_be_visible()
    expect(page.get_by_text("工作台")).to_have_count(0)  # the staff session ended


def test_kiosk_journey(page, live_server, browser_login):
    page.set_default_timeout(10_000)
    organisation = OrganisationFactory(name="安平县民政局")
    register_and_activate(page, live_server, browser_login, organisation)

    tile = page.get_by_role("link", name="申请政府信息公开")
    expect(tile).to_be_visible()
    # A touch target, read once the kiosk's stylesheet applies (a loaded machine measured it before, once).
    page.wait_for_function(
        "tile => { const box = tile.getBoundingClientRect(); return box.height >= 64 && box.width >= 64; }",
        arg=tile.element_handle(),
    )

    page.get_by_role("link", name="政府信息公开指南").click()
    expect(page.get_by_role("heading", name="一、主动公开")).to_be_visible()
    page.get_by_role("link", name="返回首页").click()

    tile.click()
    expect(page.get_by_label("向哪个机关申请")).to_have_value(str(organisation.pk))
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label("申请人姓名或名称").fill("张三丰")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(RESIDENT_ID)
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("所需信息名称").fill("2025年城乡低保资金发放明细")
    page.get_by_label("所需信息的描述").fill("各乡镇低保资金发放汇总表")
    page.get_by_label("纸质", exact=True).check()
    page.get_by_label("当面领取", exact=True).check()
    page.get_by_role("button", name="提交申请").click()

    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    number = InformationRequest.objects.get().tracking_number
    expect(page.locator(".kiosk-code").first).to_have_text(number)
    expect(page.get_by_role("button", name="打印受理回执")).to_be_visible()
    expect(page.get_by_text("政府信息公开申请受理回执")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="打印受理回执")).to_be_hidden()
    expect(page.get_by_text("政府信息公开申请受理回执")).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("button", name="完成并清除").click()
    expect(page.get_by_role("heading", name="政府信息公开查询")).to_be_visible()
    page.go_back()
    expect(page.get_by_text(number)).to_have_count(0)  # the receipt was shown once; nothing left to go back to


@override_settings(GONGKAI_KIOSK_IDLE_SECONDS=3)
def test_idle_screen_clears_itself(page, live_server):
    page.set_default_timeout(15_000)
    OrganisationFactory(name="安平县民政局")
    page.goto(f"{live_server.url}/hall/apply/")
    page.get_by_label("申请人姓名或名称").fill("张三丰")
    expect(page.get_by_role("alertdialog")).to_be_visible()
    expect(page.get_by_role("button", name="继续使用")).to_be_focused()
    page.get_by_role("button", name="继续使用").click()
    expect(page.get_by_role("alertdialog")).to_be_hidden()
    expect(page.get_by_label("申请人姓名或名称")).to_have_value("张三丰")
    # warned again, then cleared
    expect(page.get_by_role("heading", name="政府信息公开查询")).to_be_visible(timeout=15_000)
    page.go_back()
    expect(page.get_by_label("申请人姓名或名称")).to_have_value("")
