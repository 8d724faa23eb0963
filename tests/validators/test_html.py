"""The main public pages under the Nu HTML Checker (vnu) and axe-core (WCAG 2 AA), in both languages, every
display mode (portal.display.DISPLAY_MODES) and, for axe, a desktop and a 390 px phone viewport.

Marked `validators`: `.ci/run` installs the checkers (`npm ci` in tools/validators/) and runs these on
PostgreSQL; elsewhere they skip with a message when Java, Chromium or tools/validators/node_modules is absent.
One vnu run checks every page; axe runs in one browser against one live server.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from tests.conftest import CHROMIUM
from tests.validators.pages import DISPLAY_MODES, LANGUAGES, main_pages

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "validators" / "node_modules"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.validators


def _missing(reason):
    """Skip where a checker is not installed; fail instead under .ci/run, which installs them."""
    if os.environ.get("GONGKAI_REQUIRE_VALIDATORS"):
        pytest.fail(reason)
    pytest.skip(reason)


def _cookies(client, language, mode):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.cookies[settings.GONGKAI_DISPLAY_COOKIE] = mode


@pytest.mark.django_db
def test_main_pages_are_valid_html_under_the_nu_checker(tmp_path):
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        _missing("vnu needs Java and tools/validators/node_modules (cd tools/validators && npm ci; .ci/run does it)")
    call_command("seed_demo", stdout=io.StringIO())
    files = {}
    for language in LANGUAGES:
        for mode in DISPLAY_MODES:
            client = Client()
            _cookies(client, language, mode)
            for name, path in main_pages():
                response = client.get(path)
                assert response.status_code in (200, 404, 405), (path, response.status_code)
                file = tmp_path / f"{name}.{language}.{mode}.html"
                file.write_bytes(response.content)
                files[file.as_uri()] = path
            csrf = Client(enforce_csrf_checks=True)
            _cookies(csrf, language, mode)
            file = tmp_path / f"csrf-failure.{language}.{mode}.html"
            file.write_bytes(csrf.post("/accounts/login/", {"username": "x"}).content)
            files[file.as_uri()] = "csrf failure"
    run = subprocess.run(
        [
            java,
            "-Xss8m",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            "--exit-zero-always",
            *(str(Path(uri.removeprefix("file://"))) for uri in files),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    problems = [
        f"{Path(m.get('url', '')).name} line {m.get('lastLine')}: {m.get('message')} {m.get('extract', '')!r}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert problems == [], "\n".join(problems)


@pytest.fixture
def demo_server(live_server):
    call_command("seed_demo", stdout=io.StringIO())
    return live_server


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_axe_violations(demo_server, request):
    if not CHROMIUM:
        _missing("axe runs in Chromium (apt-get install chromium; .ci/run does it)")
    if not AXE_JS.exists():
        _missing("axe-core is in tools/validators/node_modules (cd tools/validators && npm ci; .ci/run does it)")
    browser = request.getfixturevalue("browser")  # after the checks: launching needs Chromium
    axe = AXE_JS.read_text()
    pages = main_pages()
    found = []
    for language in LANGUAGES:
        for mode in DISPLAY_MODES:
            for viewport_name, viewport in VIEWPORTS.items():
                # The site's CSP forbids inline scripts, axe's included: the checker is let in, the pages unchanged.
                context = browser.new_context(bypass_csp=True, viewport=viewport)
                context.add_cookies(
                    [
                        {"name": "django_language", "value": language, "url": demo_server.url},
                        {"name": "gk_display", "value": mode, "url": demo_server.url},
                    ]
                )
                page = context.new_page()
                for name, path in pages:
                    page.goto(demo_server.url + path)
                    page.evaluate(axe)
                    result = page.evaluate(
                        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                        AXE_TAGS,
                    )
                    for violation in result["violations"]:
                        targets = [node["target"] for node in violation["nodes"]][:3]
                        found.append(
                            f"{name} [{language}, {mode}, {viewport_name}] {violation['impact']} {violation['id']}: "
                            f"{violation['help']} {targets}"
                        )
                context.close()
    assert found == [], "\n".join(found)
