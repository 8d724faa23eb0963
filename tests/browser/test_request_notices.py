"""Journey: an online application through fee notice, payment, two third parties consulted at once, an
extension and the reply — every notice shows on the applicant's tracking page and opens as a letter."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from portal.roles import Role
from tests.browser.test_requests import act, apply_online, logout, track
from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_notice_reaches_the_tracking_page(page, live_server, browser_login):
    page.set_default_timeout(10_000)
    organisation = OrganisationFactory(name="安平县民政局")
    handler = member(Role.REQUEST_HANDLER, organisation)
    reviewer = member(Role.REVIEWER, organisation)
    number, code = apply_online(page, live_server)

    browser_login(page, handler.username)
    page.goto(live_server.url + reverse("requests_app:staff_queue", kwargs={"org_pk": organisation.pk}))
    page.get_by_role("link", name=number).click()
    act(page, "确认收到")
    act(page, "开始办理")

    def fee():
        page.get_by_label("按量计收").check()
        page.get_by_label("件次或页数").fill("120")

    act(page, "发出收费通知", fee)
    expect(page.get_by_text("待缴费（缴费前的时间不计入答复期限）")).to_be_visible()
    act(page, "记录缴费")
    for party in ("安平县康乐养老院", "安平县福寿养老院"):

        def consultation(party=party):
            page.get_by_label("类型").select_option("third_party")
            page.get_by_label("征求意见对象").fill(party)

        act(page, "征求意见", consultation)
    for _ in range(2):

        def answer():
            page.get_by_label("征求意见").select_option(index=1)
            page.get_by_label("答复意见").fill("同意公开。")

        act(page, "记录征求意见答复", answer)

    def extension():
        page.get_by_label("延长工作日数").fill("5")
        page.get_by_label("延期理由").fill("需要调取历年档案。")
        page.get_by_label("批准人（政府信息公开工作机构负责人）").fill("县政务公开办主任")

    act(page, "延期答复", extension)

    def reply():
        page.get_by_label("答复类型").select_option("provided")
        page.get_by_label("答复正文").fill("现提供历年发放明细。")

    act(page, "起草答复", reply)
    logout(page)
    browser_login(page, reviewer.username)
    page.goto(live_server.url + reverse("requests_app:staff_approvals", kwargs={"org_pk": organisation.pk}))
    page.get_by_role("link", name=number).click()
    page.get_by_role("button", name="审核通过答复").click()
    logout(page)
    browser_login(page, handler.username)
    page.goto(
        live_server.url + reverse("requests_app:staff_queue", kwargs={"org_pk": organisation.pk}) + "?state=extended"
    )
    page.get_by_role("link", name=number).click()
    act(page, "发出答复")
    logout(page)

    track(page, live_server, number, code)
    for notice in ("受理回执", "收费通知书", "延期答复告知书", "答复书"):
        expect(page.get_by_role("link", name=notice)).to_be_visible()
    expect(page.get_by_role("link", name="征求意见函")).to_have_count(0)  # the third parties' letters are theirs
    expect(page.get_by_text("答复期限是如何计算的")).to_have_count(0)  # concluded: no running clock to explain
    page.get_by_role("link", name="收费通知书").click()
    expect(page.get_by_role("heading", name="政府信息公开信息处理费收费通知书")).to_be_visible()
    expect(page.get_by_text("应缴金额1100元")).to_be_visible()
    track(page, live_server, number, code)  # the tracking page was a POST: look it up again
    page.get_by_role("link", name="答复书").click()
    expect(page.get_by_text("现提供历年发放明细。")).to_be_visible()
    expect(page.get_by_text("60日内", exact=False)).to_be_visible()
