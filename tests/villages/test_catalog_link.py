"""A village matter names the item of its township's published catalog it fulfils; the catalog links back."""

import pytest
from django.urls import reverse

from catalog import services as catalog_services
from catalog.models import CatalogItem
from portal.errors import Refusal
from portal.models import OrganisationKind
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory, publish_catalog
from tests.factories import OrganisationFactory, member
from tests.villages.factories import item, staff, township, village
from villages import services
from villages.forms import VillageItemForm
from villages.models import Column, ItemStatus, VillageItem

pytestmark = pytest.mark.django_db


def published_items(organisation, n=2):
    publish_catalog(organisation, items=n)
    return list(CatalogItem.objects.published().filter(organisation=organisation).order_by("pk"))


def test_a_matter_may_name_only_an_item_of_its_townships_published_catalog():
    town = township()
    place = village(town)
    clerk, _reviewer = staff(town)
    own = published_items(town)[0]
    other_town_item = published_items(township())[0]
    draft_only = CatalogItemFactory(organisation=town)  # in the working copy, never published
    department_item = published_items(OrganisationFactory(kind=OrganisationKind.DEPARTMENT))[0]

    made = services.save_item(
        VillageItem(village=place, column=Column.DECISIONS, title="t", body="b", catalog_item=own), by=clerk
    )
    assert made.catalog_item_id == own.pk
    for wrong in (other_town_item, draft_only, department_item):
        with pytest.raises(Refusal) as refused:
            services.save_item(
                VillageItem(village=place, column=Column.DECISIONS, title="t", body="b", catalog_item=wrong), by=clerk
            )
        assert refused.value.code == "catalog_item"


def test_the_form_offers_the_townships_published_items_only():
    town = township()
    place = village(town)
    own = published_items(town, n=3)
    published_items(township())
    CatalogItemFactory(organisation=town)
    form = VillageItemForm(instance=VillageItem(village=place))
    assert list(form.fields["catalog_item"].queryset.values_list("pk", flat=True)) == [i.pk for i in own]
    assert not form.fields["catalog_item"].required
    data = {"column": Column.DECISIONS, "title": "t", "body": "b", "catalog_item": str(CatalogItemFactory().pk)}
    bound = VillageItemForm(data, instance=VillageItem(village=place))
    assert not bound.is_valid() and "catalog_item" in bound.errors


def test_submitting_refuses_an_item_the_township_no_longer_publishes():
    town = township()
    clerk, reviewer = staff(town)
    entry = published_items(town)[0]
    draft = item(village(town), catalog_item=entry, clerk=clerk, reviewer=reviewer)
    catalog = catalog_services.find_catalog(town, entry.domain)
    editor = member(Role.EDITOR, town)
    catalog_services.remove_item(entry, by=editor)
    catalog_services.submit(catalog, by=editor)
    catalog_services.publish(catalog, by=reviewer)
    with pytest.raises(Refusal):
        services.transition(draft, "submit", by=clerk)


def test_item_page_names_the_catalog_item_and_the_catalog_item_page_lists_the_matter(client):
    town = township()
    place = village(town, name="马庄村村民委员会")
    clerk, reviewer = staff(town)
    entry = published_items(town)[0]
    public = item(
        place, state=ItemStatus.PUBLISHED, title="低保对象公示", catalog_item=entry, clerk=clerk, reviewer=reviewer
    )
    item(place, state=ItemStatus.SUBMITTED, title="待审核的公示", catalog_item=entry, clerk=clerk, reviewer=reviewer)

    page = client.get(public.get_absolute_url()).content.decode()
    documents_url = reverse("disclosure:list") + f"?item={entry.pk}"
    assert documents_url in page and entry.second_level in page
    assert reverse("catalog:domain", args=[town.pk, entry.domain.code]) in page

    village_page = client.get(reverse("villages:village", args=[place.pk])).content.decode()
    assert documents_url in village_page and reverse("catalog:organisation", args=[town.pk]) in village_page

    listing = client.get(documents_url).content.decode()
    assert "村（居）务公开" in listing and "低保对象公示" in listing and public.get_absolute_url() in listing
    assert "待审核的公示" not in listing


def test_the_catalog_item_page_without_village_matters_has_no_block(client):
    entry = published_items(township())[0]
    assert "村（居）务公开" not in client.get(reverse("disclosure:list") + f"?item={entry.pk}").content.decode()


def test_the_townships_catalog_page_links_to_its_villages(client):
    town = township()
    place = village(town, name="李家庄村村民委员会")
    published_items(town)
    page = client.get(reverse("catalog:organisation", args=[town.pk])).content.decode()
    assert reverse("villages:village", args=[place.pk]) in page and "李家庄村村民委员会" in page
    department = OrganisationFactory(kind=OrganisationKind.DEPARTMENT)
    published_items(department)
    assert "村（居）务公开" not in client.get(reverse("catalog:organisation", args=[department.pk])).content.decode()


def test_the_item_page_shows_the_published_name_not_the_working_copys(client):
    town = township()
    clerk, reviewer = staff(town)
    entry = published_items(town)[0]
    public = item(village(town), state=ItemStatus.PUBLISHED, catalog_item=entry, clerk=clerk, reviewer=reviewer)
    CatalogItem.objects.filter(pk=entry.pk).update(second_level="未发布的新名称")
    page = client.get(public.get_absolute_url()).content.decode()
    assert entry.second_level in page and "未发布的新名称" not in page


@pytest.mark.parametrize("size", [1, 6])
def test_linked_pages_keep_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    town = township()
    place = village(town)
    clerk, reviewer = staff(town)
    entries = published_items(town, n=size)
    for n, entry in enumerate(entries):
        item(place, state=ItemStatus.PUBLISHED, title=f"事项{n}", catalog_item=entry, clerk=clerk, reviewer=reviewer)
    last = VillageItem.objects.public().first()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("villages:village", args=[place.pk])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(last.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("catalog:organisation", args=[town.pk])).status_code == 200


def test_demo_links_the_dibao_lists_to_mazhuangs_catalog():
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    linked = VillageItem.objects.public().filter(catalog_item__isnull=False)
    assert linked.count() >= 2  # the 低保 list of each of the two villages
    assert all(m.catalog_item.organisation_id == m.village.parent_id for m in linked)
