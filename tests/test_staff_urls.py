"""Every installed app's staff pages, found in the URL resolver (not listed by hand), follow the one scheme
/staff/org/<org_pk>/<app>/… and answer a login redirect to anonymous visitors and 403 to staff of another
organisation — so a new app's staff pages are covered the day they are mounted (portal/urlscheme.py).

The throwaway tests/shellapp is mounted (ROOT_URLCONF tests.shellapp.urls) to prove exactly that."""

import pytest
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, reverse
from django.urls.converters import IntConverter

from portal.roles import role_choices
from portal.urlscheme import ORGANISATION_SCOPE
from tests.factories import OrganisationFactory, member

DUMMY_ID, DUMMY_SLUG = 987654, "x"


@pytest.fixture(autouse=True)
def _site_with_the_throwaway_app(settings):
    settings.ROOT_URLCONF = "tests.shellapp.urls"
    clear_url_caches()
    yield
    clear_url_caches()


def _walk(resolvers, prefix="", namespace=None, converters=None):
    """(full route, "namespace:name", converters) for every named URL pattern under `resolvers`."""
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        found = {**(converters or {}), **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route, entry.namespace or namespace, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield route, f"{namespace}:{entry.name}" if namespace else entry.name, found


def _all_patterns():
    return list(_walk(get_resolver("tests.shellapp.urls").url_patterns))


def _staff_patterns():
    return [(route, name, p) for route, name, p in _all_patterns() if route.startswith(ORGANISATION_SCOPE)]


def _url(name, converters, org_pk):
    """The pattern reversed with the organisation's pk and a dummy value for every other argument."""
    kwargs = {}
    for key, converter in converters.items():
        if key == "org_pk":
            kwargs[key] = org_pk
        else:
            kwargs[key] = DUMMY_ID if isinstance(converter, IntConverter) else DUMMY_SLUG
    return reverse(name, kwargs=kwargs)


def test_every_staff_page_follows_the_one_scheme():
    staff = _staff_patterns()
    namespaces = {name.split(":")[0] for _route, name, _p in staff}
    assert {"portal", "catalog", "disclosure", "requests_app", "shellapp"} <= namespaces
    # One segment per app after /staff/org/<org_pk>/, never shared between two apps.
    segment_of = {}
    for route, name, _pattern in staff:
        segment = route.removeprefix(ORGANISATION_SCOPE).split("/")[0]
        assert segment_of.setdefault(name.split(":")[0], segment) == segment, route
    assert len(set(segment_of.values())) == len(segment_of)
    # Nothing named like a staff page lives elsewhere (the workspace /staff/ lists organisations only).
    named_staff = [(route, name) for route, name, _p in _all_patterns() if name.split(":")[-1].startswith("staff")]
    elsewhere = [route for route, _name in named_staff if not route.startswith("staff/")]
    assert elsewhere == []


def _answers(client, url):
    """GET and POST; a method the view does not take (405) tells nothing, but one of them must be taken."""
    responses = [r for r in (client.get(url), client.post(url)) if r.status_code != 405]
    assert responses, url
    return responses


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client):
    organisation = OrganisationFactory()
    login = reverse("login") + "?next="
    for _route, name, pattern in _staff_patterns():
        url = _url(name, pattern, organisation.pk)
        for response in _answers(client, url):
            assert response.status_code == 302 and response["Location"].startswith(login), (name, url)


@pytest.mark.django_db
def test_staff_of_another_organisation_get_403_everywhere(client):
    target, elsewhere = OrganisationFactory(), OrganisationFactory()
    outsider = None
    for role, _label in role_choices():  # every role any app declares, but in another organisation
        outsider = member(role, elsewhere, user=outsider)
    client.force_login(outsider)
    for _route, name, pattern in _staff_patterns():
        url = _url(name, pattern, target.pk)
        assert {response.status_code for response in _answers(client, url)} == {403}, (name, url)


@pytest.mark.django_db
def test_retired_staff_prefixes_redirect_into_the_scheme(client):
    assert client.get("/catalog/staff/org/7/social-assistance/?q=1")["Location"] == (
        "/staff/org/7/catalog/social-assistance/?q=1"
    )
    assert client.get("/requests/staff/org/7/")["Location"] == "/staff/org/7/requests/"
