"""Shared fixtures: factories, the calendar cache, and the real browser for journey tests."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make around page
# actions are still synchronous and safe, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("GONGKAI_CHROMIUM")
    or shutil.which("chromium")
    or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
)


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    skip = pytest.mark.skip(reason="no Chromium on this machine (apt-get install chromium; .ci/run does it)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Calendar overrides are cached per process; a rolled-back test must not leak its overrides."""
    from portal import workdays

    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture(autouse=True)
def _test_storage_and_hashing(settings, tmp_path):
    """Plain static storage (no manifest needed), private files in a temporary directory, and a fast
    password hasher: factories set a password for every user, and the production hasher is slow on purpose."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser journeys, row locks) end with a flush that also empties the rows the data
    migrations ship (the 26 domains, the national guideline entries); the next such test gets them back."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")) and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    from catalog.models import Domain, GuidelineEntry

    if not Domain.objects.exists():
        importlib.import_module("catalog.migrations.0002_load_domains").load(apps, None)
    if not GuidelineEntry.objects.exists():
        importlib.import_module("catalog.migrations.0004_load_guidelines").load(apps, None)
    from interaction.models import MessageType

    if not MessageType.objects.exists():
        importlib.import_module("interaction.migrations.0002_message_types").load(apps, None)


@pytest.fixture
def login(client):
    """Log a user in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def browser_login(live_server):
    """Log a user in through the real login form in a Playwright page."""

    def _login(page, username, password="pw-Gongkai-2026"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()

    return _login


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Cached public pages live in the per-process cache; a rolled-back test must not leak its pages, nor a
    cache failure it provoked (the page cache and the throttle remember an outage for a few seconds)."""
    from django.core.cache import cache

    from portal import caching
    from portal.intake import throttle

    cache.clear()
    caching.reset_outage()
    throttle.reset_outage()
    yield
    cache.clear()
    caching.reset_outage()
    throttle.reset_outage()


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A request with the English cookie leaves English active in the thread (the locale middleware activates
    it, nothing deactivates it): the next test starts in the site's language again."""
    yield
    from django.utils import translation

    translation.deactivate()
