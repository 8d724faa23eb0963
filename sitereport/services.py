"""The report's life: started by the keeping office, edited, submitted, published by a second person (four eyes),
frozen, corrected as a new version. The visits flush lives in `sitereport.visits`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import records_actor
from portal.editing import check_version
from portal.errors import Refusal
from portal.workflow import Transition, Workflow, four_eyes
from sitereport import figures
from sitereport.models import ReportStatus as S
from sitereport.models import SiteReport

KEEP_SITE_REPORT = "keep_site_report"
COPIED_ON_CORRECTION = [
    f.name
    for f in SiteReport._meta.concrete_fields
    if f.editable and f.name not in {"id", "organisation", "year", "correction_note", "drafted_by", "filled_on"}
]
YEAR_NOT_OVER = _("该年度尚未结束，报表须在年度结束后发布。")
KEPT_ELSEWHERE = _("%(year)s年度的网站工作年度报表由%(organisation)s填报。")


def _drafters(report: SiteReport):
    people = FLOW.actors_since(report, states={S.PUBLISHED})
    return people | ({report.drafted_by_id} if report.drafted_by_id else set())


def _year_over(report: SiteReport, user):
    return YEAR_NOT_OVER if report.year >= timezone.localdate().year else None


def _publish_guard(report, user):
    return _year_over(report, user) or four_eyes(_drafters)(report, user)


def _freeze(report: SiteReport, *, by, on, comment, **data):
    """Publishing: the computed figures as they stand now, the date, the earlier version set aside."""
    report.snapshot = figures.snapshot(report)
    report.published_on = data.get("published_on") or timezone.localdate()
    report.published_by = by
    SiteReport.objects.filter(year=report.year, status=S.PUBLISHED).exclude(pk=report.pk).update(status=S.SUPERSEDED)
    return None


FLOW = Workflow(
    event_model="sitereport.SiteReportEvent",
    event_object_field="report",
    transitions=[
        Transition(S.DRAFT, "submit", S.SUBMITTED, KEEP_SITE_REPORT, label=_("提交审核"), style="primary"),
        Transition(
            S.SUBMITTED,
            "publish",
            S.PUBLISHED,
            KEEP_SITE_REPORT,
            guard=_publish_guard,
            hook=_freeze,
            label=_("审核并发布"),
            style="primary",
        ),
        Transition(S.SUBMITTED, "send_back", S.DRAFT, KEEP_SITE_REPORT, needs_comment=True, label=_("退回修改")),
    ],
)


def working_copy(year: int) -> SiteReport | None:
    return (
        SiteReport.objects.filter(year=year, status__in=[S.DRAFT, S.SUBMITTED]).select_related("organisation").first()
    )


def published(year: int) -> SiteReport | None:
    return SiteReport.objects.published().filter(year=year).select_related("organisation").first()


@transaction.atomic
def start(organisation, year: int, *, by) -> SiteReport:
    """The year's working copy: the existing draft, a correction of the published version, or a first draft.

    One report per year for the whole site: another organisation's working copy is refused.
    """
    if year > timezone.localdate().year:
        raise Refusal(_("不能为尚未开始的年度编制报表。"), code="year")
    type(organisation)._default_manager.select_for_update().filter(pk=organisation.pk).first()
    existing = working_copy(year) or published(year)
    if existing is not None and existing.organisation_id != organisation.pk:
        raise Refusal(KEPT_ELSEWHERE % {"year": year, "organisation": existing.organisation.name}, code="elsewhere")
    existing = working_copy(year)
    if existing is not None:
        return existing
    current = published(year)
    report = SiteReport(organisation=organisation, year=year, drafted_by=by, unit_name=organisation.name)
    if current is not None:
        for name in COPIED_ON_CORRECTION:
            setattr(report, name, getattr(current, name))
        report.version = current.version + 1
    report.save()
    return report


EDITABLE_FIELDS = [*COPIED_ON_CORRECTION, "correction_note", "filled_on"]


@records_actor
@transaction.atomic
def save_draft(edited: SiteReport, *, by, loaded_version=None) -> SiteReport:
    """Store what staff entered (`edited`: the form's unsaved copy); refused once submitted; an EditConflict
    when someone saved in between (the view shows both and keeps the input)."""
    locked = SiteReport.objects.select_for_update().get(pk=edited.pk)
    if locked.status != S.DRAFT:
        raise Refusal(_("只有草稿可以修改；已提交审核的报表请先退回。"), code="state")
    check_version(locked, loaded_version)
    if locked.version > 1 and not (edited.correction_note or "").strip():
        raise Refusal(_("更正版本须写明更正说明。"), code="correction_note")
    for name in EDITABLE_FIELDS:
        setattr(locked, name, getattr(edited, name))
    locked.drafted_by = locked.drafted_by or by
    locked.edit_version += 1
    locked.save()
    FLOW.get_event_model().objects.create(report=locked, kind="edited", actor=by, from_state=S.DRAFT, to_state=S.DRAFT)
    return locked


def submit(report: SiteReport, *, by, comment: str = "") -> None:
    missing = [
        str(SiteReport._meta.get_field(n).verbose_name)
        for n in ("unit_name", "filled_by", "phone")
        if not getattr(report, n)
    ]
    if missing:
        raise Refusal(_("请先填写：%(parts)s。") % {"parts": "、".join(missing)}, code="incomplete")
    FLOW.apply(report, "submit", by=by, comment=comment)


def publish(report: SiteReport, *, by, comment: str = "", on=None) -> None:
    FLOW.apply(report, "publish", by=by, comment=comment, published_on=on)


def send_back(report: SiteReport, *, by, comment: str) -> None:
    FLOW.apply(report, "send_back", by=by, comment=comment)
