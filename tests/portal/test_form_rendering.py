"""Every form renders through templates/forms/form.html and field.html (settings.FORM_RENDERER)."""

import re

import pytest
from django import forms
from django.utils import translation

from portal.intake.honeypot import HoneypotMixin


class _Form(HoneypotMixin, forms.Form):
    name = forms.CharField(label="姓名", help_text="与证件一致")
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)
    note = forms.CharField(label="备注", required=False)


def _html(form):
    return str(form)


def test_labels_help_and_required_marks():
    html = _html(_Form())
    assert '<label for="id_name">姓名<span class="req" aria-hidden="true"> *</span></label>' in html
    assert 'aria-describedby="id_name_helptext"' in html and 'id="id_name_helptext"' in html
    assert 'role="alert"' not in html  # no summary before anything was sent


def test_radio_groups_are_a_fieldset_with_a_legend():
    html = _html(_Form())
    fieldset = re.search(r"<fieldset[^>]*>.*?</fieldset>", html, re.S).group(0)
    assert 'id="id_kind"' in fieldset and "<legend>类型" in fieldset
    assert fieldset.count('type="radio"') == 2 and '<label class="choice"><input' in fieldset


def test_the_honeypot_is_hidden_from_people():
    html = _html(_Form())
    assert re.search(r'<div class="visually-hidden" aria-hidden="true"><label for="id_website">', html)
    assert 'tabindex="-1"' in html


def test_errors_are_announced_summarised_and_tied_to_their_fields():
    form = _Form(data={"name": "", "kind": "", "website": ""})
    assert not form.is_valid()
    form.add_error(None, "整体错误")
    html = _html(form)
    summary = re.search(r'<div class="form-errors" role="alert">.*?</div>', html, re.S).group(0)
    assert (
        "整体错误" in summary and '<a href="#id_name">姓名</a>' in summary and '<a href="#id_kind">类型</a>' in summary
    )
    assert "备注" not in summary
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html and 'id="id_name_error"' in html
    assert re.search(
        r'<fieldset id="id_kind" class="field field-error required"\s+aria-describedby="id_kind_error">', html
    )


def test_only_a_form_error_shows_no_empty_field_list():
    form = _Form(data={"name": "张三", "kind": "a"})
    assert form.is_valid()
    form.add_error(None, "查询过于频繁")
    html = _html(form)
    assert "查询过于频繁" in html and "<ul>" not in html


def test_the_summary_speaks_the_visitors_language():
    form = _Form(data={"name": ""})
    form.is_valid()
    with translation.override("en"):
        html = _html(form)
    assert "Some entries need correcting" in html


@pytest.mark.django_db
def test_site_pages_use_the_renderer(client):
    html = client.post("/requests/", {"website": ""}).content.decode()
    assert 'class="form-errors" role="alert"' in html and "<fieldset" in html and 'aria-invalid="true"' in html
