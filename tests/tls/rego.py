"""Evaluate the TLS/NET-6 policies on regorus and on real OPA (opa_bindings) for the tests."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

os.environ.setdefault("RUST_BACKTRACE", "0")

import regorus
from opa_bindings import OpaEngine, OpaUndefinedError

REPO = Path(__file__).resolve().parents[2]
PACKAGES = {
    "TLS-1": "dpp.tls.tls_1", "TLS-2": "dpp.tls.tls_2", "TLS-3": "dpp.tls.tls_3",
    "TLS-4": "dpp.tls.tls_4", "TLS-5": "dpp.tls.tls_5", "TLS-7": "dpp.tls.tls_7",
    "NET-6": "dpp.net.net_6",
}
ENGINES = ("regorus", "opa")


def policy_files() -> Iterator[Path]:
    yield from sorted((REPO / "policies/dpp/tls").glob("*.rego"))
    yield from sorted((REPO / "policies/dpp/net").glob("net_6*.rego"))


@cache
def _regorus() -> Any:
    engine = regorus.Engine()
    for path in policy_files():
        engine.add_policy(str(path.relative_to(REPO)), path.read_text())
    return engine


@cache
def _opa() -> OpaEngine:
    engine = OpaEngine()
    for path in policy_files():
        engine.add_policy(str(path.relative_to(REPO)), path.read_text())
    return engine


def evaluate(engine: str, rule_path: str, input_doc: dict[str, Any]) -> Any:
    """Value of data.<rule_path> (None when undefined); sets come back as lists."""
    if engine == "regorus":
        eng = _regorus()
        eng.set_input_json(json.dumps(input_doc))
        try:
            raw = json.loads(eng.eval_rule_as_json(f"data.{rule_path}"))
        except RuntimeError as exc:
            if "not a valid rule path" in str(exc):
                return None
            raise
        return None if raw == "<undefined>" else raw
    try:
        return _opa().eval_document(rule_path, input_doc)
    except OpaUndefinedError:
        return None


def findings(engine: str, clause: str, input_doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    pkg = PACKAGES[clause]
    return {level: evaluate(engine, f"{pkg}.{level}", input_doc) or [] for level in ("deny", "warn")}


def statuses(engine: str, input_doc: dict[str, Any], clauses: list[str]) -> dict[str, str]:
    """fail / warn / pass per clause from the findings alone (evidence errors decided by callers)."""
    out = {}
    for clause in clauses:
        found = findings(engine, clause, input_doc)
        out[clause] = "fail" if found["deny"] else "warn" if found["warn"] else "pass"
    return out


def rego_tests(engine: str) -> dict[str, bool]:
    """Run every test_* rule of the *_test.rego modules: {package.rule: passed}."""
    results = {}
    for path in policy_files():
        if not path.name.endswith("_test.rego"):
            continue
        pkg = next(line.split()[1] for line in path.read_text().splitlines() if line.startswith("package "))
        for line in path.read_text().splitlines():
            if line.startswith("test_"):
                name = line.split()[0]
                results[f"{pkg}.{name}"] = evaluate(engine, f"{pkg}.{name}", {}) is True
    return results
