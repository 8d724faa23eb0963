"""The API's documentation page: Swagger UI from this origin under the strict CSP, at phone width too."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_every_operation_without_csp_violations(page, live_server, settings):
    settings.GONGKAI_API_RATE = None
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    outside = []
    page.on("request", lambda request: not request.url.startswith(live_server.url) and outside.append(request.url))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_role("heading", name="开放接口（API）")).to_be_visible()
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert page.locator(".opblock").count() >= 10
    page.locator(".opblock-summary").first.click()
    expect(page.get_by_role("button", name="Try it out").first).to_be_visible()
    assert problems == [] and outside == []
