"""The staff queue's filter is a form: typed values come back in the fields, a value not on offer is refused with
the field's message (the page still answers 200 and the other filters still apply)."""

import pytest
from django.urls import reverse

from interaction import services

from .factories import write_message

pytestmark = pytest.mark.django_db


def test_the_filter_keeps_the_typed_values(client, organisation, handler):
    write_message(organisation, subject="低保材料")
    write_message(organisation, subject="窗口服务态度")
    client.force_login(handler)
    url = reverse("interaction_staff:queue", args=[organisation.pk])
    response = client.get(url, {"status": "received", "due": "soon", "q": " 低保 ", "mine": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert '<option value="received" selected>' in body and '<option value="soon" selected>' in body
    assert 'name="q" value=" 低保 " id="f-q"' in body
    assert '<input type="checkbox" name="mine" value="1" id="f-mine" checked>' in body
    assert "低保材料" not in body  # new and unassigned: neither "due soon" nor "only mine"
    everyone = client.get(url, {"q": "低保"}).content.decode()
    assert "低保材料" in everyone and "窗口服务态度" not in everyone


def test_a_bad_value_is_refused_with_a_message_not_a_500(client, organisation, handler):
    message, _ = write_message(organisation, subject="低保材料")
    services.assign(message, handler, by=handler)
    write_message(organisation, subject="窗口服务态度")
    client.force_login(handler)
    url = reverse("interaction_staff:queue", args=[organisation.pk])
    response = client.get(url, {"status": "bogus", "due": "never", "q": "低保"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("请从列表中选择。") == 2
    assert 'aria-invalid="true" aria-describedby="f-status_error"' in body and 'id="f-due_error"' in body
    assert 'name="q" value="低保"' in body
    assert "低保材料" in body and "窗口服务态度" not in body  # the valid filter still applies
    assert "低保材料" in client.get(url, {"status": "bogus"}).content.decode()  # refused: the open ones, as before


def test_the_oversight_filter_opens_on_overdue_keeps_the_choice_and_refuses_a_bad_value(client, organisation):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    write_message(organisation, subject="超期未答复", days_ago=30)
    write_message(organisation, subject="今天刚收到")
    supervisor = UserFactory(is_staff=True)
    supervisor.user_permissions.add(Permission.objects.get(codename="supervise_messages"))
    client.force_login(supervisor)
    url = reverse("interaction_office:oversight")
    first = client.get(url).content.decode()
    assert '<option value="overdue" selected>' in first
    assert "超期未答复" in first and "今天刚收到" not in first
    every = client.get(url, {"due": ""}).content.decode()
    assert "超期未答复" in every and "今天刚收到" in every
    response = client.get(url, {"due": "never"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "请从列表中选择。" in body and 'id="f-due_error"' in body
    assert "超期未答复" in body and "今天刚收到" in body  # the refused filter is left out
