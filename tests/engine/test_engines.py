"""Behaviour every PolicyEngine backend shares: eager errors with file:line:col, undefined -> None,
sets as lists. Each test runs on the embedded engine and on the OPA-server backend (harness)."""

from __future__ import annotations

import re

import pytest

from auditor.engine.base import PolicyEngine
from auditor.errors import PolicyError

GOOD = """package sample.good

import rego.v1

import data.sample.lib.util as u

deny contains f if {
	some name, host in input.hosts
	host.open
	f := {"clause": "X-1", "check": "X-1.a", "target": name, "msg": u.describe(name)}
}

tags contains t if some t in ["b", "a", "c"]

complete := 3

mocked if {
	count([1]) == 7 with count as fake_count
}

fake_count(_) := 7
"""

LIB = """package sample.lib.util

import rego.v1

describe(name) := sprintf("host %v is open", [name])
"""


def _load(engine: PolicyEngine, modules: dict[str, str]) -> PolicyEngine:
    engine.load(modules)
    return engine


def test_evaluates_set_rules_as_lists(engine: PolicyEngine) -> None:
    _load(engine, {"p/good.rego": GOOD, "p/lib/util.rego": LIB})
    value = engine.evaluate("data.sample.good.deny", {"hosts": {"h1": {"open": True}, "h2": {"open": False}}})
    assert value == [{"clause": "X-1", "check": "X-1.a", "target": "h1", "msg": "host h1 is open"}]
    assert sorted(engine.evaluate("data.sample.good.tags", {})) == ["a", "b", "c"]
    assert engine.evaluate("data.sample.good.complete", {}) == 3
    assert engine.evaluate("data.sample.good.mocked", {}) is True


def test_undefined_rules_are_none(engine: PolicyEngine) -> None:
    _load(engine, {"p/good.rego": GOOD, "p/lib/util.rego": LIB})
    assert engine.evaluate("data.sample.good.warn", {}) is None
    assert engine.evaluate("data.sample.nothing.deny", {}) is None
    assert engine.evaluate("data.sample.good.deny", {}) == []


def test_evaluate_many_matches_evaluate(engine: PolicyEngine) -> None:
    _load(engine, {"p/good.rego": GOOD, "p/lib/util.rego": LIB})
    doc = {"hosts": {"h1": {"open": True}}}
    paths = [
        "data.sample.good.deny",
        "data.sample.good.warn",
        "data.sample.good.complete",
        "data.sample.lib.util.x",
    ]
    many = engine.evaluate_many(paths, doc)  # type: ignore[attr-defined]
    assert many == {p: engine.evaluate(p, doc) for p in paths}


def _error(engine: PolicyEngine, modules: dict[str, str]) -> str:
    with pytest.raises(PolicyError) as info:
        engine.load(modules)
    message = str(info.value)
    assert "\n" not in message
    assert "backtrace" not in message.lower()
    return message


def test_parse_error_names_file_line_col(engine: PolicyEngine) -> None:
    broken = "package sample.broken\n\nimport rego.v1\n\ndeny contains f if {\n\tf := 1 +\n}\n"
    message = _error(engine, {"p/good.rego": GOOD, "p/lib/util.rego": LIB, "p/broken.rego": broken})
    match = re.match(r"^p/broken\.rego:(\d+):(\d+): \S", message)
    assert match, message
    assert int(match[1]) in (6, 7)


def test_unknown_builtin_fails_at_load_even_if_unreachable(engine: PolicyEngine) -> None:
    # The call sits behind a condition an empty input never satisfies: only a static check sees it.
    text = (
        "package sample.unknown\n\nimport rego.v1\n\n"
        "deny contains f if {\n\tinput.never == 1\n\tf := strings.no_such_builtin(input.x)\n}\n"
    )
    message = _error(engine, {"p/unknown.rego": text})
    assert re.match(r"^p/unknown\.rego:7:\d+: .*strings\.no_such_builtin", message), message


def test_missing_builtin_of_regorus_is_reported(engine: PolicyEngine) -> None:
    text = "package sample.meta\n\nimport rego.v1\n\nx := rego.metadata.rule()\n"
    if engine.name == "opa":
        engine.load({"p/meta.rego": text})  # real OPA has it
        return
    message = _error(engine, {"p/meta.rego": text})
    assert message.startswith("p/meta.rego:5:"), message
    assert "rego.metadata.rule" in message


def test_undefined_user_function_through_import(engine: PolicyEngine) -> None:
    text = "package sample.imp\n\nimport rego.v1\n\nimport data.sample.lib.util\n\nx := util.nope(1)\n"
    message = _error(engine, {"p/imp.rego": text, "p/lib/util.rego": LIB})
    assert message.startswith("p/imp.rego:7:"), message


def test_conflicting_complete_rules_fail_at_load(engine: PolicyEngine) -> None:
    a = "package sample.conflict\n\nimport rego.v1\n\nx := 1\n"
    b = "package sample.conflict\n\nimport rego.v1\n\nx := 2\n"
    message = _error(engine, {"p/a.rego": a, "p/b.rego": b})
    assert re.match(r"^p/[ab]\.rego:\d+:\d+: ", message), message


def test_reload_replaces_modules(engine: PolicyEngine) -> None:
    _load(engine, {"p/good.rego": GOOD, "p/lib/util.rego": LIB})
    _load(engine, {"p/other.rego": "package sample.other\n\nimport rego.v1\n\ny := 1\n"})
    assert engine.evaluate("data.sample.other.y", {}) == 1
    assert engine.evaluate("data.sample.good.complete", {}) is None


def test_data_is_visible(engine: PolicyEngine) -> None:
    text = "package sample.d\n\nimport rego.v1\n\nlimit := data.limits.max\n"
    engine.load({"p/d.rego": text}, {"limits": {"max": 5}})
    assert engine.evaluate("data.sample.d.limit", {}) == 5


def test_input_is_replaced_between_calls(engine: PolicyEngine) -> None:
    _load(engine, {"p/good.rego": GOOD, "p/lib/util.rego": LIB})
    one = engine.evaluate("data.sample.good.deny", {"hosts": {"a": {"open": True}}})
    two = engine.evaluate("data.sample.good.deny", {"hosts": {"b": {"open": True}}})
    assert [f["target"] for f in one] == ["a"]
    assert [f["target"] for f in two] == ["b"]


def test_malformed_rule_path_is_refused(engine: PolicyEngine) -> None:
    _load(engine, {"p/good.rego": GOOD, "p/lib/util.rego": LIB})
    with pytest.raises(PolicyError):
        engine.evaluate("sample.good.deny", {})
