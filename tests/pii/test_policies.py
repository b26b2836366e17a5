"""The PII clauses' Rego on regorus and real OPA: unit tests and every fixture of DEF-1, DEF-2,
LOG-4, RET-6 and LOG-7 (log-side cases), with findings equal on both engines and to expected.yaml."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.pii.rego import FILES, Engines, package, unit_tests

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
CASES = [p for clause in ("DEF-1", "DEF-2", "LOG-4", "RET-6", "LOG-7")
         for p in sorted((FIXTURES / clause).iterdir()) if clause != "LOG-7" or p.name.startswith("logs_")]


@pytest.fixture(scope="module")
def engines() -> Iterator[Engines]:
    e = Engines(with_tests=True)
    yield e
    e.close()


def _sorted(value: Any) -> Any:
    return sorted(value or [], key=lambda f: json.dumps(f, sort_keys=True))


@pytest.mark.parametrize(("pkg", "rule"), unit_tests(), ids=lambda v: str(v))
def test_rego_unit_tests_pass_on_both_engines(engines: Engines, pkg: str, rule: str) -> None:
    reg, opa = engines.both(f"data.{pkg}.{rule}", {})
    assert reg is True, f"regorus: {pkg}.{rule} -> {reg}"
    assert opa is True, f"opa: {pkg}.{rule} -> {opa}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_findings(engines: Engines, case: Path) -> None:
    input_doc = json.loads((case / "input.json").read_text())
    expected = yaml.safe_load((case / "expected.yaml").read_text())
    clause = case.parent.name
    got: list[dict[str, Any]] = []
    for f in FILES:
        reg, opa = engines.both(f"data.{package(f)}.deny", input_doc)
        assert _sorted(reg) == _sorted(opa), f"{f}: regorus and OPA differ on {case.name}"
        got += [x for x in reg or [] if x["clause"] == clause]
    assert {(x["check"], x["target"]) for x in got} == {(e["check"], e["target"]) for e in expected["deny"]}


def test_every_clause_has_fixtures() -> None:
    for clause in ("DEF-1", "DEF-2", "LOG-4", "RET-6"):
        assert len(list((FIXTURES / clause).iterdir())) >= 3
