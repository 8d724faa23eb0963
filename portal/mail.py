"""E-mail to citizens and staff from editable templates, sent after commit, never breaking the request.

    send_templated_mail("requests_app/emails/submitted", {"request": r, "code": code}, [r.email], language="zh-hans")

renders `templates/requests_app/emails/submitted.subject.txt` and `.body.txt` (a county overrides them in its
own templates directory, no code change) in the recipient's language, without HTML escaping, and queues the
message with `transaction.on_commit` as a `django.tasks` task (settings.TASKS: the immediate backend runs it at
commit; the database backend, GONGKAI_TASKS_BACKEND=database, stores it for the `manage.py db_worker` process).
SMTP has a short timeout (DJANGO_EMAIL_TIMEOUT → the mailer's "timeout" option); any failure is logged and
swallowed, and with the worker the delivery is tried again after RETRY_MINUTES: a page never depends on a mail
going out.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import get_template
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


def render_templated_mail(template_prefix: str, context: dict, *, language: str) -> tuple[str, str]:
    """(subject, body) rendered in `language`; the subject is one line."""
    with translation.override(language):
        subject = _render(f"{template_prefix}.subject.txt", context)
        body = _render(f"{template_prefix}.body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def _render(name: str, context: dict) -> str:
    from django.template import Context

    # Plain text: no HTML escaping of names and addresses ("&" stays "&").
    return get_template(name).template.render(Context(context, autoescape=False))


def send_templated_mail(template_prefix: str, context: dict, to, *, language: str) -> None:
    """Render now (in `language`), send after the current transaction commits. Returns nothing."""
    recipients = [address for address in ([to] if isinstance(to, str) else to) if address]
    if not recipients:
        return
    try:
        subject, body = render_templated_mail(template_prefix, context, language=language)
    except Exception:
        logger.exception("could not render e-mail %s", template_prefix)
        return
    transaction.on_commit(lambda: _enqueue(subject, body, recipients))


def _enqueue(subject: str, body: str, recipients: list[str]) -> None:
    try:
        deliver_mail.enqueue(subject, body, recipients)
    except Exception:
        logger.exception("could not queue e-mail %r to %d recipient(s)", subject, len(recipients))


# Minutes before each new attempt after a failed delivery; after the last one the message is given up (logged).
RETRY_MINUTES = (1, 5, 15, 60, 240, 720)


@task
def deliver_mail(subject: str, body: str, recipients: list[str], attempt: int = 1) -> bool:
    """The task: one message through the default mailer. Logged, not raised, when the server fails; with a
    worker backend (GONGKAI_TASKS_BACKEND=database) a failed delivery is queued again for later."""
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
    except Exception:
        retry_at = _retry(subject, body, recipients, attempt)
        logger.exception(
            "could not send e-mail %r to %d recipient(s) (attempt %d); %s",
            subject,
            len(recipients),
            attempt,
            f"next attempt at {retry_at:%Y-%m-%d %H:%M}" if retry_at else "given up",
        )
        return False
    return True


def _retry(subject, body, recipients, attempt):
    """Queue the next attempt (when the backend can run a task later); its time, or None when given up."""
    if attempt > len(RETRY_MINUTES) or not deliver_mail.get_backend().supports_defer:
        return None
    retry_at = timezone.now() + dt.timedelta(minutes=RETRY_MINUTES[attempt - 1])
    try:
        deliver_mail.using(run_after=retry_at).enqueue(subject, body, recipients, attempt + 1)
    except Exception:
        logger.exception("could not queue another attempt of e-mail %r", subject)
        return None
    return retry_at
