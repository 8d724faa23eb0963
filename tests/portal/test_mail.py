"""Templated mail: rendered in the recipient's language, plain text, sent only after commit, never raising."""

import logging

import pytest
from django.core import mail

from portal.mail import render_templated_mail, send_templated_mail


class _Request:
    tracking_number = "YSQ-2026-000007"
    applicant_name = "张三 & 李四"

    class organisation:  # noqa: N801 — a stand-in for the related object
        name = "安平县民政局"


CONTEXT = {"request": _Request(), "code": "ABCDEFGH23"}
PREFIX = "requests_app/emails/submitted"


def test_renders_subject_and_body_without_html_escaping():
    subject, body = render_templated_mail(PREFIX, CONTEXT, language="zh-hans")
    assert subject == "您的政府信息公开申请已提交：YSQ-2026-000007" and "\n" not in subject
    assert "张三 & 李四" in body and "&amp;" not in body
    assert "查询码：ABCDEFGH23" in body and "安平县民政局" in body


def test_renders_in_the_recipients_language():
    subject, body = render_templated_mail(PREFIX, CONTEXT, language="en")
    assert "YSQ-2026-000007" in subject and "已提交" not in subject
    assert "ABCDEFGH23" in body and "查询码" not in body


@pytest.mark.django_db
def test_sent_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_templated_mail(PREFIX, CONTEXT, ["citizen@example.net"], language="zh-hans")
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert mail.outbox[0].to == ["citizen@example.net"] and "ABCDEFGH23" in mail.outbox[0].body


@pytest.mark.django_db
def test_no_recipient_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_templated_mail(PREFIX, CONTEXT, ["", None], language="zh-hans")
    assert callbacks == [] and mail.outbox == []


@pytest.mark.django_db
def test_a_failing_mail_server_is_logged_not_raised(monkeypatch, caplog, django_capture_on_commit_callbacks):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with caplog.at_level(logging.ERROR, logger="portal.mail"), django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(PREFIX, CONTEXT, "citizen@example.net", language="zh-hans")
    assert any("could not send" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_missing_template_is_logged_not_raised(caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.ERROR, logger="portal.mail"), django_capture_on_commit_callbacks(execute=True):
        send_templated_mail("requests_app/emails/no_such_mail", {}, "citizen@example.net", language="zh-hans")
    assert mail.outbox == [] and any("could not render" in r.getMessage() for r in caplog.records)
