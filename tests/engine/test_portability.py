"""The portability lint, and the engine difference it guards against (checked on both engines,
so the test turns red if regorus or OPA ever changes)."""

from __future__ import annotations

import pytest
from opa_bindings import OpaEngine, OpaUndefinedError

from auditor.engine.portability import portability_warnings
from auditor.engine.regorus_engine import RegorusEngine

HEAD = "package p\n\nimport rego.v1\n\nf(x) if x == 1\n\n"

DIVERGENT = [
    "r if not f(input.missing)",
    "r if not count(input.missing) > 0",
    'r if not startswith(input.missing, "x")',
    "r if { some v in input.list; not f(v.missing) }",
    'r if not f(object.get(input.missing, "k", 0))',
]
PORTABLE = [
    "r if not input.missing == 1",
    'r if { v := object.get(input, "missing", 0); not f(v) }',
    'r if not f(object.get(input, "missing", 0))',
    "r if not input.missing",
    "r if count([x | some x in input.missing]) == 0",
]


def _both(rule: str) -> tuple[object, object]:
    module = HEAD + rule + "\n"
    ours = RegorusEngine()
    ours.load({"p.rego": module})
    opa = OpaEngine()
    try:
        opa.add_policy("p.rego", module)
        try:
            theirs = opa.eval_document("p.r", {"list": [{"k": 1}]})
        except OpaUndefinedError:
            theirs = None
    finally:
        opa.close()
    return ours.evaluate("data.p.r", {"list": [{"k": 1}]}), theirs


@pytest.mark.parametrize("rule", DIVERGENT)
def test_flagged_rules_do_differ_and_are_flagged(rule: str) -> None:
    assert _both(rule) == (True, None)
    [warning] = portability_warnings({"p.rego": HEAD + rule + "\n"})
    assert warning.startswith("p.rego:7:")
    assert "object.get" in warning


@pytest.mark.parametrize("rule", PORTABLE)
def test_portable_rules_agree_and_are_not_flagged(rule: str) -> None:
    ours, theirs = _both(rule)
    assert ours == theirs
    assert portability_warnings({"p.rego": HEAD + rule + "\n"}) == []


def test_syntax_errors_are_left_to_load() -> None:
    assert portability_warnings({"p.rego": "package p\n\nx := [\n"}) == []
