"""The report's workflow: one per year for the site, four eyes, frozen when published, corrected as versions."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.editing import EditConflict
from portal.errors import Refusal
from sitereport import figures, services
from sitereport.models import ReportStatus, SiteReport
from tests.disclosure.factories import DocumentFactory
from tests.sitereport.factories import keepers, office, published_report

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


@pytest.fixture
def keeper():
    organisation = office()
    clerk, reviewer = keepers(organisation)
    return organisation, clerk, reviewer


def test_draft_submit_publish_freezes_the_figures(keeper):
    organisation, clerk, reviewer = keeper
    report = published_report(organisation, YEAR, clerk=clerk, reviewer=reviewer, on=dt.date(YEAR + 1, 1, 20))
    assert report.status == ReportStatus.PUBLISHED and report.published_by == reviewer
    frozen = report.snapshot["records"]["docs_total"]
    doc = DocumentFactory(published=True)
    type(doc).objects.filter(pk=doc.pk).update(published_on=dt.date(YEAR, 6, 1))
    assert figures.compute(YEAR)["docs_total"] == frozen + 1
    assert figures.current_figures(report)["records"]["docs_total"] == frozen
    assert [e.kind for e in report.events.order_by("at", "pk")] == ["edited", "submit", "publish"]


def test_the_drafter_cannot_publish(keeper):
    organisation, clerk, _reviewer = keeper
    report = services.start(organisation, YEAR, by=clerk)
    report.filled_by, report.phone = "孙晓燕", "0537-6500011"
    report = services.save_draft(report, by=clerk)
    services.submit(report, by=clerk)
    with pytest.raises(Refusal) as refused:
        services.publish(report, by=clerk)
    assert refused.value.code == "guard"


def test_submit_needs_the_filer_and_phone(keeper):
    organisation, clerk, _reviewer = keeper
    report = services.start(organisation, YEAR, by=clerk)
    with pytest.raises(Refusal) as refused:
        services.submit(report, by=clerk)
    assert refused.value.code == "incomplete"


def test_the_current_year_cannot_be_published(keeper):
    organisation, clerk, reviewer = keeper
    with pytest.raises(Refusal):
        published_report(organisation, YEAR + 1, clerk=clerk, reviewer=reviewer)
    assert SiteReport.objects.get(year=YEAR + 1).status == ReportStatus.SUBMITTED


def test_send_back_needs_a_reason(keeper):
    organisation, clerk, reviewer = keeper
    report = services.start(organisation, YEAR, by=clerk)
    report.filled_by, report.phone = "孙晓燕", "0537-6500011"
    report = services.save_draft(report, by=clerk)
    services.submit(report, by=clerk)
    with pytest.raises(Refusal):
        services.send_back(report, by=reviewer, comment="")
    services.send_back(report, by=reviewer, comment="访问量有误")
    assert report.status == ReportStatus.DRAFT


def test_one_report_per_year_for_the_whole_site(keeper):
    organisation, clerk, _reviewer = keeper
    services.start(organisation, YEAR, by=clerk)
    assert services.start(organisation, YEAR, by=clerk).version == 1  # the same draft again
    other = office()
    with pytest.raises(Refusal) as refused:
        services.start(other, YEAR, by=keepers(other)[0])
    assert refused.value.code == "elsewhere"


def test_a_correction_is_a_new_version_that_supersedes(keeper):
    organisation, clerk, reviewer = keeper
    first = published_report(organisation, YEAR, clerk=clerk, reviewer=reviewer, registered_users=10)
    correction = services.start(organisation, YEAR, by=clerk)
    assert correction.version == 2 and correction.registered_users == 10
    correction.registered_users = 12
    with pytest.raises(Refusal) as refused:
        services.save_draft(correction, by=clerk)
    assert refused.value.code == "correction_note"
    correction.correction_note = "注册用户数统计口径更正"
    correction = services.save_draft(correction, by=clerk)
    services.submit(correction, by=clerk)
    services.publish(correction, by=reviewer)
    first.refresh_from_db()
    assert first.status == ReportStatus.SUPERSEDED
    assert list(SiteReport.objects.published().values_list("version", "registered_users")) == [(2, 12)]


def test_an_outdated_form_is_an_edit_conflict(keeper):
    organisation, clerk, reviewer = keeper
    report = services.start(organisation, YEAR, by=clerk)
    stale = SiteReport.objects.get(pk=report.pk)
    report.head = "王志刚"
    services.save_draft(report, by=clerk, loaded_version=report.edit_version)
    stale.head = "李四"
    with pytest.raises(EditConflict):
        services.save_draft(stale, by=reviewer, loaded_version=stale.edit_version)


def test_a_submitted_report_cannot_be_edited(keeper):
    organisation, clerk, _reviewer = keeper
    report = services.start(organisation, YEAR, by=clerk)
    report.filled_by, report.phone = "孙晓燕", "0537-6500011"
    report = services.save_draft(report, by=clerk)
    services.submit(report, by=clerk)
    with pytest.raises(Refusal):
        services.save_draft(report, by=clerk)
