"""Journeys for information requests: a citizen applies and tracks; staff take the request to a reply."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.roles import Role
from tests.factories import OrganisationFactory, member
from tests.requests_app.factories import RESIDENT_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def apply_online(page, live_server):
    page.goto(f"{live_server.url}/requests/")
    page.get_by_label("向哪个机关申请").select_option(label="安平县民政局")
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label("申请人姓名或名称").fill("张三丰")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(RESIDENT_ID[:-1] + ("0" if RESIDENT_ID[-1] != "0" else "1"))
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("电子邮箱").fill("zhang@example.net")
    page.get_by_label("所需信息名称").fill("2025年城乡低保资金发放明细")
    page.get_by_label("所需信息的描述").fill("各乡镇低保资金发放汇总表")
    page.get_by_label("电子", exact=True).check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_role("button", name="提交申请").click()
    # a wrong check digit: a Chinese message, and what was typed is still there
    expect(page.get_by_text("校验位或出生日期不正确")).to_be_visible()
    expect(page.get_by_label("所需信息名称")).to_have_value("2025年城乡低保资金发放明细")
    page.get_by_label("证件号码").fill(RESIDENT_ID)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    return page.locator("#tracking-number").inner_text(), page.locator("#query-code").inner_text()


def track(page, live_server, number, code):
    page.goto(f"{live_server.url}/requests/track/")
    page.get_by_label("受理编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()


def act(page, action_label, fill=None):
    page.get_by_role("link", name=action_label, exact=True).click()
    if fill:
        fill()
    page.get_by_role("button", name=action_label, exact=True).click()
    expect(page.get_by_text(f"已完成：{action_label}。")).to_be_visible()


def logout(page):
    page.get_by_role("button", name="退出").click()


def test_citizen_applies_and_staff_take_it_to_a_reply(page, live_server, browser_login):
    page.set_default_timeout(10_000)
    organisation = OrganisationFactory(name="安平县民政局")
    handler = member(Role.REQUEST_HANDLER, organisation)
    reviewer = member(Role.REVIEWER, organisation)

    number, code = apply_online(page, live_server)
    assert number.startswith("YSQ-")
    track(page, live_server, number, code)
    expect(page.get_by_text("已提交，待确认收到")).to_be_visible()
    expect(page.get_by_text(RESIDENT_ID)).to_have_count(0)

    browser_login(page, handler.username)
    page.goto(f"{live_server.url}/staff/org/{organisation.pk}/requests/")
    page.get_by_role("link", name=number).click()
    expect(page.get_by_text(RESIDENT_ID)).to_be_visible()  # the handler's own view
    act(page, "确认收到")
    deadline = (timezone.localdate() + dt.timedelta(days=10)).isoformat()

    def correction():
        page.get_by_label("申请人补正期限").fill(deadline)
        page.get_by_label("需要补正的事项（一次性告知）").fill("请写明所需明细的乡镇范围。")

    act(page, "告知补正", correction)
    expect(page.get_by_text("收到补正后重新计算")).to_be_visible()
    act(page, "收到补正")
    act(page, "开始办理")

    def consultation():
        page.get_by_label("类型").select_option("other_organ")
        page.get_by_label("征求意见对象").fill("安平县财政局")

    act(page, "征求意见", consultation)
    expect(page.get_by_text("征求意见期间暂停计算")).to_be_visible()

    def consultation_answer():
        page.get_by_label("征求意见").select_option(index=1)
        page.get_by_label("答复意见").fill("同意公开。")

    act(page, "记录征求意见答复", consultation_answer)

    def extension():
        page.get_by_label("延长工作日数").fill("10")
        page.get_by_label("延期理由").fill("需要汇总各乡镇数据。")
        page.get_by_label("批准人（政府信息公开工作机构负责人）").fill("县政务公开办主任")

    act(page, "延期答复", extension)
    expect(page.get_by_text("10 个工作日，批准人：县政务公开办主任")).to_be_visible()

    def reply():
        page.get_by_label("答复类型").select_option("provided")
        page.get_by_label("答复正文").fill("现提供各乡镇低保资金发放汇总表。")

    act(page, "起草答复", reply)
    logout(page)

    browser_login(page, reviewer.username)
    page.goto(f"{live_server.url}/staff/org/{organisation.pk}/requests/approvals/")
    page.get_by_role("link", name=number).click()
    expect(page.get_by_text("如对本答复不服")).to_be_visible()
    page.get_by_role("button", name="审核通过答复").click()
    expect(page.get_by_text("已完成：审核通过答复。")).to_be_visible()
    logout(page)

    browser_login(page, handler.username)
    page.goto(f"{live_server.url}/staff/org/{organisation.pk}/requests/?state=extended")
    page.get_by_role("link", name=number).click()
    act(page, "发出答复")
    expect(page.get_by_text("已答复").first).to_be_visible()
    logout(page)

    track(page, live_server, number, code)
    expect(page.get_by_text("予以提供（第三十六条第二项）")).to_be_visible()
    expect(page.get_by_text("张三丰")).to_have_count(0)


def test_public_request_pages_fit_a_phone(page, live_server):
    organisation = OrganisationFactory(name="安平县民政局")
    page.set_viewport_size({"width": 360, "height": 740})
    year = timezone.localdate().year
    for path in ("/requests/", "/requests/track/", f"/requests/annual-reports/{organisation.pk}/{year}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
