"""Evaluate this area's clause packages on regorus and real OPA (opa_bindings)."""

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
FIXTURES = ROOT / "tests" / "fixtures" / "policies"
CLAUSES = (
    "GEN-5",
    "ACC-11",
    "ACC-14",
    "LOG-1",
    "LOG-3",
    "ACC-5",
    "LOG-5",
    "ACC-6",
    "LOG-2",
    "TLS-8",
    "NET-2",
    "NET-4",
    "ACC-4",
    "ENC-1",
    "ENC-2",
    "ENC-5",
    "ACC-15",
    "TLS-6",
)
ENGINES = ("regorus", "opa")
_CLAUSE = re.compile(r"^#\s+clause:\s*(\S+)", re.M)
_PACKAGE = re.compile(r"^package\s+(\S+)", re.M)
# Parts of shared clauses that other engineers own (access-list views): not ours to test.
_FOREIGN = ("_access.rego", "_documents.rego", "_inventory.rego")


def _mine(path: Path) -> bool:
    text = path.read_text()
    clause = _CLAUSE.search(text)
    return clause is not None and clause[1] in CLAUSES and not path.name.endswith(_FOREIGN)


@cache
def modules(with_tests: bool = False) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(POLICIES.rglob("*.rego")):
        is_test = path.name.endswith("_test.rego")
        prod = path.with_name(path.name.replace("_test.rego", ".rego")) if is_test else path
        wanted = path.parent.name == "lib" or (prod.exists() and _mine(prod) and (with_tests or not is_test))
        if wanted:
            out[f"policies/dpp/{path.relative_to(POLICIES).as_posix()}"] = path.read_text()
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
    engine = OpaEngine()
    for path, text in modules(with_tests).items():
        engine.add_policy(path, text)
    return engine


def findings(engine: str, clause: str, input_doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {"deny": [], "warn": []}
    for pkg in packages_by_clause().get(clause, []):
        for rule in out:
            if engine == "regorus":
                reg = _regorus()
                reg.set_input_json(json.dumps(input_doc))
                try:
                    raw = reg.eval_rule_as_json(f"data.{pkg}.{rule}")
                except RuntimeError as exc:
                    if "not a valid rule path" in str(exc):
                        continue
                    raise
                out[rule] += [] if raw == "<undefined>" else json.loads(raw)
            else:
                with contextlib.suppress(OpaUndefinedError):
                    out[rule] += _opa().eval_document(f"{pkg}.{rule}", input_doc) or []
    return {k: sorted(v, key=lambda f: json.dumps(f, sort_keys=True)) for k, v in out.items()}


def rego_tests(engine: str) -> dict[str, bool]:
    tests = {k: v for k, v in modules(True).items() if k.endswith("_test.rego")}
    names = [
        (_PACKAGE.search(text)[1], m)  # type: ignore[index]
        for text in tests.values()
        for m in re.findall(r"^(test_\w+)\s+if\b", text, re.M)
    ]
    results: dict[str, bool] = {}
    for pkg, name in names:
        if engine == "regorus":
            reg = _regorus(True)
            reg.set_input_json("{}")
            try:
                results[f"{pkg}.{name}"] = reg.eval_rule_as_json(f"data.{pkg}.{name}") == "true"
            except RuntimeError:
                results[f"{pkg}.{name}"] = False
        else:
            try:
                results[f"{pkg}.{name}"] = _opa(True).eval_document(f"{pkg}.{name}", {}) is True
            except OpaUndefinedError:
                results[f"{pkg}.{name}"] = False
    return results
