"""Rego unit tests (`test_*` rules beside the policies), as `opa test` runs them, on either engine.

A test passes when its rule is defined and true, fails when it is undefined or false, and is an
error when evaluation fails. `todo_test_*` rules are reported as skipped.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from auditor.engine.base import PolicyEngine
from auditor.engine.metadata import package_of
from auditor.engine.policyset import PolicySet, load_policyset, make_engine
from auditor.engine.portability import portability_warnings
from auditor.errors import AuditorError, PolicyError
from auditor.resources import policies_dir

# Rule heads start a line (opa fmt style): `test_x if {`, `test_x := ...`, `test_x {` (v0).
_TEST_HEAD = re.compile(r"^(?P<todo>todo_)?(?P<name>test_[A-Za-z0-9_]*)\b(?!\s*\()", re.MULTILINE)


class Outcome(StrEnum):
    passed = "pass"
    failed = "fail"
    error = "error"
    skipped = "skip"


@dataclass
class RuleTestResult:
    package: str
    name: str
    file: str
    line: int
    status: Outcome
    duration_ms: float = 0.0
    message: str | None = None
    prints: list[str] = field(default_factory=list)

    @property
    def rule_path(self) -> str:
        return f"data.{self.package}.{self.name}"


@dataclass
class PolicyTestReport:
    engine: str
    dirs: list[str]
    results: list[RuleTestResult] = field(default_factory=list)
    load_error: str | None = None
    warnings: list[str] = field(default_factory=list)  # portability (auditor.engine.portability)

    def count(self, status: Outcome) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 all pass; 1 a test failed or erred; 2 the policies do not load."""
        if self.load_error is not None:
            return 2
        bad = (Outcome.failed, Outcome.error)
        return 1 if any(r.status in bad for r in self.results) else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "dirs": self.dirs,
            "load_error": self.load_error,
            "warnings": self.warnings,
            "summary": {s.value: self.count(s) for s in Outcome} | {"total": len(self.results)},
            "tests": [asdict(r) | {"status": r.status.value, "rule": r.rule_path} for r in self.results],
        }


@dataclass(frozen=True)
class _TestRule:
    package: str
    name: str
    file: str
    line: int
    todo: bool


def discover_tests(policyset: PolicySet) -> list[_TestRule]:
    """Every test_* rule of every module (one entry per name and package, first definition)."""
    found: dict[tuple[str, str], _TestRule] = {}
    for key, text in sorted(policyset.all_modules.items()):
        package = package_of(text)
        if package is None:
            continue
        for match in _TEST_HEAD.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            rule = _TestRule(package, match["name"], key, line, bool(match["todo"]))
            found.setdefault((package, rule.name), rule)
    return sorted(found.values(), key=lambda r: (r.file, r.line))


def run_policy_tests(
    dirs: Sequence[Path],
    engine_name: str = "embedded",
    *,
    include_shipped: bool = False,
    opa_url: str | None = None,
    timeout_s: float = 30.0,
    pattern: str | None = None,
) -> PolicyTestReport:
    """Load production and test modules of `dirs` (and of the shipped policies/ when asked)
    into one engine and evaluate every test rule; `pattern` filters on the rule path."""
    roots = _roots(dirs, include_shipped)
    report = PolicyTestReport(engine=engine_name, dirs=[str(r) for r in roots])
    try:
        policyset = load_policyset(roots)
    except PolicyError as exc:
        report.load_error = str(exc)
        return report
    report.warnings = [policyset.localize(w) for w in portability_warnings(policyset.modules)]
    engine = make_engine(engine_name, opa_url=opa_url, timeout_s=timeout_s)
    try:
        engine.load(policyset.all_modules)
    except PolicyError as exc:
        report.load_error = policyset.localize(str(exc))
        engine.close()
        return report
    try:
        selector = re.compile(pattern) if pattern else None
        for rule in discover_tests(policyset):
            if selector and not selector.search(f"data.{rule.package}.{rule.name}"):
                continue
            result = _run_one(engine, rule)
            result.file = policyset.display_path(rule.file)
            if result.message:
                result.message = policyset.localize(result.message)
            result.prints = [policyset.localize(p) for p in result.prints]
            report.results.append(result)
    finally:
        engine.close()
    return report


def _roots(dirs: Sequence[Path], include_shipped: bool) -> list[Path]:
    roots = ([policies_dir()] if include_shipped else []) + [Path(d) for d in dirs]
    unique: dict[Path, Path] = {}
    for root in roots:
        unique.setdefault(root.resolve(), root)
    return list(unique.values())


def _run_one(engine: PolicyEngine, rule: _TestRule) -> RuleTestResult:
    result = RuleTestResult(rule.package, rule.name, rule.file, rule.line, Outcome.skipped)
    if rule.todo:
        result.name = f"todo_{rule.name}"
        return result
    take = getattr(engine, "take_prints", None)
    if take is not None:
        take()
    started = time.perf_counter()
    try:
        value = engine.evaluate(result.rule_path, {})
    except AuditorError as exc:  # PolicyError, or EngineError from a server
        result.status, result.message = Outcome.error, str(exc)
    else:
        result.status = Outcome.passed if value is True else Outcome.failed
        if value is None:
            result.message = "undefined"
        elif value is not True:
            result.message = f"value is {value!r}, not true"
    result.duration_ms = round((time.perf_counter() - started) * 1000, 3)
    if take is not None:
        result.prints = list(take())
    return result
