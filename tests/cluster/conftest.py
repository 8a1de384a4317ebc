"""Fixtures for the cluster tests: Debian's chromium (the browser tests' fixtures), and a skip when the cluster cannot run.

A cluster needs HAProxy and PostgreSQL's server binaries (``bench/cluster.py``). Without them the
tests skip with the reason, unless REQUIRE_CLUSTER is set (CI should set it), in which case a
missing piece is a failure.
"""

from __future__ import annotations

import os

import pytest

from bench.cluster import haproxy_missing, postgres_missing
from tests.browser.conftest import _chromium, _page

chromium = _chromium
page = _page


def require_cluster() -> None:
    """Skip (or fail under REQUIRE_CLUSTER) when HAProxy or PostgreSQL is not installed."""
    missing = haproxy_missing() or postgres_missing()
    if missing:
        if os.environ.get("REQUIRE_CLUSTER"):
            pytest.fail(f"REQUIRE_CLUSTER is set but {missing}")
        pytest.skip(f"cluster test skipped: {missing}")
