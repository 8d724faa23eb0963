"""The daily self-check: warnings in the workspace and by e-mail, once a day per organisation."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from portal.roles import Role
from supervision import services
from supervision.models import SelfCheckRun
from tests.catalog.factories import CatalogItemFactory, domain, publish_catalog
from tests.factories import OrganisationFactory, member
from tests.requests_app.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 6)


def troubled():
    """Five empty columns (a single-veto item) and a request past its due date."""
    org = OrganisationFactory(name="自查局")
    CatalogItemFactory.create_batch(5, organisation=org, domain=domain())
    publish_catalog(org, domain())
    InformationRequestFactory(organisation=org, received_on=dt.date(2026, 3, 2), due_on=dt.date(2026, 3, 30))
    return org


def test_warnings_and_one_mail_per_day(django_capture_on_commit_callbacks):
    org = troubled()
    editor = member(Role.EDITOR, org)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.run_self_check([org], TODAY) == 1
    run = SelfCheckRun.objects.get(organisation=org, on=TODAY)
    warnings = [(w.severity, w.message) for w in run.warnings.all()]
    assert ("veto", "有5个栏目（目录事项）没有任何公开文件；空白栏目达到5个即为单项否决。") in warnings
    assert any(severity == "warning" and "超过答复期限" in message for severity, message in warnings)
    # The staff members of the organisation get one e-mail (the approving reviewer and the editor).
    assert len(mail.outbox) == 1
    assert editor.email in mail.outbox[0].to
    assert "自查局" in mail.outbox[0].subject and "单项否决" in mail.outbox[0].body

    # Again the same day (a rerun, a second cron host): nothing new, no mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.run_self_check([org], TODAY) == 0
    assert SelfCheckRun.objects.filter(organisation=org).count() == 1
    assert len(mail.outbox) == 1

    # The next day checks again.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_self_check", "--date", "2026-05-07", stdout=io.StringIO())
    assert SelfCheckRun.objects.filter(organisation=org).count() == 2
    assert len(mail.outbox) == 2


def test_a_clean_organisation_gets_no_mail(django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    member(Role.EDITOR, org)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_self_check([org], TODAY)
    assert not SelfCheckRun.objects.get(organisation=org).warnings.exists()
    assert mail.outbox == []


def test_the_workspace_shows_the_latest_warnings(client):
    org = troubled()
    client.force_login(member(Role.EDITOR, org))
    services.run_self_check([org], TODAY - dt.timedelta(days=1), mail=False)
    services.run_self_check([org], TODAY, mail=False)
    html = client.get("/staff/").content.decode()
    assert html.count("空白栏目达到5个即为单项否决") == 1  # only the latest run's
    assert "单项否决风险" in html
    page = client.get(f"/staff/org/{org.pk}/supervision/self-check/").content.decode()
    assert "超过答复期限" in page


def test_many_organisations_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    organisations = [troubled() for _ in range(2)]
    with django_assert_max_num_queries(60):
        services.run_self_check(organisations[:1], TODAY, mail=False)
    more = [troubled() for _ in range(6)]
    # The indicators are computed once for all; then each organisation writes its own run and warnings.
    with django_assert_max_num_queries(60 + 6 * len(more)):
        services.run_self_check(more + organisations[1:], TODAY, mail=False)
