"""Fixtures of the engine tests: each backend, and a loopback OPA REST server (test harness)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from auditor.engine.base import PolicyEngine
from auditor.engine.policyset import make_engine

ENGINES = ["embedded"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[PolicyEngine]:
    eng = make_engine(request.param)
    yield eng
    eng.close()
