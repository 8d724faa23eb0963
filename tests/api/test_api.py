"""The API's contract: the same gates and filters as the pages, bounded queries, caching, CORS, throttle."""

import datetime as dt
import re

import pytest
import yaml
from django.core.files.base import ContentFile
from django.urls import reverse
from openapi_spec_validator import validate

from disclosure import services
from disclosure.models import Attachment, DocumentType
from tests.catalog.factories import publish_catalog
from tests.disclosure.factories import CatalogItemFactory, DocumentFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def published(**kwargs):
    document = DocumentFactory(published=True, **kwargs)
    services.prepare(document)
    document.save()
    return document


def test_document_pages_walk_every_public_document_once_with_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    documents = [published(published_on=dt.date(2026, 1, 1) + dt.timedelta(days=i % 3)) for i in range(45)]
    DocumentFactory(title="草稿不应出现")
    published(title="依申请公开的不应出现", on_request=True)
    seen, url = [], reverse("api:documents") + "?page_size=10"
    while url:
        with django_assert_max_num_queries(6):
            body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(d.pk for d in documents)
    back = client.get(client.get(reverse("api:documents") + "?page_size=10").json()["next"]).json()["previous"]
    assert [r["id"] for r in client.get(back).json()["results"]] == seen[:10]


def test_filters_are_the_list_pages_filters():
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    in_child = published(organisation=child, published_on=dt.date(2025, 5, 1), doc_type=DocumentType.POLICY)
    elsewhere = published()
    item = CatalogItemFactory(organisation=child)
    publish_catalog(child, item.domain)
    in_child.catalog_items.add(item)
    from django.test import Client

    client = Client()

    def ids(**params):
        return {row["id"] for row in client.get(reverse("api:documents"), params).json()["results"]}

    assert ids(organisation=parent.pk) == {in_child.pk}
    assert ids(item=item.pk) == {in_child.pk}
    assert ids(year=2025) == {in_child.pk}
    assert ids(doc_type="policy") == {in_child.pk}
    assert ids() == {in_child.pk, elsewhere.pk}
    assert [r["id"] for r in client.get(reverse("api:documents"), {"sort": "old"}).json()["results"]][0] == in_child.pk


@pytest.mark.parametrize(
    "query",
    ["organisation=abc", "organisation=-1", "doc_type=nonsense", "year=1800", "page_size=0", "page_size=1000",
     "sort=sideways", "year=", "domain=" + "x" * 41],
)  # fmt: skip
def test_malformed_filters_are_a_400_with_the_field_named(client, query):
    response = client.get(reverse("api:documents") + "?" + query)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and query.split("=")[0] in body["errors"]


def test_filters_naming_nothing_public_give_no_rows(client):
    published()
    never_published = CatalogItemFactory()
    for query in ("organisation=999999", f"item={never_published.pk}", "domain=no-such-domain"):
        response = client.get(reverse("api:documents") + "?" + query)
        assert response.status_code == 200 and response.json()["results"] == [], query


def test_document_detail_has_metadata_attachments_and_only_public_relations(client, django_assert_max_num_queries):
    policy = published(doc_type=DocumentType.POLICY)
    interpretation = published(doc_type=DocumentType.INTERPRETATION, interprets=policy)
    published(doc_type=DocumentType.INTERPRETATION, interprets=policy, title="撤回的解读", status="withdrawn")
    attachment = Attachment.objects.create(
        document=policy, file=ContentFile(b"%PDF-1.4", name="a.pdf"), original_name="附件一.pdf", kind="pdf", size=8
    )
    with django_assert_max_num_queries(6):
        response = client.get(reverse("api:document-detail", args=[policy.pk]))
    body = response.json()
    assert body["index_number"] == policy.index_number
    assert body["attachments"][0]["name"] == "附件一.pdf"
    assert body["attachments"][0]["url"].endswith(reverse("disclosure:attachment", args=[policy.pk, attachment.pk]))
    assert [r["id"] for r in body["interpretations"]] == [interpretation.pk]
    assert client.get(reverse("api:document-detail", args=[interpretation.pk])).json()["interprets"]["id"] == policy.pk
    listed = client.get(reverse("api:interpretations")).json()["results"]
    assert [(r["id"], r["interprets"]["id"]) for r in listed] == [(interpretation.pk, policy.pk)]
    assert "撤回的解读" not in response.content.decode()


def test_non_public_and_unknown_ids_are_404(client):
    for document in (DocumentFactory(), published(withheld=True), published(status="withdrawn")):
        assert client.get(reverse("api:document-detail", args=[document.pk])).status_code == 404
    assert client.get("/api/v1/documents/99999999999999999999999/").status_code == 404
    assert client.get(reverse("api:organisation-detail", args=[10**17])).status_code == 404


def test_etag_and_last_modified_give_304(client):
    document = published()
    url = reverse("api:document-detail", args=[document.pk])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"] and "public" in first["Cache-Control"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304
    document.title = "改了标题"
    document.save()
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200
    listing = client.get(reverse("api:documents"))
    assert client.get(reverse("api:documents"), headers={"if-none-match": listing["ETag"]}).status_code == 304


def test_cors_is_open_for_reading_the_api_only(client):
    response = client.get(reverse("api:documents"), headers={"origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        reverse("api:documents"),
        headers={"origin": "https://example.org", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Origin" not in client.get(
        reverse("disclosure:list"), headers={"origin": "https://x.org"}
    )
    assert client.post(reverse("api:documents")).status_code == 405


def test_throttled_per_client_address(client, settings):
    settings.GONGKAI_API_RATE = "3/min"
    url = reverse("api:domains")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    blocked = client.get(url)
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200  # another client has its own budget
    assert client.get(url, headers={"x-forwarded-for": "10.0.0.10"}).status_code == 429  # not a way around it


def test_catalog_versions_only_published_and_bounded(client, django_assert_max_num_queries):
    org = OrganisationFactory()
    version = publish_catalog(org)
    CatalogItemFactory(organisation=org, second_level="未发布的事项")
    with django_assert_max_num_queries(3):
        listing = client.get(reverse("api:catalog-versions") + f"?organisation={org.pk}&current=true").json()
    assert [v["id"] for v in listing["results"]] == [version.pk]
    with django_assert_max_num_queries(4):
        detail = client.get(listing["results"][0]["url"]).json()
    assert len(detail["items"]) == 2 and "未发布的事项" not in str(detail)
    org.is_active = False
    org.save()
    assert client.get(listing["results"][0]["url"]).status_code == 404


def test_annual_report_live_statistics_until_published_then_the_frozen_report(client):
    from portal.roles import Role
    from requests_app import publishing
    from tests.factories import member

    org = OrganisationFactory()
    url = reverse("api:annual-report", args=[org.pk, 2025])
    live = client.get(url).json()
    assert live["is_published"] is False and live["overview"] == "" and live["rows"][0]["key"] == "new"
    assert live["is_consistent"] and [g["article"] for g in live["proactive"]][0] == "第二十条第（一）项"
    assert client.get(reverse("api:annual-report", args=[org.pk, 2018])).status_code == 404

    editor, reviewer = member(Role.EDITOR, org), member(Role.REVIEWER, org)
    report = publishing.start(org, 2025, by=editor)
    publishing.save_draft(report, {"overview": "总体情况。", "problems": "问题。", "other_matters": "无。"}, by=editor)
    assert client.get(url).json()["is_published"] is False  # a draft is not public
    publishing.submit(report, by=editor)
    publishing.REPORT_FLOW.apply(report, "publish", by=reviewer)
    body = client.get(url).json()
    assert body["is_published"] and body["version"] == 1 and body["overview"] == "总体情况。"
    index = client.get(reverse("api:annual-reports")).json()
    assert [(r["organisation"]["id"], r["year"]) for r in index["published"]] == [(org.pk, 2025)]
    assert index["organisations"][0]["reports"][0]["year"] == dt.date.today().year


def test_openapi_document_validates_and_lists_every_endpoint(client):
    response = client.get(reverse("api:schema"))
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert {"/api/v1/documents/", "/api/v1/documents/{id}/", "/api/v1/catalog-versions/", "/api/v1/organisations/",
            "/api/v1/interpretations/", "/api/v1/cleanups/", "/api/v1/annual-reports/{org_pk}/{year}/", "/api/v1/messages/",
            "/api/v1/messages/{id}/", "/api/v1/consultations/", "/api/v1/consultations/{id}/", "/api/v1/open-days/",
            "/api/v1/open-days/{id}/"} <= set(schema["paths"])  # fmt: skip


def test_docs_page_uses_only_local_assets(client):
    response = client.get(reverse("api:docs"))
    html = re.sub(r'<link rel="canonical" href="[^"]*">', "", response.content.decode())  # an address, not an asset
    assert response.status_code == 200
    assert "swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "<script>" not in html and "<style" not in html
