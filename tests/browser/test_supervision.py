"""The supervising office's journey in a real Chromium: dashboard → sort → organisation → records → order →
the organisation answers; no CSP violation on the way (charts are plain SVG)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import expect

from portal.roles import Role, all_permissions
from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_orders_and_the_organisation_answers(page, live_server, browser_login):
    org = OrganisationFactory(name="安平县马庄镇人民政府", kind="township")
    OrganisationFactory(name="安平县财政局")
    CatalogItemFactory.create_batch(5, organisation=org, domain=domain())
    publish_catalog(org, domain())
    reviewer = member(Role.REVIEWER, org)
    office = UserFactory(username="duban_b", is_staff=True)
    group, _created = Group.objects.get_or_create(name="督导办公室")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="portal", codename__in=all_permissions()))
    office.groups.add(group)
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)

    browser_login(page, "duban_b")
    page.get_by_role("link", name="进入督导评价（各机构指标、考核评分、督办、培训）").click()
    expect(page.locator("svg.chart").first).to_be_visible()
    page.get_by_role("link", name="空白栏目（无文件的目录事项）").click()
    first = page.locator("table.matrix tbody tr").first
    expect(first.get_by_role("rowheader")).to_have_text("安平县马庄镇人民政府")
    expect(first.locator("td.rag-red").first).to_have_text("5（红）")
    first.locator("td.rag-red a").first.click()
    expect(page.get_by_role("heading", name="数值背后的记录")).to_be_visible()
    expect(page.locator("ol.evidence li")).to_have_count(5)
    page.get_by_role("link", name="就此下达督办").click()
    page.get_by_label("督办事项").fill("空白栏目限期整改")
    page.get_by_label("具体要求").fill("补齐5个空白栏目。")
    page.get_by_label("整改期限").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="下达").click()
    expect(page.get_by_text("已下达督办事项。")).to_be_visible()
    page.get_by_role("button", name="退出").click()

    browser_login(page, reviewer.username)
    page.get_by_role("link", name="空白栏目限期整改").click()
    page.get_by_label("整改情况").fill("已补齐。")
    page.get_by_role("button", name="反馈督导办公室").click()
    expect(page.get_by_text("整改情况已反馈督导办公室。")).to_be_visible()
    expect(page.get_by_text("已反馈，待确认")).to_be_visible()
    assert violations == []
