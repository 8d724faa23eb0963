"""Open requests follow the working-day calendar (a change recomputes their due dates after the commit), and the
applicant hears of every step that carries a notice (requests_app/notices.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_noop

from portal.models import CalendarOverride, ConfirmedCalendarYear
from requests_app.models import RequestEvent, event_note


@receiver([post_save, post_delete], sender=CalendarOverride, dispatch_uid="requests-calendar-override")
@receiver([post_save, post_delete], sender=ConfirmedCalendarYear, dispatch_uid="requests-calendar-year")
def calendar_changed(sender, instance, **kwargs):
    from requests_app.services import recompute_open_due_dates

    # The history keeps the Chinese record and shows these notes in the reader's language (RequestEvent.note).
    if sender is CalendarOverride:
        reason = event_note(
            gettext_noop("（工作日历调整：%(date)s %(day_kind)s）"), date=str(instance.date), day_kind=instance.kind
        )
    else:
        reason = event_note(gettext_noop("（已确认%(year)s年节假日安排）"), year=instance.year)
    transaction.on_commit(lambda: recompute_open_due_dates(reason=reason))


@receiver(post_save, sender=RequestEvent, dispatch_uid="requests-notify-applicant")
def request_event_recorded(sender, instance, created, **kwargs):
    if created:
        from requests_app.notices import event_recorded

        event_recorded(instance)
