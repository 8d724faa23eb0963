"""The whole document page stored for anonymous readers (portal/stored_pages.py, disclosure/rendering.py): it is
exactly the page the templates make for each reader, costs one query, and is never served stale, to staff, to
an address with a query, or with messages waiting."""

import pytest
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.management import call_command
from django.utils import timezone

from disclosure import rendering
from disclosure.models import Document, RenderedDocument, Status
from participation.models import ReviewStatus
from portal import stored_pages
from portal.display import CODES, sweep_values
from portal.models import OrganisationKind
from tests.disclosure.factories import published
from tests.disclosure.test_rendered_documents import CHANGES, _publish_correction, page
from tests.participation.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

MARKERS = (
    stored_pages.URL_MARKER,
    stored_pages.HOST_MARKER,
    stored_pages.CLASSES_MARKER,
    stored_pages.TOGGLES_MARKER,
    stored_pages.PATH_MARKER,
)


@pytest.fixture(autouse=True)
def _stored_pages_on(settings):
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.GONGKAI_STORED_PAGES = True


def _stored(document, language="zh-hans"):
    return RenderedDocument.objects.filter(document=document, language=language).exclude(page="")


def _templates_page(client, document, settings, **kwargs):
    settings.GONGKAI_STORED_PAGES = False
    try:
        return page(client, document, **kwargs)
    finally:
        settings.GONGKAI_STORED_PAGES = True


@pytest.mark.parametrize("display", [*sweep_values(), ".".join(CODES)])
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_stored_page_is_the_page_the_templates_make(client, rich, settings, language, display):
    made = _templates_page(client, rich, settings, language=language, display=display)
    first = page(client, rich, language, display)  # renders and stores
    assert _stored(rich, language).exists()
    assert page(client, rich, language, display) == first == made
    for marker in MARKERS:
        assert marker not in first


def test_the_stored_page_has_the_same_headers(client, rich, settings):
    """The middleware answers both alike: Vary (display and language cookies), language, security headers, ETag."""
    client.get(rich.get_absolute_url())
    stored = client.get(rich.get_absolute_url())
    settings.GONGKAI_STORED_PAGES = False
    made = client.get(rich.get_absolute_url())
    assert dict(stored.headers) == dict(made.headers)
    assert "Cookie" in stored["Vary"]


def test_the_readers_host_is_put_in_unless_the_identity_names_the_domain(client, rich, settings):
    settings.ALLOWED_HOSTS = ["testserver", "gov.example.cn"]
    page(client, rich)
    html = client.get(rich.get_absolute_url(), HTTP_HOST="gov.example.cn").content.decode()
    assert '<meta name="SiteDomain" content="gov.example.cn">' in html
    assert f'<meta name="Url" content="http://gov.example.cn{rich.get_absolute_url()}">' in html
    settings.GONGKAI_SITE_IDENTITY = {"site_domain": "www.qingyuan.gov.cn"}  # a settings change: a new build
    html = client.get(rich.get_absolute_url(), HTTP_HOST="gov.example.cn").content.decode()
    assert '<meta name="SiteDomain" content="www.qingyuan.gov.cn">' in html


def test_a_stored_page_costs_one_query(client, rich, django_assert_num_queries):
    page(client, rich)
    with django_assert_num_queries(1):
        page(client, rich)


def test_head_is_answered_from_the_stored_page(client, rich):
    page(client, rich)
    assert client.head(rich.get_absolute_url()).status_code == 200


# --- served only to whom it was made for -------------------------------------------------------------------


def _mark_stored(document):
    page_html = _stored(document).get().page
    _stored(document).update(page=page_html.replace("</main>", "<p>WHOLE STORED PAGE</p></main>"))


def test_an_anonymous_reader_gets_the_stored_page(client, rich):
    page(client, rich)
    _mark_stored(rich)
    assert "WHOLE STORED PAGE" in page(client, rich)


def test_staff_an_address_with_a_query_and_waiting_messages_get_the_templates_page(client, rich, editor, rf):
    page(client, rich)
    _mark_stored(rich)
    assert "WHOLE STORED PAGE" not in client.get(rich.get_absolute_url() + "?from=feed").content.decode()
    request = rf.get(rich.get_absolute_url())
    request.user = editor
    assert not stored_pages.servable(request)
    request = rf.get(rich.get_absolute_url())
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request.session = {}
    request._messages = FallbackStorage(request)
    assert stored_pages.servable(request)
    request._messages.add(20, "已保存")
    assert not stored_pages.servable(request)
    client.force_login(editor)
    assert "WHOLE STORED PAGE" not in page(client, rich)


def test_serving_can_be_turned_off(client, rich, settings):
    page(client, rich)
    _mark_stored(rich)
    assert "WHOLE STORED PAGE" not in _templates_page(client, rich, settings)


# --- never stale -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("read", "change", "shows", "gone"), CHANGES)
def test_a_stored_page_is_never_stale(client, rich, settings, read, change, shows, gone):
    shown = read(rich)
    before = page(client, shown)
    assert _stored(shown).exists()
    if gone:
        assert gone in before
    change(rich)
    shown = Document.objects.get(pk=shown.pk)
    after = page(client, shown)
    if shows:
        assert shows in after
    if gone:
        assert gone not in after
    assert after == _templates_page(client, shown, settings)


def _link_consultation(document):
    return ConsultationFactory(organisation=document.organisation, final_document=document, title="征求意见的规划")


def _withdraw_consultation(document):
    consultation = _consultation_of(document)
    consultation.status = ReviewStatus.WITHDRAWN
    consultation.save()


def _consultation_of(document):
    from participation.models import PublicConsultation

    return PublicConsultation.objects.get(final_document=document)


def _repoint_consultation(document):
    consultation = _consultation_of(document)
    consultation.final_document = published(organisation=document.organisation, title="另一份最终文件")
    consultation.save()


def _publish_feedback(document):
    consultation = _consultation_of(document)
    consultation.feedback_published_at = timezone.now()
    consultation.save()


# What the other apps' slots show of the document: theirs to invalidate.
SLOT_CHANGES = [
    pytest.param(lambda d: None, _link_consultation, "征求意见的规划", None, id="consultation linked"),
    pytest.param(_link_consultation, _withdraw_consultation, None, "征求意见的规划", id="consultation withdrawn"),
    pytest.param(_link_consultation, _repoint_consultation, None, "征求意见的规划", id="consultation repointed"),
    pytest.param(_link_consultation, _publish_feedback, "意见采纳情况反馈", None, id="feedback published"),
    pytest.param(
        _link_consultation, lambda d: _consultation_of(d).delete(), None, "征求意见的规划", id="consultation deleted"
    ),
]


@pytest.mark.parametrize(("before", "change", "shows", "gone"), SLOT_CHANGES)
def test_a_slot_change_renders_the_page_again(client, settings, before, change, shows, gone):
    document = published()
    before(document)
    page(client, document)
    assert _stored(document).exists()
    change(document)
    after = page(client, document)
    if shows:
        assert shows in after
    if gone:
        assert gone not in after
    assert after == _templates_page(client, document, settings)


def test_an_organisation_becoming_a_village_loses_the_column_link(client, settings):
    document = published()
    assert "政府信息公开专栏" in page(client, document)
    organisation = document.organisation
    organisation.kind = OrganisationKind.VILLAGE
    organisation.save()
    after = page(client, document)
    assert "政府信息公开专栏" not in after
    assert after == _templates_page(client, document, settings)


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.DRAFT])
def test_a_document_no_longer_public_is_not_served(client, rich, status):
    page(client, rich)
    Document.objects.filter(pk=rich.pk).update(status=status)  # no signal: the stored page stays
    assert _stored(rich).exists()
    assert client.get(rich.get_absolute_url()).status_code == 404


def test_a_superseded_document_still_redirects(client, rich):
    page(client, rich.interprets)
    _publish_correction(rich.interprets)
    assert client.get(rich.interprets.get_absolute_url()).status_code == 301


def test_a_build_change_renders_the_page_again(client, rich, monkeypatch):
    page(client, rich)
    _mark_stored(rich)
    monkeypatch.setattr(rendering, "FRAGMENT_VERSION", "next")
    assert "WHOLE STORED PAGE" not in page(client, rich)
    assert _stored(rich).get().build == rendering.build_id()


def test_a_part_stored_without_its_page_is_completed_by_the_first_reader(client, rich, settings):
    _templates_page(client, rich, settings)  # a staff-like read stores the part only
    assert RenderedDocument.objects.filter(document=rich, page="").exists()
    assert page(client, rich) == _templates_page(client, rich, settings)
    assert _stored(rich).exists()


def test_the_backfill_stores_whole_pages(client, django_assert_num_queries):
    documents = [published() for _ in range(3)]
    call_command("render_documents", batch=2)
    assert _stored(documents[0]).exists() and _stored(documents[0], "en").exists()
    with django_assert_num_queries(1):
        page(client, documents[1])
    RenderedDocument.objects.filter(document=documents[2]).update(page="")
    call_command("render_documents", batch=2)
    assert _stored(documents[2]).exists()
