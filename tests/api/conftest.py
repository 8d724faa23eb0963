import pytest


@pytest.fixture(autouse=True)
def _api_unthrottled(settings):
    """Tests make many requests from one address; the throttle has its own test."""
    settings.GONGKAI_API_RATE = None
