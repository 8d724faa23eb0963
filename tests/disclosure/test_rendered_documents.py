"""Render on write (disclosure/rendering.py): the document page's own part is stored per language and never
served stale — after each kind of change it shows, a build change, or once the document is no longer public."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.tasks import default_task_backend
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog import services as catalog_services
from disclosure import rendering, services
from disclosure.models import Document, RenderedDocument, RenderedListRow, Status
from disclosure.tasks import render_documents
from portal import dbrouting
from portal.display import sweep_values
from tests.factories import OrganisationFactory

from .factories import DocumentFactory, attach, published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The page cache off, and the whole stored page too (tests/disclosure/test_stored_pages.py): these tests
    are of the stored part the page is built around for everyone else (staff, a query string, messages)."""
    settings.GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.GONGKAI_STORED_PAGES = False


def page(client, document, language="zh-hans", display="standard"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.cookies[settings.GONGKAI_DISPLAY_COOKIE] = "" if display == "standard" else display
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def normalised(html):
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize("display", sweep_values())
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_page_is_the_same_with_and_without_the_stored_part(client, rich, language, display):
    RenderedDocument.objects.all().delete()
    rendered_now = page(client, rich, language, display)  # renders and stores
    assert RenderedDocument.objects.filter(document=rich, language=language).exists()
    assert page(client, rich, language, display) == rendered_now  # served from the store
    for text in ("废止依据文件", "上位政策", "本文的解读", "附件一.pdf"):
        assert text in rendered_now


def test_the_stored_part_is_what_the_templates_make(rich):
    for language in ("zh-hans", "en"):
        rendering.stored_fragment(rich.pk, language)
        stored = RenderedDocument.objects.get(document=rich, language=language)
        fresh = rendering.render_fragment(rendering.full_documents().get(pk=rich.pk), language)
        assert (stored.html, stored.head) == (fresh.html, fresh.head)


def test_a_stored_part_is_served(client, rich):
    page(client, rich)
    RenderedDocument.objects.filter(document=rich).update(html="<p>STORED</p>")
    assert "STORED" in page(client, rich)


# --- never stale -------------------------------------------------------------------------------------------


def _retitle(document, title):
    document.title = title
    document.save()


def _publish_correction(document):
    editor, reviewer = _cast(document.organisation)
    copy = services.supersede(document, by=reviewer)
    copy.title = "上位政策（修订）"
    services.save_draft(copy, by=editor)
    services.submit(copy, by=editor)
    services.publish(copy, by=reviewer)


def _cast(org):
    from portal.roles import Role
    from tests.factories import member

    return member(Role.EDITOR, org), member(Role.REVIEWER, org)


def _rename_catalog_item(document):
    item = document.catalog_items.get()
    item.second_level = "改名后的事项"
    item.save()
    editor, reviewer = _cast(document.organisation)
    catalog = catalog_services.catalog_for(item.organisation, item.domain)
    catalog_services.submit(catalog, by=editor)
    catalog_services.publish(catalog, by=reviewer)


def _rename_domain(document):
    domain = document.domain
    domain.name = "改名后的领域"
    domain.save()


def _rename_organisation(document):
    org = document.organisation
    org.name = "改名后的机构"
    org.save()


def _repoint_interpretation(document):
    interpretation = document.interpretations.get()
    interpretation.interprets = published(organisation=document.organisation, title="另一政策")
    interpretation.save()


def _withdraw_interpretation(document):
    interpretation = document.interpretations.get()
    interpretation.status = Status.WITHDRAWN
    interpretation.save()


# (the page read, the change, what shows after it, what no longer shows)
CHANGES = [
    pytest.param(lambda d: d, lambda d: _retitle(d, "新标题"), "新标题", None, id="document edited"),
    pytest.param(lambda d: d, lambda d: attach(d, "新附件.docx"), "新附件.docx", None, id="attachment added"),
    pytest.param(lambda d: d, lambda d: d.attachments.get().delete(), None, "附件一.pdf", id="attachment deleted"),
    pytest.param(
        lambda d: d,
        lambda d: published(organisation=d.organisation, doc_type="interpretation", interprets=d, title="又一解读"),
        "又一解读",
        None,
        id="interpretation published later",
    ),
    pytest.param(lambda d: d, _withdraw_interpretation, None, "本文的解读", id="interpretation withdrawn"),
    pytest.param(lambda d: d, _repoint_interpretation, None, "本文的解读", id="interpretation now interprets another"),
    pytest.param(
        lambda d: d, lambda d: _retitle(d.interprets, "上位政策新标题"), "上位政策新标题", None, id="policy retitled"
    ),
    pytest.param(
        lambda d: d, lambda d: _retitle(d.repealed_by, "新的废止依据"), "新的废止依据", None, id="repealer retitled"
    ),
    pytest.param(
        lambda d: d, lambda d: _publish_correction(d.interprets), "上位政策（修订）", None, id="policy corrected"
    ),
    pytest.param(
        lambda d: d.interpretations.get(),
        lambda d: _retitle(d, "被解读文件新标题"),
        "被解读文件新标题",
        None,
        id="interpreted retitled",
    ),
    pytest.param(lambda d: d, _rename_organisation, "改名后的机构", None, id="organisation renamed"),
    pytest.param(lambda d: d, _rename_domain, "改名后的领域", None, id="domain renamed"),
    pytest.param(lambda d: d, _rename_catalog_item, "改名后的事项", None, id="catalog version published"),
    pytest.param(lambda d: d, lambda d: d.catalog_items.clear(), None, "专项事项甲", id="catalog items cleared"),
    pytest.param(
        lambda d: d,
        lambda d: Document.objects.filter(pk=d.pk).update(validity_changed_on=timezone.localdate()),
        "此文件已废止",
        "将于",
        id="the repeal's day came",
    ),
]


@pytest.mark.parametrize(("read", "change", "shows", "gone"), CHANGES)
def test_a_stored_part_is_never_stale(client, rich, read, change, shows, gone):
    shown = read(rich)
    before = page(client, shown)
    assert RenderedDocument.objects.filter(document=shown).exists()
    if gone:
        assert gone in before
    change(rich)
    after = page(client, Document.objects.get(pk=shown.pk))
    if shows:
        assert shows in after
    if gone:
        assert gone not in after
    fresh = rendering.render_fragment(rendering.full_documents().get(pk=shown.pk), "zh-hans")
    assert fresh.html in after  # exactly what the templates make now


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.DRAFT])
def test_a_document_no_longer_public_is_not_served_from_the_store(client, rich, status):
    page(client, rich)
    Document.objects.filter(pk=rich.pk).update(status=status)  # no signal: the stored part stays
    assert RenderedDocument.objects.filter(document=rich).exists()
    assert client.get(rich.get_absolute_url()).status_code == 404


def test_a_superseded_document_redirects_even_with_its_part_stored(client, rich):
    page(client, rich.interprets)
    _publish_correction(rich.interprets)
    response = client.get(rich.interprets.get_absolute_url())
    assert response.status_code == 301


def test_a_build_change_renders_again(client, rich, monkeypatch):
    page(client, rich)
    RenderedDocument.objects.filter(document=rich).update(html="<p>OLD BUILD</p>")
    monkeypatch.setattr(rendering, "FRAGMENT_VERSION", "next")
    assert "OLD BUILD" not in page(client, rich)
    assert RenderedDocument.objects.get(document=rich, language="zh-hans").build == rendering.build_id()


def test_a_part_rendered_from_an_older_copy_is_not_served(client, rich):
    page(client, rich)
    RenderedDocument.objects.filter(document=rich).update(
        html="<p>OLDER COPY</p>", source_updated_at=rich.updated_at - dt.timedelta(seconds=1)
    )
    assert "OLDER COPY" not in page(client, rich)


# --- queries -----------------------------------------------------------------------------------------------


def _queries(client, document):
    with CaptureQueriesContext(connection) as queries:
        page(client, document)
    return len(queries)


@pytest.mark.parametrize("many", [1, 12])
def test_the_page_runs_a_fixed_and_smaller_number_of_queries_when_stored(client, many, django_assert_num_queries):
    org = OrganisationFactory()
    document = published(organisation=org)
    for n in range(many):
        attach(document, f"附件{n}.pdf")
        published(organisation=org, doc_type="interpretation", interprets=document)
    # Not stored: the gate with the join, the document with its prefetches (items, attachments,
    # interpretations), the upsert, and the participation slot.
    with django_assert_num_queries(7):
        page(client, document)
    # Stored: the one query, and the participation slot (another app's, per request).
    with django_assert_num_queries(2):
        page(client, document)


def test_two_first_readers_storing_at_once_do_not_fail(client, rich, monkeypatch):
    """The other reader's row appears between this one's check and its store (ON CONFLICT settles it; the
    PostgreSQL CI runs this test too)."""
    real = rendering.render_fragment

    def render_while_another_stores(document, language, linked=None):
        fragment = real(document, language, linked)
        RenderedDocument.objects.create(
            document=document,
            language=language,
            html="x",
            head="",
            build="other",
            source_updated_at=document.updated_at,
        )
        return fragment

    monkeypatch.setattr(rendering, "render_fragment", render_while_another_stores)
    html = page(client, rich)
    stored = RenderedDocument.objects.get(document=rich, language="zh-hans")
    assert stored.build == rendering.build_id() and stored.html in html


def test_storing_is_not_the_clients_write():
    """With replicas, the store must not send the read-your-writes cookie (nor keep the page out of the cache)."""
    document = published()
    token = dbrouting._wrote.set(False)
    try:
        rendering.stored_fragment(document.pk, "zh-hans")
        assert RenderedDocument.objects.filter(document=document).exists()
        assert dbrouting._wrote.get() is False
    finally:
        dbrouting._wrote.reset(token)


def test_what_is_stored_is_rendered_from_the_primary(monkeypatch):
    """A part rendered from a lagging replica's rows would stay stored after it caught up: the miss path reads
    as after a write, which the router sends to the primary (tests/infra/test_replica.py has the real one)."""
    seen = []
    real = rendering.render_fragment

    def render(document, language, linked=None):
        seen.append(dbrouting._wrote.get())
        return real(document, language, linked)

    monkeypatch.setattr(rendering, "render_fragment", render)
    token = dbrouting._wrote.set(False)
    try:
        rendering.stored_fragment(published().pk, "zh-hans")
        assert seen == [True] and dbrouting._wrote.get() is False
    finally:
        dbrouting._wrote.reset(token)


# --- ahead of the readers ----------------------------------------------------------------------------------


def test_the_backfill_renders_public_documents_and_resumes():
    public = [published() for _ in range(5)]
    DocumentFactory()  # a draft
    call_command("render_documents", batch=2)
    assert RenderedDocument.objects.count() == RenderedListRow.objects.count() == 2 * len(public)
    assert set(RenderedDocument.objects.values_list("language", flat=True)) == {"zh-hans", "en"}
    before = dict(RenderedDocument.objects.values_list("pk", "rendered_at"))
    call_command("render_documents", batch=2)  # everything current: nothing rendered again
    assert dict(RenderedDocument.objects.values_list("pk", "rendered_at")) == before
    RenderedDocument.objects.filter(document=public[2]).update(build="old")
    call_command("render_documents", batch=2, after=public[1].pk)
    assert set(RenderedDocument.objects.values_list("build", flat=True)) == {rendering.build_id()}


def test_the_backfill_renders_missing_list_rows_without_rendering_current_parts_again():
    public = [published() for _ in range(3)]
    call_command("render_documents", batch=2)
    parts = dict(RenderedDocument.objects.values_list("pk", "rendered_at"))
    RenderedListRow.objects.filter(document=public[1]).delete()
    call_command("render_documents", batch=2)
    assert RenderedListRow.objects.filter(document=public[1]).count() == 2
    assert dict(RenderedDocument.objects.values_list("pk", "rendered_at")) == parts


def test_a_publication_queues_rendering_with_a_deferring_backend(settings, org, editor, reviewer):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    document = DocumentFactory(organisation=org, created_by=editor)
    services.submit(document, by=editor)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
        services.publish(document, by=reviewer)
    [result] = [r for r in default_task_backend.results if r.task.name == render_documents.name]
    assert result.args == [[document.pk]]
    render_documents.call(*result.args)
    assert RenderedDocument.objects.filter(document=document).count() == 2
    assert RenderedListRow.objects.filter(document=document).count() == 2  # its rows in the document list


def test_no_rendering_is_queued_with_the_immediate_backend(org, editor, reviewer, django_capture_on_commit_callbacks):
    document = DocumentFactory(organisation=org, created_by=editor)
    services.submit(document, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(document, by=reviewer)
    assert not RenderedDocument.objects.filter(document=document).exists()  # the first reader renders it


def test_the_page_address_in_the_meta_labels_is_the_requests(client, rich):
    """The stored head holds a placeholder for the address (host and query as asked), put in per request."""
    for _ in ("not stored", "stored"):
        html = client.get(rich.get_absolute_url() + "?from=feed&a=b").content.decode()
        assert f'<meta name="Url" content="http://testserver{rich.get_absolute_url()}?from=feed&amp;a=b">' in html
        assert rendering.URL_PLACEHOLDER not in html
