"""Login throttling (django-axes): wrong passwords lock the login, with a clear message; an admin unlocks."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.test import Client

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def attempt(client, username, password="wrong-password", address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(settings):
    user = UserFactory(username="mz_editor")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, user.username).status_code == 200  # the form again, with its error
    locked = attempt(client, user.username)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "登录已暂时锁定" in html and "分钟后再试" in html and "督导办公室" in html
    # Even the right password is refused while locked, from another address too.
    right = attempt(Client(), user.username, TEST_PASSWORD, address="10.0.0.2")
    assert right.status_code == 429
    assert "_auth_user_id" not in right.client.session


def test_a_right_password_before_the_limit_logs_in(settings):
    user = UserFactory()
    client = Client()
    attempt(client, user.username)
    response = attempt(client, user.username, TEST_PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_the_supervising_office_unlocks_in_the_admin(settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), user.username)
    assert attempt(Client(), user.username, TEST_PASSWORD).status_code == 429

    supervisor = UserFactory(is_staff=True)
    supervisor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=["view_accessattempt", "delete_accessattempt"])
    )
    admin = Client()
    admin.force_login(supervisor)
    assert admin.get("/admin/axes/accessattempt/").status_code == 200
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = admin.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302
    assert attempt(Client(), user.username, TEST_PASSWORD, address="10.0.0.9").status_code == 302


def test_a_username_longer_than_any_account_is_a_form_error_not_a_500():
    """django-axes stores the name tried in 255 characters; PostgreSQL refused a longer one (the fuzz test)."""
    response = attempt(Client(), "长" * 300)
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not AccessAttempt.objects.exists()  # refused before authentication: nothing counted
