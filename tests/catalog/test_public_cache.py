"""Catalog changes drop the cached public pages (portal/caching.py)."""

import pytest

from catalog.models import Domain
from portal.caching import public_generation

pytestmark = pytest.mark.django_db


def test_a_domain_change_bumps_the_public_generation():
    domain = Domain.objects.order_by("number").first()
    before = public_generation()
    domain.save()
    assert public_generation() != before


def test_a_cached_catalog_home_is_dropped_when_a_domain_changes(client):
    client.get("/catalog/")
    assert client.get("/catalog/")["X-Public-Cache"] == "hit"
    Domain.objects.order_by("number").first().save()
    assert client.get("/catalog/")["X-Public-Cache"] == "miss"
