"""A real PostgreSQL 15 cluster for the run-index tests (see tests/pgcluster.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pgcluster import postgres_cluster

PASSWORD = "s3cret-history-pw"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """postgresql://dpp:PASSWORD@127.0.0.1:PORT/dpp_history (scram-sha-256 over TCP)."""
    with postgres_cluster("dpp-history-pg-") as pg:
        pg.psql(f"CREATE ROLE dpp LOGIN PASSWORD '{PASSWORD}'")
        pg.psql("CREATE DATABASE dpp_history OWNER dpp")
        yield f"postgresql://dpp:{PASSWORD}@127.0.0.1:{pg.port}/dpp_history"
