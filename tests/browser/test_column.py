"""Journeys: an office writes its guide, a reviewer publishes it, a citizen reads it and takes the application form;
a citizen finds an organisation's column and its information, on a phone as on a desktop."""

import pytest
from playwright.sync_api import expect

from column.models import Part
from portal.roles import Role
from tests.column.conftest import GUIDE, publish
from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_guide_written_reviewed_published_and_read(page, browser, live_server, browser_login):
    page.set_default_timeout(40_000)
    org = OrganisationFactory(name="安平县民政局")
    editor = member(Role.EDITOR, org)
    reviewer = member(Role.REVIEWER, org)

    browser_login(page, editor.username)
    page.get_by_role("link", name="信息公开专栏（指南、制度、机构信息）").first.click()
    expect(page.get_by_text("尚未填写“政府信息公开指南”").first).to_be_visible()
    page.get_by_role("link", name="填写").first.click()
    for name in ("arrangement", "obtaining", "request_procedure", "office_name", "address", "postcode", "office_hours",
                 "phone", "email", "website"):  # fmt: skip
        page.locator(f"[name={name}]").fill(GUIDE[name])
    page.get_by_label("传真").fill("请来电")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("请填写有效的电话号码").first).to_be_visible()
    expect(page.get_by_label("政府信息公开工作机构名称")).to_have_value(GUIDE["office_name"])  # input kept
    page.get_by_label("传真").fill("0318-7000002")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("已保存草稿").first).to_be_visible()
    page.get_by_role("button", name="提交审核").first.click()
    expect(page.get_by_text("已完成：提交审核。")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    browser_login(page, reviewer.username)
    page.get_by_role("link", name="信息公开专栏（指南、制度、机构信息）").first.click()
    page.get_by_role("button", name="审核通过并发布").first.click()
    expect(page.get_by_text("已完成：审核通过并发布。")).to_be_visible()

    citizen = browser.new_context(locale="zh-CN").new_page()
    citizen.goto(f"{live_server.url}/column/")
    citizen.get_by_role("link", name="安平县民政局").click()
    citizen.get_by_role("navigation", name="政府信息公开专栏").get_by_role("link", name="政府信息公开指南").click()
    expect(citizen.get_by_role("heading", name="安平县民政局政府信息公开指南")).to_be_visible()
    expect(citizen.get_by_text("0318-7000002")).to_be_visible()
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="下载政府信息公开申请表（DOCX）").first.click()
    assert download.value.suggested_filename.endswith("政府信息公开申请表.docx")
    citizen.get_by_role("link", name="申请表打印版").first.click()
    expect(citizen.get_by_role("heading", name="政府信息公开申请表")).to_be_visible()
    expect(citizen.get_by_role("button", name="打印")).to_be_visible()


def test_organisation_column_on_a_phone(browser, live_server):
    org = OrganisationFactory(name="安平县民政局")
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    publish(org, Part.PROFILE, editor, reviewer, functions="负责全县社会救助工作。")
    empty = OrganisationFactory(name="新设的机构")

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    phone.set_default_timeout(40_000)
    phone.goto(f"{live_server.url}/column/org/{org.pk}/")
    expect(phone.get_by_role("heading", name="安平县民政局 · 政府信息公开专栏")).to_be_visible()
    phone.get_by_role("link", name="机构信息").first.click()
    expect(phone.get_by_text("负责全县社会救助工作。")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    phone.keyboard.press("Tab")  # the skip link first: the page works from the keyboard
    expect(phone.locator(":focus")).to_have_text("跳到主要内容")

    phone.goto(f"{live_server.url}/column/org/{empty.pk}/profile/")
    expect(phone.get_by_text("本机构尚未发布“机构信息”。")).to_be_visible()
