"""The supervising office's business steps, and the organisations' answers to them. Each locks its row."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import records_actor
from portal.editing import check_version
from portal.errors import Refusal
from portal.mail import send_templated_mail
from portal.models import Membership
from supervision.models import SelfCheckRun, SelfCheckWarning, SupervisionOrder

NOT_OPEN = _("该督办事项已反馈或已办结。")
NOT_ANSWERED = _("该督办事项尚未反馈，不能办结。")
EMPTY_ANSWER = _("请填写整改情况。")
PAST_DEADLINE = _("整改期限不能早于今天。")
GONE = _("该记录已被删除。")


def issue_order(organisation, *, by, subject, details, deadline, kind=SupervisionOrder.Kind.RECTIFY, indicator=""):
    if deadline < timezone.localdate():
        raise Refusal(PAST_DEADLINE, code="deadline")
    order = SupervisionOrder.objects.create(
        organisation=organisation, kind=kind, indicator=indicator, subject=subject, details=details,
        deadline=deadline, issued_by=by,
    )  # fmt: skip
    recipients = _staff_emails([organisation.pk]).get(organisation.pk, [])
    if recipients:
        send_templated_mail("supervision/emails/order", {"order": order}, recipients, language="zh-hans")
    return order


@transaction.atomic
def answer_order(order, *, by, answer: str, on: dt.date | None = None):
    """The organisation reports what it fixed; the office then closes the order (or it stays answered)."""
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if order.state != SupervisionOrder.State.OPEN:
        raise Refusal(NOT_OPEN, code="state")
    if not answer.strip():
        raise Refusal(EMPTY_ANSWER, code="empty")
    order.answer, order.answered_by, order.answered_on = answer.strip(), by, on or timezone.localdate()
    order.state = SupervisionOrder.State.ANSWERED
    order.save(update_fields=["answer", "answered_by", "answered_on", "state"])
    return order


@transaction.atomic
def close_order(order, *, by, on: dt.date | None = None):
    order = SupervisionOrder.objects.select_for_update().get(pk=order.pk)
    if order.state != SupervisionOrder.State.ANSWERED:
        raise Refusal(NOT_ANSWERED, code="state")
    order.state, order.closed_on = SupervisionOrder.State.CLOSED, on or timezone.localdate()
    order.save(update_fields=["state", "closed_on"])
    return order


@transaction.atomic
def create_scheme(form, *, copy_from=None):
    """Save a new year's scheme; with `copy_from`, it starts with that scheme's indicators, points and rules."""
    scheme = form.save()
    if copy_from is not None:
        for rule in copy_from.indicators.all():
            rule.pk, rule.scheme = None, scheme
            rule.save()
    return scheme


# ------------------------------------------------------------------ the office's records: edit, withdraw, delete
# Notices, demonstrations and trainings are audit-logged (AppConfig.ready()); these services lock the row, check
# the editor's loaded version (portal/editing.py) and record `by` as the log's actor.


def _locked(record):
    try:
        return type(record).objects.select_for_update().get(pk=record.pk)
    except type(record).DoesNotExist:
        raise Refusal(GONE, code="gone") from None


@records_actor
@transaction.atomic
def save_record(record, *, by, loaded_version=None, save_m2m=None):
    """Create or edit a notice, demonstration or training the form has filled in.

    On an edit, `loaded_version` is the edit_version the editor's form started from: if someone saved since,
    nothing is written and EditConflict carries the saved row. `save_m2m` (the form's) stores the attendees."""
    if record.pk is not None:
        locked = _locked(record)
        check_version(locked, loaded_version)
        record.edit_version = locked.edit_version + 1
    else:
        for recorder in ("issued_by", "recorded_by"):  # who recorded it (a notice's, a training's)
            if getattr(record, f"{recorder}_id", False) is None:
                setattr(record, recorder, by)
    record.save()
    if save_m2m is not None:
        save_m2m()
    return record


@records_actor
@transaction.atomic
def set_notice_published(notice, published: bool, *, by):
    """Publish a notice on the site, or withdraw it (撤下): it stays on record, no longer public."""
    notice = _locked(notice)
    if notice.is_published != published:
        notice.is_published = published
        notice.edit_version += 1
        notice.save(update_fields=["is_published", "edit_version"])
    return notice


@records_actor
@transaction.atomic
def remove_notice(notice, *, by) -> bool:
    """Delete a notice recorded by mistake — but a notice citizens can see is withdrawn, never silently deleted.

    Returns True if the notice was deleted, False if it was public and has been withdrawn instead (a second
    removal, now that it is no longer public, deletes it). Either way the audit trail keeps the record."""
    notice = _locked(notice)
    if notice.is_published:
        notice.is_published = False
        notice.edit_version += 1
        notice.save(update_fields=["is_published", "edit_version"])
        return False
    notice.delete()
    return True


@records_actor
@transaction.atomic
def delete_record(record, *, by) -> None:
    """Delete a demonstration zone/point or a training recorded by mistake (the audit trail keeps what it was)."""
    _locked(record).delete()


def _staff_emails(organisation_ids) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    rows = (
        Membership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True)
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
        .distinct()
        .order_by("organisation_id", "user__email")
    )
    for org, email in rows:
        found.setdefault(org, [])
        if email not in found[org]:
            found[org].append(email)
    return found


def run_self_check(organisations, today: dt.date, *, mail: bool = True) -> int:
    """The daily self-check: store each organisation's warnings for its workspace and e-mail its staff.

    Idempotent per day: an organisation already checked today (a SelfCheckRun row, unique per day) is skipped,
    so a rerun or a second cron host sends nothing twice. Returns how many organisations were checked now.
    """
    from supervision import indicators

    organisations = list(organisations)
    done = set(SelfCheckRun.objects.filter(on=today).values_list("organisation_id", flat=True))
    pending = [org for org in organisations if org.pk not in done]
    if not pending:
        return 0
    warnings = indicators.self_check_all([org.pk for org in pending], today)
    emails = _staff_emails([org.pk for org in pending])
    checked = 0
    for org in pending:
        found = warnings.get(org.pk, [])
        try:
            with transaction.atomic():
                run = SelfCheckRun.objects.create(organisation=org, on=today)
                SelfCheckWarning.objects.bulk_create(
                    SelfCheckWarning(run=run, severity=severity, message=str(message)[:300], url=url or "")
                    for severity, message, url in found
                )
                recipients = emails.get(org.pk, []) if found and mail else []
                if recipients:
                    run.mailed_to = len(recipients)
                    run.save(update_fields=["mailed_to"])
                    send_templated_mail(
                        "supervision/emails/self_check",
                        {"organisation": org, "warnings": found, "today": today},
                        recipients,
                        language="zh-hans",
                    )
        except IntegrityError:  # another run took this organisation today
            continue
        checked += 1
    return checked


def latest_warnings(organisation_ids) -> dict[int, list[SelfCheckWarning]]:
    """Each organisation's warnings of its most recent self-check (one query)."""
    from django.db.models import OuterRef, Subquery

    latest = SelfCheckRun.objects.filter(organisation_id=OuterRef("run__organisation_id")).order_by("-on").values("on")[:1]
    result = {org: [] for org in organisation_ids}
    rows = SelfCheckWarning.objects.filter(run__organisation_id__in=organisation_ids, run__on=Subquery(latest))
    for warning in rows.select_related("run"):
        result[warning.run.organisation_id].append(warning)
    return result
