"""The body editor on the staff form and in the admin: a labelled textarea first (usable without JavaScript), the
editor's assets from this origin, what it sends cleaned by the one sanitiser; the Markdown bodies migrated."""

import base64
import hashlib
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from disclosure.forms import DocumentForm
from disclosure.models import Document
from disclosure.richtext import EDITOR_LABELS

from .factories import DocumentFactory
from .test_richtext import SAMPLES

WORD_PASTE = (SAMPLES / "word_paste.html").read_text(encoding="utf-8")


def form_data(**extra):
    return {"title": "关于公布城乡低保标准的通知", "doc_type": "notice", "attribute": "proactive", **extra}


@pytest.mark.django_db
def test_the_form_cleans_what_the_editor_sends_and_shows_it_again(org):
    form = DocumentForm(form_data(body=WORD_PASTE), organisation=org, instance=Document(organisation=org))
    assert form.is_valid(), form.errors
    body = form.cleaned_data["body"]
    assert "<h2>关于做好2026年城乡低保工作的通知</h2>" in body and "Mso" not in body and "<script" not in body
    # Round trip: the saved body comes back into the editor unchanged, and posting it again changes nothing.
    again = DocumentForm(form_data(body=body), organisation=org, instance=Document(organisation=org))
    assert again.is_valid() and again.cleaned_data["body"] == body
    html = str(DocumentForm(organisation=org, instance=Document(organisation=org, body=body))["body"])
    assert "&lt;h2&gt;关于做好2026年城乡低保工作的通知&lt;/h2&gt;" in html


@pytest.mark.django_db
def test_the_staff_form_posts_a_body_that_is_stored_cleaned(client, org, editor):
    client.force_login(editor)
    payload = '<h2 style="color:red">标准</h2><ul><li onclick="x()">城市850元</li></ul><script>alert(1)</script>'
    response = client.post(reverse("disclosure:staff_create", kwargs={"org_pk": org.pk}), form_data(body=payload))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.body == document.body_html == "<h2>标准</h2><ul><li>城市850元</li></ul>"


@pytest.mark.django_db
def test_without_javascript_the_body_is_a_labelled_textarea_and_plain_text_becomes_paragraphs(client, org, editor):
    client.force_login(editor)
    url = reverse("disclosure:staff_create", kwargs={"org_pk": org.pk})
    html = client.get(url).content.decode()
    textarea = re.search(r"<textarea[^>]*name=\"body\"[^>]*>", html).group(0)
    assert 'id="id_body"' in textarea and "data-django-prose-editor-configurable" in textarea
    assert re.search(r'<label[^>]*for="id_body"', html)
    assert 'aria-describedby="id_body_helptext"' in textarea
    client.post(url, form_data(body="第一段。\r\n\r\n第二段第一行\r\n第二行"))
    assert Document.objects.get().body == "<p>第一段。</p><p>第二段第一行<br>第二行</p>"


@pytest.mark.django_db
def test_the_editor_assets_come_from_this_origin_and_the_import_map_carries_the_nonce(client, org, editor):
    client.force_login(editor)
    response = client.get(reverse("disclosure:staff_create", kwargs={"org_pk": org.pk}))
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in html
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    editor_assets = [s for s in sources if "prose_editor" in s or "body-editor" in s]
    assert len(editor_assets) >= 4 and all(s.startswith("/static/") for s in editor_assets)
    # The labels script runs before the editor's modules (it provides window.gettext for their dialogs).
    labels, editor_module = 'src="/static/disclosure/body-editor.js"', 'src="/static/django_prose_editor/editor.js"'
    assert html.index(labels) < html.index(editor_module)


@pytest.mark.django_db
def test_public_pages_carry_no_nonce(client):
    response = client.get("/")
    assert "nonce-" not in response["Content-Security-Policy"]


def test_the_csp_admits_exactly_the_style_the_editor_injects():
    """Tiptap adds its base stylesheet as a <style> element; settings.EDITOR_STYLE_HASH lets that text in.
    An upgrade of django-prose-editor that changes the text fails here (put the new hash in settings)."""
    script = (Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js").read_text()
    start = script.index(".ProseMirror {\n  position: relative;")
    css = script[script.rindex("`", 0, start) + 1 : script.index("`", start)]
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    expected = f"'sha256-{digest}'"
    assert expected == settings.EDITOR_STYLE_HASH
    assert settings.EDITOR_STYLE_HASH in settings.SECURE_CSP["style-src"]


@pytest.mark.django_db
def test_toolbar_labels_follow_the_language(client, org, editor):
    client.force_login(editor)
    url = reverse("disclosure:staff_create", kwargs={"org_pk": org.pk})
    assert "项目符号列表" in client.get(url).content.decode()
    with translation.override("en"):
        assert str(EDITOR_LABELS["unordered list"]) == "Bulleted list"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Bulleted list" in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_admin_edits_the_body_with_the_same_editor_and_cleans_it(admin_client):
    document = DocumentFactory(published=True)
    url = reverse("admin:disclosure_document_change", args=[document.pk])
    html = admin_client.get(url).content.decode()
    assert "data-django-prose-editor-configurable" in html and "django_prose_editor/overrides.css" in html
    assert '<script type="importmap" nonce="' in html


@pytest.mark.django_db(transaction=True)
def test_markdown_bodies_become_cleaned_html_and_are_searchable_as_text():
    from tests.factories import OrganisationFactory

    org = OrganisationFactory()
    executor = MigrationExecutor(connection)
    before, after = [("disclosure", "0007_merge_20261202_1010")], [("disclosure", "0009_remove_document_body_format")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("disclosure", "Document")
    common = {"organisation_id": org.pk, "doc_type": "notice", "attribute": "proactive", "status": "published"}
    markdown = old.objects.create(
        title="低保标准", body="## 一、标准\n\n**城市** 850 元\n\n- 甲\n- 乙\n\n[民政部](https://www.mca.gov.cn/)",
        body_format="markdown", body_html="<p>## 一、标准 **城市**</p>", search_tokens="old", **common,
    )  # fmt: skip
    html = old.objects.create(
        title="通知", body='<p style="color:red" onclick="x()">正文</p>', body_format="html",
        body_html="<p>正文</p>", search_tokens="正文", **common,
    )  # fmt: skip
    clean = old.objects.create(
        title="干净", body="<p>已是干净的正文</p>", body_format="html", body_html="<p>已是干净的正文</p>",
        search_tokens="kept", **common,
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("disclosure", "Document")
    converted = new.objects.get(pk=markdown.pk)
    assert converted.body == converted.body_html
    assert "<h2>一、标准</h2>" in converted.body and "<strong>城市</strong>" in converted.body
    assert "<li>甲</li>" in converted.body
    assert '<a href="https://www.mca.gov.cn/" rel="noopener noreferrer">民政部</a>' in converted.body
    assert "城市" in converted.search_tokens.split() and "old" not in converted.search_tokens
    recleaned = new.objects.get(pk=html.pk)
    assert recleaned.body == recleaned.body_html == "<p>正文</p>" and recleaned.search_tokens == "正文"
    assert new.objects.get(pk=clean.pk).search_tokens == "kept"  # unchanged rows are not rewritten
    assert not any(f.name == "body_format" for f in new._meta.get_fields())

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
