"""An organisation with an editor and a reviewer: the cast of most disclosure tests; a document showing every
part of its page (`rich`)."""

import datetime as dt

import pytest
from django.utils import timezone

from catalog.models import Domain
from disclosure.models import Validity
from portal.roles import Role
from tests.catalog.factories import publish_catalog
from tests.factories import OrganisationFactory, member

from .factories import CatalogItemFactory, attach, published


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def editor(org):
    return member(Role.EDITOR, org)


@pytest.fixture
def reviewer(org):
    return member(Role.REVIEWER, org)


@pytest.fixture
def rich():
    """A document showing every part: catalog item, attachment, a pending repeal with its repealing document,
    the policy it interprets and an interpretation of its own."""
    org = OrganisationFactory()
    domain = Domain.objects.order_by("number").first()
    CatalogItemFactory(organisation=org, domain=domain, second_level="专项事项甲")
    publish_catalog(org, domain)
    policy = published(organisation=org, title="上位政策")
    repealer = published(organisation=org, title="废止依据文件")
    document = published(
        organisation=org,
        interprets=policy,
        repealed_by=repealer,
        validity=Validity.REPEALED,
        validity_changed_on=timezone.localdate() + dt.timedelta(days=10),
    )
    document.catalog_items.set(org.catalog_items.all())
    attach(document)
    published(organisation=org, doc_type="interpretation", interprets=document, title="本文的解读")
    return document
