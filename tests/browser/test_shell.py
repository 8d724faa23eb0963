"""Journeys through the site shell in a real Chromium."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_and_skip_link_works(page, live_server):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", name="政府信息公开", exact=True)).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到主要内容")).to_be_focused()


def test_large_text_toggle_persists_across_pages(page, live_server):
    page.goto(live_server.url)
    size_before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="长者模式（大字）").click()
    expect(page.locator("html")).to_have_class("large-text")
    size_after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size_after > size_before
    page.goto(f"{live_server.url}/guide/")  # server renders the class from the cookie
    expect(page.locator("html")).to_have_class("large-text")
    expect(page.get_by_role("button", name="标准模式")).to_be_visible()


def test_phone_width_has_no_horizontal_scroll(page, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/guide/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_staff_logs_in_and_sees_workspace(page, live_server, browser_login):
    org = OrganisationFactory(name="安平县民政局")
    user = member(Role.REVIEWER, org)
    browser_login(page, user.username)
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_role("heading", name="安平县民政局")).to_be_visible()
    expect(page.get_by_text("审核人（审核并发布）")).to_be_visible()
