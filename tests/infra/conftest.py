"""tests/infra run against real services when they are configured and skip otherwise; .ci/run sets
GONGKAI_INFRA_REQUIRED=1 so that a missing service there is an error, not a quiet skip."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("GONGKAI_INFRA_REQUIRED"):
        return
    for item in items:
        if "tests/infra/" in str(item.fspath):
            for mark in item.iter_markers("skipif"):
                if any(bool(condition) for condition in mark.args):
                    raise pytest.UsageError(f"{item.nodeid} would skip ({mark.kwargs.get('reason')}) in CI")
