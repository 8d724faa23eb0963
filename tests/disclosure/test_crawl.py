"""The gate, proven from the outside: crawl the public site of the seeded demo like a visitor would.

Nothing that `Document.objects.public()` excludes — drafts, submitted, withdrawn, superseded,
依申请公开 and 不予公开 documents — may show its title, index number or attachment anywhere, and
their direct URLs must answer 404.
"""

import io
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import Domain
from disclosure.models import Attachment, Document, DocumentType, Status, Validity
from portal.models import Organisation

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/accounts/", "/staff/", "/i18n/", "/static/", "/display/", "/requests/",
                 "/interaction/report-error/", "/shell/")  # fmt: skip
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
XML_LOC = re.compile(r"<(?:loc|link)>([^<]+)</(?:loc|link)>|<link href=\"([^\"]+)\"")


def _extra_start_pages():
    """Every list page variant: each filter value on its own, each sort, and every feed."""
    pages = ["/", reverse("portal:sitemap"), reverse("portal:robots"), reverse("disclosure:cleanup_list")]
    base = reverse("disclosure:list")
    for org in Organisation.objects.all():
        pages += [f"{base}?organisation={org.pk}", reverse("disclosure:org_rss", args=[org.pk]),
                  reverse("disclosure:org_atom", args=[org.pk])]  # fmt: skip
    for domain in Domain.objects.all():
        pages += [f"{base}?domain={domain.code}", reverse("disclosure:domain_rss", args=[domain.code]),
                  reverse("disclosure:domain_atom", args=[domain.code])]  # fmt: skip
    pages += [f"{base}?doc_type={t}" for t in DocumentType.values]
    pages += [f"{base}?validity={v}" for v in Validity.values]
    pages += [f"{base}?sort=old", f"{base}?year=2025", f"{base}?year=2026"]
    pages += [
        f"{base}?item={pk}" for pk in Document.catalog_items.through.objects.values_list("catalogitem_id", flat=True)
    ]
    pages += [
        reverse("disclosure:search") + f"?q={q}" for q in ["低保", "社保", "内部", "请示", "案卷", "招生", "通知"]
    ]
    return pages


def crawl(client, start_pages, limit=3000):
    seen, queue, bodies = set(), deque(start_pages), {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        assert response.status_code == 200, url
        if response.streaming or response.get("Content-Disposition", "").startswith("attachment"):  # files
            bodies[url] = ""
            continue
        body = response.content.decode()
        bodies[url] = body
        for match in LINK.findall(body) + [m[0] or m[1] for m in XML_LOC.findall(body)]:
            parts = urlsplit(urljoin(url, match.replace("&amp;", "&")))
            if parts.scheme not in ("", "http", "https"):  # mailto:, tel:
                continue
            if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIP_PREFIXES):
                continue
            if parts.path.endswith((".css", ".js", "/print/")):  # print views: same gate, checked below
                continue
            if parts.path.endswith(("/export.csv", "/export.xlsx")):  # throttled; tests/disclosure/test_exports.py
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return bodies


def test_crawl_of_the_public_site_reveals_nothing_non_public(client, settings):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Document.objects.count(), Attachment.objects.count())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: a second run changes nothing
    assert (Document.objects.count(), Attachment.objects.count()) == counts
    assert counts[0] >= 250
    # Make sure every excluded kind exists, with an attachment on a non-public document.
    hidden = Document.objects.exclude(pk__in=Document.objects.public())
    kinds = set(hidden.values_list("status", "attribute"))
    assert {s for s, _ in kinds} >= {Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN}
    assert {a for _, a in kinds} >= {"on_request", "withheld"}
    secret_attachment = Attachment.objects.filter(document__in=hidden).first()
    assert secret_attachment is not None

    public_titles = set(Document.objects.public().values_list("title", flat=True))
    bodies = crawl(client, _extra_start_pages())
    everything = "\n".join(bodies.values())
    assert len(bodies) > 300
    assert Document.objects.public().first().get_absolute_url() in bodies

    for document in hidden:
        if not any(document.title in title for title in public_titles):  # not part of a public title
            assert document.title not in everything, document.title
        if document.index_number and not Document.objects.public().filter(index_number=document.index_number):
            assert document.index_number not in everything
        if document.status != Status.SUPERSEDED:
            assert client.get(document.get_absolute_url()).status_code == 404
            assert client.get(reverse("disclosure:print", args=[document.pk])).status_code == 404
    for attachment in Attachment.objects.filter(document__in=hidden):
        url = reverse("disclosure:attachment", args=[attachment.document_id, attachment.pk])
        assert url not in bodies
        assert client.get(url).status_code == 404
    public_attachment = Attachment.objects.filter(document__in=Document.objects.public()).first()
    assert reverse("disclosure:attachment", args=[public_attachment.document_id, public_attachment.pk]) in bodies
