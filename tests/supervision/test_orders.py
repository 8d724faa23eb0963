"""Supervision orders: the office orders, the organisation answers, the office closes; overdue ones show."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.errors import Refusal
from portal.roles import Role
from supervision import services
from supervision.models import SupervisionOrder
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def test_order_answer_close(client, supervisor, django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="被督办局")
    reviewer = member(Role.REVIEWER, org)
    client.force_login(supervisor)
    deadline = timezone.localdate() + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("supervision:order_new"), {
            "organisation": org.pk, "kind": "rectify", "indicator": "empty_columns", "subject": "空白栏目整改",
            "details": "补齐内容", "deadline": deadline.isoformat(),
        })  # fmt: skip
    assert response.status_code == 302
    order = SupervisionOrder.objects.get()
    assert (order.issued_by, order.indicator, order.state) == (supervisor, "empty_columns", "open")
    assert mail.outbox and reviewer.email in mail.outbox[0].to

    # The organisation answers from its workspace.
    client.force_login(reviewer)
    assert "空白栏目整改" in client.get("/staff/").content.decode()
    url = reverse("supervision:org_order", kwargs={"org_pk": org.pk, "pk": order.pk})
    assert client.post(url, {"answer": "  "}).status_code == 200  # blank: form error, nothing saved
    assert client.post(url, {"answer": "已补齐12个栏目的内容。"}).status_code == 302
    order.refresh_from_db()
    assert (order.state, order.answered_by, order.answer) == ("answered", reviewer, "已补齐12个栏目的内容。")
    with pytest.raises(Refusal):
        services.answer_order(order, by=reviewer, answer="再答一次")

    client.force_login(supervisor)
    client.post(reverse("supervision:order_close", kwargs={"pk": order.pk}))
    order.refresh_from_db()
    assert order.state == "closed" and order.closed_on == timezone.localdate()


def test_refusals():
    org = OrganisationFactory()
    user = member(Role.REVIEWER, org)
    with pytest.raises(Refusal):
        services.issue_order(org, by=user, subject="x", details="y", deadline=timezone.localdate() - dt.timedelta(days=1))
    order = services.issue_order(org, by=user, subject="x", details="y", deadline=timezone.localdate())
    with pytest.raises(Refusal):
        services.close_order(order, by=user)


def test_overdue_orders_show_and_other_organisations_cannot_answer(client, supervisor):
    org, other = OrganisationFactory(name="超期局"), OrganisationFactory()
    order = SupervisionOrder.objects.create(
        organisation=org, subject="限期整改事项", details="d", deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    assert list(SupervisionOrder.objects.overdue(timezone.localdate())) == [order]
    client.force_login(supervisor)
    assert "限期整改事项" in client.get(reverse("supervision:dashboard")).content.decode()
    page = client.get(reverse("supervision:orders"), {"state": "overdue"})
    assert list(page.context["page_obj"]) == [order]
    client.force_login(member(Role.REVIEWER, other))
    url = reverse("supervision:org_order", kwargs={"org_pk": other.pk, "pk": order.pk})
    assert client.post(url, {"answer": "冒名反馈"}).status_code == 404
