import pytest
from django.core.exceptions import ValidationError

from portal.models import Organisation, OrganisationKind
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_tree_paths_and_descendants():
    county = OrganisationFactory(kind=OrganisationKind.COUNTY)
    dept = OrganisationFactory(parent=county)
    town = OrganisationFactory(parent=county, kind=OrganisationKind.TOWNSHIP)
    village = OrganisationFactory(parent=town, kind=OrganisationKind.VILLAGE, credit_code=None)
    other = OrganisationFactory()
    subtree = set(Organisation.objects.descendants_of(county))
    assert subtree == {county, dept, town, village}
    assert other not in subtree
    assert county not in set(Organisation.objects.descendants_of(county, include_self=False))
    assert list(village.ancestors()) == [county, town]
    assert village.depth == 2


def test_moving_an_organisation_moves_its_subtree():
    a, b = OrganisationFactory(), OrganisationFactory()
    child = OrganisationFactory(parent=a)
    grandchild = OrganisationFactory(parent=child)
    child.parent = b
    child.save()
    grandchild.refresh_from_db()
    assert grandchild.path.startswith(b.path)
    assert set(Organisation.objects.descendants_of(b)) == {b, child, grandchild}


def test_credit_code_required_except_for_villages():
    org = OrganisationFactory.build(credit_code="", kind=OrganisationKind.DEPARTMENT)
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "credit_code" in error.value.message_dict
    village = OrganisationFactory.build(credit_code="", kind=OrganisationKind.VILLAGE)
    village.full_clean()


def test_credit_code_check_character_is_validated():
    org = OrganisationFactory.build(credit_code="91350100M000100Y44")
    with pytest.raises(ValidationError, match="校验位"):
        org.full_clean()


def test_cannot_be_its_own_ancestor():
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()
