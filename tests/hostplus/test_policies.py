"""Fixture cases of this area's host clauses on regorus and real OPA, and the Rego unit tests."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.hostplus import rego


def _host_only(folder: Path) -> bool:
    """Cases of the host parts (shared clauses also hold other engineers' access-list cases)."""
    evidence = json.loads((folder / "input.json").read_text()).get("evidence", {})
    return all(k.startswith("host.") for k in evidence)


CASES = sorted(
    (clause, case.name)
    for clause in rego.CLAUSES
    if (rego.FIXTURES / clause).is_dir() and clause in rego.packages_by_clause()
    for case in (rego.FIXTURES / clause).iterdir()
    if (case / "input.json").is_file() and _host_only(case)
)


def _load(clause: str, case: str) -> tuple[dict[str, Any], dict[str, Any]]:
    folder = rego.FIXTURES / clause / case
    return json.loads((folder / "input.json").read_text()), yaml.safe_load(
        (folder / "expected.yaml").read_text()
    )


def _keys(found: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((f["check"], f["target"]) for f in found)


def test_every_ruled_clause_has_pass_and_fail_cases() -> None:
    for clause in rego.packages_by_clause():
        names = [case for c, case in CASES if c == clause]
        assert any(n.startswith("pass") for n in names), clause
        assert any(n.startswith("fail") for n in names), clause


@pytest.mark.parametrize("engine", rego.ENGINES)
@pytest.mark.parametrize(("clause", "case"), CASES)
def test_fixture(engine: str, clause: str, case: str) -> None:
    input_doc, expected = _load(clause, case)
    found = rego.findings(engine, clause, input_doc)
    assert _keys(found["deny"]) == _keys(expected.get("deny") or [])
    if "warn" in expected:
        assert _keys(found["warn"]) == _keys(expected["warn"] or [])
    for f in found["deny"] + found["warn"]:
        assert f["clause"] == clause and f["msg"]
        assert isinstance(f["details"].get("locator"), str)


@pytest.mark.parametrize(("clause", "case"), CASES)
def test_engines_agree(clause: str, case: str) -> None:
    input_doc, _ = _load(clause, case)
    assert rego.findings("regorus", clause, input_doc) == rego.findings("opa", clause, input_doc)


@pytest.mark.parametrize("engine", rego.ENGINES)
def test_rego_unit_tests(engine: str) -> None:
    results = rego.rego_tests(engine)
    assert results
    assert [name for name, ok in results.items() if not ok] == []
