"""The three review flows on the engine: who drafted the change, send back with a reason, the reviewer's
view of a request, repeated clicks, and `by` recorded."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from catalog import services as catalog_services
from catalog.models import CatalogEvent, CatalogItem
from disclosure import services as document_services
from disclosure.models import Document, DocumentEvent, EventKind, Status
from portal.errors import Refusal
from portal.roles import Role
from requests_app import services as request_services
from requests_app.models import EventKind as RequestEventKind
from requests_app.models import ReplyStatus, ReplyType, State
from tests.catalog.factories import CatalogItemFactory, domain
from tests.factories import OrganisationFactory, member
from tests.requests_app.factories import EMAIL, PHONE, RESIDENT_ID, InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture(autouse=True)
def _four_eyes(settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = True


# ---------------------------------------------------------------- documents: corrections and four eyes


def _published(org, editor, reviewer):
    document = document_services.save_draft(Document(organisation=org, title="关于调整低保标准的通知"), by=editor)
    document_services.submit(document, by=editor)
    return document_services.publish(document, by=reviewer)


def test_a_single_reviewer_who_starts_a_correction_can_publish_what_an_editor_drafted(org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    original = _published(org, editor, reviewer)
    copy = document_services.supersede(original, by=reviewer)  # the reviewer starts it
    copy.body = "<p>更正后的标准</p>"
    document_services.save_draft(copy, by=editor)  # the editor drafts the change
    document_services.submit(copy, by=editor)
    assert "publish" in {t.event for t in document_services.FLOW.available(copy, reviewer)}
    document_services.publish(copy, by=reviewer)
    original.refresh_from_db()
    assert copy.status == Status.PUBLISHED and original.status == Status.SUPERSEDED
    assert copy.index_number == original.index_number
    assert copy.events.filter(kind=EventKind.CORRECTED, actor=reviewer).exists()


def test_a_reviewer_who_drafted_the_correction_is_told_the_way_through(org, client):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    original = _published(org, editor, reviewer)
    copy = document_services.supersede(original, by=reviewer)
    document_services.save_draft(copy, by=reviewer)
    document_services.submit(copy, by=reviewer)
    assert "publish" not in {t.event for t in document_services.FLOW.available(copy, reviewer)}
    with pytest.raises(Refusal, match="督导办公室") as refused:
        document_services.publish(copy, by=reviewer)
    assert "成员管理" in str(refused.value)
    # the way through: the organisation admin makes a second member a reviewer, who approves
    second = member(Role.REVIEWER, org)
    document_services.publish(copy, by=second)
    assert Document.objects.get(pk=copy.pk).status == Status.PUBLISHED


def test_the_detail_page_offers_exactly_the_available_steps(org, client):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    document = document_services.save_draft(Document(organisation=org, title="待审核文件"), by=editor)
    document_services.submit(document, by=editor)
    url = reverse("disclosure:staff_detail", kwargs={"org_pk": org.pk, "pk": document.pk})
    client.force_login(reviewer)
    html = client.get(url).content.decode()
    assert "审核通过并发布" in html and "退回修改" in html
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert "审核通过并发布" not in html and "退回修改" not in html


def test_document_events_record_by_and_states(org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    document = _published(org, editor, reviewer)
    rows = list(DocumentEvent.objects.filter(document=document).values_list("kind", "actor", "from_state", "to_state"))
    assert rows[-2:] == [
        (EventKind.SUBMITTED, editor.pk, Status.DRAFT, Status.SUBMITTED),
        (EventKind.PUBLISHED, reviewer.pk, Status.SUBMITTED, Status.PUBLISHED),
    ]


# ---------------------------------------------------------------- catalogs


def test_catalog_repeated_submit_is_refused_clearly_and_writes_no_event(org):
    editor = member(Role.EDITOR, org)
    catalog = catalog_services.catalog_for(org, domain())
    CatalogItemFactory.create_batch(2, organisation=org, domain=domain())
    catalog_services.submit(catalog, by=editor)
    with pytest.raises(Refusal, match="已提交审核") as refused:
        catalog_services.submit(catalog, by=editor)
    assert refused.value.code == "done"
    assert catalog.events.filter(kind=CatalogEvent.Action.SUBMIT).count() == 1


def test_catalog_item_services_record_by_in_the_audit_log(org):
    editor = member(Role.EDITOR, org)
    item = CatalogItemFactory(organisation=org, domain=domain())
    item.first_level = "新的一级事项"
    catalog_services.save_item(item, by=editor)
    entry = LogEntry.objects.get_for_object(CatalogItem.objects.get(pk=item.pk)).order_by("-timestamp").first()
    assert entry.actor == editor


# ---------------------------------------------------------------- replies


def _drafted(org):
    handler, reviewer = member(Role.REQUEST_HANDLER, org), member(Role.REVIEWER, org)
    info_request = InformationRequestFactory(organisation=org, state=State.IN_PROGRESS)
    reply = request_services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
    return info_request, reply, handler, reviewer


def test_a_reviewer_sends_a_reply_back_with_a_reason_and_the_handler_redrafts(org):
    info_request, reply, handler, reviewer = _drafted(org)
    assert reply.status == ReplyStatus.SUBMITTED
    with pytest.raises(Refusal, match="理由"):
        request_services.send_back_reply(reply, by=reviewer, reason=" ")
    request_services.send_back_reply(reply, by=reviewer, reason="请写明获取方式")
    assert reply.status == ReplyStatus.DRAFT
    event = info_request.events.get(kind=RequestEventKind.REPLY_SENT_BACK)
    assert (event.actor, event.comment, event.from_state, event.to_state) == (
        reviewer, "请写明获取方式", State.IN_PROGRESS, State.IN_PROGRESS,
    )  # fmt: skip
    with pytest.raises(Refusal, match="审核"):
        request_services.send_reply(info_request, on=info_request.received_on, by=handler)
    reply = request_services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件，可到窗口领取", by=handler)
    request_services.approve_reply(reply, by=reviewer)
    request_services.send_reply(info_request, on=info_request.received_on, by=handler)
    info_request.refresh_from_db()
    assert info_request.state == State.ANSWERED and info_request.reply.status == ReplyStatus.SENT


def test_a_redraft_after_approval_needs_a_fresh_sign_off(org):
    info_request, reply, handler, reviewer = _drafted(org)
    request_services.approve_reply(reply, by=reviewer)
    reply = request_services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="改过的答复", by=handler)
    assert reply.status == ReplyStatus.SUBMITTED and reply.approved_at is None


def test_a_reviewer_opens_the_request_they_review_with_personal_data_masked(org, client):
    info_request, reply, handler, reviewer = _drafted(org)
    client.force_login(reviewer)
    approvals = client.get(reverse("requests_app:staff_approvals", kwargs={"org_pk": org.pk})).content.decode()
    detail = reverse("requests_app:staff_detail", kwargs={"org_pk": org.pk, "pk": info_request.pk})
    assert detail in approvals
    response = client.get(detail)
    html = response.content.decode()
    assert response.status_code == 200 and info_request.subject in html
    for secret in (RESIDENT_ID, PHONE, EMAIL):
        assert secret not in html
    assert "审核通过答复" in html and "退回答复修改" in html
    assert "发出答复" not in html  # the handler's step
    # a request without a reply stays the handlers' business
    other = InformationRequestFactory(organisation=org, state=State.IN_PROGRESS)
    assert client.get(reverse("requests_app:staff_detail", kwargs={"org_pk": org.pk, "pk": other.pk})).status_code == 404


def test_the_handler_still_sees_unmasked_data_and_no_review_buttons(org, client):
    info_request, reply, handler, reviewer = _drafted(org)
    client.force_login(handler)
    html = client.get(reverse("requests_app:staff_detail", kwargs={"org_pk": org.pk, "pk": info_request.pk})).content.decode()
    assert RESIDENT_ID in html and "审核通过答复" not in html
