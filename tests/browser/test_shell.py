"""Journeys through the site shell in a real Chromium."""

import re

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


def test_high_contrast_and_read_aloud_journey(page, live_server):
    """A reader turns on high contrast and large text, finds both remembered, and gets the read-aloud button."""
    page.goto(live_server.url)
    expect(page.locator("#read-aloud")).to_be_hidden()  # standard mode: no read-aloud
    page.get_by_role("button", name="高对比度").click()
    expect(page.locator("html")).to_have_class("high-contrast")
    page.get_by_role("button", name="长者模式（大字）").click()
    expect(page.locator("html")).to_have_class(re.compile(r"(?=.*\blarge-text\b)(?=.*\bhigh-contrast\b)"))
    page.goto(f"{live_server.url}/guide/")  # remembered: the server renders both classes from the cookie
    expect(page.locator("html")).to_have_class("large-text high-contrast")
    expect(page.get_by_role("button", name="标准对比度")).to_have_attribute("aria-pressed", "true")
    if page.evaluate("'speechSynthesis' in window"):
        expect(page.get_by_role("button", name="朗读本页")).to_be_visible()
    text = page.evaluate("getComputedStyle(document.body).color")
    assert text == "rgb(0, 0, 0)"


def test_header_search_box_finds_a_document_by_number_on_a_phone(page, live_server):
    from tests.disclosure.test_search import published

    document = published(title="关于印发救助办法的通知", document_number="安民发〔2024〕3号")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/guide/")
    page.get_by_label("站内搜索").fill("2024〕3")
    page.get_by_label("站内搜索").press("Enter")
    expect(page.get_by_role("link", name=document.title)).to_be_visible()
    page.get_by_role("link", name=document.title).click()
    page.wait_for_load_state()  # the stylesheet applied before the width is read
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # the metadata table reflows instead of scrolling sideways
    expect(page.locator("table.doc-meta")).to_be_visible()
