"""Journeys: an editor drafts, a reviewer publishes, a citizen finds the document by search."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_drafts_reviewer_publishes_citizen_finds_it(page, browser, live_server, browser_login, settings):
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.InMemoryStorage"}}  # fmt: skip
    org = OrganisationFactory(name="安平县民政局")
    editor = member(Role.EDITOR, org)
    reviewer = member(Role.REVIEWER, org)

    browser_login(page, editor.username)
    page.get_by_role("link", name="文件起草与发布").first.click()
    page.get_by_role("link", name="起草新文件").click()
    page.get_by_label("标题").fill("关于调整2026年城乡低保标准的通知")
    page.get_by_label("文号").fill("安民发[2026]9号")
    page.get_by_label("公开属性").select_option(label="不予公开")
    page.get_by_role("button", name="保存草稿").click()
    # Refused without a ground and explanation; what was typed is kept.
    expect(page.get_by_text("依申请公开或不予公开的文件须选择法定依据。")).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("关于调整2026年城乡低保标准的通知")
    page.get_by_label("公开属性").select_option(label="主动公开")
    page.get_by_role("textbox", name="正文").fill("城乡低保标准每人每月提高到800元。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("已保存草稿。")).to_be_visible()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核。")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    browser_login(page, reviewer.username)
    page.get_by_role("link", name="文件起草与发布").first.click()
    page.get_by_role("link", name="审核队列").click()
    page.get_by_role("link", name="关于调整2026年城乡低保标准的通知").click()
    page.get_by_role("button", name="审核通过并发布").click()
    expect(page.get_by_text("已审核通过并发布。")).to_be_visible()
    expect(page.get_by_text(f"{org.credit_code}/")).to_be_visible()

    citizen = browser.new_context(locale="zh-CN").new_page()
    citizen.goto(f"{live_server.url}/search/")
    citizen.get_by_label("关键词").fill("低保")
    citizen.get_by_role("button", name="检索").click()
    citizen.get_by_role("link", name="关于调整2026年城乡低保标准的通知").click()
    expect(citizen.get_by_role("heading", name="关于调整2026年城乡低保标准的通知")).to_be_visible()
    expect(citizen.get_by_text("安民发〔2026〕9号").first).to_be_visible()
    expect(citizen.get_by_text("此件公开发布").first).to_be_visible()
    citizen.context.close()
