"""Catalog factories: items with realistic columns, and a helper that publishes a catalog."""

import factory

from catalog import services
from catalog.models import CatalogItem, Domain, NegativeListEntry
from portal.legal import WithholdingGround
from portal.roles import Role
from tests.factories import OrganisationFactory, member


def domain(code="social-assistance") -> Domain:
    return Domain.objects.get(code=code)


class CatalogItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogItem

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.LazyFunction(domain)
    first_level = "综合业务"
    second_level = factory.Sequence(lambda n: f"事项{n}")
    content_elements = "申请条件、申请材料、办理流程"
    legal_basis = "《社会救助暂行办法》"
    time_limit = "信息形成或者变更之日起20个工作日内"
    responsible_body = "县民政局"
    channels = factory.LazyFunction(lambda: ["website", "notice_board"])
    level_county = True
    sort_order = factory.Sequence(lambda n: n * 10)


class NegativeListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NegativeListEntry

    organisation = factory.SubFactory(OrganisationFactory)
    scope = factory.Sequence(lambda n: f"内部人事管理信息{n}")
    ground = WithholdingGround.INTERNAL_AFFAIRS
    legal_basis = "《中华人民共和国政府信息公开条例》第十六条"
    last_reviewed = factory.Faker("date_this_year")
    sort_order = factory.Sequence(lambda n: n * 10)


def publish_catalog(organisation, domain_obj=None, *, items=2, editor=None, reviewer=None):
    """Make `items` items (if none exist), submit as an editor and publish as a reviewer; returns the version."""
    domain_obj = domain_obj if domain_obj is not None or items == 0 else domain()
    catalog = services.catalog_for(organisation, domain_obj)
    if domain_obj is not None and not services.working_items(catalog).exists():
        CatalogItemFactory.create_batch(items, organisation=organisation, domain=domain_obj)
    editor = editor or member(Role.EDITOR, organisation)
    reviewer = reviewer or member(Role.REVIEWER, organisation)
    services.submit(catalog, by=editor)
    return services.publish(catalog, by=reviewer)
