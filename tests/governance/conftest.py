"""A real PostgreSQL 15 cluster for the database tests, started in a temporary directory as the
`postgres` OS user on a free loopback port, and stopped when the session ends."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pgcluster import Cluster, postgres_cluster

AUDITOR_PASSWORD = "ro-secret-Xy7"


@dataclass
class Postgres:
    port: int
    socket_dir: Path
    cluster: Cluster

    def psql(self, sql: str, db: str = "shop") -> str:
        return self.cluster.psql(sql, db)

    def url(self, user: str = "auditor", password: str = AUDITOR_PASSWORD, db: str = "shop") -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{db}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    with postgres_cluster("dpp-pg-") as cluster:
        cluster.psql("CREATE DATABASE shop")
        yield Postgres(cluster.port, cluster.socket_dir, cluster)
