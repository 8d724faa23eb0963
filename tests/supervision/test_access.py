"""The supervising office's pages are guarded in one place (urls.py wraps each in supervisor_required)."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from portal.roles import Role
from supervision import access, urls
from tests.factories import OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def office_patterns():
    return [p for p in urls.urlpatterns if isinstance(p, URLPattern) and str(p.pattern).startswith(urls.OFFICE)]


def test_every_office_page_goes_through_the_guard():
    patterns = office_patterns()
    assert len(patterns) >= 15
    assert all(getattr(p.callback, "supervisor_only", False) for p in patterns)
    others = [p for p in urls.urlpatterns if p not in patterns]
    assert not any(getattr(p.callback, "supervisor_only", False) for p in others)
    # Nothing else in the site is mounted under /staff/supervision/.
    prefixes = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any(prefix.startswith("staff/supervision") for prefix in prefixes)


def office_urls(org):
    kwargs = {"org_pk": org.pk}
    return [
        reverse("supervision:dashboard"),
        reverse("supervision:organisation", kwargs=kwargs),
        reverse("supervision:drilldown", kwargs={**kwargs, "code": "empty_columns"}),
        reverse("supervision:schemes"),
        reverse("supervision:orders"),
        reverse("supervision:order_new"),
        reverse("supervision:notices"),
        reverse("supervision:demonstrations"),
        reverse("supervision:trainings"),
        reverse("supervision:designations"),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client):
    org = OrganisationFactory()
    for url in office_urls(org):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["org_admin", "reviewer", "staff_without_permission"])
def test_organisation_staff_and_plain_staff_get_403(client, who):
    org = OrganisationFactory()
    user = UserFactory(is_staff=True) if who == "staff_without_permission" else member(Role(who), org)
    client.force_login(user)
    for url in office_urls(org):
        assert client.get(url).status_code == 403, url


def test_the_office_opens_every_page(client, supervisor):
    org = OrganisationFactory()
    client.force_login(supervisor)
    for url in office_urls(org):
        assert client.get(url).status_code == 200, url


def test_a_supervisor_must_be_active_staff_with_the_global_permission(supervisor):
    assert access.is_supervisor(supervisor)
    supervisor.is_staff = False
    assert not access.is_supervisor(supervisor)


def test_an_unknown_indicator_is_404(client, supervisor):
    org = OrganisationFactory()
    client.force_login(supervisor)
    assert client.get(reverse("supervision:drilldown", kwargs={"org_pk": org.pk, "code": "nope"})).status_code == 404


def test_organisation_side_pages_follow_organisation_permissions(client):
    own, other = OrganisationFactory(), OrganisationFactory()
    client.force_login(member(Role.REVIEWER, own))
    assert client.get(reverse("supervision:org_orders", kwargs={"org_pk": own.pk})).status_code == 200
    assert client.get(reverse("supervision:org_orders", kwargs={"org_pk": other.pk})).status_code == 403
    assert client.get(reverse("supervision:self_check", kwargs={"org_pk": own.pk})).status_code == 200
    # Naming the person responsible is the organisation admin's (or the office's) job.
    assert client.get(reverse("supervision:designation", kwargs={"org_pk": own.pk})).status_code == 403
