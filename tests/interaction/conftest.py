"""The cast of most interaction tests: an organisation with a message handler and a reviewer."""

import pytest

from tests.factories import OrganisationFactory, member


@pytest.fixture
def organisation():
    return OrganisationFactory(name="安平县民政局")


@pytest.fixture
def handler(organisation):
    return member("message_handler", organisation)


@pytest.fixture
def reviewer(organisation):
    return member("reviewer", organisation)
