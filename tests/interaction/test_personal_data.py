"""Nothing of a writer's identity, and nothing unpublished, on any public page, feed, sitemap or export:
crawl the seeded demo from the interaction pages like a visitor would (tests/disclosure/test_crawl.py)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interaction.models import ErrorReport, HotTopic, Interview, InterviewQuestion, Message, MessageType
from portal.models import Organisation
from tests.disclosure import test_crawl

pytestmark = pytest.mark.django_db


def _start_pages():
    base = reverse("interaction:messages")
    today = timezone.localdate()
    months = {f"{today.year}-{m:02d}" for m in range(1, today.month + 1)}
    pages = [reverse("interaction:home"), base, reverse("interaction:rss"), reverse("interaction:atom"),
             reverse("interaction:hot_topics"), reverse("interaction:interviews"), reverse("interaction:track"),
             reverse("interaction:write"), "/sitemap.xml", reverse("portal:sitemap_section", args=["interaction"])]  # fmt: skip
    pages += [f"{base}?organisation={pk}" for pk in Organisation.objects.values_list("pk", flat=True)]
    pages += [f"{base}?message_type={pk}" for pk in MessageType.objects.values_list("pk", flat=True)]
    pages += [f"{base}?month={m}" for m in months]
    pages += [f"{base}?q={q}" for q in ["低保", "停车", "投诉", "建议", "残疾人"]]
    for month in months:
        pages += [f"{reverse('interaction:statistics')}?month={month}",
                  f"{reverse('interaction:statistics_csv')}?month={month}"]  # fmt: skip
    return pages


def test_crawl_reveals_no_identity_and_nothing_unpublished(client, monkeypatch):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Message.objects.count(), ErrorReport.objects.count(), HotTopic.objects.count(), Interview.objects.count())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    assert counts == (Message.objects.count(), ErrorReport.objects.count(), HotTopic.objects.count(),
                      Interview.objects.count())  # fmt: skip
    statuses = set(Message.objects.values_list("status", flat=True))
    assert statuses == {"received", "reviewing", "answered", "invalid", "converted"}
    assert Message.objects.public().count() >= 5
    assert Message.objects.overdue(timezone.localdate()).exists()

    secrets = set()
    for name, phone, email in Message.objects.values_list("name", "phone", "email"):
        secrets |= {name, phone} | ({email} if email else set())
    secrets |= {n for n in InterviewQuestion.objects.values_list("name", flat=True) if n}
    secrets |= set(ErrorReport.objects.values_list("description", flat=True))
    public = Message.objects.public()
    unpublished = set(Message.objects.exclude(pk__in=public).values_list("subject", flat=True))
    unpublished |= set(Message.objects.exclude(pk__in=public).values_list("body", flat=True))
    unpublished |= set(InterviewQuestion.objects.exclude(status="approved").values_list("text", flat=True))

    monkeypatch.setattr(test_crawl, "SKIP_PREFIXES", (*test_crawl.SKIP_PREFIXES, "/documents/", "/catalog/",
                                                      "/search/", "/feeds/", "/cleanup/"))  # fmt: skip
    bodies = test_crawl.crawl(client, _start_pages())
    exports = [u for u in _start_pages() if u.startswith(reverse("interaction:statistics_csv"))]
    everything = "\n".join([*bodies.values(), *(client.get(u).content.decode("utf-8-sig") for u in exports)])
    assert "安平县民政局" in everything
    for message in public:
        assert message.get_absolute_url() in bodies
    for topic in HotTopic.objects.public():
        assert topic.get_absolute_url() in bodies
    assert len([u for u in bodies if u.startswith("/interaction/interviews/")]) >= 3
    leaked = sorted(s for s in secrets | unpublished if s and s in everything)
    assert leaked == []
    for message in Message.objects.exclude(pk__in=public):
        assert client.get(message.get_absolute_url()).status_code == 404
