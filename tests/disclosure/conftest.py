"""An organisation with an editor and a reviewer: the cast of most disclosure tests."""

import pytest

from portal.roles import Role
from tests.factories import OrganisationFactory, member


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def editor(org):
    return member(Role.EDITOR, org)


@pytest.fixture
def reviewer(org):
    return member(Role.REVIEWER, org)
