"""Journey: staff adopt guideline entries and edit one, a reviewer publishes, a citizen reads the catalog."""

import pytest
from playwright.sync_api import expect

from catalog.models import Domain
from portal.models import OrganisationKind
from portal.roles import Role
from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reference_data():
    """The domains and guidelines the migrations ship (tests/conftest.py reloads them after a flush)."""
    return Domain.objects.get(code="social-assistance")


def test_staff_adopt_edit_publish_and_citizen_reads(page, live_server, browser_login, reference_data):
    county = OrganisationFactory(kind=OrganisationKind.COUNTY, name="安平县人民政府")
    org = OrganisationFactory(name="安平县民政局", parent=county)
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)

    browser_login(page, editor.username)
    page.get_by_role("link", name="标准目录编制").click()
    page.get_by_role("link", name="社会救助").click()
    page.get_by_role("link", name="从标准指引采用").click()
    page.get_by_label("政策法规文件").check()
    page.get_by_label("投诉举报渠道").check()
    page.get_by_role("button", name="采用所选事项").click()
    expect(page.get_by_text("已采用 2 项标准指引事项。")).to_be_visible()

    page.get_by_role("link", name="修改 投诉举报渠道").click()
    page.get_by_label("公开主体").fill("安平县民政局社会救助股")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("cell", name="安平县民政局社会救助股")).to_be_visible()
    expect(page.get_by_role("cell", name="采用后修改")).to_be_visible()
    page.wait_for_load_state()  # the stylesheet applied before the width is read
    page.set_viewport_size({"width": 360, "height": 740})  # the wide staff table scrolls inside its wrapper
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核。")).to_be_visible()

    page.context.clear_cookies()
    browser_login(page, reviewer.username)
    page.goto(f"{live_server.url}/staff/org/{org.pk}/catalog/social-assistance/")
    page.get_by_label("变更说明（留空则自动生成）").fill("首次编制发布")
    page.get_by_role("button", name="审核通过并发布").click()
    expect(page.get_by_text("已发布第 1 版。")).to_be_visible()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/catalog/")
    page.get_by_role("link", name="社会救助").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("社会救助领域基层政务公开标准目录")
    expect(page.get_by_role("cell", name="安平县民政局社会救助股")).to_be_visible()
    expect(page.get_by_role("rowheader", name="政策法规文件")).to_be_visible()
    page.wait_for_load_state()  # the stylesheet and site.js (table roles) applied before the width is read
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_role("link", name="历史版本").click()
    expect(page.get_by_role("cell", name="首次编制发布")).to_be_visible()


def test_catalog_reflows_on_a_phone_and_prints_without_one_character_columns(page, live_server, reference_data):
    from tests.catalog.factories import CatalogItemFactory, publish_catalog

    org = OrganisationFactory(name="安平县民政局")
    items = CatalogItemFactory.create_batch(
        3,
        organisation=org,
        domain=reference_data,
        content_elements="申请条件、申请材料、办理流程、办理时限、收费标准" * 3,
    )
    publish_catalog(org, reference_data)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/catalog/org/{org.pk}/social-assistance/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    cell = page.locator(".catalog-public td[data-label]").first
    assert cell.evaluate("c => getComputedStyle(c).display") == "block"
    expect(page.get_by_role("rowheader", name=items[0].second_level)).to_be_visible()  # the table's roles survive the reflow

    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/catalog/org/{org.pk}/social-assistance/?print=1")
    widths = page.evaluate(
        "[...document.querySelectorAll('.catalog-public thead th')].map(th => [th.textContent.trim(), th.offsetWidth])"
    )
    narrow = {text: width for text, width in widths if text in ("序号", "公开对象", "公开方式", "公开层级")}
    assert len(narrow) == 4 and all(width >= 36 for width in narrow.values()), narrow  # two characters or more a line
