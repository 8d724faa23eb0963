import json

import pytest
from django.db import DatabaseError
from django.urls import reverse

from portal.models import Membership
from portal.roles import Role
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_healthz_round_trips_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"


def test_home_page_is_chinese_with_landmarks(client):
    html = client.get("/").content.decode()
    assert '<html lang="zh-CN"' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer", 'class="skip-link"'):
        assert landmark in html
    assert "政府信息公开" in html
    assert "公开指南" in html


def test_english_through_i18n(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to main content" in html


def test_browser_language_alone_does_not_switch_to_english(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-CN"' in html and "跳到主要内容" in html


def test_guide_lists_office_contacts(client):
    OrganisationFactory(name="安平县民政局", address="人民路1号", phone="0537-1234567")
    html = client.get("/guide/").content.decode()
    assert "安平县民政局" in html and "0537-1234567" in html
    assert "20个工作日" in html


def test_large_text_mode_persists_in_a_cookie(client):
    response = client.post("/display/", {"mode": "large", "next": "/guide/"})
    assert response.status_code == 302 and response["Location"] == "/guide/"
    assert client.cookies["gk_display"].value == "large"
    assert 'class="large-text"' in client.get("/").content.decode()
    client.post("/display/", {"mode": "standard", "next": "/"})
    assert 'class="large-text"' not in client.get("/").content.decode()


def test_display_toggle_refuses_offsite_redirects(client):
    response = client.post("/display/", {"mode": "large", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_security_headers_and_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_workspace_requires_login(client):
    response = client.get("/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_workspace_lists_my_organisations_and_roles(client):
    org = OrganisationFactory(name="安平县民政局")
    user = member(Role.EDITOR, org)
    Membership.objects.create(user=user, organisation=org, role=Role.ORGANISATION_ADMIN)
    client.force_login(user)
    html = client.get("/staff/").content.decode()
    assert "安平县民政局" in html
    assert "编辑" in html and "机构管理员" in html
    assert f"/staff/org/{org.pk}/members/" in html


def test_workspace_queries_do_not_grow_with_memberships(client, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(12):
        member(Role.REVIEWER, OrganisationFactory(), user=user)
        member(Role.ORGANISATION_ADMIN, OrganisationFactory(), user=user)
    client.force_login(user)
    # 8 for the shell, 2 for the supervision section (latest self-check warnings, open supervision orders).
    with django_assert_max_num_queries(10):
        response = client.get("/staff/")
    assert response.content.decode().count('class="card"') == 24


def test_workspace_empty_state(client):
    client.force_login(UserFactory())
    assert "您尚未加入任何机构" in client.get("/staff/").content.decode()


def test_members_page_is_403_for_other_organisations(client):
    own, other = OrganisationFactory(), OrganisationFactory()
    client.force_login(member(Role.ORGANISATION_ADMIN, own))
    assert client.get(f"/staff/org/{own.pk}/members/").status_code == 200
    response = client.get(f"/staff/org/{other.pk}/members/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_members_page_is_403_for_editors(client):
    org = OrganisationFactory()
    client.force_login(member(Role.EDITOR, org))
    assert client.get(f"/staff/org/{org.pk}/members/").status_code == 403


def test_org_admin_creates_a_staff_account_and_removes_a_role(client):
    org = OrganisationFactory()
    client.force_login(member(Role.ORGANISATION_ADMIN, org))
    url = f"/staff/org/{org.pk}/members/"
    response = client.post(url, {"username": "zhang", "role": Role.EDITOR, "full_name": "张三"})
    assert response.status_code == 200  # new account needs a password: form re-shown, input kept
    html = response.content.decode()
    assert "创建新账号需要设置初始密码" in html and 'value="zhang"' in html
    response = client.post(url, {"username": "zhang", "role": Role.EDITOR, "password": "Anping-2026-strong"})
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="zhang", organisation=org)
    response = client.post(f"{url}{membership.pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_login_and_password_change_pages(client):
    assert "工作人员登录" in client.get("/accounts/login/").content.decode()
    client.force_login(UserFactory())
    assert client.get("/accounts/password/").status_code == 200


def test_friendly_500_needs_no_database(rf, django_assert_num_queries):
    from portal.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "系统暂时无法响应" in response.content.decode()


def test_library_strings_django_and_auditlog_leave_in_english_are_chinese():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("zh-hans"):
        assert str(BLANK_CHOICE_LABEL) == "- 请选择 -"
        assert translation.gettext("Audit log") == "审计日志"


def test_a_403_is_logged_on_one_line_without_a_traceback():
    import logging
    import sys

    from portal.logfilters import ForbiddenWithoutTraceback

    try:
        raise PermissionError
    except PermissionError:
        record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Forbidden", (), sys.exc_info())
    record.status_code = 403
    assert ForbiddenWithoutTraceback().filter(record) and record.exc_info is None


def test_favicon_is_served_locally(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_the_organisation_admin_sees_members_who_would_miss_reminders(client):
    organisation = OrganisationFactory()
    admin = member(Role.ORGANISATION_ADMIN, organisation)
    handler = member(Role.REQUEST_HANDLER, organisation)
    handler.email = ""
    handler.save()
    client.force_login(admin)
    html = client.get(reverse("portal:members", kwargs={"org_pk": organisation.pk})).content.decode()
    assert html.count("未填写电子邮箱") == (0 if admin.email else 1) + 1
