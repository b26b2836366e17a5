"""Evaluate the host clauses' packages (every package whose METADATA names one of them) with
regorus and real OPA (opa_bindings); tests require both to agree."""

from __future__ import annotations

import contextlib
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

os.environ.setdefault("RUST_BACKTRACE", "0")

import regorus
from opa_bindings import OpaEngine, OpaUndefinedError

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "policies" / "dpp"
CLAUSES = ("NET-1", "NET-3", "NET-5", "GEN-4", "ACC-3", "LPP-2")
ENGINES = ("regorus", "opa")
_CLAUSE = re.compile(r"^#\s+clause:\s*(\S+)", re.M)
_PACKAGE = re.compile(r"^package\s+(\S+)", re.M)


@cache
def modules(with_tests: bool = False) -> dict[str, str]:
    """lib/ plus every production module of CLAUSES (and their *_test.rego beside them)."""
    out: dict[str, str] = {}
    for path in sorted(POLICIES.rglob("*.rego")):
        text = path.read_text()
        is_test = path.name.endswith("_test.rego")
        clause = _CLAUSE.search(text)
        wanted = path.parent.name == "lib" or (clause is not None and clause[1] in CLAUSES)
        if is_test:
            prod = path.with_name(path.name.replace("_test.rego", ".rego"))
            match = _CLAUSE.search(prod.read_text()) if prod.exists() else None
            wanted = with_tests and match is not None and match[1] in CLAUSES
        if wanted:
            out[f"policies/dpp/{path.relative_to(POLICIES).as_posix()}"] = text
    return out


@cache
def packages_by_clause() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, text in modules().items():
        clause = _CLAUSE.search(text)
        if clause and not key.endswith("_test.rego"):
            out.setdefault(clause[1], []).append(_PACKAGE.search(text)[1])  # type: ignore[index]
    return out


@cache
def _regorus(with_tests: bool = False) -> Any:
    engine = regorus.Engine()
    for path, text in modules(with_tests).items():
        engine.add_policy(path, text)
    return engine


@cache
def _opa(with_tests: bool = False) -> OpaEngine:
    """One compiled engine per process (compiling OPA is the slow part); never closed early."""
    engine = OpaEngine()
    for path, text in modules(with_tests).items():
        engine.add_policy(path, text)
    return engine


def _canon(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(findings, key=lambda f: json.dumps(f, sort_keys=True))


def findings(engine: str, clause: str, input_doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """{"deny": [...], "warn": [...]} of every package serving the clause, on one engine."""
    out: dict[str, list[dict[str, Any]]] = {"deny": [], "warn": []}
    if engine == "regorus":
        reg = _regorus()
        reg.set_input_json(json.dumps(input_doc))
        for pkg in packages_by_clause()[clause]:
            for rule in out:
                try:
                    raw = reg.eval_rule_as_json(f"data.{pkg}.{rule}")
                except RuntimeError as exc:
                    if "not a valid rule path" in str(exc):
                        continue
                    raise
                out[rule] += [] if raw == "<undefined>" else json.loads(raw)
    else:
        opa = _opa()
        for pkg in packages_by_clause()[clause]:
            for rule in out:
                with contextlib.suppress(OpaUndefinedError):
                    out[rule] += opa.eval_document(f"{pkg}.{rule}", input_doc) or []
    return {k: _canon(v) for k, v in out.items()}


def rego_tests(engine: str) -> dict[str, bool]:
    """Run every `test_*` rule of the test modules beside CLAUSES' policies."""
    results: dict[str, bool] = {}
    tests = {k: v for k, v in modules(True).items() if k.endswith("_test.rego")}
    names = [(_PACKAGE.search(text)[1], m)  # type: ignore[index]
             for text in tests.values() for m in re.findall(r"^(test_\w+)\s+if\b", text, re.M)]
    if engine == "regorus":
        reg = _regorus(True)
        reg.set_input_json("{}")
        for pkg, name in names:
            try:
                results[f"{pkg}.{name}"] = reg.eval_rule_as_json(f"data.{pkg}.{name}") == "true"
            except RuntimeError:
                results[f"{pkg}.{name}"] = False
        return results
    opa = _opa(True)
    for pkg, name in names:
        try:
            results[f"{pkg}.{name}"] = opa.eval_document(f"{pkg}.{name}", {}) is True
        except OpaUndefinedError:
            results[f"{pkg}.{name}"] = False
    return results
