"""Indicators the supervising office evaluates (contract: supervision reads `supervision_indicators` from the
AppConfig). Pure reads, a fixed number of queries whatever the data size (GROUP BY organisation).

A consultation counts in the period its feedback was due in (closing + GONGKAI_PARTICIPATION_FEEDBACK_WORKING_DAYS
working days); "held" counts consultations opened in the period; open days count when held in the period.
"""

import datetime as dt

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.models import OpenDay, PublicConsultation

DEFINITIONS = [
    ("consultations_held", _("开展意见征集"), "count", "higher"),
    ("consultation_feedback_on_time", _("按期发布意见采纳情况反馈"), "count", "higher"),
    ("consultation_feedback_overdue", _("超期未发布或逾期发布的意见反馈"), "count", "lower"),
    ("open_days_held", _("举办政府开放日"), "count", "higher"),
]
CODES = [code for code, *_rest in DEFINITIONS]


def _aware(day: dt.date, end=False):
    moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    return timezone.make_aware(moment)


def _due_in(start, end):
    return PublicConsultation.objects.public().filter(feedback_due_on__gte=start, feedback_due_on__lte=end)


def _late(today):
    """Not published by the due day: still missing after it, or published after it."""
    return Q(feedback_published_on__gt=F("feedback_due_on")) | Q(
        feedback_published_on__isnull=True, feedback_due_on__lt=today
    )


def _open_days_held(start, end):
    now = timezone.now()
    return OpenDay.objects.public().filter(starts_at__gte=_aware(start), starts_at__lte=min(_aware(end, True), now))


def compute(organisation_ids: list[int], start: dt.date, end: dt.date) -> dict[str, dict[int, int | float | None]]:
    today = timezone.localdate()
    result = {code: dict.fromkeys(organisation_ids, 0) for code in CODES}
    held = (
        PublicConsultation.objects.public()
        .filter(organisation_id__in=organisation_ids, opens_on__gte=start, opens_on__lte=end)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    feedback = (
        _due_in(start, end)
        .filter(organisation_id__in=organisation_ids)
        .values("organisation_id")
        .annotate(
            on_time=Count("pk", filter=Q(feedback_published_on__lte=F("feedback_due_on"))),
            late=Count("pk", filter=_late(today)),
        )
        .order_by()
    )
    days = (
        _open_days_held(start, end)
        .filter(organisation_id__in=organisation_ids)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in held:
        result["consultations_held"][row["organisation_id"]] = row["n"]
    for row in feedback:
        result["consultation_feedback_on_time"][row["organisation_id"]] = row["on_time"]
        result["consultation_feedback_overdue"][row["organisation_id"]] = row["late"]
    for row in days:
        result["open_days_held"][row["organisation_id"]] = row["n"]
    return result


def evidence(code: str, organisation_id: int, start: dt.date, end: dt.date):
    """(label, url) pairs of the records behind one number; no personal data is involved in any of them."""
    today = timezone.localdate()
    if code == "consultations_held":
        records = PublicConsultation.objects.public().filter(
            organisation_id=organisation_id, opens_on__gte=start, opens_on__lte=end
        )
    elif code == "consultation_feedback_on_time":
        records = _due_in(start, end).filter(
            organisation_id=organisation_id, feedback_published_on__lte=F("feedback_due_on")
        )
    elif code == "consultation_feedback_overdue":
        records = _due_in(start, end).filter(_late(today), organisation_id=organisation_id)
    elif code == "open_days_held":
        days = _open_days_held(start, end).filter(organisation_id=organisation_id).order_by("starts_at")
        return [(f"{timezone.localtime(d.starts_at):%Y-%m-%d} {d.theme}", d.get_absolute_url()) for d in days]
    else:
        raise KeyError(code)
    records = records.order_by("opens_on", "pk").only("pk", "title", "opens_on")
    return [(f"{c.opens_on:%Y-%m-%d} {c.title}", c.get_absolute_url()) for c in records]


def self_check(organisation_id: int, today: dt.date) -> list[tuple[str, str, str]]:
    """Warnings for the organisation's staff: feedback overdue or due within 5 days, comments waiting for
    moderation on a closed consultation. No single-veto item comes from participation."""
    warnings = []
    consultations = PublicConsultation.objects.public().filter(
        organisation_id=organisation_id, feedback_published_at__isnull=True
    )
    for c in consultations.filter(feedback_due_on__lt=today).only("pk", "title", "feedback_due_on", "organisation_id"):
        url = reverse("participation_staff:consultation", args=[organisation_id, c.pk])
        warnings.append(("warning", str(_("“%(title)s”的意见采纳情况反馈已超期（应于%(due)s前发布）。"))
                         % {"title": c.title, "due": c.feedback_due_on.isoformat()}, url))  # fmt: skip
    soon = consultations.filter(feedback_due_on__gte=today, feedback_due_on__lte=today + dt.timedelta(days=5))
    for c in soon.only("pk", "title", "feedback_due_on", "organisation_id"):
        url = reverse("participation_staff:consultation", args=[organisation_id, c.pk])
        warnings.append(("warning", str(_("“%(title)s”的意见采纳情况反馈将于%(due)s到期。"))
                         % {"title": c.title, "due": c.feedback_due_on.isoformat()}, url))  # fmt: skip
    pending = (
        PublicConsultation.objects.public()
        .filter(organisation_id=organisation_id, closes_on__lt=today, comments__status="pending")
        .annotate(n=Count("comments"))
        .only("pk", "title")
    )
    for c in pending:
        url = reverse("participation_staff:consultation", args=[organisation_id, c.pk])
        warnings.append(("warning", str(_("“%(title)s”有 %(n)s 条意见尚未审核。")) % {"title": c.title, "n": c.n}, url))
    return warnings
