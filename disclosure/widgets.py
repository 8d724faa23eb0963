"""The body's rich-text editor (django-prose-editor: Tiptap, assets served from our own static files).

Progressive enhancement: the widget renders a labelled <textarea>; `static/disclosure/body-editor.js` (run before
the editor's modules) gives the editor the site's translated labels and names the editing area after the field's
label. Without JavaScript the textarea stays and plain text is turned into paragraphs by `richtext.clean_body`.
What the editor sends is never trusted: the form and `services.prepare` clean it.
"""

import json

from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    ProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_media,
)
from js_asset import Media, Script

from disclosure.richtext import EDITOR_EXTENSIONS, EDITOR_LABELS

LABELS_SCRIPT = Script("disclosure/body-editor.js", defer=True)


def _labels_json():
    return json.dumps({key: str(label) for key, label in EDITOR_LABELS.items()}, ensure_ascii=False)


class BodyEditorWidget(ProseEditorWidget):
    def __init__(self, attrs=None):
        attrs = {"rows": 14, "data-body-editor": "", **(attrs or {})}
        super().__init__(attrs=attrs, config={"extensions": EDITOR_EXTENSIONS}, preset="configurable")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-editor-labels"] = _labels_json()  # in the language of the request
        return context

    @property
    def media(self):
        # The labels script first: it sets window.gettext before the editor's module reads it.
        return Media(js=[LABELS_SCRIPT]) + super().media


class AdminBodyEditorWidget(BodyEditorWidget, AdminProseEditorWidget):
    @property
    def media(self):
        return Media(js=[LABELS_SCRIPT]) + prose_editor_media(base=prose_editor_admin_media, preset=self.preset)
