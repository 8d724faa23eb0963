"""Mail server down or hanging: the citizen still sees their tracking number and query code at once, the
message waits in the task queue (django-tasks-db) and the worker tries again later; reminders are recorded
only when their mail went out.

Real faults: an SMTP port nothing listens on, and a server that accepts and never answers.
"""

import datetime as dt
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.mail import RETRY_MINUTES
from portal.roles import Role
from requests_app.models import InformationRequest, ReminderSent
from requests_app.reminders import send_reminders
from tests.factories import OrganisationFactory, member
from tests.faults import closed_port, silent_server

from .factories import InformationRequestFactory, applicant_data

# Transactional: the worker closes its database connection after a batch, as a real worker process does.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _only_mail_in_the_queue(settings):
    """The organisations these tests create would queue the menu's pages to be rendered ahead (portal/tasks.py)
    beside the mail; the queue's rows counted here are the mail's."""
    settings.GONGKAI_STORED_PLAIN_PAGES = False
APPLY = reverse("requests_app:apply")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def smtp(port, timeout=1):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


def work_the_queue():
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "--no-reload", verbosity=0)


def apply(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="安平县民政局")
    client = Client()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, {"organisation": organisation.pk, **applicant_data()})
    page = client.get(response["Location"]).content.decode()
    return response, page, time.monotonic() - started


@pytest.mark.parametrize("fault", ["closed", "hanging"])
def test_the_citizen_sees_number_and_code_at_once_when_smtp_fails(settings, django_capture_on_commit_callbacks, fault):
    settings.TASKS = DATABASE_QUEUE
    with silent_server() as hanging:
        settings.MAILERS = smtp(closed_port() if fault == "closed" else hanging, timeout=2)
        response, page, elapsed = apply(django_capture_on_commit_callbacks)
        assert response.status_code == 302
        info_request = InformationRequest.objects.get()
        assert info_request.tracking_number in page and "查询码" in page
        assert elapsed < 2  # the page never waited for the mail server
        queued = DBTaskResult.objects.get()
        assert queued.status == "READY"

        work_the_queue()  # the worker meets the fault: logged, and another attempt is queued for later
    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert attempts.count() == 2
    retry = attempts.last()
    assert retry.status == "READY" and retry.run_after > timezone.now() + dt.timedelta(minutes=RETRY_MINUTES[0] - 1)
    assert mail.outbox == []


def test_the_retry_delivers_once_the_server_is_back(settings, django_capture_on_commit_callbacks):
    settings.TASKS = DATABASE_QUEUE
    settings.MAILERS = smtp(closed_port())
    _, page, _ = apply(django_capture_on_commit_callbacks)
    work_the_queue()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # its time has come
    work_the_queue()
    assert len(mail.outbox) == 1
    code = mail.outbox[0].body.split("查询码：")[1].split()[0]
    assert code in page
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_without_a_worker_backend_a_hanging_server_still_cannot_break_the_page(settings, django_capture_on_commit_callbacks):
    """The immediate backend (development) waits at most the mailer's short timeout, then shows the page."""
    with silent_server() as port:
        settings.MAILERS = smtp(port, timeout=1)
        response, page, elapsed = apply(django_capture_on_commit_callbacks)
    assert response.status_code == 302 and InformationRequest.objects.get().tracking_number in page
    assert elapsed < 5


@pytest.fixture
def due_request():
    organisation = OrganisationFactory()
    member(Role.REQUEST_HANDLER, organisation)
    return InformationRequestFactory(organisation=organisation, received_on=timezone.localdate() - dt.timedelta(days=30))


@pytest.mark.parametrize("fault", ["closed", "hanging"])
def test_a_reminder_is_recorded_only_when_its_mail_went_out(settings, due_request, fault):
    today = timezone.localdate()
    with silent_server() as hanging:
        settings.MAILERS = smtp(closed_port() if fault == "closed" else hanging, timeout=1)
        assert send_reminders(today) == 0
    assert not ReminderSent.objects.exists()  # so the next run tries again
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert send_reminders(today) == 1
    assert ReminderSent.objects.filter(request=due_request, sent_on=today).exists()
    assert due_request.tracking_number in mail.outbox[0].body
