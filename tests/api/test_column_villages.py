"""/api/v1/column-parts/ and /api/v1/village-items/: the column's published versions through
`PartVersion.objects.public()`, village affairs through `VillageItem.objects.public()`, benefit lists masked
as on the page, filters (a malformed value is a 400), cursor pages of a fixed number of queries."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from column import services as column_services
from column.models import Leader, Part, PartVersion
from portal.models import OrganisationKind
from portal.roles import Role
from tests.api.test_fuzz import schema as fuzz_schema
from tests.api.test_fuzz import wsgi_in_test_transaction  # noqa: F401 (a fixture)
from tests.catalog.factories import publish_catalog
from tests.column.conftest import publish, write
from tests.disclosure.factories import CatalogItemFactory
from tests.factories import OrganisationFactory, member
from tests.villages.factories import item, resident_id, staff, township, village
from villages import rules
from villages import services as village_services
from villages.models import BenefitKind, Column, ItemStatus, VillageItem

pytestmark = pytest.mark.django_db

PARTS = reverse("api:column-parts")
ITEMS = reverse("api:village-items")


def rows(client, url):
    """Every row of a list, following `next`; never counted."""
    found = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        assert "count" not in body
        found += body["results"]
        url = body["next"]
    return found


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def editors(org):
    return member(Role.EDITOR, org), member(Role.REVIEWER, org)


# ---------------------------------------------------------------- column parts


def test_column_parts_are_the_published_versions_never_a_working_copy(client):
    org = OrganisationFactory(name="测试民政局")
    editor, reviewer = editors(org)
    publish(org, Part.GUIDE, editor, reviewer, office_name="第一版办公室")
    publish(org, Part.GUIDE, editor, reviewer, office_name="已发布的办公室")
    write(org, Part.GUIDE, editor, office_name="修改中的办公室")  # a draft after publication
    write(org, Part.RULES, editor, confidentiality_review="从未发布的制度")
    listed = rows(client, PARTS + f"?organisation={org.pk}&page_size=1")
    assert [(r["part"], r["number"], r["is_current"]) for r in listed] == [("guide", 2, True), ("guide", 1, False)]
    assert listed[0]["organisation"] == {"id": org.pk, "name": "测试民政局"}
    assert listed[0]["html_url"].endswith(reverse("column:guide", args=[org.pk]))
    detail = client.get(listed[0]["url"]).json()
    assert detail["content"]["office_name"] == "已发布的办公室" and detail["content"]["fax"] == "0318-7000002"
    text = str(rows(client, PARTS)) + str([client.get(r["url"]).json() for r in listed])
    assert "修改中的办公室" not in text and "从未发布的制度" not in text
    current = rows(client, PARTS + "?current=true")
    assert [r["number"] for r in current] == [2]
    assert [r["number"] for r in rows(client, PARTS + "?current=false")] == [1]


def test_rules_versions_link_their_own_page_and_profile_leaders_their_photo_page(client):
    org = OrganisationFactory()
    editor, reviewer = editors(org)
    publish(org, Part.RULES, editor, reviewer, confidentiality_review="第一版保密审查。")
    profile = write(org, Part.PROFILE, editor, internal_units="办公室\n\n社会救助股\n")
    leader = Leader(profile=profile, name="张三", post="局长", duties="主持全面工作。", cv="1975年生。")
    leader.photo.save("leader.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    column_services.save_leader(leader, by=editor)
    column_services.save_leader(Leader(profile=profile, name="李四", post="副局长", duties="分管救助。"), by=editor)
    column_services.transition(profile, "submit", by=editor)
    column_services.transition(profile, "publish", by=reviewer)
    rules_row, = rows(client, PARTS + "?part=rules")  # fmt: skip
    assert rules_row["html_url"].endswith(reverse("column:rules_version", args=[org.pk, 1]))
    assert client.get(rules_row["url"]).json()["content"]["adopted_on"] == "2025-01-02"
    profile_row, = rows(client, PARTS + "?part=profile")  # fmt: skip
    content = client.get(profile_row["url"]).json()["content"]
    assert content["internal_units"] == ["办公室", "社会救助股"] and content["subordinate_bodies"] == []
    first, second = content["leaders"]
    assert first["photo_url"].endswith(reverse("column:leader_photo", args=[org.pk, 1, 0]))
    assert second["photo_url"] is None and first["cv"] == "1975年生。"
    stored = PartVersion.objects.get(part=Part.PROFILE).data["leaders"][0]["photo"]
    assert stored and stored not in str(content)  # the private file's name never leaves the server
    assert set(first) == {"name", "post", "duties", "cv", "photo_url"}


def test_column_parts_of_villages_and_inactive_organisations_are_not_public(client):
    org = OrganisationFactory()
    editor, reviewer = editors(org)
    publish(org, Part.GUIDE, editor, reviewer)
    place = village(township())
    hidden = PartVersion.objects.create(
        organisation=place, part=Part.GUIDE, number=1, data={}, published_at=timezone.now()
    )
    gone = OrganisationFactory(is_active=False)
    closed = PartVersion.objects.create(
        organisation=gone, part=Part.RULES, number=1, data={}, published_at=timezone.now()
    )
    assert [r["organisation"]["id"] for r in rows(client, PARTS)] == [org.pk]
    for version in (hidden, closed):
        assert client.get(reverse("api:column-part-detail", args=[version.pk])).status_code == 404
    assert rows(client, PARTS + f"?organisation={place.pk}") == []
    assert client.get(reverse("api:column-part-detail", args=[10**17])).status_code == 404


def test_the_organisation_filter_includes_the_organisations_below(client):
    county = OrganisationFactory(kind=OrganisationKind.COUNTY)
    office = OrganisationFactory(parent=county)
    elsewhere = OrganisationFactory()
    for org in (office, elsewhere):
        publish(org, Part.GUIDE, *editors(org))
    assert [r["organisation"]["id"] for r in rows(client, PARTS + f"?organisation={county.pk}")] == [office.pk]
    assert rows(client, PARTS + "?organisation=999999") == []


@pytest.mark.parametrize(
    "query",
    ["part=nonsense", "part=", "current=maybe", "organisation=abc", "organisation=0", "page_size=0", "page_size=101"],
)
def test_malformed_column_filters_are_a_400_naming_the_field(client, query):
    response = client.get(PARTS + "?" + query)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and query.split("=")[0] in body["errors"]


@pytest.mark.parametrize("size", [1, 12])
def test_column_parts_cost_a_fixed_number_of_queries(client, size):
    """The same count at 1 and 12 organisations (each with all three parts, the profile with leaders)."""
    for n in range(size):
        org = OrganisationFactory()
        editor, reviewer = editors(org)
        for part in (Part.GUIDE, Part.RULES):
            publish(org, part, editor, reviewer)
        profile = write(org, Part.PROFILE, editor)
        for i in range(3):
            column_services.save_leader(
                Leader(profile=profile, name=f"领导{n}-{i}", post="副局长", duties="分管"), by=editor
            )
        column_services.transition(profile, "submit", by=editor)
        column_services.transition(profile, "publish", by=reviewer)
    assert queries(client, PARTS) <= 2
    assert queries(client, PARTS + f"?organisation={org.pk}&part=profile&current=true") <= 3
    version = PartVersion.objects.filter(part=Part.PROFILE).last()
    assert queries(client, reverse("api:column-part-detail", args=[version.pk])) <= 1
    assert queries(client, reverse("api:organisation-detail", args=[org.pk])) <= 4


def test_organisation_detail_links_its_column_and_village_affairs(client):
    org = OrganisationFactory(kind=OrganisationKind.DEPARTMENT)
    editor, reviewer = editors(org)
    publish(org, Part.RULES, editor, reviewer)
    publish(org, Part.RULES, editor, reviewer)
    body = client.get(reverse("api:organisation-detail", args=[org.pk])).json()
    current = PartVersion.objects.get(organisation=org, number=2)
    assert body["column"]["rules"].endswith(reverse("api:column-part-detail", args=[current.pk]))
    assert body["column"]["guide"] is None and body["column"]["profile"] is None
    assert rows(client, body["column"]["versions"])[0]["id"] == current.pk
    assert body["village_items_url"] is None
    town = township()
    place = village(town)
    shown = item(place, state=ItemStatus.PUBLISHED)
    for organisation in (town, place):
        links = client.get(reverse("api:organisation-detail", args=[organisation.pk])).json()
        assert [r["id"] for r in rows(client, links["village_items_url"])] == [shown.pk]
    village_links = client.get(reverse("api:organisation-detail", args=[place.pk])).json()
    assert village_links["column"] == {"guide": None, "rules": None, "profile": None, "versions": None}


def test_column_part_etag_gives_304(client):
    org = OrganisationFactory()
    publish(org, Part.GUIDE, *editors(org))
    url = reverse("api:column-part-detail", args=[PartVersion.objects.get().pk])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    listing = client.get(PARTS)
    assert client.get(PARTS, headers={"if-none-match": listing["ETag"]}).status_code == 304


# ---------------------------------------------------------------- village affairs


def benefit_list(place, clerk, reviewer, households, *, state=ItemStatus.PUBLISHED, **fields):
    fields.setdefault("benefit_kind", BenefitKind.MINIMUM_LIVING)
    draft = item(place, column=Column.BENEFITS, clerk=clerk, reviewer=reviewer, **fields)
    parsed = [rules.read_recipient_row([name, resident_id(n), 2, "300.50"])[0] for n, name in households]
    village_services.import_recipients(draft, parsed, by=clerk, filename="名单.xlsx")
    if state != ItemStatus.DRAFT:
        village_services.transition(draft, "submit", by=clerk)
        village_services.transition(draft, "publish", by=reviewer)
    if state == ItemStatus.WITHDRAWN:
        village_services.transition(draft, "withdraw", by=reviewer, comment="有误")
    draft.refresh_from_db()
    return draft


def test_village_items_only_published_of_active_villages(client):
    town = township()
    clerk, reviewer = staff(town)
    place = village(town, name="柳林村村民委员会")
    shown = item(place, state=ItemStatus.PUBLISHED, title="公开的决议", clerk=clerk, reviewer=reviewer)
    hidden = [
        item(place, state=state, title=f"不应出现的事项（{state}）", clerk=clerk, reviewer=reviewer)
        for state in (ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.WITHDRAWN)
    ]
    closed = village(town, name="撤并村村民委员会")
    hidden.append(item(closed, state=ItemStatus.PUBLISHED, title="撤并村的决议", clerk=clerk, reviewer=reviewer))
    closed.is_active = False
    closed.save()
    listed = rows(client, ITEMS)
    assert [r["id"] for r in listed] == [shown.pk]
    row = listed[0]
    assert row["village"] == {"id": place.pk, "name": "柳林村村民委员会"} and row["township"]["id"] == town.pk
    assert row["html_url"].endswith(reverse("villages:item", args=[shown.pk]))
    assert row["board_url"].endswith(reverse("villages:item_board", args=[shown.pk]))
    assert row["finances"] is None and row["recipients_url"] is None and "body" not in row
    detail = client.get(row["url"]).json()
    assert detail["body"] == "经村民代表会议决议通过。" and detail["column_label"] == "村务决策（四议两公开）"
    for hidden_item in hidden:
        assert hidden_item.title not in str(listed)
        assert client.get(reverse("api:village-item-detail", args=[hidden_item.pk])).status_code == 404


def test_benefit_lists_show_the_households_as_the_page_does_with_masked_ids(client):
    town = township()
    clerk, reviewer = staff(town)
    place = village(town)
    shown = benefit_list(place, clerk, reviewer, [(1, "张三"), (2, "李四")], title="2026年低保名单")
    withdrawn = benefit_list(place, clerk, reviewer, [(3, "王五")], state=ItemStatus.WITHDRAWN, title="撤回的名单")
    draft = benefit_list(place, clerk, reviewer, [(4, "赵六")], state=ItemStatus.DRAFT, title="草稿名单")
    detail = client.get(reverse("api:village-item-detail", args=[shown.pk])).json()
    assert detail["benefit_kind"] == "dibao" and detail["benefit_kind_label"] == "最低生活保障（低保）"
    households = rows(client, detail["recipients_url"] + "?page_size=1")
    assert [h["household_head"] for h in households] == ["张三", "李四"]
    assert households[0] == {
        "position": 1, "household_head": "张三", "masked_id": resident_id(1)[:3] + "*" * 11 + resident_id(1)[-4:],
        "household_size": 2, "amount": "300.50", "note": "",
    }  # fmt: skip
    assert all(resident_id(n) not in str(households) for n in (1, 2))
    everything = str(rows(client, ITEMS)) + str(detail)
    assert "王五" not in everything and "赵六" not in everything and "撤回的名单" not in everything
    for hidden in (withdrawn, draft):
        assert client.get(reverse("api:village-item-recipients", args=[hidden.pk])).status_code == 404
    decision = item(place, state=ItemStatus.PUBLISHED, clerk=clerk, reviewer=reviewer)
    assert client.get(reverse("api:village-item-recipients", args=[decision.pk])).status_code == 404
    assert client.get(reverse("api:village-item-recipients", args=[10**17])).status_code == 404


def test_finances_and_the_catalog_item_only_through_its_published_gate(client):
    town = township()
    clerk, reviewer = staff(town)
    place = village(town)
    catalog_item = CatalogItemFactory(organisation=town)
    publish_catalog(town, catalog_item.domain)
    money = {"year": 2025, "quarter": 4, "income": "1000.00", "spending": "400.50", "assets": "9000", "debts": "0"}
    finance = item(place, column=Column.FINANCES, state=ItemStatus.PUBLISHED, clerk=clerk, reviewer=reviewer,
                   catalog_item=catalog_item, title="第四季度财务收支", **money)  # fmt: skip
    body = client.get(reverse("api:village-item-detail", args=[finance.pk])).json()
    assert body["finances"] == {"year": 2025, "quarter": 4, "period_label": "2025年第四季度", "income": "1000.00",
                                "spending": "400.50", "balance": "599.50", "assets": "9000.00", "debts": "0.00"}  # fmt: skip
    assert body["catalog_item"]["id"] == catalog_item.pk
    unpublished = CatalogItemFactory(organisation=town)  # never in a published version: hidden, as on the page
    VillageItem.objects.filter(pk=finance.pk).update(catalog_item=unpublished)
    assert client.get(reverse("api:village-item-detail", args=[finance.pk])).json()["catalog_item"] is None


def test_village_item_filters(client):
    town, other_town = township(), township()
    clerk, reviewer = staff(town)
    place, neighbour = village(town), village(town)
    decision = item(place, state=ItemStatus.PUBLISHED, clerk=clerk, reviewer=reviewer)
    assets = item(neighbour, column=Column.ASSETS, state=ItemStatus.PUBLISHED, clerk=clerk, reviewer=reviewer)
    farming = benefit_list(place, clerk, reviewer, [(1, "张三")], benefit_kind=BenefitKind.FARMING_SUBSIDY)
    elsewhere = item(village(other_town), state=ItemStatus.PUBLISHED)

    def ids(query):
        return {r["id"] for r in rows(client, ITEMS + "?" + query)}

    assert ids(f"organisation={town.pk}") == {decision.pk, assets.pk, farming.pk}
    assert ids(f"organisation={place.pk}") == {decision.pk, farming.pk}
    assert ids("column=assets") == {assets.pk}
    assert ids("benefit_kind=farming") == {farming.pk} and ids("benefit_kind=dibao") == set()
    this_year = timezone.localdate().year
    assert ids(f"year={this_year}") == {decision.pk, assets.pk, farming.pk, elsewhere.pk}
    assert ids(f"year={this_year - 1}") == set() and ids("organisation=999999") == set()


@pytest.mark.parametrize(
    "query",
    ["column=nonsense", "column=", "benefit_kind=cash", "year=1800", "year=abc", "organisation=-1", "page_size=500"],
)
def test_malformed_village_filters_are_a_400_naming_the_field(client, query):
    response = client.get(ITEMS + "?" + query)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and query.split("=")[0] in body["errors"]


@pytest.mark.parametrize("size", [1, 8])
def test_village_items_cost_a_fixed_number_of_queries(client, size):
    """The same count at 1 and 8 villages, each with a decision, a finance item and a benefit list."""
    town = township()
    clerk, reviewer = staff(town)
    catalog_item = CatalogItemFactory(organisation=town)
    publish_catalog(town, catalog_item.domain)
    for n in range(size):
        place = village(town, name=f"第{n}村村民委员会")
        item(place, state=ItemStatus.PUBLISHED, clerk=clerk, reviewer=reviewer, catalog_item=catalog_item)
        item(place, column=Column.FINANCES, state=ItemStatus.PUBLISHED, clerk=clerk, reviewer=reviewer,
             year=2025, quarter=1, income=10, spending=5, assets=1, debts=0)  # fmt: skip
        listed = benefit_list(place, clerk, reviewer, [(i, f"户主{n}-{i}") for i in range(1, 6)])
    assert queries(client, ITEMS) <= 2
    assert queries(client, ITEMS + f"?organisation={town.pk}&column=benefits&year={dt.date.today().year}") <= 3
    assert queries(client, reverse("api:village-item-detail", args=[listed.pk])) <= 2
    assert queries(client, reverse("api:village-item-recipients", args=[listed.pk])) <= 2


def test_village_item_etag_gives_304(client):
    shown = item(village(township()), state=ItemStatus.PUBLISHED)
    url = reverse("api:village-item-detail", args=[shown.pk])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"] and "public" in first["Cache-Control"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_the_index_and_the_schema_list_the_new_endpoints(client):
    index = client.get(reverse("api:index")).json()
    assert index["column-parts"].endswith(PARTS) and index["village-items"].endswith(ITEMS)
    paths = set(client.get(reverse("api:schema") + "?format=json").json()["paths"])
    assert {"/api/v1/column-parts/", "/api/v1/column-parts/{id}/", "/api/v1/village-items/",
            "/api/v1/village-items/{id}/", "/api/v1/village-items/{id}/recipients/"} <= paths  # fmt: skip


@pytest.mark.usefixtures("wsgi_in_test_transaction")
def test_real_answers_conform_to_the_openapi_document():
    """The fuzzer rarely hits an id that exists: every new operation's real answer is checked against the schema."""
    from werkzeug.test import Client

    from portal.wsgi import application

    org = OrganisationFactory()
    editor, reviewer = editors(org)
    publish(org, Part.GUIDE, editor, reviewer)
    publish(org, Part.RULES, editor, reviewer)
    profile = write(org, Part.PROFILE, editor)
    leader = Leader(profile=profile, name="张三", post="局长", duties="主持全面工作。")
    leader.photo.save("leader.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    column_services.save_leader(leader, by=editor)
    column_services.transition(profile, "submit", by=editor)
    column_services.transition(profile, "publish", by=reviewer)
    town = township()
    clerk, reviewer = staff(town)
    place = village(town)
    catalog_item = CatalogItemFactory(organisation=town)
    publish_catalog(town, catalog_item.domain)
    finance = item(place, column=Column.FINANCES, state=ItemStatus.PUBLISHED, clerk=clerk, reviewer=reviewer,
                   year=2025, quarter=3, income=5, spending=9, catalog_item=catalog_item)  # fmt: skip
    benefits = benefit_list(place, clerk, reviewer, [(1, "张三")])
    wsgi = Client(application)
    checks = [("/api/v1/column-parts/", PARTS), ("/api/v1/village-items/", ITEMS)]
    checks += [("/api/v1/column-parts/{id}/", reverse("api:column-part-detail", args=[v.pk]))
               for v in PartVersion.objects.all()]  # fmt: skip
    checks += [
        ("/api/v1/village-items/{id}/", reverse("api:village-item-detail", args=[i.pk])) for i in (finance, benefits)
    ]
    checks += [("/api/v1/village-items/{id}/recipients/", reverse("api:village-item-recipients", args=[benefits.pk]))]
    checks += [
        ("/api/v1/organisations/{id}/", reverse("api:organisation-detail", args=[o.pk])) for o in (org, town, place)
    ]
    for template, url in checks:
        response = wsgi.get(url, headers={"Accept-Encoding": "identity"})
        assert response.status_code == 200, url
        assert fuzz_schema[template]["GET"].validate_response(response) is not False, url
