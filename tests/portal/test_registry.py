"""An app plugs into the shell by declaring in its AppConfig: the throwaway tests/shellapp appears in nav,
workspace, home page, sitemap, robots, demo order and permissions without any other file naming it."""

import importlib.util

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import clear_url_caches

from catalog.sitemaps import CatalogSitemap
from disclosure.sitemaps import DocumentSitemap
from portal import registry
from portal.forms import AddMemberForm
from portal.models import Membership, Organisation
from portal.permissions import can, permissions_by_organisation
from portal.roles import Role, all_permissions, permissions_for_roles, role_choices
from portal.sitemaps import PortalSitemap
from requests_app.sitemaps import RequestPagesSitemap
from supervision.sitemaps import SupervisionSitemap
from tests.factories import OrganisationFactory, member
from tests.shellapp.sitemaps import ShellSitemap


@pytest.fixture
def shell_urls(settings):
    settings.ROOT_URLCONF = "tests.shellapp.urls"
    clear_url_caches()
    yield
    clear_url_caches()


@pytest.mark.usefixtures("shell_urls")
def test_public_nav_includes_the_app_in_its_order(client, db):
    nav = registry.public_nav()
    assert [e["url_name"] for e in nav][-1] == "shellapp:index"
    assert [e["order"] for e in nav] == sorted(e["order"] for e in nav)
    assert 'href="/shell/"' in client.get("/guide/").content.decode()


def test_an_app_whose_urls_are_not_wired_contributes_no_link():
    assert "shellapp:index" not in [e["url_name"] for e in registry.public_nav()]


@pytest.mark.usefixtures("shell_urls")
def test_home_sections_come_in_their_order(client, db):
    assert registry.home_templates()[:2] == ["shellapp/_home.html", "disclosure/_home.html"]
    assert "壳测试栏目" in client.get("/").content.decode()


@pytest.mark.usefixtures("shell_urls")
def test_workspace_offers_the_apps_link_to_holders_of_its_permission(login, db):
    org = OrganisationFactory()
    steward = member("shell_steward", org)
    html = login(steward).get("/staff/").content.decode()
    assert f'href="/staff/org/{org.pk}/shell/"' in html and "壳测试审核" in html
    editor = member(Role.EDITOR, org)
    assert "壳测试审核" not in login(editor).get("/staff/").content.decode()


def test_sitemaps_and_robots_are_collected_from_every_app():
    from participation.sitemaps import ParticipationSitemap

    expected = {
        "portal": PortalSitemap,
        "catalog": CatalogSitemap,
        "documents": DocumentSitemap,
        "requests": RequestPagesSitemap,
        "participation": ParticipationSitemap,
        "supervision": SupervisionSitemap,
        "shell": ShellSitemap,
    }
    assert expected.items() <= registry.sitemaps().items()  # and every other app's declared section
    disallowed = registry.robots_disallow()
    assert {"/staff/", "/admin/", "/accounts/", "/shell/drafts/"} <= set(disallowed)
    assert len(disallowed) == len(set(disallowed))


@pytest.mark.usefixtures("shell_urls")
def test_the_site_sitemap_and_robots_serve_every_apps_declarations(client, db):
    index = client.get("/sitemap.xml").content.decode()
    for section in registry.sitemaps():
        assert f"http://testserver/sitemap-{section}.xml" in index
    assert "<loc>http://testserver/shell/</loc>" in client.get("/sitemap-shell.xml").content.decode()
    assert client.get("/sitemap-nothing.xml").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /staff/\n" in robots and "Disallow: /shell/drafts/\n" in robots
    assert robots.endswith("Sitemap: http://testserver/sitemap.xml\n")


def test_demo_runs_after_the_apps_it_names():
    labels = [config.label for config in registry.demo_configs()]
    assert labels[0] == "portal"
    assert labels.index("catalog") < labels.index("disclosure") < labels.index("requests_app")
    assert labels.index("disclosure") < labels.index("shellapp")
    assert [m.__name__ for m in registry.demo_modules()] == [
        f"{c.name}.demo"
        for c in registry.demo_configs()
        if importlib.util.find_spec(f"{c.name}.demo")  # every app that ships a demo module, none other
    ]
    assert labels.index("requests_app") < labels.index("supervision")


@pytest.mark.django_db
def test_workspace_includes_the_apps_sections(client):
    assert "shellapp/_workspace.html" in registry.workspace_templates()
    client.force_login(member(Role.EDITOR, OrganisationFactory()))
    assert "壳测试工作台区块" in client.get("/staff/").content.decode()


@pytest.mark.django_db
def test_seed_demo_runs_the_apps_demo():
    from django.core.management import call_command

    from tests.shellapp.models import Widget

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Widget.objects.filter(title="演示部件").count() == 1


def test_a_demo_cycle_is_reported(monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(apps.get_app_config("catalog"), "demo_after", ("shellapp",), raising=False)
    monkeypatch.setattr(apps.get_app_config("shellapp"), "demo_after", ("disclosure",))
    with pytest.raises(RuntimeError, match="cycle"):
        registry.demo_configs()


@pytest.mark.django_db
def test_declared_permissions_exist_on_the_organisation_content_type():
    permission = Permission.objects.get(codename="shell_moderate")
    assert permission.content_type == ContentType.objects.get_for_model(Organisation)
    assert "shell_moderate" in all_permissions()


def test_declared_roles_and_grants_merge_into_portals_table():
    assert ("shell_steward", "壳测试管理员") in role_choices()
    assert permissions_for_roles({"shell_steward"}) == {"shell_moderate", "draft_content"}
    assert "shell_moderate" in permissions_for_roles({Role.REVIEWER})
    assert permissions_for_roles({"no_such_role"}) == frozenset()


@pytest.mark.django_db
def test_memberships_in_declared_roles_grant_object_permissions():
    org, other = OrganisationFactory(), OrganisationFactory()
    steward = member("shell_steward", org)
    Membership.objects.get(user=steward).full_clean()
    assert can(steward, "shell_moderate", org) and can(steward, "draft_content", org)
    assert not can(steward, "shell_moderate", other) and not can(steward, "review_content", org)
    assert "shell_moderate" in permissions_by_organisation(steward, [org])[org.pk]
    assert can(member(Role.REVIEWER, org), "shell_moderate", org)
    Membership.objects.filter(user=steward).delete()
    steward = type(steward).objects.get(pk=steward.pk)  # fresh permission cache
    assert not can(steward, "shell_moderate", org)


@pytest.mark.django_db
def test_organisation_admins_can_grant_declared_roles():
    org = OrganisationFactory()
    form = AddMemberForm(
        {"username": "newbie", "role": "shell_steward", "password": "Zx9-long-enough-pw"}, organisation=org
    )
    assert form.is_valid(), form.errors


def test_slot_templates_come_from_the_apps_in_their_order():
    assert registry.slot_templates("disclosure.document_detail") == [
        "column/_document_column_link.html",  # order 5
        "participation/_document_consultations.html",  # order 10
    ]
    assert registry.slot_templates("no.such.slot") == []
