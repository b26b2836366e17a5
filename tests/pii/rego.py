"""Evaluate the PII clauses' packages (DEF-1, DEF-2, LOG-4, RET-6, LOG-7 log side) on regorus and
on real OPA (opa_bindings), including their *_test.rego unit tests."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

os.environ.setdefault("RUST_BACKTRACE", "0")

import regorus
from opa_bindings import OpaEngine, OpaUndefinedError

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "policies" / "dpp"
FILES = ("def/def_1", "def/def_2", "log/log_4", "log/log_7_logs", "ret/ret_6")
_TEST_RULE = re.compile(r"^(test_[A-Za-z0-9_]+)\s+if\b", re.M)


def modules(with_tests: bool) -> dict[str, str]:
    out = {}
    for f in FILES:
        out[f"{f}.rego"] = (POLICIES / f"{f}.rego").read_text()
        if with_tests:
            out[f"{f}_test.rego"] = (POLICIES / f"{f}_test.rego").read_text()
    return out


def package(f: str) -> str:
    return "dpp." + f.replace("/", ".")


def unit_tests() -> list[tuple[str, str]]:
    return [(package(f), name) for f in FILES
            for name in _TEST_RULE.findall((POLICIES / f"{f}_test.rego").read_text())]


class Engines:
    def __init__(self, with_tests: bool) -> None:
        mods = modules(with_tests)
        self.regorus = regorus.Engine()
        for path, text in mods.items():
            self.regorus.add_policy(path, text)
        self.opa = OpaEngine()
        for path, text in sorted(mods.items()):
            self.opa.add_policy(path, text)

    def both(self, rule: str, input_doc: dict[str, Any]) -> tuple[Any, Any]:
        import json

        self.regorus.set_input_json(json.dumps(input_doc))
        raw = self.regorus.eval_rule_as_json(rule)
        reg = None if raw == "<undefined>" else json.loads(raw)
        try:
            opa = self.opa.eval_document(rule.removeprefix("data."), input_doc)
        except OpaUndefinedError:
            opa = None
        return reg, opa

    def close(self) -> None:
        self.opa.close()
