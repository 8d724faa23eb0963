"""An organisation with a request handler and a reviewer: the cast of most request tests."""

import pytest

from portal.roles import Role
from tests.factories import OrganisationFactory, member


@pytest.fixture
def organisation():
    return OrganisationFactory(name="安平县民政局")


@pytest.fixture
def handler(organisation):
    return member(Role.REQUEST_HANDLER, organisation)


@pytest.fixture
def reviewer(organisation):
    return member(Role.REVIEWER, organisation)
