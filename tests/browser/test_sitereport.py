"""Journey: the county government office drafts last year's 政府网站工作年度报表 from the records, a second person
reviews and publishes it, and a citizen finds it on the home page, reads it and opens its print view (and the
same report is in the API)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sitereport.models import DailyVisits
from tests.disclosure.factories import DocumentFactory
from tests.sitereport.factories import keepers, office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_publish_the_years_report_and_a_citizen_reads_and_prints_it(page, live_server, browser_login):
    page.set_default_timeout(10_000)
    year = timezone.localdate().year - 1
    organisation = office()
    clerk, reviewer = keepers(organisation)
    for n in range(3):  # the records the report counts: last year's public documents and visits
        DocumentFactory(published=True, published_on=dt.date(year, 3, 1 + n), organisation=organisation)
    DailyVisits.objects.create(day=dt.date(year, 5, 1), visits=1234, visitors=321)

    browser_login(page, clerk.username)
    page.goto(f"{live_server.url}/staff/")
    page.get_by_role("link", name="网站工作年度报表").first.click()
    expect(page.get_by_role("heading", name="政府网站工作年度报表")).to_be_visible()
    page.get_by_label("年度").select_option(str(year))
    page.get_by_role("button", name="编制或更正报表").click()
    expect(page.get_by_role("heading", name=f"{year}年度网站工作年度报表（第1版）")).to_be_visible()
    page.get_by_label("填报人", exact=True).fill("孙晓燕")
    page.get_by_label("联系电话").fill("0537-6500011")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("已保存草稿。")).to_be_visible()
    expect(page.get_by_role("row", name="网站总访问量（次） 1234")).to_be_visible()  # counted live while a draft
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已完成：提交审核。")).to_be_visible()
    expect(page.get_by_role("button", name="审核并发布")).to_have_count(0)  # four eyes: not the drafter
    page.get_by_role("button", name="退出").click()

    browser_login(page, reviewer.username)
    page.goto(f"{live_server.url}/staff/org/{organisation.pk}/sitereport/{year}/")
    page.get_by_role("button", name="审核并发布").click()
    expect(page.get_by_text("已完成：审核并发布。")).to_be_visible()
    expect(page.get_by_role("heading", name="已发布的报表（数字已冻结）")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    page.goto(f"{live_server.url}/")
    home_section = page.get_by_role("region", name="政府网站工作年度报表")
    expect(home_section).to_contain_text("1234")
    home_section.get_by_role("link", name=f"{year}年度政府网站工作年度报表").click()
    expect(page.get_by_role("heading", name=f"{year}年度政府网站工作年度报表")).to_be_visible()
    expect(page.get_by_role("row", name="总数（条） 3")).to_be_visible()
    expect(page.get_by_role("row", name="填报人 孙晓燕")).to_be_visible()

    page.wait_for_load_state()  # the stylesheet applied before the width is read
    page.set_viewport_size({"width": 390, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="打印版（A4）").click()
    expect(page.get_by_role("heading", name="政府网站工作年度报表")).to_be_visible()
    expect(page.get_by_role("button", name="打印")).to_be_visible()
    expect(page.get_by_role("row", name="网站总访问量（次） 1234")).to_be_visible()
    expect(page.get_by_role("link", name="返回")).to_be_visible()

    listed = page.request.get(f"{live_server.url}/api/v1/site-reports/").json()
    assert [r["year"] for r in listed["results"]] == [year]
