"""Evaluate this area's policies with regorus (the embedded default) and real OPA (opa_bindings).

Both engines must return the same findings; tests compare them."""

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
FILES = [
    "acc/acc_1.rego",
    "acc/acc_2.rego",
    "acc/acc_3_access.rego",
    "acc/acc_4_access.rego",
    "acc/acc_7.rego",
    "acc/acc_8.rego",
    "acc/acc_9.rego",
    "acc/acc_10_access.rego",
    "lpp/lpp_1.rego",
    "lpp/lpp_3.rego",
    "log/log_6.rego",
    "enc/enc_6.rego",
    "net/net_5_access.rego",
]
_CLAUSE = re.compile(r"^#\s+clause:\s*(\S+)", re.M)
_PACKAGE = re.compile(r"^package\s+(\S+)", re.M)


def modules(with_tests: bool = False) -> dict[str, str]:
    out = {f"policies/dpp/{f}": (POLICIES / f).read_text() for f in FILES}
    if with_tests:
        for f in FILES:
            test = POLICIES / f.replace(".rego", "_test.rego")
            if test.exists():
                out[f"policies/dpp/{test.relative_to(POLICIES)}"] = test.read_text()
    return out


@cache
def test_rules() -> list[tuple[str, str]]:
    """(package, rule) of every test_* rule in this area's _test.rego files."""
    out = []
    for path, text in modules(with_tests=True).items():
        if path.endswith("_test.rego"):
            pkg = _PACKAGE.search(text)[1]  # type: ignore[index]
            out += [(pkg, name) for name in re.findall(r"^(test_\w+)\s+if", text, re.M)]
    return sorted(out)


def eval_both(path: str) -> tuple[Any, Any]:
    """Evaluate data.<path> with no input on both engines (values, or None when undefined)."""
    reg, _ = _test_engines()
    raw = reg.eval_rule_as_json(f"data.{path}")
    package, _, rule = path.rpartition(".")
    return (None if raw == "<undefined>" else json.loads(raw)), _opa_package(package).get(rule)


@cache
def _opa_package(package: str) -> dict[str, Any]:
    # One OPA query per package: preparing a query costs far more than evaluating it.
    _, opa = _test_engines()
    try:
        return opa.eval_document(package) or {}  # type: ignore[no-any-return]
    except OpaUndefinedError:
        return {}


@cache
def _test_engines() -> tuple[Any, OpaEngine]:
    return regorus_engine(with_tests=True), opa_engine(with_tests=True)


@cache
def packages_by_clause() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for text in modules().values():
        clause = _CLAUSE.search(text)
        if clause:
            out.setdefault(clause[1], []).append(_PACKAGE.search(text)[1])  # type: ignore[index]
    return out


def regorus_engine(with_tests: bool = False) -> Any:
    engine = regorus.Engine()
    for path, text in modules(with_tests).items():
        engine.add_policy(path, text)
    return engine


def opa_engine(with_tests: bool = False) -> OpaEngine:
    engine = OpaEngine()
    for path, text in modules(with_tests).items():
        engine.add_policy(path, text)
    return engine


@cache
def _engines() -> tuple[Any, OpaEngine]:
    return regorus_engine(), opa_engine()


def _canon(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(findings, key=lambda f: json.dumps(f, sort_keys=True))


def findings(clause: str, input_doc: dict[str, Any], rule: str = "deny") -> dict[str, list[dict[str, Any]]]:
    """{"regorus": [...], "opa": [...]} findings of every package serving the clause."""
    reg, opa = _engines()
    reg.set_input_json(json.dumps(input_doc))
    out: dict[str, list[dict[str, Any]]] = {"regorus": [], "opa": []}
    for pkg in packages_by_clause()[clause]:
        try:
            raw = reg.eval_rule_as_json(f"data.{pkg}.{rule}")
        except RuntimeError as exc:  # regorus: a rule the package does not define
            if "not a valid rule path" not in str(exc):
                raise
            raw = "<undefined>"
        out["regorus"] += [] if raw == "<undefined>" else json.loads(raw)
        with contextlib.suppress(OpaUndefinedError):
            out["opa"] += opa.eval_document(f"{pkg}.{rule}", input_doc) or []
    return {k: _canon(v) for k, v in out.items()}
