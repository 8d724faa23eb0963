import datetime as dt

import pytest
from django.utils import timezone

from disclosure import services
from disclosure.models import Attribute, Document, DocumentType, EventKind, Status, Validity
from portal.errors import Refusal

from .factories import DocumentFactory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("济政办发[2020]12号", "济政办发〔2020〕12号"),
        ("济政办发（2020）12号", "济政办发〔2020〕12号"),
        ("济政办发(2020)12号", "济政办发〔2020〕12号"),
        ("济政办发【2020】12号", "济政办发〔2020〕12号"),
        ("济政办发〔2020〕12号", "济政办发〔2020〕12号"),
        (" 济政办发 [ 2020 ] 12 号 ", "济政办发〔2020〕12号"),
        ("", ""),
    ],
)
def test_normalise_document_number(raw, expected):
    assert services.normalise_document_number(raw) == expected


@pytest.mark.parametrize(
    ("code", "year", "serial", "expected"),
    [
        ("113701000041880005", 2026, 42, "113701000041880005/2026-00042"),
        ("113701000041880005", 2026, 1, "113701000041880005/2026-00001"),
        ("000014349", 2020, 48, "000014349/2020-00048"),
        ("113701000041880005", 2027, 123456, "113701000041880005/2027-123456"),
    ],
)
def test_format_index_number(code, year, serial, expected):
    assert services.format_index_number(code, year, serial) == expected


def test_index_number_serial_starts_at_one():
    with pytest.raises(ValueError):
        services.format_index_number("x", 2026, 0)


@pytest.mark.parametrize(
    ("formed", "published", "late"),
    [
        (None, dt.date(2026, 3, 2), False),
        (dt.date(2026, 3, 2), dt.date(2026, 3, 2), False),
        (dt.date(2026, 3, 2), dt.date(2026, 3, 30), False),  # exactly 20 working days
        (dt.date(2026, 3, 2), dt.date(2026, 3, 31), True),  # 21
        (dt.date(2026, 9, 25), dt.date(2026, 10, 29), False),  # the National Day holiday does not count
    ],
)
def test_is_late(formed, published, late):
    assert services.is_late(formed, published) is late


pytestmark = pytest.mark.django_db


def draft(org, editor, **kwargs):
    return services.save_draft(
        Document(organisation=org, **{"title": "关于调整城乡低保标准的通知", **kwargs}), by=editor
    )


def test_flow_draft_submit_publish_records_events(org, editor, reviewer):
    doc = draft(org, editor, document_number="安民发[2026]3号")
    assert doc.document_number == "安民发〔2026〕3号"
    services.submit(doc, by=editor)
    doc = services.publish(doc, by=reviewer, comment="同意")
    year = timezone.localdate().year
    assert doc.status == Status.PUBLISHED
    assert doc.index_number == f"{org.credit_code}/{year}-00001"
    assert [e.kind for e in doc.events.all()] == [EventKind.CREATED, EventKind.SUBMITTED, EventKind.PUBLISHED]
    assert doc.events.last().actor == reviewer
    second = draft(org, editor)
    services.submit(second, by=editor)
    assert services.publish(second, by=reviewer).index_number.endswith("-00002")


def test_self_approval_forbidden_by_setting(org, reviewer, settings):
    doc = draft(org, reviewer)
    services.submit(doc, by=reviewer)
    with pytest.raises(Refusal):
        services.publish(doc, by=reviewer)
    settings.GONGKAI_FORBID_SELF_APPROVAL = False
    assert services.publish(doc, by=reviewer).status == Status.PUBLISHED


def test_send_back_needs_comment_and_returns_to_draft(org, editor, reviewer):
    doc = services.submit(draft(org, editor), by=editor)
    with pytest.raises(Refusal):
        services.send_back(doc, by=reviewer, comment=" ")
    doc = services.send_back(doc, by=reviewer, comment="请补充文号")
    assert doc.status == Status.DRAFT
    assert doc.events.last().comment == "请补充文号"


def test_cannot_publish_a_draft(org, editor, reviewer):
    with pytest.raises(Refusal):
        services.publish(draft(org, editor), by=reviewer)


def test_withdraw_then_number_is_never_reused(org, editor, reviewer):
    doc = services.publish(services.submit(draft(org, editor), by=editor), by=reviewer)
    doc = services.withdraw(doc, by=reviewer, reason="内容有误")
    assert doc.status == Status.WITHDRAWN
    other = services.publish(services.submit(draft(org, editor), by=editor), by=reviewer)
    assert other.index_number != doc.index_number
    assert other.index_number.endswith("-00002")


def test_correction_keeps_index_number_and_supersedes(org, editor, reviewer):
    doc = services.publish(services.submit(draft(org, editor), by=editor), by=reviewer)
    copy = services.supersede(doc, by=editor)
    copy.title = "关于调整城乡低保标准的通知（更正）"
    services.save_draft(copy, by=editor)
    services.submit(copy, by=editor)
    copy = services.publish(copy, by=reviewer)
    doc.refresh_from_db()
    assert doc.status == Status.SUPERSEDED
    assert copy.index_number == doc.index_number
    assert list(Document.objects.public()) == [copy]


def test_policy_needing_interpretation_publishes_with_it(org, editor, reviewer):
    policy = draft(org, editor, doc_type=DocumentType.POLICY, needs_interpretation=True)
    services.submit(policy, by=editor)
    with pytest.raises(Refusal):
        services.publish(policy, by=reviewer)
    interpretation = draft(org, editor, doc_type=DocumentType.INTERPRETATION, interprets=policy, title="解读")
    services.submit(interpretation, by=editor)
    services.publish(policy, by=reviewer)
    interpretation.refresh_from_db()
    assert interpretation.status == Status.PUBLISHED
    assert Document.objects.public().count() == 2


def test_interpretation_cannot_go_ahead_of_its_policy(org, editor, reviewer):
    policy = draft(org, editor, doc_type=DocumentType.POLICY, needs_interpretation=True)
    interpretation = draft(org, editor, doc_type=DocumentType.INTERPRETATION, interprets=policy, title="解读")
    services.submit(interpretation, by=editor)
    with pytest.raises(Refusal):
        services.publish(interpretation, by=reviewer)
    services.submit(policy, by=editor)
    services.publish(interpretation, by=reviewer)
    policy.refresh_from_db()
    assert policy.status == Status.PUBLISHED


def test_late_flag(org, editor, reviewer):
    doc = draft(org, editor, formed_on=timezone.localdate() - dt.timedelta(days=60))
    doc = services.publish(services.submit(doc, by=editor), by=reviewer)
    assert doc.is_late


def test_reassessment_keep_and_disclose(org, editor, reviewer):
    doc = DocumentFactory(organisation=org, published=True, withheld=True, next_review_on=timezone.localdate())
    assert list(Document.objects.due_for_reassessment(timezone.localdate())) == [doc]
    doc = services.reassess(doc, by=reviewer, disclose=False, reason="仍属内部事务")
    assert doc.next_review_on > timezone.localdate()
    doc = services.reassess(doc, by=reviewer, disclose=True, reason="情况变化，可以公开")
    assert (doc.attribute, doc.status, doc.withholding_ground) == (Attribute.PROACTIVE, Status.SUBMITTED, "")
    doc = services.publish(doc, by=reviewer)
    assert doc in Document.objects.public()


def test_clean_up_marks_documents(org, reviewer):
    doc = DocumentFactory(organisation=org, published=True)
    other_org_doc = DocumentFactory(published=True)
    batch = services.clean_up(org, by=reviewer, held_on=timezone.localdate(), scope="2025年以前规范性文件", note="", changes=[
        (doc, Validity.REPEALED, timezone.localdate()),
    ])  # fmt: skip
    doc.refresh_from_db()
    assert doc.validity == Validity.REPEALED and batch.entries.count() == 1
    with pytest.raises(Refusal):
        services.clean_up(
            org,
            by=reviewer,
            held_on=timezone.localdate(),
            scope="x",
            note="",
            changes=[(other_org_doc, Validity.EXPIRED, None)],
        )
