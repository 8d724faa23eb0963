"""Public pages go through the public gates only: statistics count public documents, notices must be published."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Status
from requests_app.models import State
from supervision.models import Demonstration, Notice
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory
from tests.requests_app.factories import RESIDENT_ID, InformationRequestFactory

pytestmark = pytest.mark.django_db


def test_statistics_count_only_public_documents_and_no_personal_data(client):
    org = OrganisationFactory(name="统计局")
    today = timezone.localdate()
    DocumentFactory.create_batch(3, organisation=org, published=True, published_on=today)
    DocumentFactory(organisation=org, published=True, withheld=True, published_on=today)
    DocumentFactory(organisation=org, status=Status.DRAFT)
    DocumentFactory(organisation=org, published=True, status=Status.WITHDRAWN, published_on=today)
    received = today - dt.timedelta(days=10)
    InformationRequestFactory(organisation=org, received_on=received, due_on=today, state=State.ANSWERED,
                              concluded_on=today, applicant_name="张三丰")  # fmt: skip
    response = client.get(reverse("supervision:statistics", kwargs={"org_pk": org.pk}))
    html = response.content.decode()
    assert response.context["total_documents"] == 3
    assert response.context["total_answered"] == 1 and response.context["total_on_time"] == 1
    assert "张三丰" not in html and RESIDENT_ID not in html
    assert "<svg" in html and "style=" not in html and "<script" not in html.split("</head>")[1]


def test_statistics_of_an_inactive_organisation_is_404(client):
    org = OrganisationFactory(is_active=False)
    assert client.get(reverse("supervision:statistics", kwargs={"org_pk": org.pk})).status_code == 404


def test_notices_only_when_published_and_demonstrations(client):
    org = OrganisationFactory(name="示范局")
    Notice.objects.create(organisation=org, kind="praise", title="公开的表扬", body="b", issued_on=dt.date(2026, 2, 1),
                          is_published=True)  # fmt: skip
    Notice.objects.create(organisation=org, kind="criticism", title="内部的批评", body="b", issued_on=dt.date(2026, 2, 1))
    Demonstration.objects.create(organisation=org, kind="point", year=2026, reason="目录完整、更新及时")
    Demonstration.objects.create(organisation=OrganisationFactory(name="撤销的局", is_active=False), kind="point",
                                 year=2026, reason="x")  # fmt: skip
    html = client.get(reverse("supervision:public_notices")).content.decode()
    assert "公开的表扬" in html and "内部的批评" not in html
    html = client.get(reverse("supervision:public_demonstrations")).content.decode()
    assert "示范局" in html and "目录完整、更新及时" in html and "撤销的局" not in html


def test_the_office_publishes_a_notice(client, supervisor):
    org = OrganisationFactory()
    client.force_login(supervisor)
    client.post(reverse("supervision:notices"), {"organisation": org.pk, "kind": "criticism", "title": "通报批评某局",
                                                 "body": "问题", "issued_on": "2026-03-01"})  # fmt: skip
    notice = Notice.objects.get()
    assert not notice.is_published and notice.issued_by == supervisor
    client.post(reverse("supervision:notice_publish", kwargs={"pk": notice.pk}), {"publish": "1"})
    assert "通报批评某局" in client.get(reverse("supervision:public_notices")).content.decode()


def test_robots_keep_staff_pages_out():
    from portal import registry

    assert "/staff/" in registry.robots_disallow()


def test_public_home_links_every_office_statistics(client):
    org = OrganisationFactory(name="首页局")
    OrganisationFactory(name="村委会", kind="village", credit_code=None)
    html = client.get(reverse("supervision:public_home")).content.decode()
    assert reverse("supervision:statistics", kwargs={"org_pk": org.pk}) in html
    assert "村委会" not in html
    assert 'href="/supervision/"' in client.get("/guide/").content.decode()


def test_sitemap_lists_the_public_pages():
    from portal import registry
    from supervision.sitemaps import SupervisionSitemap

    org = OrganisationFactory()
    assert registry.sitemaps()["supervision"] is SupervisionSitemap
    sitemap = SupervisionSitemap()
    locations = [sitemap.location(item) for item in sitemap.items()]
    assert reverse("supervision:statistics", kwargs={"org_pk": org.pk}) in locations
    assert reverse("supervision:public_home") in locations
