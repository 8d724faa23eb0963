"""An English session gets English messages for every staff step of catalogs, documents and replies,
refusals included (class-level messages are lazy: they are translated per request, not at import)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from catalog import services as catalog_services
from disclosure import services as document_services
from disclosure.models import Document
from portal.roles import Role
from requests_app import services as request_services
from requests_app.models import ReplyType, State
from tests.catalog.factories import CatalogItemFactory, domain
from tests.factories import OrganisationFactory, member
from tests.requests_app.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _back_to_chinese():
    """The locale middleware activates English in this thread; later tests expect the default again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def org():
    return OrganisationFactory()


def english(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def messages_after(client, url, data=None) -> list[str]:
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200
    found = [str(m) for m in response.context["messages"]]
    assert found, url
    return found


def assert_english(texts):
    for text in texts:
        assert not CJK.search(text), text


def test_catalog_steps(org):
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    catalog = catalog_services.catalog_for(org, domain())
    CatalogItemFactory.create_batch(2, organisation=org, domain=domain())
    kwargs = {"org_pk": org.pk, "catalog_pk": catalog.pk}
    submit, publish = reverse("catalog:staff_submit", kwargs=kwargs), reverse("catalog:staff_publish", kwargs=kwargs)
    send_back = reverse("catalog:staff_send_back", kwargs=kwargs)
    assert_english(messages_after(english(editor), submit))
    assert_english(messages_after(english(editor), submit))  # refused: already submitted
    assert_english(messages_after(english(reviewer), send_back, {"comment": ""}))  # refused: no reason
    assert_english(messages_after(english(reviewer), send_back, {"comment": "请补充"}))
    assert_english(messages_after(english(editor), submit))
    assert_english(messages_after(english(reviewer), publish))


def test_document_steps(org, settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)

    def url(name, document):
        return reverse(f"disclosure:staff_{name}", kwargs={"org_pk": org.pk, "pk": document.pk})

    document = document_services.save_draft(Document(organisation=org, title="关于调整低保标准的通知"), by=editor)
    assert_english(messages_after(english(editor), url("submit", document)))
    assert_english(messages_after(english(reviewer), url("send_back", document), {"comment": "请补充文号"}))
    assert_english(messages_after(english(editor), url("submit", document)))
    assert_english(messages_after(english(reviewer), url("publish", document)))
    assert_english(messages_after(english(reviewer), url("correct", document)))
    assert_english(messages_after(english(reviewer), url("withdraw", document), {"comment": "内容有误"}))
    own = document_services.save_draft(Document(organisation=org, title="审核人自己起草的文件"), by=reviewer)
    document_services.submit(own, by=reviewer)
    refused = messages_after(english(reviewer), url("publish", own))  # four-eyes, with the way through
    assert_english(refused)
    assert "four-eyes" in refused[0] or "drafted" in refused[0]


def test_reply_steps(org, settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    handler, reviewer = member(Role.REQUEST_HANDLER, org), member(Role.REVIEWER, org)
    info_request = InformationRequestFactory(organisation=org, state=State.IN_PROGRESS)

    def url(action):
        return reverse("requests_app:staff_action", kwargs={"org_pk": org.pk, "pk": info_request.pk, "action": action})

    draft = {"reply_type": ReplyType.PROVIDED, "body": "见附件"}
    assert_english(messages_after(english(handler), url("draft_reply"), draft))
    assert_english(messages_after(english(reviewer), url("send_back_reply"), {"reason": "请写明获取方式"}))
    assert_english(messages_after(english(handler), url("draft_reply"), draft))
    assert_english(messages_after(english(reviewer), url("approve_reply")))
    assert_english(messages_after(english(handler), url("send_reply"), {"on": info_request.received_on.isoformat()}))
    assert request_services.REPLY_FLOW  # the steps above are the engine's


def test_reply_refusals_are_english_too(org, settings):
    settings.GONGKAI_FORBID_SELF_APPROVAL = True
    both = member(Role.REQUEST_HANDLER, org)
    member(Role.REVIEWER, org, user=both)
    info_request = InformationRequestFactory(organisation=org, state=State.IN_PROGRESS)
    request_services.draft_reply(info_request, reply_type=ReplyType.PROVIDED, body="见附件", by=both)
    url = reverse(
        "requests_app:staff_action", kwargs={"org_pk": org.pk, "pk": info_request.pk, "action": "approve_reply"}
    )
    response = english(both).post(url, {})
    html = response.content.decode()
    assert response.status_code == 200
    errors = html[html.index('class="form-errors"') :].split("</div>")[0]
    assert "reply you drafted" in errors and "supervising office" in errors
    assert_english([errors.split(">", 1)[1]])


def test_request_steps(org):
    """Every step of the request's own flow (REQUEST_FLOW) from the staff pages: English messages, English
    refusals, and the history's portal-written notes in English (the record itself stays Chinese)."""
    import datetime as dt

    from django.utils import timezone

    from requests_app.models import EventKind, FeeMethod, InformationRequest

    handler = member(Role.REQUEST_HANDLER, org)
    today = timezone.localdate()
    info_request = InformationRequestFactory(
        organisation=org,
        channel="online",
        state=State.SUBMITTED,
        received_on=None,
        submitted_at=timezone.make_aware(dt.datetime.combine(today, dt.time(8))),
    )
    client = english(handler)

    def url(action):
        return reverse("requests_app:staff_action", kwargs={"org_pk": org.pk, "pk": info_request.pk, "action": action})

    on = {"on": today.isoformat()}
    steps = [
        ("confirm_receipt", on),
        ("request_correction", {**on, "applicant_deadline": (today + dt.timedelta(days=10)).isoformat(),
                                "comment": "请写明文件名称"}),
        ("record_correction", on),
        ("start_handling", on),
        ("start_consultation", {"kind": "third_party", "party": "某公司", "sent_on": today.isoformat()}),
    ]  # fmt: skip
    for action, data in steps:
        assert_english(messages_after(client, url(action), data))
    consultation = info_request.consultations.get()
    answer = {"consultation": consultation.pk, "answered_on": today.isoformat(), "answer": "同意公开"}
    assert_english(messages_after(client, url("record_consultation_answer"), answer))
    extension = {**on, "days": 10, "reason": "需要调取档案", "approved_by": "王主任"}
    assert_english(messages_after(client, url("grant_extension"), extension))
    assert_english(
        messages_after(client, url("send_fee_notice"), {**on, "method": FeeMethod.PER_PAGE, "quantity": 200})
    )
    assert_english(messages_after(client, url("waive_fee"), {**on, "reason": "困难群众"}))
    assert InformationRequest.objects.get(pk=info_request.pk).state == State.EXTENDED

    response = client.post(url("start_handling"), on)  # not from the extended period: the engine refuses
    html = response.content.decode()
    errors = html[html.index('class="form-errors"') :].split("</div>")[0]
    assert_english([errors.split(">", 1)[1]])

    detail = reverse("requests_app:staff_detail", kwargs={"org_pk": org.pk, "pk": info_request.pk})
    history = client.get(detail).content.decode()
    extended = info_request.events.get(kind=EventKind.EXTENDED)
    assert "延长10个工作日" in extended.comment  # the record stays Chinese
    with translation.override("en"):
        shown = [e.display_comment for e in info_request.events.filter(kind__in=[EventKind.EXTENDED, "fee_waived"])]
    for text in shown:
        assert text in history
        assert not CJK.search(text.replace("需要调取档案", "").replace("王主任", "").replace("困难群众", "")), text
    assert request_services.REQUEST_FLOW  # the steps above are the engine's
