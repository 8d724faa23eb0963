import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from portal.models import OrganisationKind
from portal.roles import Role
from requests_app.models import InformationRequest
from servicehall import services, terminals
from servicehall.models import Terminal
from tests.factories import OrganisationFactory, member
from tests.requests_app.factories import applicant_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation():
    return OrganisationFactory(name="安平县民政局", kind=OrganisationKind.DEPARTMENT)


@pytest.fixture
def terminal(organisation):
    admin = member(Role.ORGANISATION_ADMIN, organisation)
    return services.register_terminal(organisation, name="1号查询机", location="一楼大厅", by=admin)


def as_terminal(client, terminal):
    client.cookies[terminals.COOKIE_NAME] = terminals.cookie_value(terminal)


def form_data(organisation, **overrides):
    data = {"organisation": organisation.pk, **applicant_data(**overrides)}
    return {k: v for k, v in data.items() if v is not None}


def test_home_has_large_targets_and_idle_reset(client, terminal):
    as_terminal(client, terminal)
    response = client.get(reverse("servicehall:home"))
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert 'data-idle-seconds="120"' in page and "servicehall/kiosk.js" in page
    assert reverse("servicehall:reset") in page and "kiosk-tile" in page
    assert "安平县民政局 · 1号查询机" in page
    assert "<script>" not in page and "style=" not in page  # strict CSP: nothing inline


def test_filing_with_staff_help_prints_a_receipt_once(client, organisation, terminal):
    as_terminal(client, terminal)
    form = client.get(reverse("servicehall:apply")).content.decode()
    assert 'autocomplete="off"' in form and 'autocomplete="name"' not in form
    assert f'value="{organisation.pk}" selected' in form  # the terminal's own organisation is preselected
    response = client.post(reverse("servicehall:apply"), form_data(organisation))
    assert response.status_code == 302
    created = InformationRequest.objects.get()
    receipt = client.get(reverse("servicehall:receipt"))
    page = receipt.content.decode()
    assert created.tracking_number in page and "政府信息公开申请受理回执" in page
    assert "requests_app/official.css" in page
    # Shown once: the session no longer holds it.
    assert client.get(reverse("servicehall:receipt")).status_code == 302


def test_reset_drops_the_session(client, organisation):
    client.post(reverse("servicehall:apply"), form_data(organisation))
    assert "servicehall_receipt" in client.session
    response = client.post(reverse("servicehall:reset"))
    assert response.status_code == 302 and response["Location"] == reverse("servicehall:home")
    assert "servicehall_receipt" not in client.session
    assert client.get(reverse("servicehall:reset")).status_code == 405


def test_bad_input_keeps_what_was_typed(client, organisation):
    response = client.post(reverse("servicehall:apply"), form_data(organisation, phone="abc", subject="低保名单"))
    assert response.status_code == 400
    assert "低保名单" in response.content.decode()


@override_settings(GONGKAI_REQUESTS_APPLY_PER_HOUR=1)
def test_a_registered_terminal_is_not_throttled_but_an_address_is(client, organisation, terminal):
    for n in range(3):
        other = client.__class__()
        response = other.post(
            reverse("servicehall:apply"), form_data(organisation, subject=f"信息{n}", applicant_name=f"王{n}")
        )
        assert response.status_code == (302 if n == 0 else 429)
    as_terminal(client, terminal)
    for n in range(3):
        response = client.post(
            reverse("servicehall:apply"), form_data(organisation, subject=f"终端{n}", applicant_name=f"李{n}")
        )
        assert response.status_code == 302
    assert InformationRequest.objects.count() == 4


@override_settings(GONGKAI_REQUESTS_APPLY_PER_HOUR=1)
def test_the_exemption_covers_the_citizen_form_too(client, organisation, terminal):
    as_terminal(client, terminal)
    for n in range(2):
        data = form_data(organisation, subject=f"网上{n}", applicant_name=f"赵{n}")
        assert client.post(reverse("requests_app:apply"), data).status_code == 302


@pytest.mark.parametrize("spoil", ["forged", "reissued", "inactive"])
def test_a_bad_terminal_cookie_is_no_terminal(client, terminal, spoil, rf):
    value = terminals.cookie_value(terminal)
    if spoil == "forged":
        value = value[:-2] + ("AA" if not value.endswith("AA") else "BB")
    elif spoil == "reissued":
        services.reissue_key(terminal, by=None)
    else:
        services.set_active(terminal, False, by=None)
    request = rf.get("/")
    request.COOKIES[terminals.COOKIE_NAME] = value
    assert terminals.terminal_for(request) is None
    assert not terminals.exempt_from_throttle(request)


def test_lookup_of_a_request_by_number_and_code(client, organisation):
    from requests_app import services as request_services

    created, code = request_services.submit_online(organisation, applicant_data())
    url = reverse("servicehall:track")
    wrong = client.post(url, {"tracking_number": created.tracking_number, "query_code": "WRONGCODE2"})
    assert wrong.status_code == 404
    found = client.post(url, {"tracking_number": created.tracking_number, "query_code": code})
    page = found.content.decode()
    assert found.status_code == 200 and created.subject in page
    assert created.applicant_name not in page and created.id_document_number not in page


def test_document_lookup_uses_the_public_gate(client):
    from disclosure import services as disclosure
    from tests.disclosure.factories import DocumentFactory

    public = DocumentFactory(title="城乡低保标准调整的通知", published=True)
    draft = DocumentFactory(title="城乡低保草稿通知")
    for document in (public, draft):  # fill the search text, as publishing does (PostgreSQL searches it)
        disclosure.prepare(document)
        document.save()
    page = client.get(reverse("servicehall:documents"), {"q": "低保"}).content.decode()
    assert public.title in page and draft.title not in page
    assert client.get(reverse("servicehall:document", args=[draft.pk])).status_code == 404
    assert client.get(reverse("servicehall:document", args=[public.pk])).status_code == 200


def test_guide_shows_the_county_guide(client):
    page = client.get(reverse("servicehall:guide")).content.decode()
    assert "一、主动公开" in page


# ---------------------------------------------------------------- staff


def test_staff_register_and_activate_a_terminal(client, organisation):
    admin = member(Role.ORGANISATION_ADMIN, organisation)
    client.force_login(admin)
    home = reverse("servicehall:staff_home", args=[organisation.pk])
    assert client.get(home).status_code == 200
    client.post(home, {"name": "2号查询机", "location": "二楼"})
    made = Terminal.objects.get(name="2号查询机")
    response = client.post(reverse("servicehall:staff_activate", args=[organisation.pk, made.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("servicehall:home")
    assert terminals.COOKIE_NAME in response.cookies and response.cookies[terminals.COOKIE_NAME]["httponly"]
    assert "_auth_user_id" not in client.session  # the kiosk keeps no staff login
    made.refresh_from_db()
    assert made.activated_at is not None


def test_editors_may_not_manage_terminals(client, organisation, terminal):
    client.force_login(member(Role.EDITOR, organisation))
    assert client.get(reverse("servicehall:staff_home", args=[organisation.pk])).status_code == 403
    url = reverse("servicehall:staff_activate", args=[organisation.pk, terminal.pk])
    assert client.post(url).status_code == 403
