"""Grouping by first-level matter (table-driven) and moving rows and groups."""

from types import SimpleNamespace

import pytest

from catalog import services
from catalog.grouping import group_by_first_level, in_catalog_order
from portal.roles import Role
from tests.catalog.factories import CatalogItemFactory, domain
from tests.factories import OrganisationFactory, member


def rows(spec: str):
    """"A1 B1 A2" → rows with first_level A/B and a name."""
    return [SimpleNamespace(first_level=token[0], name=token) for token in spec.split()]


@pytest.mark.parametrize(
    ("spec", "groups", "order"),
    [
        ("", [], ""),
        ("A1 A2 B1", [("A", "A1 A2"), ("B", "B1")], "A1 A2 B1"),
        ("A1 B1 A2", [("A", "A1 A2"), ("B", "B1")], "A1 A2 B1"),
        ("B1 A1 B2 A2", [("B", "B1 B2"), ("A", "A1 A2")], "B1 B2 A1 A2"),
    ],
)
def test_group_by_first_level(spec, groups, order):
    result = group_by_first_level(rows(spec))
    assert [(name, " ".join(r.name for r in members)) for name, members in result] == groups
    assert " ".join(r.name for r in in_catalog_order(rows(spec))) == order


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "move", "direction", "expected"),
    [
        ("A1 A2 B1", "A2", -1, "A2 A1 B1"),  # within the group
        ("A1 A2 B1", "B1", -1, "B1 A1 A2"),  # first of a group moves the group
        ("A1 A2 B1", "A2", 1, "B1 A1 A2"),  # last of a group moves the group
        ("A1 A2 B1", "A1", -1, "A1 A2 B1"),  # already first
        ("A1 A2 B1", "B1", 1, "A1 A2 B1"),  # already last
    ],
)
def test_move(start, move, direction, expected, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    org = OrganisationFactory()
    made = {
        token: CatalogItemFactory(organisation=org, first_level=token[0], second_level=token, sort_order=n * 10)
        for n, token in enumerate(start.split(), start=1)
    }
    catalog = services.catalog_for(org, domain())
    services.move(made[move], direction, services.working_items(catalog), catalog=catalog, by=member(Role.EDITOR, org))
    assert " ".join(i.second_level for i in in_catalog_order(services.working_items(catalog))) == expected
