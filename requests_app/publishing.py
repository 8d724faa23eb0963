"""The annual report's life (Art. 49–50): drafted, reviewed, published once and frozen; corrected as a new version.

The tables are computed from the records while the report is a draft (`annual_report.complete`); publishing
freezes them into the report's snapshot, so a request concluded or a document repealed later never changes
what was published. A correction is a new version that supersedes the published one when it is published.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.errors import Refusal
from portal.roles import DRAFT_CONTENT, REVIEW_CONTENT
from portal.workflow import Transition, Workflow, four_eyes
from requests_app import annual_report
from requests_app.models import AnnualReport
from requests_app.models import AnnualReportStatus as S

EDITABLE_FIELDS = (
    "overview",
    "problems",
    "other_matters",
    "rules_made",
    "rules_repealed",
    "rules_in_force",
    "licensing_decisions",
    "penalty_decisions",
    "enforcement_decisions",
    "fees_collected",
    "correction_note",
)
WARN_DAYS_BEFORE_DEADLINE = 15  # the staff page warns this many calendar days before the legal deadline


def _drafters(report: AnnualReport):
    """Who drafted this version: its author and everyone who acted on it since it was last published."""
    people = REPORT_FLOW.actors_since(report, states={S.PUBLISHED})
    return people | ({report.drafted_by_id} if report.drafted_by_id else set())


def _freeze(report: AnnualReport, *, by, on, comment, **data):
    """Publishing: the numbers as they stand now, the date, and the earlier version set aside."""
    numbers = annual_report.complete(report.organisation, report.year, report.figures)
    report.snapshot = annual_report.to_snapshot(numbers)
    report.published_on = on or timezone.localdate()
    report.published_by = by
    AnnualReport.objects.filter(organisation=report.organisation, year=report.year, status=S.PUBLISHED).exclude(
        pk=report.pk
    ).update(status=S.SUPERSEDED)
    return None


REPORT_FLOW = Workflow(
    event_model="requests_app.AnnualReportEvent",
    event_object_field="report",
    transitions=[
        Transition(S.DRAFT, "submit", S.SUBMITTED, DRAFT_CONTENT, label=_("提交审核"), style="primary"),
        Transition(
            S.SUBMITTED,
            "publish",
            S.PUBLISHED,
            REVIEW_CONTENT,
            guard=four_eyes(_drafters),
            hook=_freeze,
            label=_("审核并发布"),
            style="primary",
        ),
        Transition(S.SUBMITTED, "send_back", S.DRAFT, REVIEW_CONTENT, needs_comment=True, label=_("退回修改")),
    ],
)


def working_copy(organisation, year: int) -> AnnualReport | None:
    """The draft or submitted version of the year's report, if one exists."""
    return (
        AnnualReport.objects.filter(organisation=organisation, year=year, status__in=[S.DRAFT, S.SUBMITTED])
        .select_related("organisation", "drafted_by")
        .first()
    )


def published(organisation, year: int) -> AnnualReport | None:
    return AnnualReport.objects.published().filter(organisation=organisation, year=year).first()


@transaction.atomic
def start(organisation, year: int, *, by) -> AnnualReport:
    """The year's working copy: the existing draft, a correction of the published version, or a new first draft.

    The year must be over: a report covers a whole calendar year.
    """
    if year >= timezone.localdate().year:
        raise Refusal(_("年度报告须在该年度结束后编制。"), code="year")
    # Lock the organisation's row so two clerks starting the same year's report make one draft, not two.
    type(organisation)._default_manager.select_for_update().filter(pk=organisation.pk).first()
    existing = working_copy(organisation, year)
    if existing is not None:
        return existing
    current = published(organisation, year)
    report = AnnualReport(organisation=organisation, year=year, drafted_by=by)
    if current is not None:
        for name in EDITABLE_FIELDS:
            setattr(report, name, getattr(current, name))
        report.version = current.version + 1
        report.correction_note = ""
    report.save()
    return report


@transaction.atomic
def save_draft(report: AnnualReport, data: dict, *, by, seen_updated_at: dt.datetime | None = None) -> None:
    """Store what staff wrote in a draft; refused once submitted, and when someone else saved in between."""
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != S.DRAFT:
        raise Refusal(_("只有草稿可以修改；已提交审核的报告请先退回。"), code="state")
    if seen_updated_at is not None and locked.updated_at != seen_updated_at:
        raise Refusal(_("他人在您编辑期间修改了这份报告。请刷新页面查看最新内容后再修改。"), code="conflict")
    if report.version > 1 and not (data.get("correction_note") or "").strip():
        raise Refusal(_("更正版本须写明更正说明。"), code="correction_note")
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(locked, name, data[name])
    locked.drafted_by = locked.drafted_by or by
    locked.save()
    REPORT_FLOW.get_event_model().objects.create(
        report=locked, kind="edited", actor=by, from_state=S.DRAFT, to_state=S.DRAFT
    )
    for name in ("updated_at", *EDITABLE_FIELDS):
        setattr(report, name, getattr(locked, name))


def submit(report: AnnualReport, *, by, comment: str = "") -> None:
    missing = [
        str(AnnualReport._meta.get_field(name).verbose_name)
        for name in ("overview", "problems", "other_matters")
        if not getattr(report, name).strip()
    ]
    if missing:
        raise Refusal(_("请先填写：%(parts)s。") % {"parts": "、".join(missing)}, code="incomplete")
    REPORT_FLOW.apply(report, "submit", by=by, comment=comment)


def numbers(report: AnnualReport) -> annual_report.Report:
    """The report's tables: frozen once published, live while it is a draft."""
    if report.snapshot is not None:
        return annual_report.from_snapshot(report.organisation, report.year, report.snapshot)
    return annual_report.complete(report.organisation, report.year, report.figures)


def deadline_status(organisation, year: int, today: dt.date) -> dict:
    """The legal deadline for the year's report and how close it is, for the staff pages' warning."""
    deadline = annual_report.publication_deadline(organisation.kind, year)
    days_left = (deadline - today).days
    return {
        "deadline": deadline,
        "days_left": days_left,
        "overdue": days_left < 0,
        "due_soon": 0 <= days_left <= WARN_DAYS_BEFORE_DEADLINE,
    }


EVENT_LABELS = {
    "edited": _("修改草稿"),
    "submit": _("提交审核"),
    "publish": _("审核并发布"),
    "send_back": _("退回修改"),
}


def labelled_events(report: AnnualReport) -> list:
    """The report's history with a readable name for each step."""
    events = list(report.events.select_related("actor"))
    for event in events:
        event.label = EVENT_LABELS.get(event.kind, event.kind)
    return events
