"""Journey: an editor writes a body with a heading, a list and a link in the rich-text editor; once published, the
public page shows that structure. The editor loads from this origin under the site's CSP, with no violation."""

import pytest
from playwright.sync_api import expect

from disclosure import services
from disclosure.models import Document
from portal.roles import Role
from tests.factories import OrganisationFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_types_heading_list_and_link_and_the_public_page_shows_them(page, live_server, browser_login):
    org = OrganisationFactory(name="安平县民政局")
    editor = member(Role.EDITOR, org)
    reviewer = member(Role.REVIEWER, org)
    problems, outside = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: not request.url.startswith(live_server.url) and outside.append(request.url))

    browser_login(page, editor.username)
    page.goto(f"{live_server.url}/staff/org/{org.pk}/documents/new/")
    page.get_by_label("标题").fill("关于公布2026年城乡低保标准的通知")
    body = page.get_by_role("textbox", name="正文")
    expect(body).to_be_visible()
    expect(page.get_by_role("button", name="项目符号列表")).to_be_visible()  # the toolbar speaks the site's language

    body.click()
    # The block-type menu, from the keyboard (its current-type button sits under a layer that takes the clicks).
    page.locator(".prose-menubar__selected").get_by_role("button", name="正文段落").press("Enter")
    page.get_by_role("button", name="二级标题").click()
    page.keyboard.type("一、保障标准")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="项目符号列表").click()
    page.keyboard.type("城市每人每月850元")
    page.keyboard.press("Enter")
    page.keyboard.type("农村每人每月600元")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type("详见民政部网站")
    expect(body).to_contain_text("详见民政部网站")
    # The editor reads the typed text back from the page asynchronously and may put the caret back while the
    # selection grows; select 民政部网站 again from the end of the line until the page holds that selection.
    for _ in range(3):
        page.keyboard.press("End")
        for _ in range(5):
            page.keyboard.press("Shift+ArrowLeft")
        if page.evaluate("getSelection().toString()") == "民政部网站":
            break
    assert page.evaluate("getSelection().toString()") == "民政部网站"
    page.get_by_role("button", name="插入或修改链接").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("网址").fill("https://www.mca.gov.cn/")
    dialog.get_by_role("button", name="插入").or_(dialog.get_by_role("button", name="更新")).first.click()
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("已保存草稿。")).to_be_visible()

    document = Document.objects.get()
    assert "<h2>一、保障标准</h2>" in document.body
    assert "<li><p>城市每人每月850元</p></li>" in document.body or "<li>城市每人每月850元</li>" in document.body
    assert '<a href="https://www.mca.gov.cn/" rel="noopener noreferrer">民政部网站</a>' in document.body
    services.submit(document, by=editor)
    services.publish(document, by=reviewer)

    page.goto(f"{live_server.url}{document.get_absolute_url()}")
    content = page.locator(".doc-body")
    expect(content.get_by_role("heading", name="一、保障标准", level=2)).to_be_visible()
    expect(content.get_by_role("listitem")).to_have_count(2)
    expect(content.get_by_role("link", name="民政部网站")).to_have_attribute("href", "https://www.mca.gov.cn/")
    assert problems == [] and outside == []
