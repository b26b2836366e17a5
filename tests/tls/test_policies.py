"""Fixture cases of TLS-1..5, TLS-7 and NET-6 on regorus and on real OPA, plus the Rego unit
tests beside the policies and the Python TLS-5 join against the rule."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.collect.tls.discovery import plaintext_listeners
from tests.tls import rego

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures/policies"
CASES = sorted(
    (clause, case.name)
    for clause in rego.PACKAGES
    for case in (FIXTURES / clause).iterdir()
    if (case / "input.json").is_file()
)


def _load(clause: str, case: str) -> tuple[dict[str, Any], dict[str, Any]]:
    folder = FIXTURES / clause / case
    expected = yaml.safe_load((folder / "expected.yaml").read_text())
    return json.loads((folder / "input.json").read_text()), expected


def _keys(found: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((f["check"], f["target"]) for f in found)


def test_every_clause_has_pass_and_fail_cases() -> None:
    for clause in rego.PACKAGES:
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
        assert f["clause"] == clause
        assert f["msg"]
        assert isinstance(f["details"].get("locator"), str)


@pytest.mark.parametrize(("clause", "case"), [c for c in CASES if c[0] == "TLS-5"])
def test_python_tls5_join_matches_rule(clause: str, case: str) -> None:
    input_doc, _ = _load(clause, case)
    listening = input_doc["evidence"].get("host.listening", {})
    expected = sorted((f["target"], f["details"]["endpoint"])
                      for f in rego.findings("regorus", "TLS-5", input_doc)["deny"]
                      if f["target"] in listening)
    got = plaintext_listeners(listening, input_doc["evidence"].get("tls.endpoint", {}),
                              set(input_doc["targets"]), input_doc["params"])
    assert sorted((g["host"], g["endpoint"]) for g in got) == expected


@pytest.mark.parametrize("engine", rego.ENGINES)
def test_rego_unit_tests(engine: str) -> None:
    results = rego.rego_tests(engine)
    assert len(results) >= 14
    assert [name for name, ok in results.items() if not ok] == []
