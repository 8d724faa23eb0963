"""The reminder command: due-soon and overdue requests, one e-mail per handler, once per request per day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from portal.roles import Role
from requests_app.models import ReminderSent, State
from tests.factories import OrganisationFactory, member

from .factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 3, 10)  # a Monday


def test_reminds_due_soon_and_overdue_once_per_day():
    organisation = OrganisationFactory()
    handler = member(Role.REQUEST_HANDLER, organisation)
    colleague = member(Role.REQUEST_HANDLER, organisation)
    soon = InformationRequestFactory(
        organisation=organisation, handler=handler, state=State.IN_PROGRESS, subject="三天内到期"
    )
    soon.due_on = dt.date(2025, 3, 13)
    soon.save()
    late = InformationRequestFactory(organisation=organisation, state=State.IN_PROGRESS, subject="已经超期")
    late.due_on = dt.date(2025, 3, 5)
    late.save()
    relaxed = InformationRequestFactory(organisation=organisation, handler=handler, subject="还早")
    relaxed.due_on = dt.date(2025, 3, 20)
    relaxed.save()
    closed = InformationRequestFactory(organisation=organisation, handler=handler, state=State.CLOSED, subject="办结")
    closed.due_on = dt.date(2025, 3, 5)
    closed.save()

    call_command("send_request_reminders", "--date", TODAY.isoformat())
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "三天内到期" in by_address[handler.email] and "已经超期" in by_address[handler.email]
    assert "已经超期" in by_address[colleague.email] and "三天内到期" not in by_address[colleague.email]
    assert "已超期3个工作日" in by_address[handler.email]
    assert all("还早" not in body and "办结" not in body for body in by_address.values())
    assert ReminderSent.objects.filter(sent_on=TODAY).count() == 2

    mail.outbox.clear()
    call_command("send_request_reminders", "--date", TODAY.isoformat())
    assert mail.outbox == []  # cron ran twice: nothing new
    call_command("send_request_reminders", "--date", "2025-03-11")
    assert len(mail.outbox) == 2  # the next day reminds again


def _one_overdue_request():
    organisation = OrganisationFactory()
    handler = member(Role.REQUEST_HANDLER, organisation)
    late = InformationRequestFactory(organisation=organisation, handler=handler, state=State.IN_PROGRESS, subject="超期")
    late.due_on = dt.date(2025, 3, 5)
    late.save()
    return late


def test_reminders_are_rendered_from_templates_in_the_sites_language(settings):
    late = _one_overdue_request()
    settings.LANGUAGE_CODE = "en"
    call_command("send_request_reminders", "--date", TODAY.isoformat())
    (message,) = mail.outbox
    assert message.subject == "Information request deadlines: 1 request due soon or overdue"
    assert late.tracking_number in message.body and "3 working days overdue" in message.body
    assert "已超期" not in message.body


def test_a_county_rewords_the_reminder_without_a_code_change(settings, tmp_path):
    """GONGKAI_TEMPLATE_DIR's copies win over the shipped templates (settings.TEMPLATES DIRS)."""
    _one_overdue_request()
    emails = tmp_path / "requests_app" / "emails"
    emails.mkdir(parents=True)
    (emails / "reminder.subject.txt").write_text("【安平县】{{ items|length }}件申请请及时办理\n", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    call_command("send_request_reminders", "--date", TODAY.isoformat())
    (message,) = mail.outbox
    assert message.subject == "【安平县】1件申请请及时办理"
    assert "已超期3个工作日" in message.body  # the body the county left alone is the shipped one
