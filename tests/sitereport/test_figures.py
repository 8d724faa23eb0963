"""Every computed figure of the report from a year of activity built across the apps, in a fixed number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.models import DocumentType, Status
from interaction.models import (
    ContentStatus,
    HotTopic,
    Interview,
    InterviewQuestion,
    Message,
    MessageStatus,
    QuestionStatus,
)
from participation.models import PublicComment
from sitereport import figures
from sitereport.models import DailyVisits
from tests.catalog.factories import publish_catalog
from tests.disclosure.factories import CatalogItemFactory, DocumentFactory
from tests.factories import OrganisationFactory
from tests.interaction.factories import write_message
from tests.participation.factories import CommentFactory, ConsultationFactory
from tests.sitereport.factories import at

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1
D = dt.date


def _document(org, day, **kwargs):
    doc = DocumentFactory(organisation=org, published=True, **kwargs)
    type(doc).objects.filter(pk=doc.pk).update(published_on=day, published_at=at(day.year, day.month, day.day))
    return doc


def build_year(org, copies=1):
    """`copies` times: the same mix of records in YEAR, plus records just outside it that must not count."""
    for n in range(copies):
        DailyVisits.objects.create(day=D(YEAR, 1 + n % 12, 1 + n // 12), visits=100, visitors=40)
        DailyVisits.objects.create(day=D(YEAR, 12, 31 - n % 20), visits=50, visitors=10)
        # documents: 2 news (one under a catalog item), 1 policy, 1 interpretation; a draft and next year's don't count
        _document(org, D(YEAR, 3, 1))
        filed = _document(org, D(YEAR, 12, 31), doc_type=DocumentType.OTHER)
        filed.catalog_items.add(CatalogItemFactory(organisation=org))
        _document(org, D(YEAR, 6, 1), doc_type=DocumentType.POLICY)
        _document(org, D(YEAR, 7, 1), doc_type=DocumentType.INTERPRETATION)
        DocumentFactory(organisation=org, status=Status.DRAFT)
        _document(org, D(YEAR + 1, 1, 1))
        # messages: 2 received in YEAR, one answered in 3 days and published; one from the year before answered in YEAR
        answered, _code = write_message(org)
        Message.objects.filter(pk=answered.pk).update(
            submitted_at=at(YEAR, 5, 1),
            received_on=D(YEAR, 5, 1),
            status=MessageStatus.ANSWERED,
            answered_on=D(YEAR, 5, 4),
            published_at=at(YEAR, 5, 5),
        )
        waiting, _code = write_message(org)
        Message.objects.filter(pk=waiting.pk).update(submitted_at=at(YEAR, 11, 1), received_on=D(YEAR, 11, 1))
        old, _code = write_message(org, wants_publication=False)
        Message.objects.filter(pk=old.pk).update(
            submitted_at=at(YEAR - 1, 12, 28),
            received_on=D(YEAR - 1, 12, 28),
            status=MessageStatus.ANSWERED,
            answered_on=D(YEAR, 1, 2),
        )
        # consultations: one opened in YEAR with 2 comments and its feedback published; one from the year before
        consultation = ConsultationFactory(
            organisation=org, opens_on=D(YEAR, 4, 1), closes_on=D(YEAR, 5, 1), feedback_published_at=at(YEAR, 6, 1)
        )
        for _ in range(2):
            comment = CommentFactory(consultation=consultation)
            PublicComment.objects.filter(pk=comment.pk).update(submitted_at=at(YEAR, 4, 10))
        ConsultationFactory(organisation=org, opens_on=D(YEAR - 1, 4, 1), closes_on=D(YEAR - 1, 5, 1))
        # hot topics and interviews: published ones of YEAR count
        HotTopic.objects.create(
            organisation=org,
            title="供暖",
            concern="c",
            response="r",
            status=ContentStatus.PUBLISHED,
            published_at=at(YEAR, 2, 1),
        )
        HotTopic.objects.create(organisation=org, title="草稿", concern="c", response="r")
        interview = Interview.objects.create(
            organisation=org, topic="招生", guest="局长", starts_at=at(YEAR, 9, 1), status=ContentStatus.PUBLISHED
        )
        for status in (QuestionStatus.APPROVED, QuestionStatus.REJECTED, QuestionStatus.APPROVED):
            InterviewQuestion.objects.create(
                interview=interview, text="问", fingerprint=f"{interview.pk}-{status}-x", status=status
            )
        Interview.objects.create(organisation=org, topic="草稿", guest="局长", starts_at=at(YEAR, 9, 2))


def test_every_computed_figure_of_a_year():
    org = OrganisationFactory()
    build_year(org)
    publish_catalog(org)  # one catalog maintained, opened now (not in YEAR)
    assert figures.compute(YEAR) == {
        "visitors": 50,
        "visits": 150,
        "docs_total": 4,
        "docs_dynamics": 2,
        "docs_catalog": 1,
        "columns_maintained": 1,
        "columns_new": 0,
        "interpretation_materials": 1,
        "hot_topics": 1,
        "messages_received": 2,
        "messages_concluded": 2,
        "messages_average_days": 4.0,  # 3 days and 5 days
        "messages_public": 1,
        "consultations": 1,
        "consultation_comments": 2,
        "consultation_results": 1,
        "interviews": 1,
        "interview_questions": 3,
        "interview_answers": 2,
    }


def test_a_year_without_records_is_all_zero():
    assert set(figures.compute(YEAR).values()) <= {0, None}


@pytest.mark.parametrize("copies", [1, 4])
def test_the_figures_take_a_fixed_number_of_queries(copies, django_assert_num_queries):
    build_year(OrganisationFactory(), copies)
    with django_assert_num_queries(9):
        computed = figures.compute(YEAR)
    assert computed["docs_total"] == 4 * copies and computed["interviews"] == copies
