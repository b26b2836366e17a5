"""Fixture cases of NET-1, NET-3, NET-5, GEN-4, ACC-3 and LPP-2 on regorus and real OPA, plus the
Rego unit tests beside those policies."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.collectors import rego

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures/policies"
CASES = sorted(
    (clause, case.name)
    for clause in rego.CLAUSES
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
    for clause in rego.CLAUSES:
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


@pytest.mark.parametrize(("clause", "case"), CASES)
def test_engines_agree(clause: str, case: str) -> None:
    input_doc, _ = _load(clause, case)
    assert rego.findings("regorus", clause, input_doc) == rego.findings("opa", clause, input_doc)


def test_messages_name_source_and_value() -> None:
    input_doc, _ = _load("GEN-4", "fail_debian_defaults")
    msgs = {f["msg"] for f in rego.findings("regorus", "GEN-4", input_doc)["deny"]}
    assert "PermitRootLogin is without-password in sshd -T (want no)" in msgs
    assert "MaxAuthTries is 6 in sshd -T (want 1-4)" in msgs
    assert "/etc/ssh/sshd_config is 0644 root:root (want 0600 root:root)" in msgs
    input_doc, _ = _load("NET-3", "fail_database_world_open")
    msgs = {f["msg"] for f in rego.findings("opa", "NET-3", input_doc)["deny"]}
    assert "port 5432/tcp is allowed from 0.0.0.0/0 by the nftables ruleset (effective_allow, ipv4)" in msgs


@pytest.mark.parametrize("engine", rego.ENGINES)
def test_rego_unit_tests(engine: str) -> None:
    results = rego.rego_tests(engine)
    assert len(results) >= 12
    assert [name for name, ok in results.items() if not ok] == []
