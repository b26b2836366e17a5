"""Collect access.list and git.history through the real runner and build the policy input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from auditor.catalogue import load_catalogue
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.models import Evidence, Target, TargetKind
from tests.access.exports import NOW, write_exports

TEST_KEY = "test-fingerprint-key-0123456789"


@pytest.fixture(autouse=True)
def _fingerprint_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DPP_AUDITOR_FINGERPRINT_KEY", TEST_KEY)


def collect(
    settings: dict[str, Any], repos: dict[str, Path] | None = None, params: dict[str, Any] | None = None
) -> list[Evidence]:
    specs = load_specs()
    units = [Unit(specs["access.list"], Target(id="access", kind=TargetKind.access, address="access"))]
    for rid, path in (repos or {}).items():
        units.append(Unit(specs["git.history"], Target(id=rid, kind=TargetKind.repo, address=str(path))))
    opts = RunnerOptions(
        max_workers=2, params={**load_catalogue().parameters, **(params or {})}, settings=settings
    )
    return run_units(units, lambda t: None, None, opts)


def policy_input(evidence: list[Evidence], extra: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    ev: dict[str, dict[str, Any]] = {}
    for e in evidence:
        if e.status == "collected":
            ev.setdefault(e.collector, {})[e.target.id] = e.data
    for collector, by_target in (extra or {}).items():
        ev.setdefault(collector, {}).update(by_target)
    return {
        "meta": {"run_id": "test", "evaluated_at": NOW, "profile": "default"},
        "params": dict(load_catalogue().parameters),
        "evidence": ev,
        "targets": {},
    }


@pytest.fixture
def scan(tmp_path: Path) -> Callable[..., dict[str, Any]]:
    def run(
        mutate: Any = None,
        repos: dict[str, Path] | None = None,
        extra: dict[str, dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        access = write_exports(tmp_path / "exports", mutate)
        settings: dict[str, Any] = {
            "access": access,
            "repos": [{"id": k, "path": str(v)} for k, v in (repos or {}).items()],
        }
        evidence = collect(settings, repos)
        failed = [e for e in evidence if e.status != "collected"]
        assert not failed, [e.error for e in failed]
        return policy_input(evidence, extra)

    return run
