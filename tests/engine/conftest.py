"""Fixtures of the engine tests: each backend, and a loopback OPA REST server (test harness)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from auditor.engine.base import PolicyEngine
from auditor.engine.policyset import make_engine
from tests.harness.opa_rest_server import OpaRestServer

ENGINES = ["embedded", "opa"]


@pytest.fixture(scope="session")
def opa_server() -> Iterator[OpaRestServer]:
    with OpaRestServer() as server:
        yield server


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[PolicyEngine]:
    if request.param == "opa":
        server: OpaRestServer = request.getfixturevalue("opa_server")
        eng = make_engine("opa", opa_url=server.url, timeout_s=10)
    else:
        eng = make_engine(request.param)
    yield eng
    eng.close()
    # Failed-load tests keep engines in reference cycles (exception info); collect them here, on
    # the main thread: a regorus engine must not be dropped on a harness server thread.
    gc.collect()
