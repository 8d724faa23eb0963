"""Art. 44 candidates: similar requests grouped by what was provided and by their subjects' words."""

import datetime as dt

import pytest
from django.urls import reverse

from requests_app import art44

D = dt.date


def row(pk, subject, applicant, provided=()):
    return art44.Answered(pk, subject, applicant, D(2025, 3, pk), frozenset(provided))


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("2026年城乡低保对象名单", "2026年城乡低保对象名单", True),
        ("2026年城乡低保对象名单", "城乡低保对象名单（2026年）", True),
        ("2026年城乡低保对象名单", "城乡低保对象名单及保障金额", True),
        ("2026年城乡低保对象名单", "殡葬设施建设规划", False),
        ("养老机构运营补贴", "养老机构运营补贴发放情况", True),
        ("养老机构运营补贴", "婚姻登记工作规程", False),
    ],
)
def test_similar_subjects(a, b, alike):
    assert art44.similar(a, b) is alike


def test_grouping_by_subject_and_by_what_was_provided():
    rows = [
        row(1, "2026年城乡低保对象名单", "A"),
        row(2, "城乡低保对象名单（2026年）", "B"),
        row(3, "2026年城乡低保对象名单", "A"),  # the same applicant again counts once
        row(4, "低保户名册", "C", provided={"file:低保名单.xlsx"}),
        row(5, "困难群众名单", "D", provided={"file:低保名单.xlsx"}),  # different words, same file given
        row(6, "殡葬设施建设规划", "E"),
    ]
    groups = art44.group(rows)
    assert [(g.subject, g.applicants, len(g.requests)) for g in groups] == [
        ("2026年城乡低保对象名单", 2, 3),
        ("低保户名册", 2, 2),  # a tie between subjects: the first in code-point order
    ]


@pytest.mark.django_db
def test_the_page_groups_and_offers_a_draft(client, organisation, handler, reviewer):
    from requests_app import services
    from requests_app.models import ReplyType

    from .factories import InformationRequestFactory

    for number, subject in (("证件A", "2026年城乡低保对象名单"), ("证件B", "城乡低保对象名单（2026年）")):
        request = InformationRequestFactory(organisation=organisation, subject=subject, id_document_number=number)
        reply = services.draft_reply(request, reply_type=ReplyType.PROVIDED, body="见附件", by=handler)
        services.approve_reply(reply, by=reviewer)
        services.send_reply(request, on=D(2025, 3, 5), by=handler)
    for number in ("证件C", "证件D"):  # pointed to information already public: nothing left to make proactive
        request = InformationRequestFactory(
            organisation=organisation, subject="殡葬设施规划", id_document_number=number
        )
        reply = services.draft_reply(request, reply_type=ReplyType.ALREADY_PUBLIC, body="已公开", by=handler)
        services.approve_reply(reply, by=reviewer)
        services.send_reply(request, on=D(2025, 3, 5), by=handler)
    client.force_login(handler)
    html = client.get(reverse("requests_app:staff_art44", kwargs={"org_pk": organisation.pk})).content.decode()
    assert "城乡低保对象名单" in html and "殡葬设施规划" not in html
    assert reverse("disclosure:staff_create", args=[organisation.pk]) + "?title=" in html
    editor = handler
    from portal.roles import Role
    from tests.factories import member

    editor = member(Role.EDITOR, organisation)
    client.force_login(editor)
    title = "2026年城乡低保对象名单"
    form = client.get(reverse("disclosure:staff_create", args=[organisation.pk]), {"title": title}).content.decode()
    assert f'value="{title}"' in form
