"""The embedded backend: Microsoft's regorus (PyPI gordon-to-regorus, import `regorus`).

regorus compiles lazily: a call to an unknown function or a conflicting rule is only reported
when evaluation reaches it. `load()` therefore checks every call in the AST against regorus's
builtins, the registered polyfills and the user functions, and evaluates every rule once with
an empty input, so a broken policy fails at load with file:line:col (see rego-engines.md).

One engine per process: regorus is not thread-safe and holds the GIL.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

# Rust backtraces are slow to capture and unreadable in a one-line error: off before import.
os.environ["RUST_BACKTRACE"] = "0"
os.environ["RUST_LIB_BACKTRACE"] = "0"

import regorus

from auditor.engine import polyfills
from auditor.engine.base import PolicyEngine
from auditor.errors import PolicyError

_UNDEFINED = "<undefined>"
_LOCATION = re.compile(r"-->\s*(?P<file>.+?):(?P<row>\d+):(?P<col>\d+)\s*$", re.MULTILINE)
_ERROR_TEXT = re.compile(r"^error:\s*(?P<text>.*)$", re.MULTILINE)
_RULE_PATH = re.compile(r"^data(\.[A-Za-z_][A-Za-z0-9_]*)+$")
_NOT_A_RULE = "not a valid rule path"
_UNKNOWN_FUNCTION = "could not find function"


def regorus_message(exc: BaseException) -> str:
    """Turn a regorus RuntimeError into `file:line:col: text` (backtrace stripped)."""
    raw = str(exc).split("Stack backtrace:", 1)[0].strip()
    loc = _LOCATION.search(raw)
    texts = _ERROR_TEXT.findall(raw)
    text = texts[-1].strip() if texts else raw.splitlines()[-1].strip() if raw else "unknown error"
    if loc:
        return f"{loc['file']}:{loc['row']}:{loc['col']}: {text}"
    return text


def _is_not_a_rule(exc: BaseException) -> bool:
    """regorus's answer for an undefined rule; once a backtrace was captured in the process
    (RUST_BACKTRACE set by anyone) the text carries it, so compare without it."""
    return str(exc).split("Stack backtrace:", 1)[0].strip() == _NOT_A_RULE


def _policy_error(exc: BaseException, fallback_file: str | None = None) -> PolicyError:
    message = regorus_message(exc)
    if fallback_file and not _LOCATION.search(str(exc)):
        message = f"{fallback_file}:1:1: {message}"
    return PolicyError(message)


class RegorusEngine(PolicyEngine):
    name: ClassVar[str] = "embedded"

    def __init__(self, *, with_polyfills: bool = True) -> None:
        self._with_polyfills = with_polyfills
        self._engine: Any = None
        self._input_json: str | None = None
        self._rules: list[str] = []

    # -- loading -----------------------------------------------------------------------

    def load(self, modules: dict[str, str], data: dict[str, Any] | None = None) -> None:
        # Raise only after the half-built regorus engine is gone: an exception whose traceback
        # keeps it alive lets the garbage collector drop it on another thread, which pyo3 refuses.
        message: str | None = None
        try:
            engine, rules = _build(modules, data, self._with_polyfills)
        except PolicyError as exc:
            message = str(exc)
        if message is not None:
            raise PolicyError(message)
        self._engine, self._rules = engine, rules
        self._input_json = None

    @property
    def rules(self) -> list[str]:
        """Every rule path of the loaded modules (functions and test_* rules excluded)."""
        return list(self._rules)

    # -- evaluation --------------------------------------------------------------------

    def evaluate(self, rule_path: str, input_doc: dict[str, Any]) -> Any:
        self._set_input(input_doc)
        return self._eval(rule_path)

    def evaluate_many(self, rule_paths: Iterable[str], input_doc: dict[str, Any]) -> dict[str, Any]:
        """Evaluate several rule paths against one input (set once); {path: value or None}."""
        self._set_input(input_doc)
        return {path: self._eval(path) for path in rule_paths}

    def evaluate_isolated(
        self, rule_paths: Iterable[str], input_doc: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """regorus evaluates path by path anyway: catch each path's error where it happens."""
        self._set_input(input_doc)
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for path in dict.fromkeys(rule_paths):
            try:
                values[path] = self._eval(path)
            except PolicyError as exc:
                errors[path] = str(exc)
        return values, errors

    def take_prints(self) -> list[str]:
        """Output of Rego print() for the current input since the last call ("file:line: text")."""
        if self._engine is None:
            return []
        return list(self._engine.take_prints())

    def close(self) -> None:
        self._engine = None
        self._input_json = None

    def _require_loaded(self) -> Any:
        if self._engine is None:
            raise PolicyError("no policies loaded: call load() first")
        return self._engine

    def _set_input(self, input_doc: dict[str, Any]) -> None:
        engine = self._require_loaded()
        text = json.dumps(input_doc, separators=(",", ":"))
        if text != self._input_json:
            try:
                engine.set_input_json(text)
            except RuntimeError as exc:
                raise PolicyError(f"input document: {regorus_message(exc)}") from None
            self._input_json = text
            engine.take_prints()  # prints of earlier inputs are not wanted any more

    def _eval(self, rule_path: str) -> Any:
        if not _RULE_PATH.match(rule_path):
            raise PolicyError(f"not a rule path: {rule_path!r} (expected data.<package>.<rule>)")
        try:
            raw = self._engine.eval_rule_as_json(rule_path)
        except RuntimeError as exc:
            if _is_not_a_rule(exc):
                return None
            raise _policy_error(exc) from None
        value = json.loads(raw)
        return None if value == _UNDEFINED else value


def _build(
    modules: dict[str, str], data: dict[str, Any] | None, with_polyfills: bool
) -> tuple[Any, list[str]]:
    engine = regorus.Engine()
    engine.set_gather_prints(True)  # the core is silent: print() output is taken, never written
    extensions = polyfills.register_regorus(engine) if with_polyfills else set()
    for path in sorted(modules):
        try:
            engine.add_policy(path, modules[path])
        except RuntimeError as exc:
            raise _policy_error(exc, path) from None
    if data:
        try:
            engine.add_data_json(json.dumps(data))
        except RuntimeError as exc:
            raise PolicyError(f"policy data: {regorus_message(exc)}") from None
    try:
        ast = json.loads(engine.get_ast_as_json())
    except RuntimeError as exc:  # pragma: no cover - the policies parsed above
        raise _policy_error(exc) from None
    index = _index_modules(ast)
    _check_calls(index, extensions)
    rules = sorted({f"data.{pkg}.{rule}" for pkg, rule in index.rules})
    _evaluate_each_rule(engine, rules)
    engine.take_prints()
    return engine, rules


# -- static checks on the AST -------------------------------------------------------------


@dataclass
class _Call:
    file: str
    package: str
    name: str
    arity: int
    line: int
    col: int


@dataclass
class _Index:
    rules: set[tuple[str, str]]  # (package, first name segment) of non-function, non-test rules
    functions: set[str]  # full paths "pkg.name" of user functions
    calls: list[_Call]


def _index_modules(ast: list[dict[str, Any]]) -> _Index:
    index = _Index(rules=set(), functions=set(), calls=[])
    for module in ast:
        file = module["source"]["file"]
        body = module["ast"]
        package = ".".join(_ref_names(body["package"]["refr"]))
        aliases = _import_aliases(body.get("imports", []), module["source"]["contents"])
        for rule in body.get("rules", []):
            kind, node = next(iter(rule.items()))
            name, is_function = _rule_name(kind, node)
            if name is None:
                continue
            if is_function:
                index.functions.add(f"{package}.{name}")
            elif not name.split(".")[0].startswith("test_"):
                index.rules.add((package, name.split(".")[0]))
        for call in _calls(body.get("rules", [])):
            names = _ref_names(call["fcn"])
            if not names:
                continue  # a call on something other than a plain reference
            line, col = _leftmost_span(call["fcn"])
            head = names[0]
            if head in aliases:
                names = aliases[head] + names[1:]
            elif head == "data":
                names = names[1:]
            else:
                index.calls.append(_Call(file, package, ".".join(names), len(call["params"]), line, col))
                continue
            index.calls.append(
                _Call(file, package, "data." + ".".join(names), len(call["params"]), line, col)
            )
    return index


def _rule_name(kind: str, node: dict[str, Any]) -> tuple[str | None, bool]:
    if kind == "Default":
        return ".".join(_ref_names(node["refr"])) or None, False
    head = node.get("head", {})
    if not head:
        return None, False
    head_kind, head_node = next(iter(head.items()))
    names = _ref_names(head_node.get("refr", {}))
    return (".".join(names) or None), head_kind == "Func"


def _import_aliases(imports: list[dict[str, Any]], contents: str) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for imp in imports:
        names = _ref_names(imp["refr"])
        if not names or names[0] != "data":
            continue
        alias_span = imp.get("as")
        alias = contents[alias_span["start"] : alias_span["end"]] if alias_span else names[-1]
        aliases[alias] = names[1:]
    return aliases


def _ref_names(node: dict[str, Any]) -> list[str]:
    """["a", "b", "c"] for the reference a.b.c (or a["b"].c); [] if not a plain reference."""
    if not isinstance(node, dict) or len(node) != 1:
        return []
    kind, inner = next(iter(node.items()))
    if kind == "Var":
        return [inner["value"]]
    if kind == "RefDot":
        base = _ref_names(inner["refr"])
        return [*base, inner["field"][1]] if base else []
    if kind == "RefBrack":
        base = _ref_names(inner["refr"])
        index = inner.get("index", {})
        if base and isinstance(index, dict) and "String" in index:
            return [*base, index["String"]["value"]]
    return []


def _leftmost_span(node: Any) -> tuple[int, int]:
    best: tuple[int, int] | None = None
    for span in _spans(node):
        pos = (span["line"], span["col"])
        if best is None or pos < best:
            best = pos
    return best or (1, 1)


def _spans(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        span = node.get("span")
        if isinstance(span, dict) and "line" in span:
            yield span
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


def _calls(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Call" and isinstance(value, dict) and "fcn" in value:
                yield value
            yield from _calls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _calls(value)


def _check_calls(index: _Index, extensions: set[str]) -> None:
    problems: list[tuple[str, int, int, str]] = []
    for call in index.calls:
        if call.name.startswith("data."):
            target = call.name[len("data.") :]
            if target not in index.functions:
                problems.append((call.file, call.line, call.col, f"undefined function {call.name}"))
            continue
        if f"{call.package}.{call.name}" in index.functions or call.name in extensions:
            continue
        if not _is_builtin(call.name, call.arity):
            problems.append((call.file, call.line, call.col, f"undefined function {call.name}"))
    if problems:
        problems.sort()
        file, line, col, text = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PolicyError(f"{file}:{line}:{col}: {text}{more}")


@cache
def _is_builtin(name: str, arity: int) -> bool:
    """Ask regorus whether it knows `name` (a probe policy calling it with null arguments)."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", name):
        return False
    probe = regorus.Engine()
    probe.set_gather_prints(True)  # probing print() must not print
    args = ", ".join(["null"] * arity)
    probe.add_policy("probe.rego", f"package probe\nimport rego.v1\nr if {{ {name}({args}) }}\n")
    probe.set_input_json("{}")
    try:
        probe.eval_rule_as_json("data.probe.r")
    except RuntimeError as exc:
        return _UNKNOWN_FUNCTION not in str(exc)
    return True


def _evaluate_each_rule(engine: Any, rules: list[str]) -> None:
    """Surface what regorus reports only at evaluation (conflicts, unknown functions)."""
    engine.set_input_json("{}")
    for rule in rules:
        try:
            engine.eval_rule_as_json(rule)
        except RuntimeError as exc:
            if _is_not_a_rule(exc):
                continue
            raise _policy_error(exc) from None
