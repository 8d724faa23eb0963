"""Journey: a citizen writes, staff answer (a second person approves) and publish, the citizen reads the answer
on the tracking page and on the public list."""

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPLY = "申请城乡低保需提供户口簿、身份证和家庭收入说明，到乡镇便民服务中心办理。"


def write(page, live_server):
    page.goto(f"{live_server.url}/interaction/write/")
    page.get_by_label("部门信箱", exact=True).first.check()
    page.get_by_label("部门信箱", exact=True).last.select_option(label="安平县民政局")
    page.get_by_label("留言类型").select_option(label="咨询")
    page.get_by_label("标题").fill("申请低保需要哪些材料")
    page.get_by_label("留言内容").fill("我父亲70岁独居，想申请农村低保，请问需要哪些材料？")
    page.get_by_role("textbox", name="姓名").fill("王建华")
    page.get_by_label("联系电话").fill("电话号码")
    page.get_by_label("同意公开留言和答复（不公开姓名和联系方式）").check()
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_text("请输入有效的联系电话")).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("申请低保需要哪些材料")
    page.get_by_label("联系电话").fill("13905371234")
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", name="留言已提交")).to_be_visible()
    return page.locator("#tracking-number").inner_text(), page.locator("#query-code").inner_text()


def track(page, live_server, number, code):
    page.goto(f"{live_server.url}/interaction/track/")
    page.get_by_label("留言或纠错编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()


def test_citizen_writes_staff_answer_and_publish(page, live_server, browser_login):
    page.set_default_timeout(10_000)
    organisation = OrganisationFactory(name="安平县民政局")
    handler = member("message_handler", organisation)
    reviewer = member("reviewer", organisation)

    number, code = write(page, live_server)
    assert number.startswith("LY-")
    track(page, live_server, number, code)
    expect(page.locator("#status")).to_have_text("办理中")

    browser_login(page, handler.username)
    page.goto(f"{live_server.url}/staff/org/{organisation.pk}/interaction/")
    page.get_by_role("link", name=number).click()
    expect(page.get_by_text("13905371234")).to_be_visible()  # the handler's own page
    page.get_by_label("答复内容").fill(REPLY)
    page.get_by_role("button", name="提交答复审核").click()
    expect(page.get_by_text("已完成：提交答复审核。")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    browser_login(page, reviewer.username)
    page.goto(f"{live_server.url}/staff/org/{organisation.pk}/interaction/approvals/")
    page.get_by_role("link", name=number).click()
    page.get_by_role("button", name="审核通过并答复").click()
    expect(page.get_by_text("已完成：审核通过并答复。")).to_be_visible()
    page.get_by_label("公开的留言内容").fill("我父亲70岁独居，想申请农村低保，请问需要哪些材料？")
    page.get_by_role("button", name="公开", exact=True).click()
    expect(page.get_by_text("已完成：公开。")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    track(page, live_server, number, code)
    expect(page.locator("#reply")).to_contain_text("便民服务中心")
    page.get_by_role("link", name="已在留言选登中公开（不含您的姓名和联系方式）").click()
    expect(page.get_by_role("heading", name="申请低保需要哪些材料")).to_be_visible()
    expect(page.get_by_text("王建华")).to_have_count(0)
    page.goto(f"{live_server.url}/interaction/messages/?q=低保")
    expect(page.get_by_role("link", name="申请低保需要哪些材料")).to_be_visible()


def test_public_interaction_pages_fit_a_phone(page, live_server):
    page.set_viewport_size({"width": 390, "height": 740})
    for path in ("/interaction/", "/interaction/write/", "/interaction/messages/", "/interaction/statistics/",
                 "/interaction/report-error/?page=/"):  # fmt: skip
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
